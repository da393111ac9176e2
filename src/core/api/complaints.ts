/** What the routes of http/routes/complaints.ts answer (issue 18): closed, so only the fields named here are sent (CI-29: never who complained, except to the intake role that asks with a reason). */
import { Nullable, ReadonlyList, Type } from './common';

/** An evidence file attached to a complaint, as `complaints-repo.ts#listComplaintFiles` reads it (never its bytes). */
export const ComplaintFile = Type.Object({
  id: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  sm3: Type.String(),
});

/** One intake record of the ledger, as `complaints-repo.ts#listComplaints` reads it (no complainant). */
export const ComplaintItem = Type.Object({
  attachments: ReadonlyList(ComplaintFile),
  id: Type.String(),
  accusedName: Type.String(),
  accusedCreditCode: Nullable(Type.String()),
  accusedKind: Type.Union([Type.Literal('organization'), Type.Literal('person')]),
  content: Type.String(),
  status: Type.String(),
  statusLabel: Type.String(),
  caseId: Nullable(Type.String()),
  rejectionReason: Nullable(Type.String()),
  submittedAt: Type.String(),
  version: Type.Integer(),
});

/** GET /api/complaints → 200 */
export const GetComplaintsOut = Type.Object({
  total: Type.Integer(),
  items: ReadonlyList(ComplaintItem),
});

/** GET /api/public/complaints/status → 200: what a receipt code may learn (the intake's status, its case's state once registered). */
export const GetPublicComplaintsStatusOut = Type.Object({
  status: Type.String(),
  submittedAt: Type.String(),
  handledAt: Nullable(Type.String()),
  progress: Nullable(Type.String()),
  rejectionReason: Nullable(Type.String()),
});

/** POST /api/complaints/:id/complainant → 200: the complainant as submitted (the form's fields, SM4-decrypted). */
export const PostComplaintsByIdComplainantOut = Type.Object({
  name: Type.String(),
  phone: Type.String(),
  email: Type.Optional(Nullable(Type.String())),
});

/** POST /api/complaints/:id/register → 200: the case the complaint was registered as. */
export const PostComplaintsByIdRegisterOut = Type.Object({
  caseId: Type.String(),
  state: Type.String(),
});

/** POST /api/public/complaints → 201: the receipt code. */
export const PostPublicComplaintsOut = Type.Object({
  receipt: Type.String(),
});
