/** What the routes of http/routes/integrity.ts answer (issue 18): declared from the answers the suite saw, kept open (Open) until each is closed field by field. */
import { Nullable, Opaque, Open, ReadonlyList, Type } from './common';

/** GET /api/misconduct-records → 200 */
export const GetMisconductRecordsOut = Open({
  today: Type.String(),
  total: Type.Number(),
  page: Type.Number(),
  pageSize: Type.Number(),
  items: ReadonlyList(Open({
    id: Type.String(),
    // An external record (CI-13, received from the province or the national database) has no case, may name no subject here and gives no severity.
    caseId: Nullable(Type.String()),
    subjectId: Nullable(Type.String()),
    name: Type.String(),
    kind: Type.String(),
    creditCode: Nullable(Type.String()),
    idNumberMasked: Nullable(Type.String()),
    severity: Nullable(Type.String()),
    measures: ReadonlyList(Type.String()),
    misconduct: Type.String(),
    decidedOn: Type.String(),
    decidedBy: Type.String(),
    banStart: Nullable(Type.String()),
    banEnd: Nullable(Type.String()),
    banLife: Type.Boolean(),
    banActive: Type.Boolean(),
    published: Type.Boolean(),
    publicUntil: Nullable(Type.String()),
    answersFor: Nullable(Type.String()),
    clause: Type.String(),
    revokedOn: Nullable(Type.String()),
    corrections: ReadonlyList(Open({
      sanctionId: Type.String(),
      caseId: Type.String(),
      field: Type.String(),
      label: Type.String(),
      from: Type.String(),
      to: Type.String(),
      on: Type.String(),
      reason: Type.String(),
      clause: Type.String(),
    })),
  })),
});

/** GET /api/my-listings → 200 */
export const GetMyListingsOut = Open({
  items: ReadonlyList(Open({
    id: Type.String(),
    grounds: Type.String(),
    listedOn: Type.String(),
    until: Nullable(Type.String()),
    repairedOn: Nullable(Type.String()),
    inForce: Type.Boolean(),
  })),
});

/** GET /api/public/spot-checks/:id → 200 */
export const GetPublicSpotChecksByIdOut = Open({
  id: Type.String(),
  title: Type.String(),
  jurisdiction: Type.String(),
  drawnAt: Type.String(),
  algorithm: Type.String(),
  seed: Type.String(),
  baseRatio: Type.Number(),
  goodCreditFactor: Type.Unknown(),
  inspectorsPerProject: Type.Number(),
  groups: ReadonlyList(Open({
    drawn: Type.Number(),
    group: Type.String(),
    ratio: Type.Number(),
    candidates: Type.Number(),
  })),
  inspectorPool: Type.Number(),
  draws: ReadonlyList(Open({
    projectId: Type.String(),
    group: Type.String(),
    inspectorIds: ReadonlyList(Type.String()),
  })),
  shortOfInspectors: ReadonlyList(Type.Unknown()),
  commitment: Nullable(Open({
    algorithm: Type.String(),
    digest: Type.String(),
  })),
});

/** GET /api/spot-checks/:id → 200 */
export const GetSpotChecksByIdOut = Open({
  id: Type.String(),
  title: Type.String(),
  jurisdiction: Type.String(),
  drawnAt: Type.String(),
  algorithm: Type.String(),
  input: Open({
    seed: Type.String(),
    projects: ReadonlyList(Open({
      id: Type.String(),
      level: Nullable(Type.String()),
      unitId: Nullable(Type.String()),
    })),
    baseRatio: Type.Number(),
    inspectors: ReadonlyList(Open({
      id: Type.String(),
      unitId: Nullable(Type.String()),
    })),
    inspectorsPerProject: Type.Number(),
  }),
  result: Open({
    draws: ReadonlyList(Open({
      projectId: Type.String(),
      inspectorIds: ReadonlyList(Type.String()),
    })),
    groups: ReadonlyList(Open({
      drawn: Type.Number(),
      group: Type.String(),
      ratio: Type.Number(),
      candidates: Type.Number(),
    })),
    shortOfInspectors: ReadonlyList(Type.Unknown()),
  }),
  commitment: Nullable(Open({
    algorithm: Type.String(),
    salt: Nullable(Type.String()),
    digest: Type.String(),
  })),
});

/** GET /api/subjects/:id/sanctions → 200 */
export const GetSubjectsByIdSanctionsOut = Open({
  today: Type.String(),
  items: ReadonlyList(Open({
    publicUntil: Type.Unknown(),
    correctedFacts: Type.String(),
    corrections: ReadonlyList(Open({
      sanctionId: Type.String(),
      caseId: Type.String(),
      field: Type.String(),
      label: Type.String(),
      from: Type.String(),
      to: Type.String(),
      on: Type.String(),
      reason: Type.String(),
      clause: Type.String(),
    })),
    id: Type.String(),
    caseId: Type.String(),
    severity: Type.String(),
    measures: ReadonlyList(Type.String()),
    misconduct: Type.String(),
    decidedOn: Type.String(),
    banStart: Type.String(),
    banEnd: Type.String(),
    banLife: Type.Boolean(),
    clause: Type.String(),
    published: Type.Boolean(),
    answersFor: Type.Unknown(),
    banActive: Type.Boolean(),
    revokedOn: Type.Unknown(),
  })),
});

/** POST /api/commitments → 201 */
export const PostCommitmentsOut = Open({
  id: Type.String(),
});

/** POST /api/spot-checks → 201 */
export const PostSpotChecksOut = Open({
  id: Type.String(),
  input: Opaque(),
  result: Opaque(),
  commitment: Nullable(Open({
    algorithm: Type.String(),
    salt: Type.String(),
    digest: Type.String(),
  })),
});

/** POST /api/veto-check → 200 */
export const PostVetoCheckOut = Open({
  on: Type.String(),
  vetoed: Type.Number(),
  results: ReadonlyList(Open({
    ref: Type.String(),
    vetoed: Type.Boolean(),
    detail: Type.String(),
    found: Type.Boolean(),
    subjectId: Nullable(Type.String()),
    name: Nullable(Type.String()),
    idNumberMasked: Nullable(Type.String()),
    reasons: ReadonlyList(Type.String()),
    bans: ReadonlyList(Open({
      caseId: Type.String(),
      severity: Type.String(),
      measures: ReadonlyList(Type.String()),
      start: Type.String(),
      end: Nullable(Type.String()),
      clause: Type.String(),
    })),
    rating: Nullable(Open({
      year: Type.Number(),
      level: Nullable(Type.String()),
    })),
    commitmentSignedOn: Type.Optional(Nullable(Type.String())),
  })),
  withoutCommitment: Type.Optional(Type.Number()),
});
