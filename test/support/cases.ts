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
