/** Pure rules of consultations (咨询): statuses, what each action needs, how an asker is shown in public. */

export const CONSULTATION_STATUSES = {
  open: '待答复',
  answered: '已答复',
  closed: '已关闭',
} as const;
export type ConsultationStatus = keyof typeof CONSULTATION_STATUSES;

export type ConsultationAction = 'answer' | 'publish' | 'unpublish' | 'close';

export interface ConsultationState {
  status: ConsultationStatus;
  hasItem: boolean;
  published: boolean;
}

/**
 * Whether an action may happen now: an open question is answered (an answered one may be corrected)
 * or closed; only answered questions about an item go to that item's FAQ (公开), and come back off it.
 */
export function check(s: ConsultationState, action: ConsultationAction): { ok: true } | { ok: false; code: string; message: string } {
  switch (action) {
    case 'answer':
      return s.status === 'closed' ? { ok: false, code: 'CONSULTATION_CLOSED', message: '该咨询已关闭，不能再答复' } : { ok: true };
    case 'publish':
      if (s.status !== 'answered') return { ok: false, code: 'CONSULTATION_NOT_ANSWERED', message: '只有已答复的咨询可以公开' };
      if (!s.hasItem) return { ok: false, code: 'CONSULTATION_NO_ITEM', message: '该咨询未关联事项，不能公开到事项的常见问题' };
      if (s.published) return { ok: false, code: 'CONSULTATION_PUBLISHED', message: '该咨询已公开' };
      return { ok: true };
    case 'unpublish':
      return s.published ? { ok: true } : { ok: false, code: 'CONSULTATION_NOT_PUBLISHED', message: '该咨询尚未公开' };
    case 'close':
      return s.status === 'open' ? { ok: true } : { ok: false, code: 'CONSULTATION_NOT_OPEN', message: '只有待答复的咨询可以关闭' };
  }
}

/** 刘大山 → 刘**, 欧阳明 → 欧**; a public Q&A never shows the asker's full name. */
export function maskName(name: string): string {
  const chars = [...name.trim()];
  if (chars.length === 0) return '群众';
  return chars[0] + '*'.repeat(Math.max(1, chars.length - 1));
}

/** Questions per citizen per hour (a 429 with Retry-After beyond it). */
export const ASK_LIMIT = { count: 10, windowSeconds: 3600 } as const;
