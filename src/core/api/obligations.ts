/** What the routes of http/routes/obligations.ts answer (issue 18): declared from the answers the suite saw, kept open (Open) until each is closed field by field. */
import { Nullable, Opaque, Open, ReadonlyList, Type } from './common';

/** GET /api/exports → 200 */
export const GetExportsOut = Open({
  items: ReadonlyList(Open({
    id: Type.String(),
    kind: Type.String(),
    format: Type.String(),
    jurisdictionCode: Type.String(),
    count: Type.Number(),
    sha256: Type.String(),
    at: Type.String(),
    by: Type.String(),
  })),
});
