/**
 * The records a start may rest on, as the server hands them to a declaration. A start names the kinds
 * it loads and the input key holding each id (`loads: { project: 'projectId' }`); the server loads
 * each by kind, inside the caller's data scope (a record out of scope is "not found"), so a new
 * procedure that rests on known kinds needs no server code.
 */
import type { FundingSource, ProjectStatus } from '../domain/vocabulary';
import type { MisconductKind } from '../sanctions/misconduct';
import type { Measure, Severity } from '../sanctions/sanctions';

export const FACT_KINDS = ['project', 'subject', 'misconductCase', 'listing', 'rating'] as const;
export type FactKind = (typeof FACT_KINDS)[number];

export interface ProjectFacts {
  id: string;
  code: string;
  name: string;
  jurisdictionCode: string;
  planLevel: 'province' | 'prefecture' | 'county';
  fundingSource: FundingSource;
  status: ProjectStatus;
  undertakingUnitId: string;
  leaderId: string;
  dueDate: string;
  extendedDueDate: string | null;
}

export interface SubjectFacts {
  id: string;
  kind: 'organization' | 'person';
  name: string;
  regionCode: string;
  /** For a person: the unit he or she works at, where recorded. */
  employerId: string | null;
}

/** A decided (or not yet decided) misconduct case and the sanctions it recorded. */
export interface MisconductCaseFacts {
  id: string;
  state: string;
  jurisdictionCode: string;
  subjectId: string | null;
  decidedOn: string | null;
  subjectKind: 'organization' | 'person' | null;
  /** The decision as the case recorded it (a review's correction is on the sanction rows and the review case). */
  decision: {
    kind: MisconductKind; conductDate: string; decidedOn: string; severity: Severity; measures: readonly Measure[];
    banYears: number | 'life' | null; publicDisclosure: boolean; policyVersionId: string;
  } | null;
  /** 复查 cases about this decision, each with its state. */
  reviews: ReadonlyArray<{ id: string; state: string }>;
  sanctions: ReadonlyArray<{
    id: string; subjectId: string; severity: Severity; responsibleRole: string | null;
    banEnd: string | null; banLife: boolean; publicList: boolean; simpleProcedure: boolean; minorAndCorrected: boolean;
  }>;
}

export interface ListingFacts {
  id: string;
  subjectId: string;
  subjectKind: 'organization' | 'person';
  jurisdictionCode: string;
  listedOn: string;
  until: string;
  repairedOn: string | null;
  removedOn: string | null;
}

export interface RatingFacts {
  id: string;
  subjectId: string;
  subjectKind: 'organization' | 'person';
  subjectType: string;
  /** The bureau that rates (the prefecture, CI-7), which handles a review. */
  jurisdictionCode: string;
  year: number;
  /** The level as it now stands (the officer's determination where the rules left it open). */
  level: string | null;
  /** The Beijing date and the instant it took effect (published after its comment window, CI-15); null while not in effect. */
  publishedOn: string | null;
  publishedAt: string | null;
  /** The last day the subject may ask for a review (from publication, a time limit set by the bureau); null while not in effect. */
  reviewUntil: string | null;
  /** A review of this rating still open, if any. */
  openReviewCaseId: string | null;
}

export interface FactSet {
  project?: ProjectFacts;
  subject?: SubjectFacts;
  misconductCase?: MisconductCaseFacts;
  listing?: ListingFacts;
  rating?: RatingFacts;
}
