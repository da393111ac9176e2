/** What the routes of http/routes/rules.ts answer (issue 18): declared from the answers the suite saw, kept open (Open) until each is closed field by field. */
import { Nullable, Opaque, Open, ReadonlyList, Type } from './common';

/** GET /api/policies → 200 */
export const GetPoliciesOut = Open({
  today: Type.String(),
  versions: ReadonlyList(Open({
    id: Type.String(),
    document: Type.String(),
    docNo: Type.String(),
    title: Type.String(),
    jurisdiction: Type.String(),
    inForceFrom: Type.String(),
    inForceTo: Nullable(Type.String()),
    kind: Type.String(),
    basis: Type.String(),
    parameters: Opaque(),
    inForceToday: Type.Boolean(),
    clauses: ReadonlyList(Open({
      id: Type.String(),
      document: Type.String(),
      article: Type.String(),
      summary: Type.String(),
    })),
  })),
  status: ReadonlyList(Open({
    document: Type.String(),
    docNo: Type.String(),
    versionId: Type.String(),
    inForce: Type.Boolean(),
    warning: Nullable(Type.String()),
  })),
  criteria: ReadonlyList(Open({
    id: Type.String(),
    subject: Type.String(),
    level: Type.String(),
    source: Type.String(),
    summary: Type.String(),
  })),
});

/** GET /api/ratings → 200 */
export const GetRatingsOut = Open({
  total: Type.Number(),
  items: ReadonlyList(Open({
    id: Type.String(),
    subjectId: Type.String(),
    subjectName: Type.String(),
    subjectType: Type.String(),
    subjectTypeLabel: Type.String(),
    year: Type.Number(),
    regionName: Type.String(),
    computedLevel: Type.Unknown(),
    clauses: ReadonlyList(Type.Unknown()),
    determinationRequired: Type.Boolean(),
    level: Type.Unknown(),
    determinedLevel: Type.Unknown(),
    determinedReason: Type.Unknown(),
    policyVersionId: Type.String(),
    policyInForce: Type.Boolean(),
    computedAt: Type.String(),
    publishedAt: Nullable(Type.String()),
    result: Opaque(),
    version: Type.Number(),
    abilities: Open({
      determine: Type.Boolean(),
      recompute: Type.Boolean(),
    }),
  })),
  levels: Open({
    AA: Type.String(),
    A: Type.String(),
    B: Type.String(),
    C: Type.String(),
  }),
  abilities: Open({
    run: Type.Boolean(),
  }),
});

/** GET /api/ratings/:id/revisions → 200 */
export const GetRatingsByIdRevisionsOut = Open({
  items: ReadonlyList(Open({
    cause: Type.String(),
    findingId: Nullable(Type.String()),
    caseId: Nullable(Type.String()),
    oldLevel: Nullable(Type.String()),
    newLevel: Nullable(Type.String()),
    oldPublishedAt: Nullable(Type.String()),
    newPublishedAt: Nullable(Type.String()),
    reason: Type.String(),
    revisedAt: Nullable(Type.String()),
  })),
});

/** GET /api/subjects/:id/findings → 200 */
export const GetSubjectsByIdFindingsOut = Open({
  items: ReadonlyList(Open({
    id: Type.String(),
    subjectType: Type.String(),
    clause: Type.String(),
    factDate: Type.String(),
    met: Type.Boolean(),
    description: Type.String(),
    sourceKind: Type.String(),
    sourceDocument: Type.String(),
    projectCode: Type.Unknown(),
    recordedBy: Type.String(),
    recordedAt: Type.String(),
    withdrawn: Type.Boolean(),
    withdrawnAt: Nullable(Type.String()),
    withdrawnReason: Nullable(Type.String()),
    corrects: Nullable(Type.String()),
    supersededBy: Nullable(Type.String()),
  })),
  ratedTypes: ReadonlyList(Type.String()),
  abilities: Open({
    record: Type.Boolean(),
    correct: Type.Boolean(),
  }),
});

/** GET /api/subjects/:id/ratings → 200 */
export const GetSubjectsByIdRatingsOut = Open({
  items: ReadonlyList(Open({
    id: Type.String(),
    subjectId: Type.String(),
    subjectName: Type.String(),
    subjectType: Type.String(),
    subjectTypeLabel: Type.String(),
    year: Type.Number(),
    regionName: Type.String(),
    computedLevel: Nullable(Type.String()),
    clauses: ReadonlyList(Type.String()),
    determinationRequired: Type.Boolean(),
    level: Nullable(Type.String()),
    determinedLevel: Type.Unknown(),
    determinedReason: Type.Unknown(),
    policyVersionId: Type.String(),
    policyInForce: Type.Boolean(),
    computedAt: Type.String(),
    publishedAt: Nullable(Type.String()),
    result: Open({
      year: Type.Number(),
      fired: ReadonlyList(Open({
        facts: ReadonlyList(Type.String()),
        level: Type.String(),
        clause: Type.String(),
        summary: Type.String(),
        arithmetic: Type.Optional(Type.String()),
      })),
      level: Nullable(Type.String()),
      policy: Open({
        docNo: Type.String(),
        inForce: Type.Boolean(),
        versionId: Type.String(),
        referenceDate: Type.String(),
      }),
      clauses: ReadonlyList(Type.String()),
      warnings: ReadonlyList(Type.String()),
      conditions: ReadonlyList(Open({
        met: Type.Boolean(),
        clause: Type.String(),
        reason: Type.String(),
      })),
      parameters: ReadonlyList(Open({
        name: Type.String(),
        value: Type.Unknown(),
        basis: Type.String(),
      })),
      subjectType: Type.String(),
      whatWouldChange: ReadonlyList(Type.String()),
      ignoredAsExempted: ReadonlyList(Type.Unknown()),
      determinationReason: Nullable(Type.String()),
      determinationRequired: Type.Boolean(),
      explanation: Type.String(),
    }),
    version: Type.Number(),
    abilities: Open({
      determine: Type.Boolean(),
      recompute: Type.Boolean(),
    }),
  })),
  ratedTypes: ReadonlyList(Type.String()),
});

/** POST /api/findings → 201 */
export const PostFindingsOut = Open({
  id: Type.String(),
});

/** POST /api/findings/:id/correct → 201 */
export const PostFindingsByIdCorrectOut = Open({
  withdrawn: Type.String(),
  finding: Type.String(),
  ratings: ReadonlyList(Open({
    ratingId: Type.String(),
    year: Type.Number(),
    subjectType: Type.String(),
    before: Nullable(Type.String()),
    after: Nullable(Type.String()),
    wasPublished: Type.Boolean(),
    commentUntil: Type.String(),
  })),
});

/** POST /api/findings/:id/withdraw → 200 */
export const PostFindingsByIdWithdrawOut = Open({
  withdrawn: Type.String(),
  ratings: ReadonlyList(Open({
    ratingId: Type.String(),
    year: Type.Number(),
    subjectType: Type.String(),
    before: Nullable(Type.String()),
    after: Nullable(Type.String()),
    wasPublished: Type.Boolean(),
    commentUntil: Type.String(),
  })),
});

/** POST /api/policies → 201 */
export const PostPoliciesOut = Open({
  id: Type.String(),
  document: Type.String(),
  kind: Type.String(),
  docNo: Type.String(),
  title: Type.String(),
  jurisdiction: Type.String(),
  inForceFrom: Type.String(),
  inForceTo: Nullable(Type.String()),
  basis: Type.String(),
  extends: Type.Optional(Type.String()),
  parameters: Opaque(),
});

/** POST /api/ratings/:id/determination → 200 */
export const PostRatingsByIdDeterminationOut = Open({
  ok: Type.Boolean(),
});

/** POST /api/subjects/:id/ratings → 200 */
export const PostSubjectsByIdRatingsOut = Open({
  subjectType: Type.String(),
  year: Type.Number(),
  level: Nullable(Type.String()),
  clauses: ReadonlyList(Type.String()),
  fired: ReadonlyList(Open({
    clause: Type.String(),
    level: Type.String(),
    summary: Type.String(),
    facts: ReadonlyList(Type.String()),
    arithmetic: Type.Optional(Type.String()),
  })),
  conditions: ReadonlyList(Open({
    clause: Type.String(),
    met: Type.Boolean(),
    reason: Type.String(),
  })),
  policy: Open({
    docNo: Type.String(),
    versionId: Type.String(),
    inForce: Type.Boolean(),
    referenceDate: Type.String(),
  }),
  parameters: ReadonlyList(Open({
    name: Type.String(),
    value: Type.Unknown(),
    basis: Type.String(),
  })),
  warnings: ReadonlyList(Type.String()),
  determinationRequired: Type.Boolean(),
  determinationReason: Nullable(Type.String()),
  whatWouldChange: ReadonlyList(Type.String()),
  ignoredAsExempted: ReadonlyList(Type.String()),
  explanation: Type.String(),
});

/** POST /api/subjects/:id/ratings/preview → 200: the what-if answers the rating result as computing it does, unstored. */
export const PostSubjectsByIdRatingsPreviewOut = PostSubjectsByIdRatingsOut;
