/** Helpers for case tests. */
import type { Client } from './test-app';
import { FIXTURES } from './zip';

/** YT-6.1: the five materials, each uploaded as a small PDF. */
export async function uploadMaterials(client: Client, caseId: string) {
  for (const kind of ['application', 'explanation', 'unit_certificate', 'audit_report', 'performance']) {
    const r = await client.upload(`/api/cases/${caseId}/materials?kind=${kind}&fileName=${encodeURIComponent(`${kind}.pdf`)}`, FIXTURES.pdf);
    if (r.status !== 201) throw new Error(`upload ${kind}: ${JSON.stringify(r.json)}`);
  }
  return (await client.get(`/api/cases/${caseId}`)).json;
}

/**
 * The body of the one start route (POST /api/cases) for the starts tests use most, from the fields a
 * test names: a tolerance application (or, with exOfficio, the bureau's own start), a supervision case
 * by its procedure, a misconduct lead, a listing proposal, a repair application.
 */
export function startBody(kind: 'tolerance' | 'supervision' | 'misconduct' | 'listing' | 'repair', body: Record<string, unknown>) {
  if (kind === 'tolerance') {
    const { exOfficio, ...input } = body;
    return { procedure: 'tolerance', start: exOfficio ? 'ex_officio' : 'apply', input };
  }
  if (kind === 'supervision') {
    const { procedure, ...input } = body as { procedure: string };
    return { procedure, start: procedure === 'major_change' ? 'report' : 'open', input };
  }
  return { procedure: kind, start: { misconduct: 'lead', listing: 'propose', repair: 'apply' }[kind], input: body };
}

/** Takes a step with the case's current version, failing loudly when it is refused. */
export async function takeSteps(client: Client, caseId: string, steps: Array<[string, Record<string, unknown>?]>) {
  let c = (await client.get(`/api/cases/${caseId}`)).json;
  for (const [step, input = {}] of steps) {
    const r = await client.send('POST', `/api/cases/${caseId}/steps/${step}`, { version: c.version, ...input });
    if (r.status !== 200) throw new Error(`${step}: ${JSON.stringify(r.json)}`);
    c = r.json;
  }
  return c;
}

/**
 * What YT-6.3 and YT-6.4 require before a tolerance decision, done as an officer does it: the
 * defence heard, a finding on each condition claimed (met), finance and audit consulted.
 */
export async function prepareToleranceDecision(client: Client, caseId: string, on: string) {
  const c = (await client.get(`/api/cases/${caseId}`)).json;
  const findings = Object.fromEntries(Object.keys(c.data.conditions).map((k) => [k, { met: true, basis: '调查核实：有佐证材料' }]));
  return takeSteps(client, caseId, [
    ['record_defence', { kind: 'heard', on, statement: '申请人到场陈述了项目实施和失败经过' }],
    ['record_findings', { findings }],
    ['record_consultation', { department: 'finance', on, substance: '财政部门对经费使用和结余处理无异议' }],
    ['record_consultation', { department: 'audit', on, substance: '审计部门确认专项审计未发现违规' }],
  ]);
}

/** YT-6.4: the decision copied to the organisation and personnel departments, which YT-6.5 feedback needs. */
export const COPY_TO_DEPARTMENTS = { organisation: '中共楚雄州委组织部', personnel: '楚雄州人力资源和社会保障局' };

/**
 * 行政处罚法第四十四条、第四十五条、第六十四条 done at once, for tests about what follows a decision: the
 * intended decision notified as it will be decided, and the party's written waiver of statement and
 * (for a ban) of a hearing recorded on `on`, so the decision may be taken that day.
 */
export function noticeWaivedSteps(decision: Record<string, any>, on: string): Array<[string, Record<string, unknown>]> {
  const { kind, conductDate, severity, measures, banYears, publicDisclosure, responsible } = decision;
  return [
    ['send_notice', { kind, conductDate, severity, measures, banYears, publicDisclosure, responsible, facts: '经调查核实的失信事实', grounds: '楚科规〔2022〕5号第二十二条至第二十五条' }],
    ['record_statement', { kind: 'waived', on, text: '当事人书面声明放弃陈述、申辩' }],
    ...(measures.includes('ban') ? [['record_hearing_waiver', { on, statement: '当事人书面声明不要求听证' }] as [string, Record<string, unknown>]] : []),
  ];
}

/** CI-24: the six severity factors, as a test records them. */
export const SEVERITY_FACTORS_TEXT = { deviation: '严重偏离', intent_obstruction: '伪造审计报告', social_impact: '影响较大', repeat: '首次', attitude: '拒不承认', other: '无' };

/**
 * A misconduct case from lead to decision through the API (CI-22 to CI-25), by an officer of the
 * subject's area; `decision` overrides a grave five-year ban decided on 2026-11-20 (no responsible
 * persons: give them for an organisation on the serious list, CI-26).
 */
export async function decideMisconduct(client: Client, subjectId: string, decision: Record<string, unknown> = {}) {
  const full: Record<string, any> = {
    kind: 'fabrication', conductDate: '2025-06-01', decidedOn: '2026-11-20', severity: 'grave', measures: ['ban'], banYears: 5, publicDisclosure: true,
    simpleProcedure: false, minorAndCorrected: false, responsible: [], judiciaryReferral: false, reasons: '经调查认定，情节如处理决定所述', ...decision,
  };
  const c = (await client.send('POST', '/api/cases', startBody('misconduct', { subjectId, source: 'audit', grounds: '专项审计发现问题，立案调查' }))).json;
  if (!c.id) throw new Error(JSON.stringify(c));
  return takeSteps(client, c.id, [
    ['file', { opinion: '立案调查' }],
    ['record_factors', { factors: SEVERITY_FACTORS_TEXT }],
    // 行政处罚法第四十四、四十五、六十四条: the intended decision notified, statement and hearing waived, then decided.
    ...noticeWaivedSteps(full, String(full.decidedOn)),
    ['decide_sanction', full],
  ]);
}

/** CI-27 to the office meeting without an objection: proposed, notified, window over (on `after`), approved. */
export async function listWithoutObjection(t: { clock: { set(iso: string): void } }, login: () => Promise<Client>, subjectId: string, misconductCaseId: string, notifyOn: string, meetOn: string) {
  t.clock.set(`${notifyOn}T02:00:00.000Z`);
  let officer = await login();
  const c = (await officer.send('POST', '/api/cases', startBody('listing', { subjectId, misconductCaseId, grounds: '依据处理决定拟列入失信惩戒名单' }))).json;
  if (!c.id) return c;
  await takeSteps(officer, c.id, [['send_notice']]);
  t.clock.set(`${meetOn}T02:00:00.000Z`);
  officer = await login();
  return takeSteps(officer, c.id, [['no_objection'], ['approve', { date: meetOn, minutes: '局办公会研究同意列入' }]]);
}
