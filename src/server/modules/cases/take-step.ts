/**
 * 办理一步: the one command that takes a declared step on a case, for every procedure, in one
 * transaction — the case row (locked, version-checked), the step log, the clocks the step stops and
 * opens, its effects, notifications and the audit event. Of two concurrent steps on one case exactly
 * one wins; the other gets VERSION_CONFLICT and nothing of it is written.
 */
import { inScope } from '../../../core/access/policy';
import { AppError } from '../../../core/errors';
import { plan } from '../../../core/procedure/engine';
import { businessDate } from '../../../core/time/clock';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from '../audit/append-audit';
import { stopOwnerClocks } from '../deadlines/stop-owner-clocks';
import { notifyRoles } from '../notifications/notify';
import { advanceCase, appendCaseEvent, caseClockStates, caseForPolicy, getCase, lockCase, type CaseRow } from './cases-repo';
import { EFFECTS } from './effects';
import { levelOf, procedureOf, refusalError } from './procedure-of';
import { dueDateIn, openCaseClocks, startInternalCase } from './start-case';

export async function takeStep(app: AppContext, req: RequestContext, caseId: string, stepId: string, input: Record<string, unknown> & { version: number }): Promise<CaseRow> {
  return app.db.transaction(async (tx) => {
    const c = await lockCase(tx, caseId);
    if (!c || !inScope(req.scope, caseForPolicy(c))) throw new AppError('NOT_FOUND');
    if (c.version !== input.version) throw new AppError('VERSION_CONFLICT', { field: 'version', zh: '案件已被他人办理，请刷新后重试' });
    const def = procedureOf(c.procedure);
    const { version: _v, ...stepInput } = input;
    const env = { registry: app.policies.registry, today: businessDate(app.clock), clocks: await caseClockStates(tx, c.id), dueDate: dueDateIn(app, c.jurisdiction_code) };
    const p = plan(def, { state: c.state, version: c.version, data: c.data }, req.actor.role, stepId, stepInput, levelOf(app, req.actor), env);
    if (p.refused) throw refusalError(p);
    const at = app.clock.now().toISOString();
    const on = env.today;
    if (!(await advanceCase(tx, c, p.to, p.data, at))) throw new AppError('VERSION_CONFLICT', { field: 'version' });
    await appendCaseEvent(tx, { caseId: c.id, step: stepId, clause: p.step.clause, from: c.state, to: p.to, userId: req.actor.userId, role: req.actor.role, at, on, input: stepInput });
    if (p.stops.length) await stopOwnerClocks(app, tx, req.actor, { type: 'case', id: c.id }, p.stops, on, req.ip);
    await openCaseClocks(app, tx, req, c, def.title, p.opens.map((limitId) => ({ limitId, startDate: on })));
    for (const name of p.effects) {
      const effect = EFFECTS[name as keyof typeof EFFECTS];
      if (!effect) throw new Error(`procedure ${def.id} names an unknown effect ${name}`);
      await effect({
        app, tx, req, c, data: p.data as Record<string, unknown>, on,
        startFollowOn: ({ visibleToParties = true, procedure, start, data }) => startInternalCase(app, tx, req, {
          procedure, start, parentCaseId: c.id,
          opening: { jurisdictionCode: c.jurisdiction_code, projectId: c.project_id, unitId: visibleToParties ? c.unit_id : null, applicantPersonId: visibleToParties ? c.applicant_person_id : null, data },
        }),
      });
    }
    await notifyRoles(tx, app, { jurisdictionCode: c.jurisdiction_code, unitId: c.unit_id, applicantPersonId: c.applicant_person_id }, p.notify, {
      kind: 'case', title: `${def.title}：${p.step.label}`, body: `案件已${p.step.label}（${p.step.clause}），请及时办理。`, caseId: c.id,
      partyBody: `案件已${p.step.label}（${p.step.clause}），详情请登录系统查看。`,
    }, { opens: p.opens, stops: p.stops });
    await appendAudit(tx, app, {
      actor: req.actor, ip: req.ip, action: 'case.transition', objectType: 'case', objectId: c.id,
      before: { state: c.state, version: c.version }, after: { state: p.to, step: stepId, clause: p.step.clause },
    });
    return (await getCase(tx, c.id))!;
  });
}
