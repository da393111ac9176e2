/**
 * 复查 of a misconduct decision (《科研失信行为调查处理规则》国科发监〔2022〕221号) declared for the
 * procedure engine. The sanctioned subject — the person, or the unit's administrator — applies within
 * the review window after receiving the decision (a paper application is recorded by staff with the day
 * it came in); the integrity section decides within its period, upholding, changing or revoking the
 * decision. A change or revocation corrects the sanction rows and what rests on them (the listing's end,
 * the public list, the rating finding), old values kept. The two periods are settings: the rule's text
 * could not be found to check them (see the registry's basis).
 *
 * Readings: one review per decision (a review that was not dismissed bars another; further remedy is
 * 行政复议 or 行政诉讼, which the decision document names); a review begun by the party never makes the
 * decision heavier (the principle the law applies to 行政复议), nor changes the kind of misconduct found
 * (a wrong finding of misconduct is revoked, and a new case opened if need be).
 */
import { Type } from 'typebox';
import { MISCONDUCT_KIND_LABEL, type MisconductKind } from '../sanctions/misconduct';
import { MEASURE_LABEL, SEVERITY_LABEL, checkSanctionUnder, heavierParts, versionForMisconduct, type Measure, type Severity } from '../sanctions/sanctions';
import { APPLICANTS, CASE_HANDLERS, DateField, LongText, withNote } from './common';
import { requestStart, step, type ProcedureDef, type StartEnv, type StartRequirement } from './engine';
import type { FactSet } from './facts';
import { DecisionInput } from './misconduct-case';

const RULE = '国科发监〔2022〕221号';

export interface ReviewedDecision {
  kind: MisconductKind; conductDate: string; decidedOn: string; severity: Severity; measures: Measure[];
  banYears: number | 'life' | null; publicDisclosure: boolean; policyVersionId: string;
}

export interface MisconductReviewData {
  misconductCaseId: string;
  subjectId: string;
  subjectKind: 'organization' | 'person';
  /** The decision as it stood when review was asked for. */
  original: ReviewedDecision;
  /** The day the applicant received the decision document: the window counts from it. */
  receivedOn: string;
  /** The day the application reached the bureau: the decision period counts from it. */
  appliedOn: string;
  grounds: string;
  recordedByStaff: boolean;
  history: Array<{ step: string; note: string }>;
  outcome?: {
    kind: 'upheld' | 'changed' | 'revoked' | 'dismissed';
    on: string;
    opinion: string;
    /** For a change: the decision as changed (the kind of misconduct and its dates stay). */
    changed?: { severity: Severity; measures: Measure[]; banYears: number | 'life' | null; publicDisclosure: boolean };
  };
}

export const REVIEW_OUTCOME_LABEL = { upheld: '维持原处理决定', changed: '变更原处理决定', revoked: '撤销原处理决定', dismissed: '不予受理' } as const;

const DECIDERS = ['integrity_officer'] as const;
const s = step<MisconductReviewData>();
const start = requestStart<MisconductReviewData>();

const ApplyInput = Type.Object({
  misconductCaseId: Type.String({ format: 'uuid', title: '申请复查的处理决定（失信案件）' }),
  receivedOn: DateField('收到处理决定书的日期'),
  grounds: LongText('申请复查的事实和理由', 10),
}, { additionalProperties: false });
const RecordInput = Type.Object({ ...ApplyInput.properties, appliedOn: DateField('收到复查申请的日期') }, { additionalProperties: false });

// ——— What both ways in rest on ———
type AppInput = { misconductCaseId: string; receivedOn: string; grounds: string; appliedOn?: string };
const decided: StartRequirement<typeof ApplyInput> = { id: 'sanction_decided', clause: RULE, field: 'misconductCaseId', zh: '该失信案件尚未作出处理决定', met: (_i, f) => f.misconductCase!.state === 'decided' && !!f.misconductCase!.decision };
const onceOnly: StartRequirement<typeof ApplyInput> = {
  id: 'not_reviewed_before', clause: RULE, field: 'misconductCaseId', zh: '该处理决定已申请过复查（对复查决定不服的，可依法申请行政复议或者提起行政诉讼）',
  met: (_i, f) => !f.misconductCase!.reviews.some((r) => r.state !== 'dismissed'),
};
const appliedOn = (i: AppInput, env: StartEnv) => i.appliedOn ?? env.today ?? '';
/** The window: counted from the day the decision was received, by the calendar the case's clocks use. */
const withinWindow: StartRequirement<typeof ApplyInput> = {
  id: 'within_review_window', clause: RULE, field: 'receivedOn', zh: '已超过申请复查的期限（自收到处理决定书之日起，期限见政策版本 CI-22.reviewApplication）',
  met: (i, _f, env) => !!env.dueDate && appliedOn(i, env) <= env.dueDate('CI-22.reviewApplication', i.receivedOn),
};
const datesProblem = (i: AppInput, f: FactSet, env: StartEnv) => {
  const d = f.misconductCase!.decision!;
  if (i.receivedOn < d.decidedOn) return { zh: `收到日期不能早于处理决定日期 ${d.decidedOn}`, field: 'receivedOn' };
  if (i.receivedOn > appliedOn(i, env)) return { zh: '收到处理决定书的日期不能晚于申请日期', field: 'receivedOn' };
  if (env.today && appliedOn(i, env) > env.today) return { zh: '收到申请的日期不能晚于今天', field: 'appliedOn' };
  return null;
};
const open = (i: AppInput, f: FactSet, env: StartEnv, byStaff: boolean) => {
  const m = f.misconductCase!;
  const d = m.decision!;
  const subjectKind = m.subjectKind ?? 'person';
  return {
    jurisdictionCode: m.jurisdictionCode, projectId: null,
    unitId: subjectKind === 'organization' ? m.subjectId : null, applicantPersonId: subjectKind === 'person' ? m.subjectId : null,
    data: {
      misconductCaseId: m.id, subjectId: m.subjectId!, subjectKind, receivedOn: i.receivedOn, appliedOn: appliedOn(i, env), grounds: i.grounds, recordedByStaff: byStaff, history: [],
      original: { kind: d.kind, conductDate: d.conductDate, decidedOn: d.decidedOn, severity: d.severity, measures: [...d.measures], banYears: d.banYears, publicDisclosure: d.publicDisclosure, policyVersionId: d.policyVersionId },
    },
    // The decision period counts from the day the application reached the bureau.
    clocks: [{ limitId: 'CI-22.reviewDecision', startDate: appliedOn(i, env) }],
  };
};

const ChangeInput = Type.Object({
  severity: DecisionInput.properties.severity,
  measures: DecisionInput.properties.measures,
  banYears: DecisionInput.properties.banYears,
  publicDisclosure: DecisionInput.properties.publicDisclosure,
  opinion: LongText('复查意见（变更的事实和理由）', 10),
}, { additionalProperties: false });
const OpinionInput = (title: string) => Type.Object({ opinion: LongText(title, 10) }, { additionalProperties: false });
const outcomeNote = (k: keyof typeof REVIEW_OUTCOME_LABEL) => REVIEW_OUTCOME_LABEL[k];

export const MISCONDUCT_REVIEW_CASE: ProcedureDef<MisconductReviewData> = {
  id: 'misconduct_review',
  title: '科研失信处理决定复查',
  clause: RULE,
  family: 'integrity',
  states: [
    { id: 'reviewing', label: '复查中' },
    { id: 'upheld', label: '维持原处理决定', terminal: true },
    { id: 'changed', label: '已变更原处理决定', terminal: true },
    { id: 'revoked', label: '已撤销原处理决定', terminal: true },
    { id: 'dismissed', label: '不予受理', terminal: true },
  ],
  starts: [
    start({
      // The runner refuses anyone who is not the party: the decided case is visible to the sanctioned person or unit only.
      id: 'apply', state: 'reviewing', roles: APPLICANTS, clause: RULE, label: '申请复查', loads: { misconductCase: 'misconductCaseId' },
      input: ApplyInput,
      requires: [decided, onceOnly, withinWindow],
      check: (i, f, env) => datesProblem(i as AppInput, f, env),
      open: (i, f, env) => open(i as AppInput, f, env, false),
    }),
    start({
      id: 'record', state: 'reviewing', roles: CASE_HANDLERS, clause: RULE, label: '登记书面复查申请', loads: { misconductCase: 'misconductCaseId' },
      input: RecordInput,
      requires: [decided, onceOnly, withinWindow],
      check: (i, f, env) => datesProblem(i as AppInput, f, env),
      open: (i, f, env) => open(i as AppInput, f, env, true),
    }),
  ],
  steps: [
    s({
      id: 'dismiss', label: '不予受理', clause: RULE, from: ['reviewing'], to: 'dismissed', roles: DECIDERS, stops: ['CI-22.reviewDecision'], notify: ['unit_admin', 'researcher'],
      input: OpinionInput('不予受理的理由（如逾期、非被处理人申请）'),
      apply: (d, i, env) => ({ ...withNote(d, 'dismiss', outcomeNote('dismissed')), outcome: { kind: 'dismissed', on: env.today ?? '', opinion: i.opinion } }),
    }),
    s({
      id: 'uphold', label: '维持原处理决定', clause: RULE, from: ['reviewing'], to: 'upheld', roles: DECIDERS, stops: ['CI-22.reviewDecision'], notify: ['unit_admin', 'researcher'],
      input: OpinionInput('复查意见'),
      apply: (d, i, env) => ({ ...withNote(d, 'uphold', outcomeNote('upheld')), outcome: { kind: 'upheld', on: env.today ?? '', opinion: i.opinion } }),
    }),
    s({
      id: 'change', label: '变更原处理决定', clause: RULE, from: ['reviewing'], to: 'changed', roles: DECIDERS, stops: ['CI-22.reviewDecision'], notify: ['unit_admin', 'researcher'],
      input: ChangeInput, effects: ['correct_sanctions'],
      check: (c, i, env) => {
        const o = c.data.original;
        const changed = { severity: i.severity, measures: i.measures, banYears: i.banYears ?? null, publicDisclosure: !!i.publicDisclosure };
        const heavier = heavierParts(changed, o);
        if (heavier.length) return { zh: `复查因当事人申请而进行，变更不得加重原处理（${heavier[0].zh}）`, field: heavier[0].field, clause: RULE };
        if (heavierParts(o, changed).length === 0) return { zh: '变更后的处理与原处理决定相同，应维持原处理决定', field: 'measures', clause: RULE };
        // The same range as the decision: the version it was measured against (行政处罚法第三十七条).
        const version = versionForMisconduct(o.conductDate, o.decidedOn, i.severity, env.registry);
        const problems = checkSanctionUnder(changed, version.lookup, env.registry);
        return problems.length ? { zh: problems[0].zh, field: problems[0].field, clause: problems[0].clause } : null;
      },
      apply: (d, i, env) => ({
        ...withNote(d, 'change', outcomeNote('changed')),
        outcome: { kind: 'changed', on: env.today ?? '', opinion: i.opinion, changed: { severity: i.severity, measures: i.measures, banYears: i.banYears ?? null, publicDisclosure: !!i.publicDisclosure } },
      }),
    }),
    s({
      id: 'revoke', label: '撤销原处理决定', clause: RULE, from: ['reviewing'], to: 'revoked', roles: DECIDERS, stops: ['CI-22.reviewDecision'], notify: ['unit_admin', 'researcher'],
      input: OpinionInput('复查意见（撤销的事实和理由）'), effects: ['correct_sanctions'],
      apply: (d, i, env) => ({ ...withNote(d, 'revoke', outcomeNote('revoked')), outcome: { kind: 'revoked', on: env.today ?? '', opinion: i.opinion } }),
    }),
  ],
  view: {
    summary: { reads: ['original'], text: (d) => `${MISCONDUCT_KIND_LABEL[d.original.kind]}（${d.original.decidedOn} 处理决定）` },
    parties: [{ label: '申请人（被处理人）', key: 'subjectId', kind: 'subject' }, { label: '原处理决定', key: 'misconductCaseId', kind: 'case' }],
    facts: [
      {
        label: '原处理决定', clause: 'CI-25', value: (d) => {
          const o = d.original;
          return `${o.decidedOn}：${SEVERITY_LABEL[o.severity]}；${o.measures.map((m) => MEASURE_LABEL[m]).join('、')}${o.banYears ? `；取消申报资格 ${o.banYears === 'life' ? '永久' : `${o.banYears} 年`}` : ''}${o.publicDisclosure ? '；向社会公布' : ''}`;
        },
      },
      { label: '收到处理决定书', clause: RULE, value: (d) => d.receivedOn },
      { label: '申请', clause: RULE, value: (d) => `${d.appliedOn}${d.recordedByStaff ? '（书面申请，工作人员登记）' : ''}：${d.grounds}` },
      {
        label: '复查决定', clause: RULE, value: (d) => {
          const x = d.outcome;
          if (!x) return null;
          const ch = x.changed ? `\n变更为：${SEVERITY_LABEL[x.changed.severity]}；${x.changed.measures.map((m) => MEASURE_LABEL[m]).join('、')}${x.changed.banYears ? `；取消申报资格 ${x.changed.banYears === 'life' ? '永久' : `${x.changed.banYears} 年`}` : ''}${x.changed.publicDisclosure ? '；向社会公布' : ''}` : '';
          return `${x.on} ${REVIEW_OUTCOME_LABEL[x.kind]}：${x.opinion}${ch}`;
        },
      },
    ],
  },
};
