/**
 * The named effects a declared step may have outside its case, each with the clause that requires it.
 * The server carries them out; a test checks that it knows every name here and no other.
 */
export const EFFECT_CLAUSES = {
  mark_project_exempt: 'YT-6.5',
  open_surplus_funds_obligation: 'YT-10',
  start_correction: 'YT-9.1',
  open_failure_report: 'YT-11',
  open_misconduct_case: 'X-2',
  apply_project_change: 'YT-8',
  extend_decision_clock: 'YT-6.3',
  pause_decision_clock: 'YT-6.3',
  resume_decision_clock: 'YT-6.3',
  record_sanctions: 'CI-26',
  open_misconduct_from_complaint: 'CI-29',
  list_subject: 'CI-27',
  correct_record: 'CI-27',
  repair_listing: 'CI-31',
  decide_rating_review: 'CI-15',
  disclose_case_to_party: '行政处罚法第四十四条',
  open_hearing_request_window: '行政处罚法第六十四条',
  record_misconduct_finding: 'CI-22',
  correct_sanctions: '国科发监〔2022〕221号',
  open_escalation_case: 'YT-9.4',
  suspend_project: 'CI-23',
} as const;
export type EffectName = keyof typeof EFFECT_CLAUSES;
