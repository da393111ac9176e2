import { Type } from 'typebox';
import { describe, expect, it } from 'vitest';
import { available, checkDefinition, nextSteps, plan, planStart, type GuardEnv, type ProcedureDef, type StartEnv } from '../../src/core/procedure/engine';
import type { FactSet, ProjectFacts } from '../../src/core/procedure/facts';
import { PROCEDURES } from '../../src/core/procedure/procedures';
import { CIRCUMSTANCES, CONDITIONS, MATERIALS, TOLERANCE_CASE, materialRefusal, type ToleranceCaseData } from '../../src/core/procedure/tolerance-case';
import { DEFAULT_REGISTRY } from '../../src/core/policy/registry';

const ALL_MATERIALS = Object.fromEntries(Object.keys(MATERIALS).map((k) => [k, [`file-${k}`]]));
const project = { code: 'CX-1', name: '试验项目', fundingSource: 'prefecture_fiscal', status: 'in_progress', inImplementation: true };
const data = (over: Partial<ToleranceCaseData> = {}): ToleranceCaseData => ({
  projectId: 'p', failure: '技术路线失败', conditions: { 'YT-4.5': '首次探索新工艺' }, circumstances: ['YT-5.6'],
  accountabilityStartedOn: null, exOfficio: false, history: [], materials: ALL_MATERIALS, project, ...over,
});
/** An investigation ready for its decision: the defence heard, the claimed condition found met, finance and audit consulted. */
const ready = (over: Partial<ToleranceCaseData> = {}) => data({
  defences: [{ kind: 'heard', on: '2026-11-20', statement: '已说明技术路线调整经过' }], findings: { 'YT-4.5': { met: true, basis: '查阅了中试前论证记录' } },
  consultations: [{ department: 'finance', on: '2026-11-21', substance: '财政局无异议' }, { department: 'audit', on: '2026-11-22', substance: '审计局无异议' }], ...over,
});
const at = (state: string, d = data()) => ({ state, version: 1, data: d });
const env: GuardEnv = { registry: DEFAULT_REGISTRY, today: '2026-11-25' };
const decision = { outcome: 'exempt', circumstances: ['YT-5.6'], reasons: '技术路线选择失误但已勤勉尽责',
  deliberation: { date: '2026-11-25', members: ['甲', '乙', '丙'], method: 'consensus', minutes: '一致同意免除责任' } };
const step = (state: string, stepId: string, input: Record<string, unknown>, d = data(), role = 'business_officer' as const) => plan(TOLERANCE_CASE, at(state, d), role, stepId, input, null, env);

describe('程序引擎：声明完整', () => {
  it.each(Object.keys(PROCEDURES))('%s 程序的声明完整：状态都已声明、都可到达，每一步都有输入声明并引用条款', (id) => {
    expect(checkDefinition(PROCEDURES[id])).toEqual([]);
  });
  it('声明有误时逐项指出：未声明的状态、无条款、无人可办、无输入声明、不可到达', () => {
    const broken: ProcedureDef = {
      id: 'x', title: '测试', clause: 'YT-6', family: 'tolerance', states: [{ id: 'a', label: 'A' }, { id: 'b', label: 'B' }, { id: 'z', label: 'Z' }],
      starts: [{ id: 's', by: 'internal', state: 'a', roles: ['researcher'], clause: 'YT-6.1', label: '开始' }],
      steps: [{ id: 't', label: 'T', clause: '无', from: ['a'], to: 'c', roles: [], input: Type.String() as never }],
      view: { facts: [] },
    };
    expect(checkDefinition(broken)).toEqual(expect.arrayContaining(['t: to c is not declared', 't: cites no clause', 't: nobody may take it', 't: declares no input schema', 'state z cannot be reached']));
  });
});

describe('容错免责认定（YT-6）按声明办理', () => {
  it('YT-13 科研人员提交单位审核；单位审核通过后进入待受理，并开始 YT-6.2 的 7 个工作日计时', () => {
    expect(step('draft', 'submit_to_unit', {}, data(), 'researcher' as never)).toMatchObject({ refused: false, to: 'unit_review', notify: ['unit_admin'], stops: ['YT-6.1'] });
    expect(plan(TOLERANCE_CASE, at('unit_review'), 'unit_admin', 'unit_vouch', {}, null, env)).toMatchObject({ refused: false, to: 'submitted', opens: ['YT-6.2'] });
  });
  it('YT-6.2 受理：停止受理计时，开始 YT-6.3 的决定计时；不予受理须写明理由（字段以中文名称说明）', () => {
    expect(step('submitted', 'accept', {})).toMatchObject({ to: 'investigating', stops: ['YT-6.2'], opens: ['YT-6.3'] });
    expect(step('submitted', 'refuse', {})).toMatchObject({ refused: true, code: 'INPUT', field: 'reason', zh: '须填写不予受理的理由（YT-6.2）' });
    expect(step('submitted', 'refuse', { reason: '不属于' })).toMatchObject({ refused: true, code: 'INPUT', field: 'reason', zh: '不予受理的理由至少 5 个字（YT-6.2）' });
    expect(step('submitted', 'refuse', { reason: '不属于省级财政资金项目' })).toMatchObject({ to: 'refused' });
  });
  it('状态不对、角色不对时拒绝并说明原因和条款', () => {
    expect(step('draft', 'accept', {})).toMatchObject({ refused: true, code: 'INVALID_STATE', zh: '案件处于“草稿”状态，不能受理（YT-6.2）', clause: 'YT-6.2' });
    expect(step('submitted', 'accept', {}, data(), 'researcher' as never)).toMatchObject({ refused: true, code: 'FORBIDDEN' });
  });
  it('YT-6.1 五项申请材料缺一项也不能提交：步骤显示为受阻并说明所缺要求', () => {
    const { audit_report: _a, ...four } = ALL_MATERIALS;
    expect(step('draft', 'submit_to_unit', {}, data({ materials: four }), 'researcher' as never)).toMatchObject({ refused: true, code: 'REQUIREMENT', requirement: 'materials_complete', clause: 'YT-6.1' });
    expect(plan(TOLERANCE_CASE, at('draft', data({ materials: four })), 'unit_admin', 'submit_by_unit', {}, null, env)).toMatchObject({ refused: true, requirement: 'materials_complete' });
    const offered = available(TOLERANCE_CASE, at('draft', data({ materials: four })), 'researcher', null, env).find((s) => s.id === 'submit_to_unit');
    expect(offered?.blockedBy.map((b) => b.id)).toEqual(['materials_complete']);
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
  it('YT-6.1 项目已不在实施过程中的，只能在追责程序启动后 20 个工作日内提出：期限内可提交，期满不能提交', () => {
    const notRunning = data({ project: { ...project, status: 'accepted', inImplementation: false } });
    // 2026-11-02 + 20 working days = 2026-11-27 (a Friday; no holiday in between).
    const window = { 'YT-6.1': { dueDate: '2026-11-27', status: 'running', startDate: '2026-11-02' } };
    const submit = (today: string, clocks: GuardEnv['clocks']) => plan(TOLERANCE_CASE, at('draft', notRunning), 'researcher', 'submit_to_unit', {}, null, { ...env, today, clocks });
    expect(submit('2026-11-27', window)).toMatchObject({ refused: false });
    expect(submit('2026-11-30', window)).toMatchObject({ refused: true, requirement: 'within_application_window', clause: 'YT-6.1' });
    expect(submit('2026-11-25', {})).toMatchObject({ refused: true, requirement: 'within_application_window' });
  });
  it('YT-14 X-2 恶意申请移送失信处理须写明理由，并停止尚在运行的计时', () => {
    expect(step('investigating', 'refer_misconduct', {})).toMatchObject({ refused: true, field: 'reason' });
    expect(step('investigating', 'refer_misconduct', { reason: '伪造经费审计报告' }))
      .toMatchObject({ refused: false, to: 'referred', effects: ['open_misconduct_case'], stops: ['YT-6.2', 'YT-6.3', 'YT-6.5'] });
  });
  it('YT-6.2 材料需补正的退回申请方并停止受理计时；补正后单位可再次报送', () => {
    expect(step('submitted', 'request_supplement', { reason: '经费审计报告缺少审计机构盖章' })).toMatchObject({ refused: false, to: 'returned', stops: ['YT-6.2'] });
    expect(plan(TOLERANCE_CASE, at('returned'), 'unit_admin', 'submit_by_unit', {}, null, env)).toMatchObject({ refused: false, to: 'submitted', opens: ['YT-6.2'] });
  });
  it('YT-6.3 逐项核实只针对申请所主张的条件，每项写明是否符合及依据；专家组意见须列明成员', () => {
    const f = (findings: unknown) => step('investigating', 'record_findings', { findings });
    expect(f({ 'YT-4.2': { met: true, basis: '有论证记录' } })).toMatchObject({ refused: true, code: 'CHECK', field: 'findings/YT-4.2' });
    expect(f({ 'YT-4.5': { met: 'yes', basis: '有论证记录' } })).toMatchObject({ refused: true, code: 'INPUT', field: 'findings/YT-4.5/met' });
    expect(f({})).toMatchObject({ refused: true, code: 'INPUT', field: 'findings' });
    const ok = f({ 'YT-4.5': { met: true, basis: '查阅了中试前论证记录' } });
    expect(ok.refused === false && ok.data.findings).toEqual({ 'YT-4.5': { met: true, basis: '查阅了中试前论证记录' } });
    expect(step('investigating', 'record_expert_opinion', { members: [], opinion: '属于探索性失败' })).toMatchObject({ refused: true, field: 'members' });
  });
  it('YT-6.3 未听取申辩意见（或未记录书面放弃申辩）的，不能作出认定', () => {
    expect(step('investigating', 'decide', decision, ready({ defences: [] }))).toMatchObject({ refused: true, code: 'REQUIREMENT', requirement: 'defence_heard', zh: '尚未听取申辩意见（或记录当事人书面放弃申辩）（YT-6.3）' });
    const waived = step('investigating', 'record_defence', { kind: 'waived', on: '2026-11-24', statement: '申请人书面声明放弃申辩' });
    expect(waived.refused === false && waived.data.defences).toEqual([{ kind: 'waived', on: '2026-11-24', statement: '申请人书面声明放弃申辩' }]);
    expect(step('investigating', 'decide', decision, ready({ defences: [{ kind: 'waived', on: '2026-11-24', statement: '书面放弃' }] }))).toMatchObject({ refused: false });
    expect(step('investigating', 'record_defence', { kind: 'heard', statement: '未写日期' })).toMatchObject({ refused: true, field: 'on' });
  });
  it('YT-6.3 YT-4 申请所主张的每项容错条件都须有核实意见；经核实不符合的，不能予以容错，只能不予容错', () => {
    expect(step('investigating', 'decide', decision, ready({ findings: {} }))).toMatchObject({ refused: true, requirement: 'every_condition_found' });
    const notMet = ready({ findings: { 'YT-4.5': { met: false, basis: '无新技术探索的证据' } } });
    expect(step('investigating', 'decide', decision, notMet)).toMatchObject({ refused: true, code: 'CHECK', clause: 'YT-4', field: 'outcome' });
    expect(step('investigating', 'decide', { ...decision, outcome: 'not_tolerated', circumstances: [] }, notMet)).toMatchObject({ refused: false, to: 'decided' });
  });
  it('YT-6.4 与财政、审计部门的沟通须逐一记录日期和内容后，才能集体审议作出认定', () => {
    expect(step('investigating', 'decide', decision, ready({ consultations: [{ department: 'finance', on: '2026-11-21', substance: '财政局无异议' }] })))
      .toMatchObject({ refused: true, requirement: 'finance_audit_consulted', clause: 'YT-6.4' });
    expect(step('investigating', 'record_consultation', { department: 'audit', on: '2026-11-22', substance: '好' })).toMatchObject({ refused: true, field: 'substance' });
    const ok = step('investigating', 'record_consultation', { department: 'audit', on: '2026-11-22', substance: '审计局确认未发现违规' });
    expect(ok.refused === false && ok.data.consultations).toEqual([{ department: 'audit', on: '2026-11-22', substance: '审计局确认未发现违规' }]);
    // The old checkboxes are no longer a way to say it.
    expect(step('investigating', 'decide', { ...decision, consultedFinance: true, consultedAudit: true }, ready())).toMatchObject({ refused: true, code: 'INPUT', field: 'consultedFinance' });
  });
  it('YT-6.4 集体审议：到会人数不足本局设定的 3 人、予以容错却未列明 YT-5 情形的，不能作出认定', () => {
    const d = (over: object) => step('investigating', 'decide', { ...decision, ...over }, ready());
    expect(d({ deliberation: { ...decision.deliberation, members: ['甲', '乙'] } })).toMatchObject({ refused: true, field: 'deliberation/members', zh: '集体审议须至少 3 人到会并记录名单（YT-6.4）' });
    expect(d({ circumstances: [] })).toMatchObject({ refused: true, field: 'circumstances' });
    expect(d({ outcome: 'not_tolerated', circumstances: [] })).toMatchObject({ refused: false, to: 'decided' });
    const ok = d({});
    expect(ok).toMatchObject({ refused: false, to: 'decided', stops: ['YT-6.3'], opens: ['YT-6.5'], effects: ['start_correction'] });
    expect(!ok.refused && ok.data.decision?.outcome).toBe('exempt');
  });
  it('YT-5.2 依“高风险项目已履行勤勉义务”予以结题，须有第三方专家评议意见和科技行政管理部门的批准', () => {
    const on52 = { ...decision, circumstances: ['YT-5.2'] };
    expect(step('investigating', 'decide', on52, ready())).toMatchObject({ refused: true, clause: 'YT-5.2', zh: '依 YT-5.2 予以结题须有第三方专家评议意见（YT-5.2）' });
    const experts = ready({ expertGroup: { members: ['甲', '乙', '丙'], opinion: '原始记录表明已尽勤勉义务', thirdParty: true } });
    expect(step('investigating', 'decide', on52, experts)).toMatchObject({ refused: true, field: 'conclusionApproval' });
    const notThirdParty = ready({ expertGroup: { members: ['甲'], opinion: '同意', thirdParty: false } });
    expect(step('investigating', 'decide', { ...on52, conclusionApproval: { by: '楚雄州科学技术局', on: '2026-11-25' } }, notThirdParty)).toMatchObject({ refused: true, clause: 'YT-5.2' });
    expect(step('investigating', 'decide', { ...on52, conclusionApproval: { by: '楚雄州科学技术局', on: '2026-11-25' } }, experts)).toMatchObject({ refused: false, to: 'decided' });
  });
  it('YT-6.4 认定结果抄送组织、人事部门须写明部门和日期，只记录一次；未抄送的不能反馈', () => {
    const input = { organisation: '州委组织部', personnel: '州人力资源和社会保障局', on: '2026-11-25' };
    expect(step('decided', 'feed_back', {})).toMatchObject({ refused: true, requirement: 'copied_to_departments', zh: '认定结果尚未抄送组织、人事部门备案（YT-6.4）' });
    expect(step('decided', 'record_copy', input)).toMatchObject({ refused: false, to: 'decided' });
    expect(step('decided', 'record_copy', input, data({ copiedTo: input }))).toMatchObject({ refused: true, code: 'NOT_OFFERED' });
    expect(step('decided', 'record_copy', { ...input, personnel: '' })).toMatchObject({ refused: true, field: 'personnel' });
    expect(step('decided', 'feed_back', {}, data({ copiedTo: input }))).toMatchObject({ refused: false, to: 'fed_back', effects: ['mark_project_exempt', 'open_surplus_funds_obligation', 'open_failure_report'] });
  });
  it('YT-4 未说明符合的容错条件的申请不能提交', () => {
    expect(step('draft', 'submit_to_unit', {}, data({ conditions: {} }), 'researcher' as never)).toMatchObject({ refused: true, requirement: 'conditions_claimed' });
  });
  it('YT-6.3 只能延长一次：报请后不再提供“报请延长”，领导只在有待审批的申请时看到“批准延长”', () => {
    const pending = data({ extensionRequest: { reason: '需补充取证', status: 'pending' } });
    const approved = data({ extensionRequest: { reason: '需补充取证', status: 'approved' } });
    expect(available(TOLERANCE_CASE, at('investigating'), 'business_officer', null, env).map((s) => s.id)).toContain('request_extension');
    expect(available(TOLERANCE_CASE, at('investigating', pending), 'business_officer', null, env).map((s) => s.id)).not.toContain('request_extension');
    expect(available(TOLERANCE_CASE, at('investigating', pending), 'bureau_leader', null, env).map((s) => s.id)).toEqual(['approve_extension', 'refuse_extension']);
    expect(available(TOLERANCE_CASE, at('investigating', approved), 'bureau_leader', null, env)).toEqual([]);
    expect(plan(TOLERANCE_CASE, at('investigating', approved), 'bureau_leader', 'approve_extension', {}, null, env)).toMatchObject({ refused: true, code: 'NOT_OFFERED' });
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
    const ok = step('investigating', 'record_findings', { findings: { [k]: { met: false, basis: '调查未见佐证' } } }, claimed);
    expect(ok.refused === false && ok.data.findings).toEqual({ [k]: { met: false, basis: '调查未见佐证' } });
    expect(step('draft', 'submit_to_unit', {}, claimed, 'researcher' as never)).toMatchObject({ refused: false, to: 'unit_review' });
  });
  it.each(TEN)('%s 可作为免除、从轻或减轻的依据列入认定；YT-5 之外的情形不能', (k) => {
    // YT-5.2 concludes the project and so needs its expert review and approval (tested above).
    const prepared = k === 'YT-5.2' ? ready({ expertGroup: { members: ['甲', '乙', '丙'], opinion: '已尽勤勉义务', thirdParty: true } }) : ready();
    const extra = k === 'YT-5.2' ? { conclusionApproval: { by: '楚雄州科学技术局', on: '2026-11-25' } } : {};
    for (const outcome of ['exempt', 'lighter', 'mitigated']) {
      const ok = step('investigating', 'decide', { ...decision, ...extra, outcome, circumstances: [k] }, prepared);
      expect(ok.refused === false && ok.data.decision?.circumstances).toEqual([k]);
    }
    expect(step('investigating', 'decide', { ...decision, circumstances: [k, 'YT-5.11'] }, prepared)).toMatchObject({ refused: true, field: 'circumstances/1' });
  });
  it('界面只提供当前角色在当前状态下可办理的步骤，并说明下一步由谁办理', () => {
    expect(available(TOLERANCE_CASE, at('submitted'), 'business_officer', null, env).map((s) => s.id)).toEqual(['accept', 'refuse', 'request_supplement', 'refer_misconduct']);
    expect(available(TOLERANCE_CASE, at('submitted'), 'researcher', null, env)).toEqual([]);
    expect(available(TOLERANCE_CASE, at('archived'), 'business_officer', null, env)).toEqual([]);
    expect(nextSteps(TOLERANCE_CASE, at('submitted')).map((s) => [s.id, s.roles])).toEqual([
      ['accept', ['business_officer', 'county_officer']], ['refuse', ['business_officer', 'county_officer']], ['request_supplement', ['business_officer', 'county_officer']], ['refer_misconduct', ['business_officer', 'county_officer']]]);
  });
  it('YT-6.1 草稿阶段申请人可以撤回申请；提交单位后科研人员不能再改由单位审核', () => {
    expect(step('draft', 'withdraw', {}, data(), 'researcher' as never)).toMatchObject({ refused: false, to: 'withdrawn' });
    expect(step('submitted', 'withdraw', {}, data(), 'researcher' as never)).toMatchObject({ refused: true, code: 'INVALID_STATE' });
  });
});

describe('容错免责申请的开始（YT-3、YT-6.1）', () => {
  const facts = (over: Partial<ProjectFacts> = {}): FactSet => ({ project: {
    id: 'p1', code: 'CX-2025-001', name: '高原作物', jurisdictionCode: '532300', planLevel: 'prefecture', fundingSource: 'prefecture_fiscal', status: 'in_progress',
    undertakingUnitId: 'u1', leaderId: 'l1', dueDate: '2026-12-31', extendedDueDate: null, ...over,
  } });
  const senv: StartEnv = { registry: DEFAULT_REGISTRY, today: '2026-11-25', actor: { role: 'researcher', regionCode: null, personId: 'l1', unitId: null } };
  const input = { projectId: '00000000-0000-4000-8000-000000000001', failure: '试验失败', conditions: { 'YT-4.5': '首次探索' }, circumstances: ['YT-5.6'] };
  const apply = (f: FactSet, i: Record<string, unknown> = input) => planStart(TOLERANCE_CASE, 'apply', i, f, senv);
  it.each(['provincial_fiscal', 'prefecture_fiscal', 'county_fiscal'] as const)('YT-3 使用财政科技资金（%s）的项目可申请容错免责', (fundingSource) => {
    expect(apply(facts({ fundingSource }))).toMatchObject({ refused: false, opening: { jurisdictionCode: '532300', applicantPersonId: 'l1' } });
  });
  it('YT-3 自筹资金的项目不能申请，拒绝时说明条款；其他国有资金只在本局决定参照执行时可申请', () => {
    expect(apply(facts({ fundingSource: 'self_raised' }))).toMatchObject({ refused: true, requirement: 'project_in_scope', clause: 'YT-3', field: 'projectId' });
    expect(apply(facts({ fundingSource: 'other_state' }))).toMatchObject({ refused: true, requirement: 'project_in_scope' });
    const optIn = DEFAULT_REGISTRY.with([{ ...DEFAULT_REGISTRY.byId('YT-2023')!, id: 'YT-2023-X', kind: 'extension', extends: undefined, inForceFrom: '2025-02-10', inForceTo: null,
      parameters: { ...DEFAULT_REGISTRY.byId('YT-2023')!.parameters, 'YT-3.otherStateFunds': { value: 'apply', basis: '本局决定参照执行' } } }]);
    expect(planStart(TOLERANCE_CASE, 'apply', input, facts({ fundingSource: 'other_state' }), { ...senv, registry: optIn })).toMatchObject({ refused: false });
  });
  it('YT-6.1 已验收的项目不在实施过程中：未填写追责程序启动日期的申请被拒绝；填写后开立 20 个工作日的申请期限', () => {
    expect(apply(facts({ status: 'accepted' }))).toMatchObject({ refused: true, requirement: 'within_application_window', field: 'accountabilityStartedOn' });
    const ok = apply(facts({ status: 'accepted' }), { ...input, accountabilityStartedOn: '2026-11-02' });
    expect(ok).toMatchObject({ refused: false, opening: { clocks: [{ limitId: 'YT-6.1', startDate: '2026-11-02' }] } });
    expect(apply(facts({ status: 'accepted' }), { ...input, accountabilityStartedOn: '2026-12-02' })).toMatchObject({ refused: true, field: 'accountabilityStartedOn' });
  });
  it('依职权启动（YT-6.2）同样只适用于 YT-3 范围内的项目', () => {
    const officer: StartEnv = { ...senv, actor: { role: 'business_officer', regionCode: '532300', personId: null, unitId: null } };
    expect(planStart(TOLERANCE_CASE, 'ex_officio', input, facts({ fundingSource: 'self_raised' }), officer)).toMatchObject({ refused: true, clause: 'YT-3' });
    expect(planStart(TOLERANCE_CASE, 'ex_officio', input, facts(), officer)).toMatchObject({ refused: false, opening: { applicantPersonId: null, data: { exOfficio: true } } });
    expect(planStart(TOLERANCE_CASE, 'ex_officio', input, facts(), senv)).toMatchObject({ refused: true, code: 'FORBIDDEN' });
  });
});
