/**
 * 新增主体关系: records who heads or controls an organisation (CI-26: the legal representative,
 * principal and actual controller answer for a seriously dishonest organisation).
 */
import { randomUUID } from 'node:crypto';
import { subjectAbilities } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { visibleSubject } from './subject-input';
import { subjectForPolicy } from './subjects-repo';

export interface CreateRelationInput {
  personId: string;
  kind: 'unit_head' | 'legal_representative' | 'principal' | 'actual_controller';
  since?: string;
  until?: string;
}

export async function createRelation(app: AppContext, req: RequestContext, organizationId: string, input: CreateRelationInput) {
  if (input.since && input.until && input.until < input.since) throw new AppError('INVALID_DATE', { field: 'until', zh: '结束日期早于开始日期' });
  return app.db.transaction(async (tx) => {
    const org = await visibleSubject(tx, req, organizationId, 'organizationId', { kind: 'organization' }).catch(() => {
      throw new AppError('NOT_FOUND');
    });
    if (!subjectAbilities(req.actor, req.scope, subjectForPolicy(org)).update) throw new AppError('FORBIDDEN');
    await visibleSubject(tx, req, input.personId, 'personId', { kind: 'person' });
    const id = randomUUID();
    await tx.query(
      `INSERT INTO subject_relations (id, person_id, organization_id, kind, since, until, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
      [id, input.personId, organizationId, input.kind, input.since ?? null, input.until ?? null, app.clock.now().toISOString()],
    );
    const after = { personId: input.personId, organizationId, kind: input.kind, since: input.since ?? null, until: input.until ?? null };
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'relation.create', objectType: 'subject', objectId: organizationId, after });
    return { id, ...after };
  });
}
