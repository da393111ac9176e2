/**
 * What the routes of http/routes/obligations.ts answer (issue 18), closed against the SQL of
 * modules/exports/exports-repo.ts (`exports` joined with its exporter, migration 0006): only the
 * fields named here are sent.
 */
import { ReadonlyList, Type, type Static } from './common';

/** One line of the log of what left the system (an export to another system, CI-27, YT-6.5). */
export const ExportLogItem = Type.Object({
  id: Type.String(),
  kind: Type.String({ description: 'exemption_marks、credit_list、credit_exchange …' }),
  format: Type.Union([Type.Literal('json'), Type.Literal('xlsx')]),
  jurisdictionCode: Type.String(),
  count: Type.Integer({ description: '报送的条数' }),
  sha256: Type.String(),
  at: Type.String({ description: '报送时刻（ISO 8601）' }),
  by: Type.String({ description: '报送人' }),
});
export type ExportLogItem = Static<typeof ExportLogItem>;

/** GET /api/exports → 200: the newest 200 in the caller's area. */
export const GetExportsOut = Type.Object({ items: ReadonlyList(ExportLogItem) });
