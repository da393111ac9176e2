/**
 * 抽查结果 as published and as the bureau keeps it (CI-21, YT-8; issue 16 M6). The public record
 * lets anyone check the draw: the seed, the ratios, how many candidates each credit stratum had and
 * how many were drawn, the projects drawn with their stratum, the inspectors by pseudonymous code,
 * and an SM3 commitment to the whole input. It shows no candidate's unit, credit code or A/B/C level
 * (ratings are internal, CI-15). Staff of the jurisdiction read the whole input and the salt, re-run
 * the draw and check it against the commitment; so can anyone to whom the bureau later discloses them.
 */
import { inScope, regionRecord } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { SpotCheckInput, SpotCheckResult } from '../../../core/spot-check/draw';
import type { AppContext, RequestContext } from '../../context';

interface Row { id: string; title: string; jurisdiction_code: string; input: SpotCheckInput; result: SpotCheckResult; drawn_at: Date; commitment_salt: string | null; commitment_sm3: string | null }

const ALGORITHM = 'src/core/spot-check/draw.ts（FNV-1a 种子 + mulberry32，分层 Fisher–Yates，回避同单位）；承诺值为 SM3(commitmentText(salt, input))';

async function load(app: AppContext, id: string): Promise<Row> {
  const [r] = await app.db.query<Row>('SELECT id, title, jurisdiction_code, input, result, drawn_at, commitment_salt, commitment_sm3 FROM spot_checks WHERE id = $1', [id]);
  if (!r) throw new AppError('NOT_FOUND');
  return r;
}

export async function publicSpotCheck(app: AppContext, id: string) {
  const r = await load(app, id);
  const good = new Set(r.input.projects.filter((p) => p.level === 'AA' || p.level === 'A').map((p) => p.id));
  return {
    id: r.id, title: r.title, jurisdiction: r.jurisdiction_code, drawnAt: new Date(r.drawn_at).toISOString(), algorithm: ALGORITHM,
    seed: r.input.seed, baseRatio: r.input.baseRatio, goodCreditFactor: r.input.goodCreditFactor ?? null, inspectorsPerProject: r.input.inspectorsPerProject,
    groups: r.result.groups, inspectorPool: r.input.inspectors.length,
    draws: r.result.draws.map((d) => ({ projectId: d.projectId, group: good.has(d.projectId) ? 'good' : 'other', inspectorIds: d.inspectorIds })),
    shortOfInspectors: r.result.shortOfInspectors,
    commitment: r.commitment_sm3 ? { algorithm: 'SM3', digest: r.commitment_sm3 } : null,
  };
}

/** The whole record for staff of the jurisdiction: input, salt and result, to re-run and verify. */
export async function staffSpotCheck(app: AppContext, ctx: RequestContext, id: string) {
  const r = await load(app, id);
  if (!inScope(ctx.scope, regionRecord(r.jurisdiction_code))) throw new AppError('NOT_FOUND');
  return {
    id: r.id, title: r.title, jurisdiction: r.jurisdiction_code, drawnAt: new Date(r.drawn_at).toISOString(), algorithm: ALGORITHM,
    input: r.input, result: r.result, commitment: r.commitment_sm3 ? { algorithm: 'SM3', salt: r.commitment_salt, digest: r.commitment_sm3 } : null,
  };
}
