/** What the routes of http/routes/complaints.ts answer (issue 18): declared from the answers the suite saw, kept open (Open) until each is closed field by field. */
import { Nullable, Opaque, Open, ReadonlyList, Type } from './common';

/** GET /api/complaints → 200 */
export const GetComplaintsOut = Open({
  total: Type.Number(),
  items: ReadonlyList(Open({
    id: Type.String(),
    accusedName: Type.String(),
    accusedCreditCode: Nullable(Type.String()),
    accusedKind: Type.Union([Type.Literal('organization'), Type.Literal('person')]),
    content: Type.String(),
    status: Type.String(),
    statusLabel: Type.String(),
    caseId: Type.Unknown(),
    rejectionReason: Type.Unknown(),
    submittedAt: Type.String(),
    version: Type.Number(),
  })),
});

/** GET /api/public/complaints/status → 200 */
export const GetPublicComplaintsStatusOut = Open({
  status: Type.String(),
  submittedAt: Type.String(),
  handledAt: Nullable(Type.String()),
  progress: Nullable(Type.String()),
  rejectionReason: Type.Unknown(),
});

/** POST /api/complaints/:id/complainant → 200 */
export const PostComplaintsByIdComplainantOut = Open({
  name: Type.String(),
  phone: Type.String(),
  email: Type.Optional(Nullable(Type.String())),
});

/** POST /api/complaints/:id/register → 200 */
export const PostComplaintsByIdRegisterOut = Open({
  caseId: Type.String(),
  state: Type.String(),
});

/** POST /api/public/complaints → 201 */
export const PostPublicComplaintsOut = Open({
  receipt: Type.String(),
});
