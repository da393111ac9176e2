/** Labels come from the core vocabulary, the same table the server validates against. */
export {
  FUNDING_SOURCE_LABEL, ORGANIZATION_TYPE_LABEL, PLAN_LEVEL_LABEL, PROJECT_STATUS_LABEL, RELATION_KIND_LABEL, SUBJECT_KIND_LABEL,
} from '../../core/domain/vocabulary';

export const STATUS_COLOR: Record<string, string> = {
  approved: 'default', in_progress: 'processing', acceptance_applied: 'warning', accepted: 'success', terminated: 'error',
};

export function options(labels: Record<string, string>) {
  return Object.entries(labels).map(([value, label]) => ({ value, label }));
}
