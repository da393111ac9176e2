import { describe, expect, it } from 'vitest';
import { available, checkDefinition, plan, type ProcedureDef } from '../../src/core/procedure/engine';
import { PROCEDURES } from '../../src/core/procedure/procedures';
import { CIRCUMSTANCES, CONDITIONS, MATERIALS, TOLERANCE_CASE, materialRefusal, type ToleranceCaseData } from '../../src/core/procedure/tolerance-case';

const ALL_MATERIALS = Object.fromEntries(Object.keys(MATERIALS).map((k) => [k, [`file-${k}`]]));
const data = (over: Partial<ToleranceCaseData> = {}): ToleranceCaseData => ({
  projectId: 'p', failure: '技术路线失败', conditions: { 'YT-4.5': '首次探索新工艺' }, circumstances: ['YT-5.6'],
  accountabilityStartedOn: null, exOfficio: false, history: [], materials: ALL_MATERIALS, ...over,
});
const at = (state: string, d = data()) => ({ state, version: 1, data: d });
const decision = { outcome: 'exempt', circumstances: ['YT-5.6'], reasons: '技术路线选择失误但已勤勉尽责', consultedFinance: true, consultedAudit: true,
  deliberation: { date: '2026-11-25', members: ['甲', '乙', '丙'], method: 'consensus', minutes: '一致同意免除责任' } };

describe('程序引擎：容错免责认定按声明办理', () => {
  it.each(Object.keys(PROCEDURES))('%s 程序的声明完整：状态都已声明、都可到达，每一步都引用条款', (id) => {
    expect(checkDefinition(PROCEDURES[id])).toEqual([]);
  });
  it('声明有误时逐项指出：未声明的状态、无条款、无人可办、不可到达', () => {
    const broken: ProcedureDef = {
      id: 'x', title: '测试', clause: 'YT-6', states: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'z', label: 'Z' }],
      starts: [{ state: 'a', roles: ['researcher'], clause: 'YT-6.1', label: '开始' }],
      transitions: [{ id: 't', label: 'T', clause: '无', from: ['a'], to: 'c', roles: [] }],
    };
    const problems = checkDefinition(broken);
    expect(problems).toEqual(expect.arrayContaining(['t: to c is not declared', 't: cites no clause', 't: nobody may take it', 'state z cannot be reached']));
  });
  it('YT-13 科研人员提交单位审核；单位审核通过后进入待受理，并开始 YT-6.2 的 7 个工作日计时', () => {
    const p1 = plan(TOLERANCE_CASE, at('draft'), 'researcher', 'submit_to_unit', {});
    expect(p1).toMatchObject({ refused: false, to: 'unit_review', notify: ['unit_admin'] });
    const p2 = plan(TOLERANCE_CASE, at('unit_review'), 'unit_admin', 'unit_vouch', {});
    expect(p2).toMatchObject({ refused: false, to: 'submitted', opens: ['YT-6.2'] });
  });
  it('YT-6.2 受理：停止受理计时，开始 YT-6.3 的决定计时；不予受理须写明理由', () => {
    expect(plan(TOLERANCE_CASE, at('submitted'), 'business_officer', 'accept', {})).toMatchObject({ to: 'investigating', stops: ['YT-6.2'], opens: ['YT-6.3'] });
    expect(plan(TOLERANCE_CASE, at('submitted'), 'business_officer', 'refuse', {})).toMatchObject({ refused: true, code: 'GUARD', field: 'reason' });
    expect(plan(TOLERANCE_CASE, at('submitted'), 'business_officer', 'refuse', { reason: '不属于省级财政资金项目' })).toMatchObject({ to: 'refused' });
  });
  it('状态不对、角色不对时拒绝并说明原因和条款', () => {
    expect(plan(TOLERANCE_CASE, at('draft'), 'business_officer', 'accept', {})).toMatchObject({ refused: true, code: 'INVALID_STATE', zh: '案件处于“草稿”状态，不能受理（YT-6.2）' });
    expect(plan(TOLERANCE_CASE, at('submitted'), 'researcher', 'accept', {})).toMatchObject({ refused: true, code: 'FORBIDDEN' });
  });
  it('YT-6.1 五项申请材料缺一项也不能提交，并指出缺哪一项', () => {
    const { audit_report: _a, ...four } = ALL_MATERIALS;
    expect(plan(TOLERANCE_CASE, at('draft', data({ materials: four })), 'researcher', 'submit_to_unit', {}))
      .toMatchObject({ refused: true, field: 'materials/audit_report', zh: '申请材料不全，尚缺：经费审计报告（YT-13）' });
    expect(plan(TOLERANCE_CASE, at('draft', data({ materials: four })), 'unit_admin', 'submit_by_unit', {})).toMatchObject({ refused: true, field: 'materials/audit_report' });
  });
  it('YT-6.1 YT-6.3 申请材料在提交前由申请方补充，调查材料在调查阶段由经办人员添加', () => {
    expect(materialRefusal('draft', 'researcher', 'application')).toBeNull();
    expect(materialRefusal('unit_review', 'unit_admin', 'unit_certificate')).toBeNull();
    expect(materialRefusal('unit_review', 'researcher', 'application')).toMatchObject({ unknownKind: false });
    expect(materialRefusal('submitted', 'researcher', 'application')).toMatchObject({ unknownKind: false });
    expect(materialRefusal('investigating', 'business_officer', 'expert_opinion')).toBeNull();
    expect(materialRefusal('investigating', 'researcher', 'expert_opinion')).toMatchObject({ unknownKind: false });
    expect(materialRefusal('draft', 'researcher', 'virus')).toMatchObject({ unknownKind: true });
  });
  it('YT-14 X-2 恶意申请移送失信处理须写明理由，并停止尚在运行的计时', () => {
    expect(plan(TOLERANCE_CASE, at('investigating'), 'business_officer', 'refer_misconduct', {})).toMatchObject({ refused: true, field: 'reason' });
    expect(plan(TOLERANCE_CASE, at('investigating'), 'business_officer', 'refer_misconduct', { reason: '伪造经费审计报告' }))
      .toMatchObject({ refused: false, to: 'referred', effects: ['open_misconduct_case'], stops: ['YT-6.2', 'YT-6.3', 'YT-6.5'] });
  });
  it('YT-6.2 材料需补正的退回申请方并停止受理计时；补正后单位可再次报送', () => {
    expect(plan(TOLERANCE_CASE, at('submitted'), 'business_officer', 'request_supplement', { reason: '经费审计报告缺少审计机构盖章' }))
      .toMatchObject({ refused: false, to: 'returned', stops: ['YT-6.2'] });
    expect(plan(TOLERANCE_CASE, at('returned'), 'unit_admin', 'submit_by_unit', {})).toMatchObject({ refused: false, to: 'submitted', opens: ['YT-6.2'] });
  });
  it('YT-6.3 逐项核实只针对申请所主张的条件，每项写明是否符合及依据；专家组意见须列明成员', () => {
    const f = (findings: unknown) => plan(TOLERANCE_CASE, at('investigating'), 'business_officer', 'record_findings', { findings });
    expect(f({ 'YT-4.2': { met: true, basis: '有论证记录' } })).toMatchObject({ refused: true, field: 'findings/YT-4.2' });
    expect(f({ 'YT-4.5': { met: 'yes', basis: '有论证记录' } })).toMatchObject({ refused: true, field: 'findings/YT-4.5/met' });
    const ok = f({ 'YT-4.5': { met: true, basis: '查阅了中试前论证记录' } });
    expect(ok.refused === false && ok.data.findings).toEqual({ 'YT-4.5': { met: true, basis: '查阅了中试前论证记录' } });
    expect(plan(TOLERANCE_CASE, at('investigating'), 'business_officer', 'record_expert_opinion', { members: [], opinion: '属于探索性失败' })).toMatchObject({ refused: true, field: 'members' });
  });
  it('YT-6.4 认定结果抄送组织、人事部门须写明部门和日期，只记录一次', () => {
    const input = { organisation: '州委组织部', personnel: '州人力资源和社会保障局', on: '2026-11-25' };
    const ok = plan(TOLERANCE_CASE, at('decided'), 'business_officer', 'record_copy', input);
    expect(ok).toMatchObject({ refused: false, to: 'decided' });
    expect(plan(TOLERANCE_CASE, at('decided', data({ copiedTo: input })), 'business_officer', 'record_copy', input)).toMatchObject({ refused: true });
    expect(plan(TOLERANCE_CASE, at('decided'), 'business_officer', 'record_copy', { ...input, personnel: '' })).toMatchObject({ refused: true, field: 'personnel' });
  });
  it('YT-4 未说明符合的容错条件的申请不能提交', () => {
    expect(plan(TOLERANCE_CASE, at('draft', data({ conditions: {} })), 'researcher', 'submit_to_unit', {})).toMatchObject({ refused: true, field: 'conditions' });
  });
  it('YT-6.4 集体审议：到会不足 3 人、未与财政审计沟通、予以容错却未列明 YT-5 情形的，不能作出认定', () => {
    const d = (over: object) => plan(TOLERANCE_CASE, at('investigating'), 'business_officer', 'decide', { ...decision, ...over });
    expect(d({ deliberation: { ...decision.deliberation, members: ['甲', '乙'] } })).toMatchObject({ refused: true, field: 'deliberation/members' });
    expect(d({ consultedAudit: false })).toMatchObject({ refused: true, field: 'consultedAudit' });
    expect(d({ circumstances: [] })).toMatchObject({ refused: true, field: 'circumstances' });
    expect(d({ outcome: 'not_tolerated', circumstances: [] })).toMatchObject({ refused: false, to: 'decided' });
    const ok = d({});
    expect(ok).toMatchObject({ refused: false, to: 'decided', stops: ['YT-6.3'], opens: ['YT-6.5'], effects: ['start_correction'] });
    expect(!ok.refused && ok.data.decision?.outcome).toBe('exempt');
  });
  // The clause map's six conditions (YT-4.1–4.6) and ten circumstances (YT-5.1–5.10), written out.
  const SIX = ['YT-4.1', 'YT-4.2', 'YT-4.3', 'YT-4.4', 'YT-4.5', 'YT-4.6'];
  const TEN = ['YT-5.1', 'YT-5.2', 'YT-5.3', 'YT-5.4', 'YT-5.5', 'YT-5.6', 'YT-5.7', 'YT-5.8', 'YT-5.9', 'YT-5.10'];
  it('YT-4 YT-5 引擎认可的容错条件正好是第四条六项，免责情形正好是第五条十种', () => {
    expect([...CONDITIONS]).toEqual(SIX);
    expect([...CIRCUMSTANCES]).toEqual(TEN);
  });
  it.each(SIX)('%s 申请主张的容错条件可逐项核实：写明符合与否及依据', (k) => {
    const claimed = data({ conditions: { [k]: '申请人所述情况' } });
    const ok = plan(TOLERANCE_CASE, at('investigating', claimed), 'business_officer', 'record_findings', { findings: { [k]: { met: false, basis: '调查未见佐证' } } });
    expect(ok.refused === false && ok.data.findings).toEqual({ [k]: { met: false, basis: '调查未见佐证' } });
    expect(plan(TOLERANCE_CASE, at('draft', claimed), 'researcher', 'submit_to_unit', {})).toMatchObject({ refused: false, to: 'unit_review' });
  });
  it.each(TEN)('%s 可作为免除、从轻或减轻的依据列入认定；YT-5 之外的情形不能', (k) => {
    for (const outcome of ['exempt', 'lighter', 'mitigated']) {
      const ok = plan(TOLERANCE_CASE, at('investigating'), 'business_officer', 'decide', { ...decision, outcome, circumstances: [k] });
      expect(ok.refused === false && ok.data.decision?.circumstances).toEqual([k]);
    }
    expect(plan(TOLERANCE_CASE, at('investigating'), 'business_officer', 'decide', { ...decision, circumstances: [k, 'YT-5.11'] })).toMatchObject({ refused: true, field: 'circumstances' });
  });
  it('界面只提供当前角色在当前状态下可办理的步骤', () => {
    expect(available(TOLERANCE_CASE, at('submitted'), 'business_officer').map((s) => s.id)).toEqual(['accept', 'refuse', 'request_supplement', 'refer_misconduct']);
    expect(available(TOLERANCE_CASE, at('submitted'), 'researcher')).toEqual([]);
    expect(available(TOLERANCE_CASE, at('archived'), 'business_officer')).toEqual([]);
  });
});
