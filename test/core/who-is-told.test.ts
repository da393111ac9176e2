/**
 * Who a step tells (its declared `notify` roles): the person a case concerns — the applicant of a
 * tolerance case and of the correction it starts, the person proposed for listing — is told of every
 * decision and notice on his own matter, and so is his unit (issue 21). `researcher` in a declaration
 * is that person (server/modules/notifications/notify.ts notifyRoles).
 */
import { describe, expect, it } from 'vitest';
import { CORRECTION_CASE } from '../../src/core/procedure/correction-case';
import { LISTING_CASE } from '../../src/core/procedure/listing-case';
import { TOLERANCE_CASE } from '../../src/core/procedure/tolerance-case';
import type { ProcedureDef } from '../../src/core/procedure/engine';

const told = (def: ProcedureDef<any>, step: string) => def.steps.find((s) => s.id === step)?.notify ?? [];

describe('当事人知悉与本人有关的决定和通知', () => {
  it.each(['accept', 'refuse', 'request_supplement', 'decide', 'feed_back'])('YT-6 容错免责申请的 %s：告知申请人本人和所在单位', (step) => {
    expect(told(TOLERANCE_CASE, step)).toEqual(expect.arrayContaining(['researcher', 'unit_admin']));
  });
  it('YT-13 单位退回申请：告知申请人本人', () => {
    expect(told(TOLERANCE_CASE, 'unit_return')).toContain('researcher');
  });
  it.each(['send_notice', 'set_plan'])('YT-9 纠错的 %s（纠错通知书、整改方案）：告知被纠错的申请人和单位', (step) => {
    expect(told(CORRECTION_CASE, step)).toEqual(expect.arrayContaining(['researcher', 'unit_admin']));
  });
  it.each(['send_notice', 'uphold_objection', 'dismiss_objection', 'approve', 'decline'])('CI-27 列入名单的 %s：告知被列入的本人（或单位）', (step) => {
    expect(told(LISTING_CASE, step)).toEqual(expect.arrayContaining(['researcher', 'unit_admin']));
  });
});
