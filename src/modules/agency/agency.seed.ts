import { deflateSync } from 'node:zlib';
import { and, eq, gte, inArray, isNotNull } from 'drizzle-orm';
import type { Executor } from '../../db/client.js';
import type { Crypto } from '../../platform/crypto.js';
import { newId } from '../../platform/ids.js';
import { findOrCreateApplicant } from '../applicants/applicants.repo.js';
import { roleGrants, users } from '../auth/auth.tables.js';
import { addDays, addWorkingDays, businessDate, CalendarYearMissingError, type WorkCalendar } from '../calendar/calendar.rules.js';
import { loadCalendar } from '../calendar/calendar.service.js';
import { catalogItems, catalogItemVersions } from '../catalog/catalog.tables.js';
import { applicants } from '../applicants/applicants.tables.js';
import { caseEvents, caseMaterialFiles, cases } from '../cases/cases.tables.js';
import { insertFile } from '../files/files.repo.js';
import { centers, regions } from '../org/org.tables.js';
import { makeIdNumber, makeMobile } from '../seed/codes.js';
import { agencyMandateFiles, agencyMandates, agentTrainings } from './agency.tables.js';

/**
 * Demo data of the village agency (DEMO ONLY: called from seed/demo.ts after the demo cases): training
 * records of every demo agent, a mandate (consent signature, a material photo) behind each case the
 * demo agents carried up in the last two months — with the dates the rule would give them, a few late,
 * the delivered ones handed over with the villager's signature — and a few matters still waiting in
 * the village room (one of them late). Runs inside the demo seed's transaction.
 */

export interface DemoAgencySummary {
  trainings: number;
  mandates: number;
  late: number;
  handedOver: number;
}

// ---------------------------------------------------------------------------------------------------
// Small generated images: a signature scribble and a "photo" of a document (real PNGs, a few KB)

const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(b: Buffer): number {
  let c = 0xffffffff;
  for (const x of b) c = CRC_TABLE[(c ^ x) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const td = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(td));
  return Buffer.concat([len, td, crc]);
}
/** A grayscale PNG from a pixel function (0 = black, 255 = white). */
function png(width: number, height: number, pixel: (x: number, y: number) => number): Buffer {
  const raw = Buffer.alloc((width + 1) * height);
  for (let y = 0; y < height; y++) {
    raw[y * (width + 1)] = 0;
    for (let x = 0; x < width; x++) raw[y * (width + 1) + 1 + x] = pixel(x, y);
  }
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 0; // grayscale
  return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk('IHDR', ihdr), chunk('IDAT', deflateSync(raw)), chunk('IEND', Buffer.alloc(0))]);
}

/** A handwritten-looking stroke, different per seed. */
export function signaturePng(seed: number): Buffer {
  const w = 240;
  const h = 80;
  const a = 1 + (seed % 5) * 0.35;
  const b = 2 + (seed % 3);
  const ys = Array.from({ length: w }, (_, x) => h / 2 + Math.sin((x / w) * Math.PI * b + seed) * 18 * Math.cos((x / w) * a * 3));
  return png(w, h, (x, y) => {
    if (x < 16 || x > w - 16) return 255;
    const d = Math.abs(y - ys[x]);
    return d < 1.6 ? 30 : d < 2.6 ? 140 : 255;
  });
}

/** A pale "photographed page": text lines on paper. */
export function documentPng(seed: number): Buffer {
  const w = 200;
  const h = 140;
  return png(w, h, (x, y) => {
    if (x < 12 || x > w - 12 || y < 10 || y > h - 10) return 120;
    const line = Math.floor((y - 16) / 12);
    const inLine = (y - 16) % 12 < 3 && y > 16;
    const len = w - 40 - ((line * 37 + seed * 13) % 60);
    return inLine && x > 24 && x < len ? 70 : 238;
  });
}

// ---------------------------------------------------------------------------------------------------

const TRAININGS: { title: string; hours: number; daysAgo: number; organizer: (town: string) => string; note: string }[] = [
  { title: '村级代办员岗前培训', hours: 8, daysAgo: 290, organizer: () => '示范县政务服务和数据管理局', note: '代办流程、委托书签署、材料拍照要求' },
  { title: '社保医保类事项代办业务培训', hours: 3.5, daysAgo: 150, organizer: (t) => `${t}便民服务中心`, note: '养老、医保参保与待遇申领的材料与时限' },
  { title: '代办 App 离线登记与同步操作培训', hours: 2, daysAgo: 40, organizer: (t) => `${t}便民服务中心`, note: '' },
  { title: '适老化服务与个人信息保护', hours: 1.5, daysAgo: 12, organizer: () => '示范县政务服务和数据管理局', note: '身份证号、手机号等个人信息不外传' },
];

const STATEMENT = (name: string, village: string) => `本人${name}委托${village}代办员代为办理该事项，同意其代为收取、拍照和提交申请材料，并代为领取办理结果。`;

/** Seeds the agency demo for the county. `now` pins the business date (as the case seed does). */
export async function seedDemoAgency(tx: Executor, opts: { countyId: string; crypto: Crypto; now?: Date; workdays?: number }): Promise<DemoAgencySummary> {
  const now = opts.now ?? new Date();
  const today = businessDate(now);
  const workdays = opts.workdays ?? 3;
  const summary: DemoAgencySummary = { trainings: 0, mandates: 0, late: 0, handedOver: 0 };
  let cal: WorkCalendar;
  try {
    cal = await loadCalendar(tx, addDays(today, -400), addDays(today, 400));
    cal.isWorkday(today);
  } catch (e) {
    if (e instanceof CalendarYearMissingError) return summary;
    throw e;
  }
  /** The working day `n` working days before `date` (n ≥ 0). */
  const workdaysBefore = (date: string, n: number): string => {
    let d = date;
    for (let left = n; left > 0; ) {
      d = addDays(d, -1);
      if (cal.isWorkday(d)) left--;
    }
    return d;
  };

  const agents = await tx
    .select({ id: users.id, name: users.displayName, centerId: centers.id, centerName: centers.name, regionParent: regions.parentId })
    .from(roleGrants)
    .innerJoin(users, eq(users.id, roleGrants.userId))
    .innerJoin(centers, eq(centers.id, roleGrants.scopeCenterId))
    .innerJoin(regions, eq(regions.id, centers.regionId))
    .where(and(eq(roleGrants.role, 'village_agent'), eq(roleGrants.active, true), eq(users.countyId, opts.countyId)))
    .orderBy(users.username);
  if (agents.length === 0) return summary;
  const towns = new Map((await tx.select({ id: regions.id, name: regions.name }).from(regions).where(inArray(regions.id, agents.map((a) => a.regionParent!).filter(Boolean)))).map((r) => [r.id, r.name]));

  // --- Trainings -----------------------------------------------------------------------------------
  const trainingRows: (typeof agentTrainings.$inferInsert)[] = [];
  agents.forEach((a, i) => {
    for (const [j, t] of TRAININGS.entries()) {
      if (i === 2 && j === 1) continue; // one agent missed a session
      trainingRows.push({
        countyId: opts.countyId,
        agentId: a.id,
        title: t.title,
        trainedOn: addDays(today, -t.daysAgo - i),
        hoursTenths: Math.round(t.hours * 10),
        organizer: t.organizer(towns.get(a.regionParent ?? '') ?? '示范县'),
        note: t.note,
      });
    }
  });
  await tx.insert(agentTrainings).values(trainingRows);
  summary.trainings = trainingRows.length;

  // --- Mandates behind the agents' cases of the last two months -----------------------------------------
  const since = new Date(now.getTime() - 62 * 86_400_000);
  const agentCases = await tx
    .select({ c: cases, applicantName: applicants.name, content: catalogItemVersions.content })
    .from(cases)
    .innerJoin(applicants, eq(applicants.id, cases.applicantId))
    .innerJoin(catalogItemVersions, and(eq(catalogItemVersions.itemId, cases.itemId), eq(catalogItemVersions.version, cases.itemVersion)))
    .where(and(eq(cases.channel, 'agent'), isNotNull(cases.agentId), inArray(cases.agentId, agents.map((a) => a.id)), gte(cases.receivedAt, since)))
    .orderBy(cases.receivedAt);

  let n = 0;
  const mandateRows: (typeof agencyMandates.$inferInsert)[] = [];
  const fileLinks: (typeof agencyMandateFiles.$inferInsert)[] = [];
  const caseFiles: (typeof caseMaterialFiles.$inferInsert)[] = [];
  const events: (typeof caseEvents.$inferInsert)[] = [];
  for (const { c, applicantName, content } of agentCases) {
    const a = agents.find((x) => x.id === c.agentId)!;
    n++;
    const receivedAt = new Date(c.receivedAt);
    const submittedOn = businessDate(receivedAt);
    // Most matters go up the day they are collected or within two working days; every seventh runs late.
    const lag = n % 7 === 0 ? workdays + 1 + (n % 2) : n % 3;
    const collectedOn = workdaysBefore(submittedOn, lag);
    const collectedAt = new Date(`${collectedOn}T${String(1 + (n % 6)).padStart(2, '0')}:20:00Z`);
    const dueOn = addWorkingDays(cal, collectedOn, workdays);
    if (submittedOn > dueOn) summary.late++;
    const id = newId();
    const signedAt = new Date(collectedAt.getTime() - 10 * 60_000).toISOString();
    const consent = await insertFile(tx, { countyId: opts.countyId, purpose: 'agency_consent', name: '委托书签名.png', mime: 'image/png', content: signaturePng(n), createdBy: a.id });
    const material = content.materials[0];
    if (material) {
      const photo = await insertFile(tx, { countyId: opts.countyId, purpose: 'agency_material', name: `${material.name}.png`, mime: 'image/png', content: documentPng(n), createdBy: a.id });
      fileLinks.push({ mandateId: id, materialKey: material.key, fileId: photo.id, createdAt: collectedAt });
      caseFiles.push({ caseId: c.id, materialKey: material.key, fileId: photo.id, source: 'agent', uploadedBy: a.id, createdAt: receivedAt });
    }
    // Results delivered (or a 不予受理 notice) go back to the villager through the agent a day or two later.
    const back = c.deliveredAt ?? (['rejected', 'returned'].includes(c.status) ? c.concludedAt : null);
    const handedOverAt = back && n % 4 !== 1 ? new Date(new Date(back).getTime() + (20 + (n % 3) * 24) * 3_600_000) : null;
    let handover: (typeof agencyMandates.$inferInsert)['handover'] = null;
    if (handedOverAt && handedOverAt.getTime() < now.getTime()) {
      const conf = await insertFile(tx, { countyId: opts.countyId, purpose: 'agency_confirmation', name: '领取签名.png', mime: 'image/png', content: signaturePng(n + 100), createdBy: a.id });
      handover = { method: 'signature', fileId: conf.id, receiver: applicantName, note: n % 2 ? '本人领取' : '' };
      events.push({ caseId: c.id, at: handedOverAt, type: 'handed_over', note: `代办员已将办理结果交给申请人（领取人：${applicantName}，手写签名确认）`, actorId: a.id, actorName: a.name, public: true, fromStatus: null, toStatus: null, data: null });
      summary.handedOver++;
    }
    mandateRows.push({
      id,
      countyId: opts.countyId,
      villageCenterId: a.centerId,
      agentId: a.id,
      agentName: a.name,
      clientId: newId(),
      applicantId: c.applicantId,
      itemId: c.itemId,
      itemName: c.itemName,
      consent: { method: 'signature', fileId: consent.id, statement: STATEMENT(applicantName, a.centerName), signedAt, itemVersion: c.itemVersion },
      notes: n % 4 === 0 ? '老人行动不便，上门收件' : '',
      status: handover ? 'handed_over' : 'submitted',
      collectedAt,
      collectedOn,
      dueOn,
      caseId: c.id,
      submittedAt: receivedAt,
      submittedOn,
      handedOverAt: handover ? handedOverAt : null,
      handover,
      version: handover ? 3 : 2,
      createdAt: collectedAt,
      updatedAt: handover ? handedOverAt! : receivedAt,
    });
  }

  // --- Matters still in the village room (青山村 first): one collected today, one late, one cancelled ---
  const first = agents.find((a) => a.centerName.startsWith('青山村')) ?? agents[0];
  const waitingItems = await tx
    .select({ id: catalogItems.id, name: catalogItems.name, version: catalogItems.publishedVersion, content: catalogItemVersions.content })
    .from(catalogItems)
    .innerJoin(catalogItemVersions, and(eq(catalogItemVersions.itemId, catalogItems.id), eq(catalogItemVersions.version, catalogItems.publishedVersion)))
    .where(and(eq(catalogItems.countyId, opts.countyId), inArray(catalogItems.name, ['城乡居民基本养老保险待遇申领', '80周岁以上老年人高龄津贴发放', '城乡居民医疗保险参保登记'])));
  const waiting: { item: string; name: string; birth: string; lag: number; status: 'registered' | 'cancelled'; note: string }[] = [
    { item: '80周岁以上老年人高龄津贴发放', name: '周桂香', birth: '19450618', lag: 0, status: 'registered', note: '户口簿原件明天送到村委会' },
    { item: '城乡居民基本养老保险待遇申领', name: '吴长林', birth: '19660203', lag: workdays + 2, status: 'registered', note: '等子女寄回银行卡复印件' },
    { item: '城乡居民医疗保险参保登记', name: '郑小梅', birth: '19880911', lag: 2, status: 'cancelled', note: '【已取消】村民已在手机上自行办理' },
  ];
  for (const [i, w] of waiting.entries()) {
    const it = waitingItems.find((x) => x.name === w.item);
    if (!it || it.version === null) continue;
    const person = { kind: 'person' as const, name: w.name, idNumber: makeIdNumber('139921', w.birth, 151 + i * 2), phone: makeMobile(5200 + i), address: `${first.centerName.replace('便民服务室', '')}${i + 2}组` };
    const applicant = await findOrCreateApplicant(tx, opts.crypto, person);
    const collectedOn = workdaysBefore(today, w.lag);
    const collectedAt = new Date(Math.min(now.getTime(), new Date(`${collectedOn}T01:30:00Z`).getTime()));
    const dueOn = addWorkingDays(cal, collectedOn, workdays);
    if (w.status === 'registered' && today > dueOn) summary.late++;
    const id = newId();
    const consent = await insertFile(tx, { countyId: opts.countyId, purpose: 'agency_consent', name: '委托书签名.png', mime: 'image/png', content: signaturePng(200 + i), createdBy: first.id });
    for (const [k, m] of it.content.materials.slice(0, 2).entries()) {
      const photo = await insertFile(tx, { countyId: opts.countyId, purpose: 'agency_material', name: `${m.name}.png`, mime: 'image/png', content: documentPng(200 + i * 3 + k), createdBy: first.id });
      fileLinks.push({ mandateId: id, materialKey: m.key, fileId: photo.id, createdAt: collectedAt });
    }
    mandateRows.push({
      id,
      countyId: opts.countyId,
      villageCenterId: first.centerId,
      agentId: first.id,
      agentName: first.name,
      clientId: newId(),
      applicantId: applicant.id,
      itemId: it.id,
      itemName: it.content.name,
      consent: { method: i === 1 ? 'photo' : 'signature', fileId: consent.id, statement: STATEMENT(w.name, first.centerName), signedAt: new Date(collectedAt.getTime() - 5 * 60_000).toISOString(), itemVersion: it.version },
      notes: w.note,
      status: w.status,
      collectedAt,
      collectedOn,
      dueOn,
      version: w.status === 'cancelled' ? 2 : 1,
      createdAt: collectedAt,
      updatedAt: collectedAt,
    });
  }

  if (mandateRows.length) await tx.insert(agencyMandates).values(mandateRows);
  if (fileLinks.length) await tx.insert(agencyMandateFiles).values(fileLinks);
  if (caseFiles.length) await tx.insert(caseMaterialFiles).values(caseFiles);
  if (events.length) await tx.insert(caseEvents).values(events);
  summary.mandates = mandateRows.length;
  return summary;
}
