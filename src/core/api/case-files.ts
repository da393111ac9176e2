/** What the routes of http/routes/case-files.ts answer (issue 18): declared from the answers the suite saw, kept open (Open) until each is closed field by field. */
import { Nullable, Opaque, Open, ReadonlyList, Type } from './common';

/** POST /api/cases/:id/materials → 201 */
export const PostCasesByIdMaterialsOut = Open({
  id: Type.String(),
  caseId: Type.String(),
  origin: Type.String(),
  kind: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Number(),
  sha256: Type.String(),
  sm3: Type.String(),
  clause: Nullable(Type.String()),
  createdAt: Type.String(),
});
