/**
 * An export of a list or of the audit log leaves the system with personal data, so it is an audited
 * act of its own (GB/T 22239-2019 8.1.4.3): who, from where, what filter, how many rows.
 */
import type { AuditAction } from '../../../core/audit/events';
import type { AppContext, RequestContext } from '../../context';
import { appendAudit } from './append-audit';

export async function auditExport(app: AppContext, ctx: RequestContext, action: Extract<AuditAction, 'list.export' | 'audit.export'>, objectType: string, after: Record<string, unknown>) {
  await app.db.transaction((tx) => appendAudit(tx, app, { actor: ctx.actor, ip: ctx.ip, action, objectType, after }));
}
