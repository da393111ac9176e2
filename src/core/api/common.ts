/**
 * The shapes the API answers with (issue 18, typed end to end): TypeBox schemas that the server's
 * routes declare as their response (Fastify serialises with them, fast-json-stringify, so a field
 * not declared here is not sent) and the web client derives its types from (`Static<typeof …>`).
 * Pure: TypeBox only. One file per area; this one holds the pieces they share.
 */
import { Type, type Static, type TProperties, type TSchema } from 'typebox';

export { Type, type Static };

/** A value or null. */
export const Nullable = <T extends TSchema>(t: T) => Type.Union([t, Type.Null()]);

/**
 * A part of an answer whose shape another core module owns (a derivation, a rating's explanation, a
 * step's declared input): sent as it is (every property serialised as JSON), typed as `T` for the web.
 */
export const Opaque = <T = unknown>(description?: string) => Type.Unsafe<T>({ type: 'object', additionalProperties: true, ...(description ? { description } : {}) });

/** Any JSON value kept as it is (a record's before/after in the audit log, a step's input). */
export const AnyJson = <T = unknown>(description?: string) => Type.Unsafe<T>({ ...(description ? { description } : {}) });

/** A file sent as bytes (Excel, DOCX, PDF): not serialised, documented for the OpenAPI page. */
export const Binary = (description: string) => Type.Unsafe<Uint8Array>({ type: 'string', format: 'binary', description });

/** What a command that has nothing else to say answers. */
export const Ok = Type.Object({ ok: Type.Boolean() });

/** A page of a list. */
export const PageOf = <T extends TSchema>(item: T) => Type.Object({ total: Type.Number(), page: Type.Number(), pageSize: Type.Number(), items: Type.Array(item) });

/** What the caller may do with a list (the buttons above it). */
export const ListAbilities = Type.Object({ create: Type.Boolean(), export: Type.Boolean() });
export type ListAbilities = Static<typeof ListAbilities>;

/** An Excel export (sent with its file name as an attachment). */
export const XLSX = Binary('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet：Excel 工作簿');

/**
 * An object whose declared fields are typed and serialised by the schema, and whose other fields are
 * still sent as they are: the answers first declared from what the suite saw (issue 18), until each is
 * closed field by field.
 */
export const Open = <P extends TProperties>(properties: P) => Type.Object(properties, { additionalProperties: true });

/** A list the server takes from a core constant (read-only there): the same array schema, typed read-only. */
export const ReadonlyList = <T extends TSchema>(item: T) => Type.Unsafe<readonly Static<T>[]>(Type.Array(item));
