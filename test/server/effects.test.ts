import { describe, expect, it } from 'vitest';
import { EFFECT_CLAUSES } from '../../src/core/procedure/effects';
import { EFFECTS } from '../../src/server/modules/cases/effects';

describe('程序后果', () => {
  it('服务端实现了声明中可用的每一个后果，且只有这些（每个后果都有条款依据）', () => {
    expect(Object.keys(EFFECTS).sort()).toEqual(Object.keys(EFFECT_CLAUSES).sort());
  });
});
