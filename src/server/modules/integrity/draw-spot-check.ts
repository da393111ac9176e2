/**
 * 随机抽查 (CI-21, YT-8): gathers the candidates (projects under way in the bureau's area, each with
 * its unit's credit level in effect: published, CI-15) and the inspector pool (review experts of the area), identified
 * by public codes (project code, credit codes), draws with the core function, and stores input and
 * result together as published. A seed is generated when none is given, and recorded either way.
 * CI-21 “频次”: units drawn within the interval of CI-21.2.goodCreditIntervalMonths go into the input, and
 * their good-credit projects are not candidates (the core draw decides it, so a re-run agrees). YT-8: each
 * project drawn gets its inspection case, with the inspectors drawn for it, in the draw's transaction.
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
import { goodCreditInterval } from '../../../core/rating/incentives';
import { addMonths } from '../../../core/deadlines/compute-deadline';
import type { InspectionData } from '../../../core/procedure/supervision';
import { startInternalCase } from '../cases/start-case';
import { notify } from '../notifications/notify';

export async function drawSpotChecks(app: AppContext, req: RequestContext, opts: { title: string; baseRatio: number; inspectorsPerProject: number; seed?: string | null }) {
  if (!req.actor.regionCode) throw new AppError('FORBIDDEN');
  const regions = app.regions.subtree(req.actor.regionCode);
  const today = businessDate(app.clock);
  const projects = await app.db.query<{ id: string; code: string; name: string; unit_id: string; unit_code: string; level: Level | null }>(
    `SELECT p.id, p.code, p.name, u.id AS unit_id, u.credit_code AS unit_code,
            (SELECT ${LEVEL_IN_EFFECT} FROM ratings r WHERE r.subject_id = u.id AND r.subject_type = 'unit' AND ${inEffectOn('$2')} ORDER BY r.year DESC LIMIT 1) AS level
       FROM projects p JOIN subjects u ON u.id = p.undertaking_unit_id
      WHERE p.jurisdiction_code = ANY($1::text[]) AND p.status IN ('approved', 'in_progress') ORDER BY p.code LIMIT 100000`, [regions, today]);
  const inspectors = await app.db.query<{ id: string; name: string; employer_code: string | null }>(
    `SELECT s.id, s.name, e.credit_code AS employer_code FROM subjects s LEFT JOIN subjects e ON e.id = s.employer_id
      WHERE s.kind = 'person' AND s.is_expert AND s.region_code = ANY($1::text[]) ORDER BY s.id LIMIT 100000`, [regions]);
  if (projects.length === 0) throw new AppError('INCONSISTENT', { zh: '本辖区没有在研项目可供抽查' });
  // CI-21: the units whose projects an earlier draw of this area picked within the interval (drawn after the same day `months` earlier).
  const interval = goodCreditInterval(today, app.policies.registry);
  const since = addMonths(today, -interval.months).date;
  const earlier = await app.db.query<{ input: SpotCheckInput; result: { draws: Array<{ projectId: string }> } }>(
    `SELECT input, result FROM spot_checks WHERE jurisdiction_code = ANY($1::text[]) AND (drawn_at AT TIME ZONE 'Asia/Shanghai')::date > $2::date`, [regions, since]);
  const recentlyDrawnUnits = [...new Set(earlier.flatMap((x) => {
    const unitOf = new Map(x.input.projects.map((p) => [p.id, p.unitId]));
    return x.result.draws.map((d) => unitOf.get(d.projectId)).filter((u): u is string => !!u);
  }))].sort();
  const input: SpotCheckInput = {
    seed: opts.seed?.trim() || crypto.randomBytes(12).toString('hex'), baseRatio: opts.baseRatio, inspectorsPerProject: opts.inspectorsPerProject,
    projects: projects.map((p) => ({ id: p.code, unitId: p.unit_code, level: p.level })),
    // Inspectors are published by a pseudonymous code; their names go only to the bureau.
    inspectors: inspectors.map((i) => ({ id: `E-${i.id.slice(0, 8)}`, unitId: i.employer_code })),
    recentlyDrawnUnits,
  };
  const result = drawSpotCheck(input);
  const id = randomUUID();
  // M6: the public record shows the draw, not the candidates' levels; this commits to the whole input.
  const salt = crypto.randomBytes(16).toString('hex');
  const digest = sm3Hex(commitmentText(salt, input));
  const cases: Array<{ projectId: string; caseId: string }> = [];
  await app.db.transaction(async (tx) => {
    await tx.query('INSERT INTO spot_checks (id, jurisdiction_code, title, input, result, drawn_by, drawn_at, commitment_salt, commitment_sm3) VALUES ($1, $2, $3, $4::jsonb, $5::jsonb, $6, $7, $8, $9)',
      [id, req.actor.regionCode, opts.title, JSON.stringify(input), JSON.stringify(result), req.actor.userId, app.clock.now().toISOString(), salt, digest]);
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'spotcheck.draw', objectType: 'spot_check', objectId: id, after: { seed: input.seed, candidates: input.projects.length, drawn: result.draws.length, skippedForFrequency: result.skippedForFrequency ?? [], commitmentSm3: digest } });
    // YT-8: one inspection per project drawn, handled by the drawing bureau, naming the inspectors drawn for it.
    const byCode = new Map(projects.map((p) => [p.code, p]));
    const inspectorByCode = new Map(inspectors.map((i) => [`E-${i.id.slice(0, 8)}`, i]));
    for (const d of result.draws) {
      const p = byCode.get(d.projectId)!;
      const data: InspectionData = {
        target: `随机抽查：${p.code} ${p.name}`, scope: `${opts.title}：核心任务完成、经费管理使用、法人责任落实（YT-8）`, unitId: p.unit_id, projectId: p.id, spotCheckId: id,
        inspectors: d.inspectorIds.map((code) => ({ id: inspectorByCode.get(code)!.id, name: inspectorByCode.get(code)!.name, code })), history: [],
      };
      const c = await startInternalCase(app, tx, req, {
        procedure: 'inspection', start: 'from_spot_check',
        opening: { jurisdictionCode: req.actor.regionCode!, projectId: p.id, unitId: p.unit_id, applicantPersonId: null, data },
      });
      cases.push({ projectId: d.projectId, caseId: c.id });
      // The inspectors drawn are told what they are to inspect (the case itself stays with the bureau's staff).
      for (const x of data.inspectors!) {
        await notify(tx, app, { personId: x.id }, { kind: 'spot_check', title: `随机抽查：请参加 ${p.code} 项目的检查`, body: `您被抽中为“${opts.title}”中 ${p.code} ${p.name} 的检查人员（YT-8、CI-21），具体安排由科技部门另行通知。` });
      }
    }
  });
  return { id, input, result, commitment: { algorithm: 'SM3', salt, digest }, cases };
}
