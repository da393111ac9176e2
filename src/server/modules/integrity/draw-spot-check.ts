/**
 * 随机抽查 (CI-21, YT-8): gathers the candidates (projects under way in the bureau's area, each with
 * its unit's credit level in effect: published, CI-15) and the inspector pool (review experts of the area), identified
 * by public codes (project code, credit codes), draws with the core function, and stores input and
 * result together as published. A seed is generated when none is given, and recorded either way.
 */
import crypto, { randomUUID } from 'node:crypto';
import type { Level } from '../../../core/rating/criteria';
import { commitmentText, drawSpotCheck, type SpotCheckInput } from '../../../core/spot-check/draw';
import { sm3Hex } from '../../crypto/sm';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { inEffectOn, LEVEL_IN_EFFECT } from '../rules/rating-in-effect';
import { businessDate } from '../../../core/time/clock';

export async function drawSpotChecks(app: AppContext, req: RequestContext, opts: { title: string; baseRatio: number; inspectorsPerProject: number; seed?: string | null }) {
  if (!req.actor.regionCode) throw new AppError('FORBIDDEN');
  const regions = app.regions.subtree(req.actor.regionCode);
  const projects = await app.db.query<{ code: string; unit_code: string; level: Level | null }>(
    `SELECT p.code, u.credit_code AS unit_code,
            (SELECT ${LEVEL_IN_EFFECT} FROM ratings r WHERE r.subject_id = u.id AND r.subject_type = 'unit' AND ${inEffectOn('$2')} ORDER BY r.year DESC LIMIT 1) AS level
       FROM projects p JOIN subjects u ON u.id = p.undertaking_unit_id
      WHERE p.jurisdiction_code = ANY($1::text[]) AND p.status IN ('approved', 'in_progress') ORDER BY p.code LIMIT 100000`, [regions, businessDate(app.clock)]);
  const inspectors = await app.db.query<{ id: string; employer_code: string | null }>(
    `SELECT s.id, e.credit_code AS employer_code FROM subjects s LEFT JOIN subjects e ON e.id = s.employer_id
      WHERE s.kind = 'person' AND s.is_expert AND s.region_code = ANY($1::text[]) ORDER BY s.id LIMIT 100000`, [regions]);
  if (projects.length === 0) throw new AppError('INCONSISTENT', { zh: '本辖区没有在研项目可供抽查' });
  const input: SpotCheckInput = {
    seed: opts.seed?.trim() || crypto.randomBytes(12).toString('hex'), baseRatio: opts.baseRatio, inspectorsPerProject: opts.inspectorsPerProject,
    projects: projects.map((p) => ({ id: p.code, unitId: p.unit_code, level: p.level })),
    // Inspectors are published by a pseudonymous code; their names go only to the bureau.
    inspectors: inspectors.map((i) => ({ id: `E-${i.id.slice(0, 8)}`, unitId: i.employer_code })),
  };
  const result = drawSpotCheck(input);
  const id = randomUUID();
  // M6: the public record shows the draw, not the candidates' levels; this commits to the whole input.
  const salt = crypto.randomBytes(16).toString('hex');
  const digest = sm3Hex(commitmentText(salt, input));
  await app.db.transaction(async (tx) => {
    await tx.query('INSERT INTO spot_checks (id, jurisdiction_code, title, input, result, drawn_by, drawn_at, commitment_salt, commitment_sm3) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9)',
      [id, req.actor.regionCode, opts.title, JSON.stringify(input), JSON.stringify(result), req.actor.userId, app.clock.now().toISOString(), salt, digest]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'spotcheck.draw', objectType: 'spot_check', objectId: id, after: { seed: input.seed, candidates: input.projects.length, drawn: result.draws.length, commitmentSm3: digest } });
  });
  return { id, input, result, commitment: { algorithm: 'SM3', salt, digest } };
}
