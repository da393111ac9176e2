/**
 * How long an entry stays on the list and how long it is published (CI-27, CI-28 with the national
 * credit-repair rules, 国家发展改革委令2025年第36号): dates worked by hand — periods count from the
 * day after the decision and end on the corresponding day (民法典第二百零一条、第二百零二条).
 */
import { describe, expect, it } from 'vitest';
import { DEFAULT_REGISTRY } from '../../src/core/policy/registry';
import { publicationEnds, tierOf } from '../../src/core/sanctions/publication';

describe('名单期限与公开期限（CI-28，国家发展改革委令2025年第36号）', () => {
  it('CI-25.1～CI-25.4 情节与三类失信信息的对应是有依据的设置', () => {
    expect(['minor', 'moderate', 'serious', 'grave'].map((s) => tierOf(s as never, '2026-11-20'))).toEqual(['minor', 'general', 'serious', 'serious']);
    const p = DEFAULT_REGISTRY.versionFor('CR', '2026-11-20');
    expect(p).toMatchObject({ inForce: true, warning: null, version: { id: 'CR-2026', docNo: '国家发展改革委令2025年第36号', inForceFrom: '2026-04-01', inForceTo: null } });
    for (const [name, param] of Object.entries(p.content.parameters)) expect(param.basis, name).toMatch(/国家发展改革委令2025年第36号|读法|同上/);
  });

  it('CI-28 有期限的取消资格：名单至期限届满；公开不超过最长公示期（严重 36 个月：2026-11-20 → 2029-11-20）', () => {
    const e = publicationEnds({ severity: 'grave', decidedOn: '2026-11-20', banEnd: '2031-11-20', banLife: false });
    expect([e.tier, e.listUntil, e.publicUntil, e.capDate]).toEqual(['serious', '2031-11-20', '2029-11-20', '2029-11-20']);
    expect(e.basis).toContain('国家发展改革委令2025年第36号');
  });

  it('CI-28 期限不长于最长公示期的，公开至期限届满；长于的，公开至最长公示期（一般失信信息 12 个月：2026-11-20 → 2027-11-20）', () => {
    // A moderate ban of 1 year ends 2027-11-20, the general tier's 12 months end the same day.
    expect(publicationEnds({ severity: 'moderate', decidedOn: '2026-11-20', banEnd: '2027-11-20', banLife: false })).toMatchObject({ tier: 'general', listUntil: '2027-11-20', publicUntil: '2027-11-20' });
    // A moderate ban of 2 years: listed to 2028-11-20, published only to 2027-11-20.
    expect(publicationEnds({ severity: 'moderate', decidedOn: '2026-11-20', banEnd: '2028-11-20', banLife: false })).toMatchObject({ listUntil: '2028-11-20', publicUntil: '2027-11-20' });
  });

  it('CI-25.4 永久取消资格：名单和公开均以最长公示期为限（2027-02-28 + 36 个月 → 2030-02-28）；月末无对应日取月末（2026-08-31 + 36 → 2029-08-31，2027-11-30 + 3 → 2028-02-29）', () => {
    expect(publicationEnds({ severity: 'grave', decidedOn: '2027-02-28', banEnd: null, banLife: true })).toMatchObject({ listUntil: '2030-02-28', publicUntil: '2030-02-28' });
    expect(publicationEnds({ severity: 'grave', decidedOn: '2026-08-31', banEnd: null, banLife: true }).listUntil).toBe('2029-08-31');
    expect(publicationEnds({ severity: 'minor', decidedOn: '2027-11-30', banEnd: null, banLife: false }).listUntil).toBe('2028-02-29');
  });

  it('CI-25.1 情节较轻（轻微失信信息）：原则上不予公示，名单以 3 个月为限（2026-11-20 → 2027-02-20）', () => {
    const e = publicationEnds({ severity: 'minor', decidedOn: '2026-11-20', banEnd: null, banLife: false });
    expect([e.tier, e.listUntil, e.publicUntil]).toEqual(['minor', '2027-02-20', null]);
    expect(e.basis).toContain('不予公示');
  });

  it('X-3 施行日（2026-04-01）前作出的处理：暂按该办法计算并如实说明', () => {
    const e = publicationEnds({ severity: 'serious', decidedOn: '2025-06-01', banEnd: '2029-06-01', banLife: false });
    expect([e.listUntil, e.publicUntil]).toEqual(['2029-06-01', '2028-06-01']);
    expect(e.warning).toContain('早于');
    expect(e.basis).toContain('暂按该版本计算');
  });
});
