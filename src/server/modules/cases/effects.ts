/**
 * Effects a declared step may name, carried out by the runner inside the step's transaction.
 * Each is small, audited, and keyed by name so declarations stay data.
 */
import type { Actor } from '../../../core/access/policy';
import type { AppContext } from '../../context';
import type { Sql } from '../../db/database';
import { appendAudit } from '../audit/append-audit';
import type { CaseRow } from './run-procedure';

type Effect = (app: AppContext, tx: Sql, actor: Actor, c: CaseRow, data: Record<string, unknown>, on: string, ip: string | null) => Promise<void>;

export const EFFECTS: Record<string, Effect> = {
  /** YT-6.5, YT-10, X-1: a decision to exempt marks the project 免责 with a link to the case. */
  async mark_project_exempt(app, tx, actor, c, data, on, ip) {
    const decision = data.decision as { outcome?: string } | undefined;
    if (decision?.outcome !== 'exempt' || !c.project_id) return;
    const [before] = await tx.query<{ exempted_on: string | null }>('SELECT exempted_on FROM projects WHERE id = $1 FOR UPDATE', [c.project_id]);
    await tx.query('UPDATE projects SET exempted_on = $2, version = version + 1, updated_at = $3 WHERE id = $1', [c.project_id, on, app.clock.now().toISOString()]);
    await appendAudit(tx, app.clock, {
      actor, ip, action: 'project.update', objectType: 'project', objectId: c.project_id,
      before: { exemptedOn: before?.exempted_on ?? null }, after: { exemptedOn: on, byCase: c.id, clause: 'YT-6.5' },
    });
  },
};
