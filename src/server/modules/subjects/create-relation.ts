/**
 * 新增主体关系: records who heads or controls an organisation (CI-26: the legal representative,
 * principal and actual controller answer for a seriously dishonest organisation), and where a person
 * works (issue 19), each with the dates it held. A work relation open today makes the unit the
 * person's current employer (`subjects.employer_id`, which the data scope of a unit reads).
 */
import { randomUUID } from 'node:crypto';
import { subjectAbilities } from '../../../core/access/policy';
import type { RelationKind } from '../../../core/domain/vocabulary';
import { AppError } from '../../../core/errors';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { duplicateField, visibleSubject } from './subject-input';
import { subjectForPolicy } from './subjects-repo';

export interface CreateRelationInput {
  personId: string;
  kind: RelationKind;
  since?: string;
  until?: string;
}

export async function createRelation(app: AppContext, req: RequestContext, organizationId: string, input: CreateRelationInput) {
  if (input.since && input.until && input.until < input.since) throw new AppError('INVALID_DATE', { field: 'until', zh: '结束日期早于开始日期' });
  const today = businessDate(app.clock);
  if (input.since && input.since > today) throw new AppError('INVALID_DATE', { field: 'since', zh: '开始日期晚于今天' });
  return app.db.transaction(async (tx) => {
    const org = await visibleSubject(tx, req, organizationId, 'organizationId', { kind: 'organization' }).catch(() => {
      throw new AppError('NOT_FOUND');
    });
    if (!subjectAbilities(req.actor, req.scope, subjectForPolicy(org)).update) throw new AppError('FORBIDDEN');
    await visibleSubject(tx, req, input.personId, 'personId', { kind: 'person' });
    const id = randomUUID();
    try {
      await tx.query(
        `INSERT INTO subject_relations (id, person_id, organization_id, kind, since, until, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
        [id, input.personId, organizationId, input.kind, input.since ?? null, input.until ?? null, app.clock.now().toISOString()],
      );
    } catch (e) {
      const dup = duplicateField(e);
      if (dup) throw new AppError('DUPLICATE', { field: 'personId', zh: '该人员的此项关系（同一开始日期）已登记' });
      throw e;
    }
    if (input.kind === 'works_at' && (!input.until || input.until >= today)) {
      await tx.query(`UPDATE subjects SET employer_id = $2, version = version + 1, updated_at = $3 WHERE id = $1`, [input.personId, organizationId, app.clock.now().toISOString()]);
    }
    const after = { personId: input.personId, organizationId, kind: input.kind, since: input.since ?? null, until: input.until ?? null };
    await appendAudit(tx, app, { actor: req.actor, ip: req.ip, action: 'relation.create', objectType: 'subject', objectId: organizationId, after: { relation: id, ...after } });
    return { id, ...after, version: 1 };
  });
}
