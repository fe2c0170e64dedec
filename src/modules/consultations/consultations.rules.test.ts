import { describe, expect, test } from 'vitest';
import { check, maskName, type ConsultationAction, type ConsultationState } from './consultations.rules.js';

describe('maskName', () => {
  test.each([
    ['刘大山', '刘**'],
    ['王芳', '王*'],
    ['欧阳明月', '欧***'],
    ['张', '张*'],
    ['  ', '群众'],
    ['𠀀明', '𠀀*'],
  ])('%s → %s', (name, masked) => {
    expect(maskName(name)).toBe(masked);
  });
});

describe('what each action needs', () => {
  const s = (status: ConsultationState['status'], hasItem = true, published = false): ConsultationState => ({ status, hasItem, published });
  test.each<[string, ConsultationState, ConsultationAction, string | null]>([
    ['answer an open question', s('open'), 'answer', null],
    ['correct an answer', s('answered'), 'answer', null],
    ['answer a closed one', s('closed'), 'answer', 'CONSULTATION_CLOSED'],
    ['publish an answered one about an item', s('answered'), 'publish', null],
    ['publish an open one', s('open'), 'publish', 'CONSULTATION_NOT_ANSWERED'],
    ['publish one about a center only', s('answered', false), 'publish', 'CONSULTATION_NO_ITEM'],
    ['publish twice', s('answered', true, true), 'publish', 'CONSULTATION_PUBLISHED'],
    ['unpublish a published one', s('answered', true, true), 'unpublish', null],
    ['unpublish one never published', s('answered'), 'unpublish', 'CONSULTATION_NOT_PUBLISHED'],
    ['close an open one', s('open'), 'close', null],
    ['close an answered one', s('answered'), 'close', 'CONSULTATION_NOT_OPEN'],
  ])('%s', (_name, state, action, code) => {
    const r = check(state, action);
    expect(r.ok ? null : r.code).toBe(code);
  });
});
