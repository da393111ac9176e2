/**
 * The misconduct procedure's due process and review as pure rules: the periods of 行政处罚法 worked by
 * hand from the 2026 State Council notice (国庆 10/1–10/7 off, 9/20 and 10/10 worked; 中秋 9/25–9/27 off),
 * what may be decided after what notice, and which rating criterion a decided misconduct meets.
 */
import { describe, expect, it } from 'vitest';
import { BUNDLED_LOCAL_HOLIDAYS, BUNDLED_NOTICES } from '../../src/core/calendar/bundled';
import { CalendarBook } from '../../src/core/calendar/working-calendar';
import { computeDeadline } from '../../src/core/deadlines/compute-deadline';
import { TIME_LIMITS } from '../../src/core/deadlines/time-limits';
import { available, checkDefinition, plan, type GuardEnv } from '../../src/core/procedure/engine';
import { MISCONDUCT_CASE, type MisconductCaseData } from '../../src/core/procedure/misconduct-case';
import { MISCONDUCT_REVIEW_CASE } from '../../src/core/procedure/misconduct-review-case';
import { DEFAULT_REGISTRY, SEED_VERSIONS } from '../../src/core/policy/registry';
import { CRITERION_BY_ID, SUBJECT_TYPES } from '../../src/core/rating/criteria';
import { criterionForMisconduct } from '../../src/core/rating/misconduct-findings';
import { MISCONDUCT_KINDS } from '../../src/core/sanctions/misconduct';
import { heavierParts } from '../../src/core/sanctions/sanctions';

const book = new CalendarBook(BUNDLED_NOTICES, BUNDLED_LOCAL_HOLIDAYS);
const CHUXIONG = ['532300', '530000'];
const due = (limitId: string, start: string) => computeDeadline({ limitId, start, regionPath: CHUXIONG }, book).dueDate;

describe('行政处罚法与国科发监〔2022〕221号的期限：逐日按日历推算', () => {
  it('行政处罚法第六十四条 第八十五条 要求听证：告知后 5 个工作日；2026-09-28 告知 → 9/29、9/30、（国庆不计）10/8、10/9、10/10（调休上班）→ 2026-10-10', () => {
    const r = computeDeadline({ limitId: 'CI-22.hearingRequest', start: '2026-09-28', regionPath: CHUXIONG }, book);
    expect(r.dueDate).toBe('2026-10-10');
    expect(r.clause).toBe('《中华人民共和国行政处罚法》 第六十四条第（一）项（CI-22.hearingRequest）');
    expect(r.derivation).toContain('10/10（调休上班）=5');
  });
  it('行政处罚法第六十四条 听证通知：7 个工作日；2026-09-24 通知 → （中秋 9/25–9/27 不计）9/28、9/29、9/30、10/8、10/9、10/10、10/12 → 最早 2026-10-12 举行', () => {
    expect(due('CI-22.hearingNotice', '2026-09-24')).toBe('2026-10-12');
  });
  it('行政处罚法第六十条 立案后 90 日作出决定：2026-07-03 立案 → 第 90 日 10/1 为国庆假日，依民法典第二百零三条顺延 → 2026-10-08', () => {
    const r = computeDeadline({ limitId: 'CI-22.investigation', start: '2026-07-03', regionPath: CHUXIONG }, book);
    expect(r.dueDate).toBe('2026-10-08');
    expect(r.derivation).toContain('+90日 → 10/1，为休息日（国庆节）');
  });
  it('行政处罚法第四十五条 陈述申辩期（设置 5 个工作日）：2026-11-20（周五）告知 → 11/23–11/27 → 2026-11-27', () => {
    expect(due('CI-22.statement', '2026-11-20')).toBe('2026-11-27');
  });
  it('国科发监〔2022〕221号 复查申请期（设置 15 个工作日）：2026-09-28 收到决定 → 9/29、9/30、10/8、10/9、10/10、10/12–16、10/19–23 → 2026-10-23', () => {
    expect(due('CI-22.reviewApplication', '2026-09-28')).toBe('2026-10-23');
  });
  it('国科发监〔2022〕221号 复查决定期（设置 60 日）：2026-11-20 收到申请 → 11 月 10 日 + 12 月 31 日 + 1 月 19 日 → 2027-01-19（周二，2027 年通知未载入，暂定）', () => {
    const r = computeDeadline({ limitId: 'CI-22.reviewDecision', start: '2026-11-20', regionPath: CHUXIONG }, book);
    expect(r.dueDate).toBe('2027-01-19');
    expect(r.provisional).toBe(true);
  });
  it('X-3 每个新期限在政策版本中有同值的参数并写明依据；未能查到原文的写明是设置', () => {
    const ci = SEED_VERSIONS.find((v) => v.id === 'CI-2023')!.parameters;
    const pairs: Array<[string, string]> = [
      ['CI-22.investigation', 'CI-22.investigation.days'], ['CI-22.statement', 'CI-22.statement.workingDays'], ['CI-22.hearingRequest', 'CI-22.hearingRequest.days'],
      ['CI-22.hearingNotice', 'CI-22.hearingNotice.days'], ['CI-22.reviewApplication', 'CI-22.reviewApplication.workingDays'], ['CI-22.reviewDecision', 'CI-22.reviewDecision.days'],
    ];
    for (const [limit, param] of pairs) expect([limit, TIME_LIMITS[limit].parameter]).toEqual([limit, param]);
    // 行政处罚法第六十条 90 日; 第六十四条 5 日 and 7 日; the bureau's settings 5 and 15 working days and 60 days.
    expect(pairs.map(([, p]) => ci[p].value)).toEqual([90, 5, 5, 7, 15, 60]);
    expect(ci['CI-22.hearingRequest.days'].basis).toContain('第八十五条');
    for (const p of ['CI-22.reviewApplication.workingDays', 'CI-22.reviewDecision.days']) expect(ci[p].basis).toMatch(/未能查到原文.*设置/);
    expect(ci['CI-22.reconsiderationDays']).toMatchObject({ value: 60 });
    expect(ci['CI-22.reconsiderationDays'].basis).toContain('行政复议法');
    expect(ci['CI-22.litigationMonths']).toMatchObject({ value: 6 });
    expect(ci['CI-22.litigationMonths'].basis).toContain('行政诉讼法》第四十六条');
  });
});

describe('行政处罚法第四十四条、第四十五条：处理决定不得重于事先告知', () => {
  const notified = { severity: 'serious' as const, measures: ['ban', 'termination_clawback'] as const, banYears: 4, publicDisclosure: false, responsiblePersonIds: ['p1'] };
  const n = { ...notified, measures: [...notified.measures] };
  it('与告知相同或更轻的不算加重：期限更短、少一项措施、以警告代替取消资格', () => {
    expect(heavierParts(n, n)).toEqual([]);
    expect(heavierParts({ ...n, banYears: 3 }, n)).toEqual([]);
    expect(heavierParts({ ...n, measures: ['ban'] }, n)).toEqual([]);
    expect(heavierParts({ ...n, severity: 'minor', measures: ['warning'], banYears: null }, n)).toEqual([]);
  });
  it('情节更重、期限更长、永久、增加收回经费以外的新措施、增加公布或未告知的责任人都是加重，并指出字段', () => {
    expect(heavierParts({ ...n, severity: 'grave' }, n).map((p) => p.field)).toEqual(['severity']);
    expect(heavierParts({ ...n, banYears: 5 }, n).map((p) => p.field)).toEqual(['banYears']);
    expect(heavierParts({ ...n, banYears: 'life' }, n).map((p) => p.field)).toEqual(['banYears']);
    expect(heavierParts({ ...n, measures: [...n.measures, 'revoke_awards'] }, n).map((p) => p.field)).toEqual(['measures']);
    expect(heavierParts({ ...n, publicDisclosure: true }, n).map((p) => p.field)).toEqual(['publicDisclosure']);
    expect(heavierParts({ ...n, responsiblePersonIds: ['p1', 'p2'] }, n).map((p) => p.field)).toEqual(['responsible']);
    // Revoking awards is not a lighter form of a ban: it was not notified.
    expect(heavierParts({ ...n, measures: ['revoke_awards'], banYears: null, severity: 'minor' }, n).map((p) => p.field)).toEqual(['measures']);
  });
});

describe('行政处罚法第四十四条至第六十五条：程序要求在决定前逐项满足', () => {
  const base: MisconductCaseData = {
    source: 'audit', sourceCaseId: null, projectId: null, subjectId: 'u1', subjectKind: 'organization', grounds: '审计线索', history: [],
    factors: { deviation: '严重', intent_obstruction: '有', social_impact: '较大', repeat: '首次', attitude: '一般', other: '无' },
  };
  const decision = {
    kind: 'fabrication', conductDate: '2025-06-01', decidedOn: '2026-10-20', severity: 'serious', measures: ['ban'], banYears: 3, publicDisclosure: false,
    responsible: [{ role: 'legal_representative', personId: '11111111-1111-4111-8111-111111111111' }], reasons: '伪造数据，情节严重',
  };
  const env = (today: string, clocks: GuardEnv['clocks'] = {}): GuardEnv => ({
    registry: DEFAULT_REGISTRY, today, clocks, dueDate: (id, start) => due(id, start),
  });
  const notice = (on: string) => {
    const { decidedOn: _d, reasons: _r, ...intended } = decision;
    const p = plan(MISCONDUCT_CASE, { state: 'investigating', version: 3, data: base }, 'integrity_officer', 'send_notice',
      { ...intended, facts: '伪造实验数据', grounds: '楚科规〔2022〕5号第二十二条' }, null, env(on));
    if (p.refused) throw new Error(p.zh);
    return p.data;
  };
  it('行政处罚法第四十四条 未经事先告知不能作出取消资格的决定；只作科研诚信诫勉谈话的可以直接决定', () => {
    const p = plan(MISCONDUCT_CASE, { state: 'investigating', version: 3, data: base }, 'integrity_officer', 'decide_sanction', decision, null, env('2026-10-20'));
    expect(p).toMatchObject({ refused: true, code: 'CHECK', field: 'measures', clause: '行政处罚法第四十四条' });
    const talk = plan(MISCONDUCT_CASE, { state: 'investigating', version: 3, data: { ...base, subjectKind: 'person' } }, 'integrity_officer', 'decide_sanction',
      { ...decision, severity: 'minor', measures: ['integrity_talk'], banYears: null, responsible: [] }, null, env('2026-10-20'));
    expect(talk.refused).toBe(false);
  });
  it('行政处罚法第六十三条 取消资格的告知写明听证权利；只告知警告的不告知听证', () => {
    expect(notice('2026-09-28').notice).toMatchObject({ no: 1, on: '2026-09-28', hearingRight: true, periods: { statement: 5, hearingRequest: 5, hearingNotice: 7 } });
    const warn = plan(MISCONDUCT_CASE, { state: 'investigating', version: 3, data: { ...base, subjectKind: 'person' } }, 'integrity_officer', 'send_notice',
      { kind: 'fabrication', conductDate: '2025-06-01', severity: 'minor', measures: ['warning'], banYears: null, facts: '事实经过', grounds: '依据条款' }, null, env('2026-09-28'));
    expect(!warn.refused && warn.data.notice?.hearingRight).toBe(false);
  });
  it('行政处罚法第四十五条 第六十四条 陈述申辩期和听证申请期届满前不能决定；届满次日可以决定', () => {
    const data = notice('2026-09-28');
    const clocks = { 'CI-22.statement': { dueDate: '2026-10-10', status: 'running' }, 'CI-22.hearingRequest': { dueDate: '2026-10-10', status: 'running' } };
    const offered = (today: string) => available(MISCONDUCT_CASE, { state: 'notified', version: 4, data }, 'integrity_officer', null, env(today, clocks)).find((s) => s.id === 'decide_sanction')!.blockedBy.map((b) => b.id);
    expect(offered('2026-10-10')).toEqual(['statement_heard', 'hearing_done']);
    expect(offered('2026-10-12')).toEqual([]);
  });
  it('行政处罚法第六十四条 当事人要求听证的，举行听证前不能决定；听证须提前 7 个工作日通知，在通知的日期举行', () => {
    let data = notice('2026-09-24');
    const clocks = { 'CI-22.statement': { dueDate: '2026-10-08', status: 'stopped' }, 'CI-22.hearingRequest': { dueDate: '2026-10-08', status: 'running' } };
    const c = () => ({ state: 'notified', version: 5, data });
    const take = (role: any, id: string, input: any, today: string) => plan(MISCONDUCT_CASE, c(), role, id, input, null, env(today, clocks));
    const asked = take('unit_admin', 'request_hearing', {}, '2026-09-24');
    if (asked.refused) throw new Error(asked.zh);
    data = { ...asked.data, statements: [{ notice: 1, kind: 'statement', on: '2026-09-24', text: '不服', by: 'party' }] };
    expect(available(MISCONDUCT_CASE, c(), 'integrity_officer', null, env('2026-10-20', clocks)).find((s) => s.id === 'decide_sanction')!.blockedBy)
      .toEqual([{ id: 'hearing_done', zh: '当事人已要求听证，须举行听证后方可作出决定', clause: '行政处罚法第六十三条、第六十四条' }]);
    const hearing = { place: '州科技局会议室', host: '法制科李某', hostNotInvestigator: true, publicHearing: true };
    expect(take('integrity_officer', 'schedule_hearing', { ...hearing, date: '2026-10-09' }, '2026-09-24'))
      .toMatchObject({ refused: true, code: 'CHECK', field: 'date', clause: '行政处罚法第六十四条', zh: expect.stringContaining('最早 2026-10-12 举行') });
    expect(take('integrity_officer', 'schedule_hearing', { ...hearing, date: '2026-10-12', hostNotInvestigator: false }, '2026-09-24')).toMatchObject({ refused: true, field: 'hostNotInvestigator' });
    const scheduled = take('integrity_officer', 'schedule_hearing', { ...hearing, date: '2026-10-12' }, '2026-09-24');
    if (scheduled.refused) throw new Error(scheduled.zh);
    data = scheduled.data;
    expect(take('integrity_officer', 'record_hearing', { heldOn: '2026-10-13', attendance: 'attended', record: '当事人到场申辩并质证' }, '2026-10-13')).toMatchObject({ refused: true, field: 'heldOn' });
    const held = take('integrity_officer', 'record_hearing', { heldOn: '2026-10-12', attendance: 'attended', record: '当事人到场申辩并质证' }, '2026-10-12');
    if (held.refused) throw new Error(held.zh);
    data = held.data;
    expect(take('integrity_officer', 'decide_sanction', decision, '2026-10-20').refused).toBe(false);
    // 第四十四条: heavier than notified needs a new notice.
    expect(take('integrity_officer', 'decide_sanction', { ...decision, banYears: 4 }, '2026-10-20'))
      .toMatchObject({ refused: true, code: 'CHECK', field: 'banYears', clause: '行政处罚法第四十四条、第四十五条' });
    expect(take('integrity_officer', 'decide_sanction', { ...decision, decidedOn: '2026-09-23' }, '2026-10-20')).toMatchObject({ refused: true, field: 'decidedOn', clause: '行政处罚法第六十二条' });
    expect(take('integrity_officer', 'decide_sanction', { ...decision, kind: 'plagiarism' }, '2026-10-20')).toMatchObject({ refused: true, field: 'kind', clause: '行政处罚法第四十四条' });
  });
  it('国科发监〔2022〕221号 复查程序的声明自洽，引用的条款都可核查', () => {
    expect(checkDefinition(MISCONDUCT_REVIEW_CASE)).toEqual([]);
    expect(checkDefinition(MISCONDUCT_CASE)).toEqual([]);
  });
});

describe('CI-22 CI-16.4 CI-17.4 CI-18.4 CI-19.4 CI-20.4 处理决定认定的失信行为对应信用评价标准', () => {
  it('每种失信行为、每种主体身份都对应该身份的一条 C 级（严重失信）认定事实标准', () => {
    for (const kind of MISCONDUCT_KINDS) {
      for (const type of SUBJECT_TYPES) {
        const c = CRITERION_BY_ID.get(criterionForMisconduct(kind, type))!;
        expect([kind, type, c.subject, c.level, c.source]).toEqual([kind, type, type, 'C', 'finding']);
      }
    }
  });
  it('伪造数据的项目负责人为 CI-17.4.2，挪用经费的承担单位为 CI-16.4.3，未提交科技报告的单位按其他情形 CI-16.4.5', () => {
    expect(criterionForMisconduct('fabrication', 'leader')).toBe('CI-17.4.2');
    expect(criterionForMisconduct('misappropriate_funds', 'unit')).toBe('CI-16.4.3');
    expect(criterionForMisconduct('no_technology_report', 'unit')).toBe('CI-16.4.5');
  });
});
