/**
 * Computes and stores ratings. One subject on demand, or every rated subject of a region for a year
 * (year-end batch) with facts read set-wise and results written in batches; each rating is stored
 * with its full explanation and the policy version applied.
 */
import type { Actor } from '../../../core/access/policy';
import { SUBJECT_TYPES, type SubjectType } from '../../../core/rating/criteria';
import { compactResult, rate, RatingInputError, type RatingResult } from '../../../core/rating/rate';
import { AppError } from '../../../core/errors';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import { loadFacts, ratedTypesOf, streamFacts, type SubjectFacts } from './rating-facts';
import { planForWholeResults } from '../../db/ordered-cursor';

import { regionPath } from '../deadlines/recompute-clock';

/** The rating jurisdiction's lineage, from the one helper the clocks use too. */
export const regionPathOf = regionPath;

/** The bureau that rates: CI is run by the prefecture bureau (CI-7) for subjects in its region. */
export function ratingJurisdiction(app: AppContext, subjectRegion: string): string {
  const path = regionPathOf(app, subjectRegion);
  return path.find((c) => app.regions.get(c)?.level === 'prefecture') ?? subjectRegion;
}

function compute(app: AppContext, type: SubjectType, year: number, regionCode: string, facts: SubjectFacts, referenceDate?: string, explain = true): RatingResult {
  try {
    return rate({ subjectType: type, year, regionPath: regionPathOf(app, ratingJurisdiction(app, regionCode)), referenceDate, ...facts }, app.policies.registry, { explain, calendar: app.calendar.book });
  } catch (e) {
    if (e instanceof RatingInputError) throw new AppError('INCONSISTENT', { field: e.field, zh: e.zh });
    throw e;
  }
}

// Rows go in as one JSON document (one round trip per 2,000): PostgreSQL reads it with
// jsonb_to_recordset, where a jsonb[] array literal would be escaped by the driver and parsed again by the server.
const UPSERT = `INSERT INTO ratings (id, subject_id, subject_type, year, region_code, computed_level, clauses, determination_required, result, policy_version_id, policy_in_force, computed_at)
  SELECT gen_random_uuid(), t.subject_id, t.subject_type, $2::int, t.region_code, t.level, ARRAY(SELECT jsonb_array_elements_text(t.clauses)), t.det, t.result, t.version_id, t.in_force, $3::timestamptz
    FROM jsonb_to_recordset($1::jsonb)
      AS t(subject_id uuid, subject_type text, region_code text, level text, clauses jsonb, det boolean, result jsonb, version_id text, in_force boolean)
  ON CONFLICT (subject_id, subject_type, year) DO UPDATE SET computed_level = EXCLUDED.computed_level, clauses = EXCLUDED.clauses,
    determination_required = EXCLUDED.determination_required, result = EXCLUDED.result, policy_version_id = EXCLUDED.policy_version_id,
    policy_in_force = EXCLUDED.policy_in_force, computed_at = EXCLUDED.computed_at, version = ratings.version + 1,
    -- A recomputed rating is a new rating: its subject gets a new comment window before it takes effect.
    published_at = NULL,
    -- An officer's determination stands only while the rules still leave the level open.
    determined_level = CASE WHEN EXCLUDED.determination_required THEN ratings.determined_level END,
    determined_reason = CASE WHEN EXCLUDED.determination_required THEN ratings.determined_reason END,
    determined_by = CASE WHEN EXCLUDED.determination_required THEN ratings.determined_by END,
    determined_at = CASE WHEN EXCLUDED.determination_required THEN ratings.determined_at END`;

/**
 * A re-run of the year (CI-15) replaces only results that changed: a stored rating with the same level,
 * basis, determination need and policy version keeps its publication and its comment window.
 */
const UPSERT_CHANGED = `${UPSERT}
  WHERE (ratings.computed_level, ratings.clauses, ratings.determination_required, ratings.policy_version_id)
    IS DISTINCT FROM (EXCLUDED.computed_level, EXCLUDED.clauses, EXCLUDED.determination_required, EXCLUDED.policy_version_id)
  RETURNING (xmax = 0) AS inserted`;

interface Computed { subjectId: string; type: SubjectType; regionCode: string; result: RatingResult }

/** What a store did: rows inserted, rows replaced, rows left as they were (a batch re-run only). */
interface Stored { added: number; changed: number; unchanged: number }

async function store(app: AppContext, tx: Sql, year: number, rows: readonly Computed[], onlyChanged = false): Promise<Stored> {
  const at = app.clock.now().toISOString();
  const n: Stored = { added: 0, changed: 0, unchanged: 0 };
  for (let i = 0; i < rows.length; i += 2000) {
    const chunk = rows.slice(i, i + 2000).map((r) => ({
      subject_id: r.subjectId, subject_type: r.type, region_code: r.regionCode, level: r.result.level, clauses: r.result.clauses,
      det: r.result.determinationRequired, result: compactResult(r.result), version_id: r.result.policy.versionId, in_force: r.result.policy.inForce,
    }));
    if (!onlyChanged) { await tx.query(UPSERT, [JSON.stringify(chunk), year, at]); continue; }
    const written = await tx.query<{ inserted: boolean }>(UPSERT_CHANGED, [JSON.stringify(chunk), year, at]);
    const added = written.filter((w) => w.inserted).length;
    n.added += added;
    n.changed += written.length - added;
    n.unchanged += chunk.length - written.length;
  }
  return n;
}

type RatedSubject = { id: string; region_code: string; kind: 'organization' | 'person'; org_type: string | null; is_expert: boolean };

/** 信用评价（单个主体）: computes and stores one subject's rating for a year, audited with before/after. */
export async function rateSubject(app: AppContext, actor: Actor | null, subject: RatedSubject, type: SubjectType, year: number, ip: string | null = null) {
  if (!ratedTypesOf(subject as never).includes(type)) throw new AppError('INCONSISTENT', { field: 'subjectType', zh: '该主体不属于这一评价类别' });
  await app.policies.refresh(app.db);
  return app.db.transaction(async (tx) => (await rateSubjectIn(app, tx, actor, subject, type, year, ip)).result);
}

/**
 * The same inside the caller's transaction, with the cause when a correction asks for it (a finding
 * withdrawn or corrected): the stored rating is replaced, leaves effect and re-enters its comment
 * window (CI-15), and the level and publication it had are kept as a revision.
 */
export async function rateSubjectIn(app: AppContext, tx: Sql, actor: Actor | null, subject: RatedSubject, type: SubjectType, year: number, ip: string | null = null,
  cause?: { kind: 'finding_withdrawn' | 'finding_corrected'; findingId: string; reason: string }) {
  const facts = (await loadFacts(tx, type, [subject.id], year)).get(subject.id)!;
  const result = compute(app, type, year, subject.region_code, facts);
  const [before] = await tx.query<{ id: string; computed_level: string | null; determined_level: string | null; published_at: Date | null }>(
    'SELECT id, computed_level, determined_level, published_at FROM ratings WHERE subject_id = $1 AND subject_type = $2 AND year = $3 FOR UPDATE', [subject.id, type, year]);
  await store(app, tx, year, [{ subjectId: subject.id, type, regionCode: subject.region_code, result }]);
  const [after] = await tx.query<{ id: string; level: string | null }>(
    'SELECT id, COALESCE(determined_level, computed_level) AS level FROM ratings WHERE subject_id = $1 AND subject_type = $2 AND year = $3', [subject.id, type, year]);
  if (cause && before) {
    await tx.query(`INSERT INTO rating_revisions (id, rating_id, cause, finding_id, old_level, new_level, old_published_at, new_published_at, reason, revised_by, revised_at)
                    VALUES (gen_random_uuid(), $1, $2, $3, $4, $5, $6, NULL, $7, $8, $9)`,
      [before.id, cause.kind, cause.findingId, before.determined_level ?? before.computed_level, after.level, before.published_at, cause.reason, actor?.userId ?? null, app.clock.now().toISOString()]);
  }
  await appendAudit(tx, app, {
    actor, ip, action: 'rating.compute', objectType: 'subject', objectId: subject.id,
    before: before ? { level: before.computed_level, determinedLevel: before.determined_level, publishedAt: before.published_at ? new Date(before.published_at).toISOString() : null } : null,
    after: { type, year, level: result.level, clauses: result.clauses, policy: result.policy.versionId, determinationRequired: result.determinationRequired, ...(cause ? { cause: cause.kind, finding: cause.findingId } : {}) },
  });
  return { ratingId: after.id, result, before: before ? (before.determined_level ?? before.computed_level) : null, wasPublished: !!before?.published_at };
}

export interface BatchSummary {
  year: number; regionCode: string; rated: number; byLevel: Record<string, number>; determinationRequired: number; warnings: string[];
  /** Results the same as those stored (publication and comment window kept), changed (back into a new comment window, CI-15), rated for the first time. */
  unchanged: number; changed: number; added: number;
}

/**
 * 年度批量信用评价: every rated subject of a region (and below) for a year, in one transaction. A re-run
 * leaves a result that did not change as it was (still in effect if published) and starts a new comment
 * window only for results that changed (CI-15).
 */
export async function rateRegion(app: AppContext, actor: Actor | null, regionCode: string, year: number, ip: string | null = null, opts: { batchSize?: number } = {}): Promise<BatchSummary> {
  await app.policies.refresh(app.db);
  const regions = app.regions.subtree(regionCode);
  const batchSize = opts.batchSize ?? 2000;
  return app.db.transaction(async (tx) => {
    await planForWholeResults(tx);
    const subjects = await tx.query<{ id: string; kind: 'organization' | 'person'; org_type: string | null; is_expert: boolean; region_code: string }>(
      'SELECT id, kind, org_type, is_expert, region_code FROM subjects WHERE region_code = ANY($1::text[]) ORDER BY id', [regions]);
    const byLevel: Record<string, number> = {};
    let rated = 0;
    let determination = 0;
    const written: Stored = { added: 0, changed: 0, unchanged: 0 };
    const tally = (s: Stored) => { written.added += s.added; written.changed += s.changed; written.unchanged += s.unchanged; };
    const warnings = new Set<string>();
    const count = (c: Computed) => {
      rated++;
      const key = c.result.level ?? (c.result.determinationRequired ? '待认定' : '不予评级');
      byLevel[key] = (byLevel[key] ?? 0) + 1;
      if (c.result.determinationRequired) determination++;
      for (const w of c.result.warnings) if (!w.startsWith('须由') && !w.includes('没有评价依据')) warnings.add(w);
    };
    for (const type of SUBJECT_TYPES) {
      const ofType = subjects.filter((s) => ratedTypesOf(s as never).includes(type));
      const regionOf = new Map(ofType.map((s) => [s.id, s.region_code]));
      let pending: Computed[] = [];
      // Subjects come in the database's id order, which is the order the fact cursors are sorted in.
      for await (const [id, facts] of streamFacts(tx, type, regions, ofType.map((s) => s.id), year)) {
        const regionCode = regionOf.get(id)!;
        pending.push({ subjectId: id, type, regionCode, result: compute(app, type, year, regionCode, facts, undefined, false) });
        if (pending.length === batchSize) {
          tally(await store(app, tx, year, pending, true));
          pending.forEach(count);
          pending = [];
        }
      }
      tally(await store(app, tx, year, pending, true));
      pending.forEach(count);
    }
    const summary = { year, regionCode, rated, byLevel, determinationRequired: determination, warnings: [...warnings], ...written };
    await appendAudit(tx, app, { actor, ip, action: 'rating.batch', objectType: 'region', objectId: regionCode, after: summary });
    return summary;
  });
}

/** 认定信用等级: where the rules leave a gap, the officer records the level and the reasons. */
export async function determineRating(app: AppContext, actor: Actor, ratingId: string, input: { level: 'AA' | 'A' | 'B' | 'C'; reason: string; version: number }, ip: string | null) {
  return app.db.transaction(async (tx) => {
    const [r] = await tx.query<{ id: string; determination_required: boolean; computed_level: string | null; determined_level: string | null; version: number; subject_id: string }>(
      'SELECT id, determination_required, computed_level, determined_level, version, subject_id FROM ratings WHERE id = $1 FOR UPDATE', [ratingId]);
    if (!r) throw new AppError('NOT_FOUND');
    if (!r.determination_required) throw new AppError('INCONSISTENT', { field: 'level', clause: 'CI-15', zh: '该评价已由规则确定等级，无需人工认定；被评价主体如有异议，可在评价生效后申请信用评价复核（CI-15）' });
    if (r.version !== input.version) throw new AppError('VERSION_CONFLICT', { field: 'version' });
    await tx.query('UPDATE ratings SET determined_level = $2, determined_reason = $3, determined_by = $4, determined_at = $5, version = version + 1 WHERE id = $1',
      [ratingId, input.level, input.reason, actor.userId, app.clock.now().toISOString()]);
    await appendAudit(tx, app, { actor, ip, action: 'rating.determine', objectType: 'rating', objectId: ratingId, before: { level: r.determined_level }, after: { level: input.level, reason: input.reason } });
  });
}

/** What-if: the same facts under another policy version, computed and returned, never stored. */
export async function previewRating(app: AppContext, subject: { id: string; region_code: string }, type: SubjectType, year: number, versionId: string | null) {
  await app.policies.refresh(app.db);
  const facts = (await loadFacts(app.db, type, [subject.id], year)).get(subject.id)!;
  if (!versionId) return compute(app, type, year, subject.region_code, facts);
  const v = app.policies.registry.byId(versionId);
  if (!v || v.document !== 'CI') throw new AppError('NOT_FOUND', { field: 'versionId', zh: '政策版本不存在' });
  // Evaluate on a day the chosen version is in force, so the engine applies exactly that version.
  const ref = v.inForceTo && v.inForceTo < `${year}-12-31` ? v.inForceTo : v.inForceFrom > `${year}-12-31` ? v.inForceFrom : `${year}-12-31`;
  return compute(app, type, year, subject.region_code, facts, ref);
}
