import type { Deps } from '../../platform/deps.js';
import { writeAudit } from '../../platform/audit.js';
import { BusinessRule } from '../../platform/errors.js';
import { formatCst } from '../../platform/time.js';
import { getApplicant } from '../applicants/applicants.repo.js';
import { getPublishedVersion } from '../catalog/catalog.repo.js';
import { ITEM_TYPES } from '../catalog/catalog.rules.js';
import { getCenter } from '../org/org.repo.js';
import {
  renderAcceptanceNotice,
  renderCorrectionNotice,
  renderDecisionNotice,
  renderDeliveryReceipt,
  renderRejectionNotice,
  type NoticeHeader,
} from './case.notices-pdf.js';
import type { CaseCtx } from './cases.service.js';
import { getCaseDetail } from './cases.service.js';
import * as repo from './cases.repo.js';
import { DELIVERY_METHODS, type DeliveryMethod } from './cases.rules.js';

/**
 * Printable notices of a case, mapped from the case (and the item version it was received under) onto
 * the pure renderers of case.notices-pdf.ts. Reading a case's notice needs read access to the case.
 */

export type NoticeKindParam = 'acceptance' | 'correction' | 'rejection' | 'decision' | 'delivery';

const NOTICE_NAMES: Record<NoticeKindParam, string> = {
  acceptance: '受理通知书',
  correction: '一次性告知书',
  rejection: '不予受理通知书',
  decision: '决定书',
  delivery: '送达回证',
};

const cst = (d: Date | string | null): string => (d ? formatCst(new Date(d)).slice(0, 10) : '');

export async function renderNotice(deps: Deps, ctx: CaseCtx, id: string, kind: NoticeKindParam, baseUrl: string): Promise<{ pdf: Buffer; name: string }> {
  const detail = await getCaseDetail(deps, ctx, id); // authorizes (404 outside scope)
  if (!detail.notices.includes(kind)) throw new BusinessRule('CASE_NOTICE_NOT_AVAILABLE', `该办件当前没有「${NOTICE_NAMES[kind]}」`);
  const data = await deps.db.transaction(async (tx) => {
    const v = (await repo.getCase(tx, id))!;
    const applicant = (await getApplicant(tx, v.c.applicantId))!;
    const center = (await getCenter(tx, v.c.centerId))!;
    const pub = await getPublishedVersion(tx, v.c.itemId, v.c.itemVersion);
    const materials = await repo.materialsOf(tx, id);
    await writeAudit(tx, ctx.actor, ctx.meta, { action: 'case.notice_printed', objectType: 'case', objectId: id, countyId: v.c.countyId, details: { kind } });
    return { v, applicant, center, content: pub?.v.content, materials };
  });
  const { v, applicant, center, content, materials } = data;
  const today = formatCst(new Date()).slice(0, 10);
  const header: NoticeHeader = {
    centerName: center.center.name,
    centerAddress: center.center.address,
    centerPhone: center.center.phone,
    caseNumber: v.c.caseNo,
    itemName: v.c.itemName,
    implementationCode: v.implementationCode,
    applicantName: applicant.name,
    applicantIdMasked: applicant.idNumberMasked ?? applicant.creditCode ?? '',
    trackUrl: `${baseUrl}/portal/track`,
    appliedOn: cst(v.c.receivedAt),
    issuedOn: today,
    issuer: center.center.name,
  };
  const remedy = `如不服本决定，可在收到本文书之日起六十日内向${center.center.name.replace(/政务服务中心|便民服务中心|便民服务室$/, '')}人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。`;
  let pdf: Buffer;
  switch (kind) {
    case 'acceptance':
      pdf = await renderAcceptanceNotice({
        ...header,
        acceptedAt: cst(v.c.acceptedAt),
        promisedDays: v.c.promisedDays,
        dueDate: v.c.dueDate ?? '',
        materials: materials.filter((m) => m.status === 'received' || m.status === 'supplied').map((m) => ({ name: m.name, form: m.form, copies: m.copies, pages: m.pages, note: m.note })),
        deferred: materials.filter((m) => m.status === 'deferred').map((m) => ({ name: m.name, dueDate: m.deferredDue ?? '' })),
        pickup: v.c.deliveryMethod ? DELIVERY_METHODS[v.c.deliveryMethod as DeliveryMethod] : '窗口领取（或约定的邮寄、电子送达）',
      });
      break;
    case 'correction':
      pdf = await renderCorrectionNotice({ ...header, items: v.c.corrections ?? [], note: '补齐补正后请携带本告知书到窗口提交，或交村代办员代为提交。' });
      break;
    case 'rejection':
      pdf = await renderRejectionNotice({ ...header, reasons: v.c.rejection?.reasons ?? [], legalBasis: v.c.rejection?.legalBasis ?? [], remedy });
      break;
    case 'decision':
      pdf = await renderDecisionNotice({
        ...header,
        approved: v.c.decision === 'approve',
        itemTypeLabel: content ? ITEM_TYPES[content.itemType] : '',
        decisionNo: v.c.decisionNo ?? '',
        acceptedAt: cst(v.c.acceptedAt),
        content: v.c.decisionText ?? '',
        reasons: v.c.decisionReasons ?? [],
        legalBasis: v.c.decisionBasis?.length ? v.c.decisionBasis : (content?.legalBasis.map((b) => `${b.name}${b.article}`) ?? []),
        remedy,
        resultNo: v.c.resultNo,
      });
      break;
    case 'delivery':
      pdf = await renderDeliveryReceipt({
        ...header,
        documents: [{ name: v.c.decision === 'approve' ? '准予决定书' : '不予决定书', number: v.c.decisionNo ?? '' }, ...(v.c.resultNo ? [{ name: '证照（结果文书）', number: v.c.resultNo }] : [])],
        method: v.c.deliveryMethod ? `${DELIVERY_METHODS[v.c.deliveryMethod as DeliveryMethod]}${v.c.delivery?.trackingNo ? `（运单号 ${v.c.delivery.trackingNo}）` : ''}` : '窗口领取',
        recipient: v.c.delivery?.recipient ?? applicant.name,
        deliveredAt: v.c.deliveredAt ? cst(v.c.deliveredAt) : null,
      });
      break;
  }
  return { pdf, name: `${NOTICE_NAMES[kind]}-${v.c.caseNo}.pdf` };
}
