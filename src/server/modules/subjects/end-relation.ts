/**
 * 终止主体关系: the last day a person held a role in an organisation (CI-26 reads the role on the
 * decision's day, so an ended role no longer makes the person answer for the unit), or worked there.
 * The row is kept with its dates; ending a work relation leaves the person without that employer.
 */
import { subjectAbilities } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { visibleSubject } from './subject-input';
import { getRelation, subjectForPolicy } from './subjects-repo';

export interface EndRelationInput { until: string; version: number }

export async function endRelation(app: AppContext, req: RequestContext, organizationId: string, relationId: string, input: EndRelationInput) {
  return app.db.transaction(async (tx) => {
    const org = await visibleSubject(tx, req, organizationId, 'organizationId', { kind: 'organization' }).catch(() => {
      throw new AppError('NOT_FOUND');
    });
    const rel = await getRelation(tx, relationId);
    if (!rel || rel.organization_id !== org.id) throw new AppError('NOT_FOUND');
    if (!subjectAbilities(req.actor, req.scope, subjectForPolicy(org)).update) throw new AppError('FORBIDDEN');
    if (rel.version !== input.version) throw new AppError('VERSION_CONFLICT');
    if (rel.until !== null) throw new AppError('INCONSISTENT', { field: 'until', zh: `该关系已于 ${rel.until} 终止` });
    if (rel.since && input.until < rel.since) throw new AppError('INVALID_DATE', { field: 'until', zh: `结束日期早于开始日期 ${rel.since}` });
    const [done] = await tx.query<{ version: number }>(
      `UPDATE subject_relations SET until = $2, version = version + 1 WHERE id = $1 AND version = $3 RETURNING version`, [rel.id, input.until, input.version]);
    if (!done) throw new AppError('VERSION_CONFLICT');
    if (rel.kind === 'works_at') {
      await tx.query(`UPDATE subjects SET employer_id = NULL, version = version + 1, updated_at = $3 WHERE id = $1 AND employer_id = $2`, [rel.person_id, org.id, app.clock.now().toISOString()]);
    }
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'relation.end', objectType: 'subject', objectId: org.id,
      before: { relation: rel.id, kind: rel.kind, personId: rel.person_id, until: null }, after: { relation: rel.id, until: input.until } });
    return { id: rel.id, kind: rel.kind, personId: rel.person_id, organizationId: org.id, since: rel.since, until: input.until, version: done.version };
  });
}
