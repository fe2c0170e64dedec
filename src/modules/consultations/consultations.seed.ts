import { and, eq, inArray } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import { newId } from '../../platform/ids.js';
import { users } from '../auth/auth.tables.js';
import { catalogItems } from '../catalog/catalog.tables.js';
import { notifications } from '../cases/cases.tables.js';
import { centers } from '../org/org.tables.js';
import { consultations } from './consultations.tables.js';

/**
 * Demo questions of the demo citizen (刘大山, 青山村) to 青山镇便民服务中心 and the county hall: some
 * answered (one published to the item's FAQ), some open for the workbench's 待答复 tab, one closed as a
 * duplicate. Times are days before `now`. Runs inside the demo seed's transaction.
 */

interface DemoQuestion {
  center: string;
  item: string | null;
  daysAgo: number;
  question: string;
  answer?: { by: string; hoursLater: number; text: string };
  published?: boolean;
  closed?: string;
}

const TOWN = '青山镇便民服务中心';
const COUNTY = '示范县政务服务中心';

const QUESTIONS: DemoQuestion[] = [
  {
    center: TOWN,
    item: '耕地地力保护补贴申报',
    daysAgo: 40,
    question: '我家承包地有5亩，去年流转给邻居种了，今年的耕地地力保护补贴应该由谁来申报？需要带什么材料？',
    answer: {
      by: 'town.clerk',
      hoursLater: 3,
      text: '您好！耕地流转的，补贴对象按您和邻居签订的流转合同约定确定；合同没有约定的，补贴给承包户，也就是您家。申报时请带户主身份证、户口簿、土地承包经营权证书和流转合同，到青山村便民服务室找代办员登记，或到镇便民服务中心农业农村窗口办理。本年度申报时间为3月25日至4月15日。',
    },
    published: true,
  },
  {
    center: TOWN,
    item: '临时救助',
    daysAgo: 12,
    question: '家里老人突发脑梗住院，自费部分花了两万多，家里实在困难，可以申请临时救助吗？老人现在还在医院，能不能由我代他申请？',
    answer: {
      by: 'town.director',
      hoursLater: 5,
      text: '您好！因突发重大疾病导致基本生活暂时出现严重困难的，可以申请临时救助。老人住院期间，可以由您作为家属代为申请，请带老人和您的身份证、户口簿，以及住院费用清单或发票，到村便民服务室交给代办员，或直接到镇便民服务中心社会事务窗口申请。情况紧急的，镇里可以先行救助。',
    },
  },
  {
    center: TOWN,
    item: null,
    daysAgo: 8,
    question: '请问镇便民服务中心周六上午有人上班吗？我平时在县城打工，只有周末有空回来办事。',
    answer: {
      by: 'town.clerk',
      hoursLater: 2,
      text: '您好！镇便民服务中心周一至周五上午8:30-12:00、下午14:30-17:30办公，周六不对外办公。您可以提前一天打电话预约，我们安排延时办理；能代办的事项，也可以委托村便民服务室的代办员帮您办，不用专门回来。',
    },
  },
  {
    center: TOWN,
    item: '城乡居民医疗保险参保登记',
    daysAgo: 6,
    question: '孩子刚出生两个月，医保怎么给孩子参保？能不能在村里办，需要带什么？',
    answer: {
      by: 'town.clerk',
      hoursLater: 4,
      text: '您好！新生儿在出生后90天内参保缴费的，从出生之日起享受医保待遇，请尽快办理。带上孩子的出生医学证明、户口簿和监护人身份证，到村便民服务室或镇人力资源和社会保障所都可以办理，当场就能办好。',
    },
  },
  {
    center: TOWN,
    item: '城乡居民医疗保险参保登记',
    daysAgo: 6,
    question: '孩子刚出生两个月，医保怎么参保？在哪里办？',
    closed: '与您同日提出的另一条咨询重复，已在那一条中答复，请在“我的咨询”中查看。',
  },
  {
    center: TOWN,
    item: '农村村民宅基地审批',
    daysAgo: 1,
    question: '我儿子明年结婚，想在村里申请一块宅基地建房。现在住的老房子在我名下，儿子能不能以自己的名义单独申请？大概多久能批下来？',
  },
  {
    center: COUNTY,
    item: '最低生活保障审核确认',
    daysAgo: 2,
    question: '我今年做了手术，干不了重活，家里只有老伴种点地，这种情况能不能申请低保？申请以后多长时间能批下来？',
  },
];

export async function seedDemoConsultations(tx: Executor, ids: { countyId: string; now?: Date }): Promise<number> {
  const now = ids.now ?? new Date();
  const people = await tx
    .select({ id: users.id, username: users.username, name: users.displayName })
    .from(users)
    .where(inArray(users.username, ['citizen', 'town.clerk', 'town.director']));
  const citizen = people.find((p) => p.username === 'citizen');
  if (!citizen) return 0;
  const centerRows = await tx
    .select({ id: centers.id, name: centers.name })
    .from(centers)
    .where(and(eq(centers.countyId, ids.countyId), inArray(centers.name, [TOWN, COUNTY])));
  let n = 0;
  for (const q of QUESTIONS) {
    const center = centerRows.find((c) => c.name === q.center);
    if (!center) continue;
    let itemId: string | null = null;
    if (q.item) {
      const [item] = await tx
        .select({ id: catalogItems.id })
        .from(catalogItems)
        .where(and(eq(catalogItems.centerId, center.id), eq(catalogItems.name, q.item)));
      if (!item) continue;
      itemId = item.id;
    }
    const asked = new Date(now.getTime() - q.daysAgo * 86_400_000);
    const staff = q.answer ? people.find((p) => p.username === q.answer!.by) : undefined;
    const answeredAt = q.answer ? new Date(asked.getTime() + q.answer.hoursLater * 3_600_000) : q.closed ? new Date(asked.getTime() + 3_600_000) : null;
    const id = newId();
    await tx.insert(consultations).values({
      id,
      countyId: ids.countyId,
      userId: citizen.id,
      askerName: citizen.name,
      centerId: center.id,
      itemId,
      question: q.question,
      status: q.answer ? 'answered' : q.closed ? 'closed' : 'open',
      answer: q.answer?.text ?? q.closed ?? null,
      answeredBy: staff?.id ?? null,
      answeredByName: staff?.name ?? null,
      answeredAt,
      publishedAt: q.published && answeredAt ? new Date(answeredAt.getTime() + 86_400_000) : null,
      version: q.answer || q.closed ? 2 : 1,
      createdAt: asked,
      updatedAt: answeredAt ?? asked,
    });
    if (answeredAt) {
      const subject = q.item ?? q.center;
      await tx.insert(notifications).values({
        userId: citizen.id,
        channel: 'in_app',
        title: q.answer ? '您的咨询已答复' : '您的咨询已关闭',
        body: q.answer ? `${q.center}已答复您关于「${subject}」的咨询，请在“我的咨询”中查看。` : `${q.center}关闭了您关于「${subject}」的咨询：${q.closed}`,
        status: 'sent',
        attempts: 1,
        createdAt: answeredAt,
        sentAt: answeredAt,
        readAt: q.daysAgo > 7 ? answeredAt : null,
      });
    }
    n++;
  }
  return n;
}
