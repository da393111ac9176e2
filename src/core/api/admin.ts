/** What the routes of http/routes/admin.ts answer (issue 18): declared from the answers the suite saw, kept open (Open) until each is closed field by field. */
import { Nullable, Opaque, Open, ReadonlyList, Type } from './common';

/** GET /api/admin-grants → 200 */
export const GetAdminGrantsOut = Open({
  items: ReadonlyList(Open({
    id: Type.String(),
    userId: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: Type.String(),
    reason: Type.String(),
    proposedBy: Type.String(),
    proposedAt: Type.String(),
    status: Type.String(),
  })),
});

/** GET /api/audit-events/verify → 200 */
export const GetAuditEventsVerifyOut = Open({
  ok: Type.Boolean(),
  checked: Type.Number(),
  firstBroken: Type.Unknown(),
  lastHash: Type.String(),
  lastSeq: Type.Number(),
  checkpoints: Open({
    checked: Type.Number(),
    problems: ReadonlyList(Type.Unknown()),
    recorded: Type.Number(),
    firstRun: Type.Boolean(),
    protectedUpTo: Type.Unknown(),
  }),
  unprotectedTail: Type.Number(),
  summary: Type.String(),
});

/** GET /api/security/accounts → 200 */
export const GetSecurityAccountsOut = Open({
  items: ReadonlyList(Open({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: Type.String(),
    roleLabel: Type.String(),
    regionCode: Nullable(Type.String()),
    unitId: Nullable(Type.String()),
    personId: Nullable(Type.String()),
    status: Type.String(),
    disabled: Type.Boolean(),
    version: Type.Number(),
    mustChangePassword: Type.Boolean(),
    pendingGrant: Type.Unknown(),
  })),
});

/** GET /api/security/alerts → 200 */
export const GetSecurityAlertsOut = Open({
  total: Type.Number(),
  page: Type.Number(),
  pageSize: Type.Number(),
  items: ReadonlyList(Type.Unknown()),
});

/** GET /api/users → 200 */
export const GetUsersOut = Open({
  items: ReadonlyList(Open({
    id: Type.String(),
    username: Type.String(),
    displayName: Type.String(),
    role: Type.String(),
    roleLabel: Type.String(),
    regionCode: Nullable(Type.String()),
    unitId: Nullable(Type.String()),
    personId: Nullable(Type.String()),
    status: Type.String(),
    disabled: Type.Boolean(),
    version: Type.Number(),
    mustChangePassword: Type.Boolean(),
  })),
});

/** POST /api/users → 201 */
export const PostUsersOut = Open({
  id: Type.String(),
  status: Type.String(),
});

/** POST /api/users/:id/admin-grants → 201 */
export const PostUsersByIdAdminGrantsOut = Open({
  id: Type.String(),
});

/** POST /api/users/:id/authorization → 200 */
export const PostUsersByIdAuthorizationOut = Open({
  initialPassword: Nullable(Type.String()),
  version: Type.Number(),
});

/** POST /api/users/:id/totp/reset → 200 */
export const PostUsersByIdTotpResetOut = Open({
  ok: Type.Boolean(),
});

/** POST /api/users/:id/unlock → 200 */
export const PostUsersByIdUnlockOut = Open({
  ok: Type.Boolean(),
});
