/**
 * 容错免责认定 (云科规〔2023〕1号 第六条, 第十三条) declared for the procedure engine: application,
 * the unit's review (YT-13), acceptance or refusal within 7 working days (YT-6.2), investigation with
 * a 14-working-day clock (YT-6.3), collective decision (YT-6.4), feedback within 10 working days and
 * archiving (YT-6.5). An officer may also open a case of its own motion (YT-6.2).
 */
import { isIsoDate } from '../time/iso-date';
import { CASE_OFFICERS, requireText, withNote } from './common';
import type { ProcedureDef } from './engine';

export const CONDITIONS = ['YT-4.1', 'YT-4.2', 'YT-4.3', 'YT-4.4', 'YT-4.5', 'YT-4.6'] as const;
export const CIRCUMSTANCES = ['YT-5.1', 'YT-5.2', 'YT-5.3', 'YT-5.4', 'YT-5.5', 'YT-5.6', 'YT-5.7', 'YT-5.8', 'YT-5.9', 'YT-5.10'] as const;
/** Our one-line summaries of YT-4.1–4.6 and YT-5.1–5.10 (not the text). */
export const CONDITION_LABEL: Record<(typeof CONDITIONS)[number], string> = {
  'YT-4.1': '符合战略决策方向，非主观故意且未造成重大损失', 'YT-4.2': '符合科学决策程序，经论证并集体决策',
  'YT-4.3': '没有以权谋私或恶意串通', 'YT-4.4': '在重大项目或遗留问题中主动担当作为',
  'YT-4.5': '探索新机制新方法新技术，或因市场等因素未达预期', 'YT-4.6': '法律法规规定的其他情形',
};
export const CIRCUMSTANCE_LABEL: Record<(typeof CIRCUMSTANCES)[number], string> = {
  'YT-5.1': '改革创新中的偏差能及时纠正', 'YT-5.2': '高风险项目已履行勤勉义务仍不能完成', 'YT-5.3': '资助或投资未达预期但勤勉尽责',
  'YT-5.4': '成果转化定价后价值变化', 'YT-5.5': '不可抗力致不能继续或完成', 'YT-5.6': '技术路线选择不当难以完成',
  'YT-5.7': '关键技术已被他人公开', 'YT-5.8': '市场变化致产业化无意义', 'YT-5.9': '探索新机制新方法致无法实施', 'YT-5.10': '法律法规规定的其他情形',
};

export const OUTCOMES = ['exempt', 'lighter', 'mitigated', 'not_tolerated'] as const;
export type Outcome = (typeof OUTCOMES)[number];
export const OUTCOME_LABEL: Record<Outcome, string> = { exempt: '免除责任', lighter: '从轻处理', mitigated: '减轻处理', not_tolerated: '不予容错' };
/** YT-9.1: every outcome but 不予容错 grants tolerance and so starts a correction case. */
export const grantsTolerance = (o: Outcome | undefined) => o !== undefined && o !== 'not_tolerated';

/** YT-6.1: the five materials an application carries. */
export const MATERIALS = {
  application: '申请书', explanation: '情况说明及佐证材料', unit_certificate: '所在单位证明', audit_report: '经费审计报告', performance: '实施绩效资料',
} as const;
export type MaterialKind = keyof typeof MATERIALS;
/** YT-6.3: what the bureau adds while it investigates. */
export const INVESTIGATION_MATERIALS = { evidence: '调查取证材料', defence: '申辩材料', expert_opinion: '专家组意见', hearing_record: '听证记录' } as const;
export const FILE_KIND_LABEL: Record<string, string> = { ...MATERIALS, ...INVESTIGATION_MATERIALS };

/** May this role add a file of this kind to a tolerance case in this state? Null when it may, else why not. */
export function materialRefusal(state: string, role: string, kind: string): { zh: string; field: string; unknownKind: boolean } | null {
  const applicantSide = kind in MATERIALS;
  if (!applicantSide && !(kind in INVESTIGATION_MATERIALS)) return { zh: `没有“${kind}”这类材料`, field: 'kind', unknownKind: true };
  if (applicantSide) {
    const ok = (['draft', 'returned'].includes(state) && ['researcher', 'unit_admin'].includes(role)) || (state === 'unit_review' && role === 'unit_admin');
    return ok ? null : { zh: '申请材料只能在申请提交前由申请人或单位补充（YT-6.1）', field: 'kind', unknownKind: false };
  }
  return state === 'investigating' && CASE_OFFICERS.includes(role as (typeof CASE_OFFICERS)[number]) ? null : { zh: '调查材料只能在调查核实阶段由经办人员添加（YT-6.3）', field: 'kind', unknownKind: false };
}

/** The clause a file of this kind is kept under. */
export const materialClause = (kind: string) => (kind in INVESTIGATION_MATERIALS ? 'YT-6.3' : 'YT-6.1');

/** Collective deliberation (集体审议) needs at least this many members present: a bureau setting. */
export const MIN_DELIBERATION_MEMBERS = 3;

export interface ToleranceCaseData {
  projectId: string;
  failure: string;
  /** YT-4: the conditions the applicant says it meets, each with its evidence. */
  conditions: Partial<Record<(typeof CONDITIONS)[number], string>>;
  /** YT-5: the circumstances cited. */
  circumstances: string[];
  accountabilityStartedOn: string | null;
  exOfficio: boolean;
  /** Uploaded files by material kind (YT-6.1), kept in step with the files table. */
  materials?: Partial<Record<MaterialKind, string[]>>;
  history: Array<{ step: string; note: string }>;
  refusalReason?: string;
  referralReason?: string;
  /** YT-6.3: the bureau's finding on each condition claimed. */
  findings?: Partial<Record<(typeof CONDITIONS)[number], { met: boolean; basis: string }>>;
  /** YT-6.3: the optional expert group and its opinion. */
  expertGroup?: { members: string[]; opinion: string };
  /** YT-6.4: the decision copied to the organisation and personnel departments. */
  copiedTo?: { organisation: string; personnel: string; on: string };
  /** YT-6.3: the officer asks, the department head decides; one extension at most. */
  extensionRequest?: { reason: string; status: 'pending' | 'approved' | 'refused'; leaderOpinion?: string };
  decision?: {
    outcome: Outcome;
    circumstances: string[];
    reasons: string;
    deliberation: { date: string; members: string[]; method: 'vote' | 'consensus'; minutes: string };
    consultedFinance: boolean;
    consultedAudit: boolean;
  };
}

const missingMaterials = (d: ToleranceCaseData) => (Object.keys(MATERIALS) as MaterialKind[]).filter((k) => !(d.materials?.[k]?.length));
const needMaterials = (d: ToleranceCaseData) => {
  const missing = missingMaterials(d);
  return missing.length ? { zh: `申请材料不全，尚缺：${missing.map((k) => MATERIALS[k]).join('、')}`, field: `materials/${missing[0]}` } : null;
};
const needReason = (input: Record<string, unknown>) => requireText(input, 'reason', '须写明理由（至少 5 个字）');

export const TOLERANCE_CASE: ProcedureDef<ToleranceCaseData> = {
  id: 'tolerance',
  title: '容错免责认定',
  clause: 'YT-6',
  states: [
    { id: 'draft', label: '草稿' },
    { id: 'unit_review', label: '单位审核中' },
    { id: 'returned', label: '单位退回' },
    { id: 'submitted', label: '待受理' },
    { id: 'refused', label: '不予受理', terminal: true },
    { id: 'investigating', label: '调查核实中' },
    { id: 'decided', label: '已作出认定' },
    { id: 'fed_back', label: '已反馈' },
    { id: 'archived', label: '已归档', terminal: true },
    { id: 'referred', label: '已移送失信处理', terminal: true },
  ],
  starts: [
    { state: 'draft', roles: ['researcher', 'unit_admin'], clause: 'YT-6.1', label: '提出容错免责申请' },
    { state: 'investigating', roles: CASE_OFFICERS, clause: 'YT-6.2', label: '依职权启动容错免责程序', opens: ['YT-6.3'] },
  ],
  transitions: [
    {
      id: 'submit_to_unit', label: '提交单位审核', clause: 'YT-13', from: ['draft', 'returned'], to: 'unit_review', roles: ['researcher'],
      guard: (c) => (Object.keys(c.data.conditions).length === 0 ? { zh: '须说明符合哪些容错条件并附证据', field: 'conditions' }
        : c.data.circumstances.length === 0 ? { zh: '须说明适用的免责情形', field: 'circumstances' } : needMaterials(c.data)),
      notify: ['unit_admin'], apply: (d) => withNote(d, 'submit_to_unit', '提交单位审核'),
    },
    {
      id: 'unit_vouch', label: '单位审核通过并报送', clause: 'YT-13', from: ['unit_review'], to: 'submitted', roles: ['unit_admin'],
      opens: ['YT-6.2'], notify: [...CASE_OFFICERS], apply: (d, i) => withNote(d, 'unit_vouch', i.opinion ?? '同意报送'),
    },
    {
      id: 'unit_return', label: '单位退回申请', clause: 'YT-13', from: ['unit_review'], to: 'returned', roles: ['unit_admin'],
      guard: (_c, i) => needReason(i), apply: (d, i) => withNote(d, 'unit_return', i.reason),
    },
    {
      id: 'submit_by_unit', label: '单位直接提出申请', clause: 'YT-6.1', from: ['draft', 'returned'], to: 'submitted', roles: ['unit_admin'],
      guard: (c) => (Object.keys(c.data.conditions).length === 0 ? { zh: '须说明符合哪些容错条件并附证据', field: 'conditions' } : needMaterials(c.data)),
      opens: ['YT-6.2'], notify: [...CASE_OFFICERS], apply: (d) => withNote(d, 'submit_by_unit', '单位提出申请'),
    },
    {
      id: 'accept', label: '受理', clause: 'YT-6.2', from: ['submitted'], to: 'investigating', roles: CASE_OFFICERS,
      stops: ['YT-6.2'], opens: ['YT-6.3'], apply: (d) => withNote(d, 'accept', '受理'),
    },
    {
      id: 'refuse', label: '不予受理', clause: 'YT-6.2', from: ['submitted'], to: 'refused', roles: CASE_OFFICERS,
      guard: (_c, i) => needReason(i), stops: ['YT-6.2'], apply: (d, i) => ({ ...withNote(d, 'refuse', i.reason), refusalReason: String(i.reason) }),
    },
    {
      id: 'request_supplement', label: '退回补正材料', clause: 'YT-6.2', from: ['submitted'], to: 'returned', roles: CASE_OFFICERS,
      // The acceptance clock stops; it starts again when the completed application is sent back.
      guard: (_c, i) => needReason(i), stops: ['YT-6.2'], notify: ['unit_admin'],
      apply: (d, i) => withNote(d, 'request_supplement', i.reason),
    },
    {
      id: 'record_findings', label: '记录逐项核实意见', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: CASE_OFFICERS,
      guard: (c, i) => {
        const f = i.findings as Record<string, { met?: unknown; basis?: unknown }> | undefined;
        if (!f || typeof f !== 'object' || Object.keys(f).length === 0) return { zh: '须对申请所称的容错条件逐项核实', field: 'findings' };
        for (const [k, v] of Object.entries(f)) {
          if (!(k in c.data.conditions)) return { zh: `申请未主张 ${k}，无需核实`, field: `findings/${k}` };
          if (typeof v?.met !== 'boolean') return { zh: `须写明 ${k} 是否符合`, field: `findings/${k}/met` };
          if (typeof v.basis !== 'string' || v.basis.trim().length < 2) return { zh: `须写明 ${k} 的核实依据`, field: `findings/${k}/basis` };
        }
        return null;
      },
      apply: (d, i) => ({ ...withNote(d, 'record_findings', '逐项核实'), findings: { ...d.findings, ...(i.findings as ToleranceCaseData['findings']) } }),
    },
    {
      id: 'record_expert_opinion', label: '记录专家组意见', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: CASE_OFFICERS,
      guard: (_c, i) => (!Array.isArray(i.members) || i.members.length === 0 ? { zh: '须列明专家组成员', field: 'members' }
        : typeof i.opinion !== 'string' || i.opinion.trim().length < 5 ? { zh: '须记录专家组意见', field: 'opinion' } : null),
      apply: (d, i) => ({ ...withNote(d, 'record_expert_opinion', '专家组意见'), expertGroup: { members: (i.members as unknown[]).map(String), opinion: String(i.opinion) } }),
    },
    {
      id: 'record_copy', label: '抄送组织人事部门', clause: 'YT-6.4', from: ['decided'], to: 'decided', roles: CASE_OFFICERS,
      guard: (c, i) => (c.data.copiedTo ? { zh: '已记录抄送', field: 'organisation' }
        : typeof i.organisation !== 'string' || !i.organisation.trim() ? { zh: '须写明抄送的组织部门', field: 'organisation' }
          : typeof i.personnel !== 'string' || !i.personnel.trim() ? { zh: '须写明抄送的人事部门', field: 'personnel' }
            : typeof i.on !== 'string' || !isIsoDate(i.on) ? { zh: '须写明抄送日期', field: 'on' } : null),
      apply: (d, i) => ({ ...withNote(d, 'record_copy', `抄送${String(i.organisation)}、${String(i.personnel)}`), copiedTo: { organisation: String(i.organisation), personnel: String(i.personnel), on: String(i.on) } }),
    },
    {
      id: 'request_extension', label: '报请延长调查期限', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: CASE_OFFICERS, notify: ['bureau_leader'],
      precondition: (c) => (c.data.extensionRequest ? { zh: c.data.extensionRequest.status === 'pending' ? '已报请延长，待领导审批' : 'YT-6.3 只能延长一次', field: 'reason' } : null),
      guard: (_c, i) => needReason(i),
      apply: (d, i) => ({ ...withNote(d, 'request_extension', i.reason), extensionRequest: { reason: String(i.reason), status: 'pending' } }),
    },
    {
      // The department head's approval is recorded in the clock's ledger in the same transaction (one extension at most).
      id: 'approve_extension', label: '批准延长', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: ['bureau_leader'], notify: [...CASE_OFFICERS],
      precondition: (c) => (c.data.extensionRequest?.status === 'pending' ? null : { zh: '没有待审批的延长申请', field: 'opinion' }),
      effects: ['extend_decision_clock'],
      apply: (d, i) => ({ ...withNote(d, 'approve_extension', i.opinion ?? '同意延长'), extensionRequest: { ...d.extensionRequest!, status: 'approved', leaderOpinion: String(i.opinion ?? '') } }),
    },
    {
      id: 'refuse_extension', label: '不同意延长', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: ['bureau_leader'], notify: [...CASE_OFFICERS],
      precondition: (c) => (c.data.extensionRequest?.status === 'pending' ? null : { zh: '没有待审批的延长申请', field: 'opinion' }),
      guard: (_c, i) => (typeof i.opinion === 'string' && i.opinion.trim().length >= 2 ? null : { zh: '须写明不同意的理由', field: 'opinion' }),
      apply: (d, i) => ({ ...withNote(d, 'refuse_extension', i.opinion), extensionRequest: { ...d.extensionRequest!, status: 'refused', leaderOpinion: String(i.opinion) } }),
    },
    {
      id: 'record_defence', label: '记录申辩意见', clause: 'YT-6.3', from: ['investigating'], to: 'investigating', roles: CASE_OFFICERS,
      guard: (_c, i) => (typeof i.statement === 'string' && i.statement.trim() ? null : { zh: '须记录申辩内容', field: 'statement' }),
      apply: (d, i) => withNote(d, 'record_defence', i.statement),
    },
    {
      id: 'decide', label: '集体审议作出认定', clause: 'YT-6.4', from: ['investigating'], to: 'decided', roles: CASE_OFFICERS,
      guard: (_c, i) => {
        const d = i as unknown as NonNullable<ToleranceCaseData['decision']>;
        if (!OUTCOMES.includes(d.outcome)) return { zh: '认定结果应为免除责任、从轻处理、减轻处理或不予容错', field: 'outcome' };
        if (!d.consultedFinance || !d.consultedAudit) return { zh: '须记录与财政、审计部门的沟通', field: d.consultedFinance ? 'consultedAudit' : 'consultedFinance' };
        if (!d.deliberation || (d.deliberation.members?.length ?? 0) < MIN_DELIBERATION_MEMBERS) return { zh: `集体审议须至少 ${MIN_DELIBERATION_MEMBERS} 人到会并记录名单`, field: 'deliberation/members' };
        if (!d.deliberation.minutes?.trim()) return { zh: '须记录审议纪要', field: 'deliberation/minutes' };
        if (d.outcome !== 'not_tolerated' && !(d.circumstances?.length)) return { zh: '予以容错的须列明所依据的免责情形（YT-5）', field: 'circumstances' };
        if (d.circumstances?.some((x) => !(CIRCUMSTANCES as readonly string[]).includes(x))) return { zh: '免责情形应为 YT-5.1 至 YT-5.10', field: 'circumstances' };
        if (!d.reasons?.trim()) return { zh: '须写明认定理由', field: 'reasons' };
        return null;
      },
      // YT-9.1: a decision that grants tolerance also starts the correction procedure.
      stops: ['YT-6.3'], opens: ['YT-6.5'], notify: ['bureau_leader'], effects: ['start_correction'],
      apply: (d, i) => ({ ...withNote(d, 'decide', OUTCOME_LABEL[i.outcome as Outcome]), decision: i as unknown as ToleranceCaseData['decision'] }),
    },
    {
      id: 'feed_back', label: '反馈认定结果', clause: 'YT-6.5', from: ['decided'], to: 'fed_back', roles: CASE_OFFICERS,
      // YT-6.5 / YT-10: an exemption is marked on the project, which then never counts against anyone.
      // YT-10: surplus funds go back to the treasury, an obligation tracked until settled.
      // YT-11: the exempted unit and person then owe a failure-analysis report.
      stops: ['YT-6.5'], effects: ['mark_project_exempt', 'open_surplus_funds_obligation', 'open_failure_report'], apply: (d) => withNote(d, 'feed_back', '已反馈申请人'),
    },
    {
      // YT-14 / X-2: a malicious or fraudulent application becomes a misconduct case under CI.
      id: 'refer_misconduct', label: '移送失信处理', clause: 'YT-14', from: ['submitted', 'investigating', 'decided'], to: 'referred', roles: CASE_OFFICERS,
      guard: (_c, i) => needReason(i), stops: ['YT-6.2', 'YT-6.3', 'YT-6.5'], effects: ['open_misconduct_case'], notify: ['integrity_officer'],
      apply: (d, i) => ({ ...withNote(d, 'refer_misconduct', i.reason), referralReason: String(i.reason) }),
    },
    {
      id: 'archive', label: '归档', clause: 'YT-6.5', from: ['fed_back'], to: 'archived', roles: CASE_OFFICERS, apply: (d) => withNote(d, 'archive', '已归档'),
    },
  ],
};
