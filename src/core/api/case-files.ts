/**
 * What the routes of http/routes/case-files.ts answer (issue 18), closed against the `files` table
 * (migration 0006) as modules/files/store-file.ts presents a stored file: only the fields named here are sent.
 */
import { Nullable, Type, type Static } from './common';

/** A file kept with its case: a party's material (YT-6.1, YT-6.3) or a document the system generated. */
export const StoredCaseFile = Type.Object({
  id: Type.String(),
  caseId: Type.String(),
  origin: Type.Union([Type.Literal('material'), Type.Literal('document')]),
  kind: Type.String(),
  fileName: Type.String(),
  mediaType: Type.String(),
  sizeBytes: Type.Integer(),
  sha256: Type.String(),
  sm3: Type.String(),
  clause: Nullable(Type.String()),
  createdAt: Type.String(),
});
export type StoredCaseFile = Static<typeof StoredCaseFile>;

/** POST /api/cases/:id/materials → 201 */
export const PostCasesByIdMaterialsOut = StoredCaseFile;

/** POST /api/cases/:id/documents → 201: the stored file with the number it was issued under and the renderer's warnings. */
export const PostCasesByIdDocumentsOut = Type.Object({
  ...StoredCaseFile.properties,
  /** GB/T 9704-2012 7.2.4: the number the document was issued under. */
  docNo: Type.String({ description: '发文字号，如 楚科容决〔2026〕3号' }),
  warnings: Type.Array(Type.String()),
});
