/** What the routes of http/routes/legal-time.ts answer (issue 18): declared from the answers the suite saw, kept open (Open) until each is closed field by field. */
import { Nullable, Opaque, Open, ReadonlyList, Type } from './common';

/** GET /api/calendar → 200 */
export const GetCalendarOut = Open({
  years: ReadonlyList(Open({
    year: Type.Number(),
    status: Type.String(),
    notice: Nullable(Open({
      year: Type.Number(),
      notice: Type.String(),
      published: Type.String(),
      off: ReadonlyList(Open({
        to: Type.String(),
        from: Type.String(),
        name: Type.String(),
      })),
      workdays: ReadonlyList(Type.String()),
      loadedAt: Type.String(),
    })),
    workdays: Type.Number(),
  })),
  localHolidays: ReadonlyList(Open({
    id: Type.String(),
    jurisdiction: Type.String(),
    from: Type.String(),
    to: Type.String(),
    name: Type.String(),
    source: Nullable(Type.String()),
  })),
  limits: ReadonlyList(Open({
    id: Type.String(),
    document: Type.String(),
    article: Type.String(),
    unit: Type.String(),
    parameter: Nullable(Type.String()),
    owedBy: Type.String(),
    trigger: Type.String(),
    action: Type.String(),
    overlay: Type.String(),
    summary: Type.String(),
    amount: Type.Number(),
    extensionFigures: Nullable(Open({
      max: Type.Number(),
      amount: Type.Number(),
      approver: Type.String(),
    })),
    lengthText: Type.String(),
    basis: ReadonlyList(Open({
      parameter: Type.String(),
      value: Type.Number(),
      basis: Type.String(),
    })),
    pauseReasons: Type.Optional(ReadonlyList(Type.String())),
    extension: Type.Optional(Open({
      maxParameter: Type.String(),
      amountParameter: Type.String(),
      approver: Type.String(),
    })),
    reading: Type.Optional(Type.String()),
    law: Type.Optional(Type.String()),
  })),
});

/** GET /api/calendar/days/:year → 200 */
export const GetCalendarDaysByYearOut = Open({
  year: Type.Number(),
  provisional: Type.Boolean(),
  specialDays: ReadonlyList(Open({
    date: Type.String(),
    workday: Type.Boolean(),
    kind: Type.String(),
    name: Nullable(Type.String()),
    provisional: Type.Boolean(),
  })),
});

/** GET /api/deadlines → 200 */
export const GetDeadlinesOut = Open({
  total: Type.Number(),
  items: ReadonlyList(Open({
    abilities: Open({
      manage: Type.Boolean(),
      extend: Type.Boolean(),
    }),
    extensionsLeft: Type.Unknown(),
    caseId: Nullable(Type.String()),
    id: Type.String(),
    limitId: Type.String(),
    limitSummary: Nullable(Type.String()),
    action: Type.String(),
    ownerType: Type.String(),
    ownerId: Type.String(),
    title: Type.String(),
    jurisdictionCode: Type.String(),
    jurisdictionName: Type.String(),
    startDate: Type.String(),
    dueDate: Type.String(),
    provisional: Type.Boolean(),
    provisionalYears: ReadonlyList(Type.Unknown()),
    derivation: Type.String(),
    status: Type.String(),
    stoppedDate: Type.Unknown(),
    overdue: Type.Boolean(),
    version: Type.Number(),
  })),
});

/** GET /api/deadlines/:id → 200 */
export const GetDeadlinesByIdOut = Open({
  abilities: Open({
    manage: Type.Boolean(),
    extend: Type.Boolean(),
  }),
  extensionsLeft: Nullable(Type.Number()),
  caseId: Nullable(Type.String()),
  id: Type.String(),
  limitId: Type.String(),
  limitSummary: Nullable(Type.String()),
  action: Type.String(),
  ownerType: Type.String(),
  ownerId: Type.String(),
  title: Type.String(),
  jurisdictionCode: Type.String(),
  jurisdictionName: Type.String(),
  startDate: Type.String(),
  dueDate: Type.String(),
  provisional: Type.Boolean(),
  provisionalYears: ReadonlyList(Type.Unknown()),
  derivation: Type.String(),
  status: Type.String(),
  stoppedDate: Type.Unknown(),
  overdue: Type.Boolean(),
  version: Type.Number(),
  warnings: ReadonlyList(Type.String()),
  used: Nullable(Type.Number()),
  left: Nullable(Type.Number()),
  policy: Nullable(Open({
    docNo: Type.String(),
    inForceFrom: Type.String(),
    inForceTo: Nullable(Type.String()),
    inForce: Type.Boolean(),
  })),
  ledger: ReadonlyList(Open({
    id: Type.String(),
    kind: Type.String(),
    from: Nullable(Type.String()),
    to: Nullable(Type.String()),
    reason: Nullable(Type.String()),
    evidence: Nullable(Type.String()),
    approvedBy: Nullable(Type.String()),
    recordedAt: Type.String(),
  })),
  moves: ReadonlyList(Open({
    cause: Type.String(),
    oldDue: Type.String(),
    newDue: Type.String(),
    oldProvisional: Type.Boolean(),
    newProvisional: Type.Boolean(),
    at: Type.String(),
  })),
});

/** POST /api/calendar/notices → 200 */
export const PostCalendarNoticesOut = Open({
  year: Type.Number(),
  replaced: Type.Boolean(),
  recomputed: Type.Number(),
  movedCount: Type.Number(),
  moved: ReadonlyList(Open({
    clockId: Type.String(),
    title: Type.String(),
    oldDue: Type.String(),
    newDue: Type.String(),
    wasProvisional: Type.Boolean(),
    provisional: Type.Boolean(),
  })),
});

/** POST /api/deadlines/:id/extensions → 200 */
export const PostDeadlinesByIdExtensionsOut = Open({
  abilities: Open({
    manage: Type.Boolean(),
    extend: Type.Boolean(),
  }),
  extensionsLeft: Nullable(Type.Number()),
  caseId: Type.Unknown(),
  id: Type.String(),
  limitId: Type.String(),
  limitSummary: Nullable(Type.String()),
  action: Type.String(),
  ownerType: Type.String(),
  ownerId: Type.String(),
  title: Type.String(),
  jurisdictionCode: Type.String(),
  jurisdictionName: Type.String(),
  startDate: Type.String(),
  dueDate: Type.String(),
  provisional: Type.Boolean(),
  provisionalYears: ReadonlyList(Type.Unknown()),
  derivation: Type.String(),
  status: Type.String(),
  stoppedDate: Type.Unknown(),
  overdue: Type.Boolean(),
  version: Type.Number(),
});


/** A clock after a change (pause, resume, extension, stop): `presentClock`, one schema for all four. */
export const ClockOut = PostDeadlinesByIdExtensionsOut;
/** POST /api/deadlines/:id/pauses → 200 (also /stop) */
export const PostDeadlinesByIdPausesOut = ClockOut;
/** POST /api/deadlines/:id/resume → 200 */
export const PostDeadlinesByIdResumeOut = ClockOut;

/** POST /api/notifications/:id/read → 200 */
export const PostNotificationsByIdReadOut = Open({
  updated: Type.Number(),
});
