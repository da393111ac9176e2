/**
 * 更正处理记录 (CI-27 经核查属实的，及时更正): an upheld objection corrects the sanction record of the
 * decision it names — every row of that decision (the subject and, under CI-26, the persons who answer
 * for it share its conduct) — field by field, each change kept with its old value in
 * sanction_corrections and audited. Measures stay within the range of the decision's severity and ban
 * (CI-23, CI-25); a conduct date stays on or before the decision. Refused corrections write nothing.
 * Also the reads that show corrections wherever the record is shown.
 */
import { randomUUID } from 'node:crypto';
import { AppError } from '../../../core/errors';
import type { RecordCorrections } from '../../../core/procedure/listing-case';
import { MISCONDUCT_KIND_LABEL, type MisconductKind } from '../../../core/sanctions/misconduct';
import { MEASURE_LABEL, SEVERITY_LABEL, checkSanctionUnder, versionForMisconduct, type Measure, type Severity } from '../../../core/sanctions/sanctions';
import type { AppContext, RequestContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';

/** A corrected field: those an upheld objection corrects (CI-27) and those a 复查 changes (国科发监〔2022〕221号). */
export type CorrectionField = 'misconduct_kind' | 'conduct_date' | 'measures' | 'facts' | 'public_list'
  | 'severity' | 'ban' | 'public_until' | 'listed_until' | 'revoked_on';
type Field = CorrectionField;
export const CORRECTION_FIELD_LABEL: Record<Field, string> = {
  misconduct_kind: '失信行为', conduct_date: '行为发生日期', measures: '处理措施', facts: '事实表述', public_list: '是否公开',
  severity: '情节', ban: '取消申报资格', public_until: '公开期限至', listed_until: '名单期限至', revoked_on: '处理撤销',
};

/** Writes the history rows of one sanction's corrections (each field with its old and new value). */
export async function insertCorrections(app: AppContext, tx: Sql, req: RequestContext,
  k: { sanctionId: string; byCaseId: string; on: string; reason: string; clause: string; changes: ReadonlyArray<readonly [Field, unknown, unknown]> }) {
  const at = app.clock.now().toISOString();
  for (const [field, from, to] of k.changes) {
    await tx.query(`INSERT INTO sanction_corrections (id, sanction_id, case_id, field, old_value, new_value, reason, clause, corrected_on, corrected_by, corrected_at)
                    VALUES ($1, $2, $3, $4, $5::jsonb, $6::jsonb, $7, $8, $9, $10, $11)`,
      [randomUUID(), k.sanctionId, k.byCaseId, field, JSON.stringify(from ?? null), JSON.stringify(to ?? null), k.reason, k.clause, k.on, req.actor.userId, at]);
  }
}

interface SanctionRow {
  id: string; subject_id: string; misconduct_kind: MisconductKind; conduct_date: string; decided_date: string; measures: Measure[]; severity: Severity;
  ban_years: number | null; ban_life: boolean; public_disclosure: boolean; public_list: boolean; facts: string | null;
}

export async function correctRecord(app: AppContext, tx: Sql, req: RequestContext, r: { misconductCaseId: string; byCaseId: string; on: string; reason: string; corrections: RecordCorrections }) {
  const rows = await tx.query<SanctionRow>(
    `SELECT id, subject_id, misconduct_kind, conduct_date, decided_date, measures, severity, ban_years, ban_life, public_disclosure, public_list, facts
       FROM sanctions WHERE case_id = $1 ORDER BY created_at, id FOR UPDATE`, [r.misconductCaseId]);
  if (rows.length === 0) throw new AppError('INCONSISTENT', { field: 'misconductCaseId', clause: 'CI-27', zh: '所依据的处理决定没有处理记录，无从更正' });
  const k = r.corrections;
  const first = rows[0];
  if (k.conductDate && k.conductDate > first.decided_date) {
    throw new AppError('INCONSISTENT', { field: 'corrections/conductDate', clause: 'CI-27', zh: `更正的行为发生日期不应晚于处理决定日期 ${first.decided_date}（CI-27）` });
  }
  if (k.measures) {
    const lookup = versionForMisconduct(k.conductDate ?? first.conduct_date, first.decided_date, first.severity, app.policies.registry).lookup;
    const problems = checkSanctionUnder({ severity: first.severity, measures: k.measures, banYears: first.ban_life ? 'life' : first.ban_years, publicDisclosure: first.public_disclosure }, lookup, app.policies.registry);
    if (problems.length) throw new AppError('INCONSISTENT', { field: 'corrections/measures', clause: problems[0].clause, zh: `更正后的处理措施不符合规定：${problems[0].zh}（${problems[0].clause}）` });
  }
  const [mc] = await tx.query<{ data: { decision?: { reasons?: string } } }>('SELECT data FROM cases WHERE id = $1', [r.misconductCaseId]);
  let changed = 0;
  for (const x of rows) {
    const changes: Array<[Field, unknown, unknown]> = [];
    if (k.misconductKind && k.misconductKind !== x.misconduct_kind) changes.push(['misconduct_kind', x.misconduct_kind, k.misconductKind]);
    if (k.conductDate && k.conductDate !== x.conduct_date) changes.push(['conduct_date', x.conduct_date, k.conductDate]);
    if (k.measures && [...k.measures].sort().join() !== [...x.measures].sort().join()) changes.push(['measures', x.measures, k.measures]);
    if (k.facts && k.facts !== (x.facts ?? mc?.data.decision?.reasons ?? null)) changes.push(['facts', x.facts ?? mc?.data.decision?.reasons ?? null, k.facts]);
    if (k.notPublished && x.public_list) changes.push(['public_list', true, false]);
    if (changes.length === 0) continue;
    await insertCorrections(app, tx, req, { sanctionId: x.id, byCaseId: r.byCaseId, on: r.on, reason: r.reason, clause: 'CI-27', changes });
    const next = Object.fromEntries(changes.map(([f, , to]) => [f, to]));
    await tx.query(`UPDATE sanctions SET misconduct_kind = COALESCE($2, misconduct_kind), conduct_date = COALESCE($3::date, conduct_date), measures = COALESCE($4::text[], measures),
                      facts = COALESCE($5, facts), public_list = COALESCE($6, public_list) WHERE id = $1`,
      [x.id, next.misconduct_kind ?? null, next.conduct_date ?? null, next.measures ?? null, next.facts ?? null, next.public_list ?? null]);
    await appendAudit(tx, app, {
      actor: req.actor, ip: req.ip, action: 'sanction.correct', objectType: 'subject', objectId: x.subject_id,
      before: Object.fromEntries(changes.map(([f, from]) => [f, from])), after: { sanction: x.id, ...next, byCase: r.byCaseId, reason: r.reason, clause: 'CI-27' },
    });
    changed++;
  }
  return changed;
}

export interface CorrectionRow { sanction_id: string; case_id: string; field: Field; old_value: unknown; new_value: unknown; reason: string; clause: string; corrected_on: string }

const show = (field: Field, v: unknown): string => {
  if (v === null || v === undefined) return '—';
  if (field === 'misconduct_kind') return MISCONDUCT_KIND_LABEL[v as MisconductKind] ?? String(v);
  if (field === 'measures') return (v as Measure[]).map((m) => MEASURE_LABEL[m] ?? m).join('、');
  if (field === 'public_list') return v ? '公开' : '不公开';
  if (field === 'severity') return SEVERITY_LABEL[v as Severity] ?? String(v);
  if (field === 'revoked_on') return `自 ${v} 起撤销`;
  if (field === 'ban') {
    const b = v as { years: number | 'life' | null; start: string | null; end: string | null };
    if (b.years === null) return b.start ? `无（已执行 ${b.start} 至 ${b.end}）` : '无';
    return b.years === 'life' ? `永久（自 ${b.start} 起）` : `${b.years} 年（${b.start} 至 ${b.end}）`;
  }
  return String(v);
};

/** A correction as the record shows it: what changed, from what to what, when and by which case. */
export const presentCorrection = (c: CorrectionRow) => ({
  sanctionId: c.sanction_id, caseId: c.case_id, field: c.field, label: CORRECTION_FIELD_LABEL[c.field], from: show(c.field, c.old_value), to: show(c.field, c.new_value),
  on: c.corrected_on, reason: c.reason, clause: c.clause,
});

/** The corrections of some sanctions, oldest first, by sanction. */
export async function correctionsOf(db: Sql, sanctionIds: readonly string[]) {
  const out = new Map<string, ReturnType<typeof presentCorrection>[]>();
  if (sanctionIds.length === 0) return out;
  const rows = await db.query<CorrectionRow>(
    'SELECT sanction_id, case_id, field, old_value, new_value, reason, clause, corrected_on FROM sanction_corrections WHERE sanction_id = ANY($1::uuid[]) ORDER BY corrected_at, field', [sanctionIds]);
  for (const r of rows) out.set(r.sanction_id, [...(out.get(r.sanction_id) ?? []), presentCorrection(r)]);
  return out;
}

/** The corrections a case made (a listing whose objection was upheld) or that were made to its decision (a misconduct case). */
export async function correctionsOfCase(db: Sql, caseId: string) {
  const rows = await db.query<CorrectionRow & { subject_name: string }>(
    `SELECT k.sanction_id, k.case_id, k.field, k.old_value, k.new_value, k.reason, k.clause, k.corrected_on, s.name AS subject_name
       FROM sanction_corrections k JOIN sanctions x ON x.id = k.sanction_id JOIN subjects s ON s.id = x.subject_id
      WHERE k.case_id = $1 OR x.case_id = $1 ORDER BY k.corrected_at, s.name, k.field`, [caseId]);
  return rows.map((r) => ({ ...presentCorrection(r), subject: r.subject_name }));
}
