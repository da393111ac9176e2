/** Labels come from the core vocabulary, the same table the server validates against. */
export {
  FUNDING_SOURCE_LABEL, ORGANIZATION_TYPE_LABEL, PLAN_LEVEL_LABEL, PROJECT_STATUS_LABEL, RELATION_KIND_LABEL, SUBJECT_KIND_LABEL,
} from '../../core/domain/vocabulary';
import { FORM_PROJECT_STATUSES, PROJECT_STATUS_LABEL as STATUS_LABEL } from '../../core/domain/vocabulary';

/** The states the project form offers: 暂缓、暂停、强制中止、验收不通过 are set by the decisions that cause them. */
export const FORM_PROJECT_STATUS_LABEL = Object.fromEntries(FORM_PROJECT_STATUSES.map((s) => [s, STATUS_LABEL[s]]));

export const STATUS_COLOR: Record<string, string> = {
  approved: 'default', in_progress: 'processing', acceptance_applied: 'warning', accepted: 'success', terminated: 'error',
  concluded: 'success', deferred: 'warning', suspended: 'orange', forcibly_halted: 'error', acceptance_failed: 'volcano',
};

export function options(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
