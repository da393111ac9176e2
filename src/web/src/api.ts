/** The one way the client talks to the server: JSON over fetch, errors with code, message and field. */
import type { Static } from '../../core/api/common';
import type { MeOut } from '../../core/api/auth';
import type { MilestoneOut, ProjectOut } from '../../core/api/projects';
import type { RegionOut } from '../../core/api/regions';
import type { RelationOut, SubjectOut } from '../../core/api/subjects';
export class ApiError extends Error {
  constructor(readonly status: number, readonly code: string, message: string, readonly field: string | null, readonly clause: string | null = null) {
    // A refusal the rules decide is shown with the clause that decides it.
    super(clause && !message.includes(clause) ? `${message}（${clause}）` : message);
  }
}

export async function api<T>(path: string, init: RequestInit & { json?: unknown } = {}): Promise<T> {
  const { json, ...rest } = init;
  const res = await fetch(path, {
    credentials: 'same-origin',
    ...rest,
    headers: { ...(json !== undefined ? { 'content-type': 'application/json' } : {}), ...(rest.headers ?? {}) },
    body: json !== undefined ? JSON.stringify(json) : rest.body,
  });
  if (res.ok) return (await res.json()) as T;
  const body = await res.json().catch(() => null);
  const e = body?.error;
  throw new ApiError(res.status, e?.code ?? 'INTERNAL', e?.message ?? `请求失败（${res.status}）`, e?.field ?? null, e?.clause ?? null);
}

export function query(params: Record<string, unknown>): string {
  const sp = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) {
    if (v === undefined || v === null || v === '') continue;
    if (Array.isArray(v)) v.forEach((x) => sp.append(k, String(x)));
    else sp.set(k, String(v));
  }
  const s = sp.toString();
  return s ? `?${s}` : '';
}

/** The signed-in user (core/api/auth.ts): permissions and abilities computed by the server; the client never decides from the role. */
export type Me = Static<typeof MeOut>;

export interface Page<T> { total: number; /** true when the list holds more than `total` rows and counting stopped there */ totalCapped?: boolean; page: number; pageSize: number; items: T[]; abilities?: { create: boolean; export: boolean } }

export type Region = Static<typeof RegionOut>;

/** A subject as lists show it; the detail adds its relations (core/api/subjects.ts). */
export type Subject = Static<typeof SubjectOut> & { relations?: Array<Static<typeof RelationOut>> };

/** A project as lists show it, with YT-6.5's exemption mark; the detail adds its milestones (core/api/projects.ts). */
export type Project = Static<typeof ProjectOut> & { milestones?: Array<Static<typeof MilestoneOut>> };

/** Sends a file as the raw body (the server decides its type from the bytes); a refusal becomes an ApiError like any other. */
export async function uploadRaw<T>(url: string, file: File): Promise<T> {
  const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream' }, body: file });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? 'INTERNAL', body?.error?.message ?? `上传失败（${res.status}）`, body?.error?.field ?? null);
  return body as T;
}
