/** Every declared procedure, by id. A new case type is one more entry here. */
import { ACCOUNTABILITY_REFERRAL } from './accountability-referral';
import { CORRECTION_CASE } from './correction-case';
import { COMPLAINT_CASE } from './complaint-case';
import type { ProcedureDef } from './engine';
import { LISTING_CASE } from './listing-case';
import { REPAIR_CASE } from './repair-case';
import { RATING_REVIEW } from './rating-review';
import { FAILURE_REPORT } from './failure-report';
import { INSPECTION, MAJOR_CHANGE, MIDTERM_CHECK } from './supervision';
import { MISCONDUCT_CASE } from './misconduct-case';
import { MISCONDUCT_REVIEW_CASE } from './misconduct-review-case';
import { TOLERANCE_CASE } from './tolerance-case';

export const PROCEDURES: Record<string, ProcedureDef<any>> = {
  [TOLERANCE_CASE.id]: TOLERANCE_CASE,
  [CORRECTION_CASE.id]: CORRECTION_CASE,
  [MISCONDUCT_CASE.id]: MISCONDUCT_CASE,
  [FAILURE_REPORT.id]: FAILURE_REPORT,
  [INSPECTION.id]: INSPECTION,
  [MIDTERM_CHECK.id]: MIDTERM_CHECK,
  [MAJOR_CHANGE.id]: MAJOR_CHANGE,
  [COMPLAINT_CASE.id]: COMPLAINT_CASE,
  [LISTING_CASE.id]: LISTING_CASE,
  [REPAIR_CASE.id]: REPAIR_CASE,
  [RATING_REVIEW.id]: RATING_REVIEW,
  [MISCONDUCT_REVIEW_CASE.id]: MISCONDUCT_REVIEW_CASE,
  [ACCOUNTABILITY_REFERRAL.id]: ACCOUNTABILITY_REFERRAL,
};
