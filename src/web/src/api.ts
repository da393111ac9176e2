/** The one way the client talks to the server: JSON over fetch, errors with code, message and field. */
import type { UserAbilities } from '../../core/procedure/user-abilities';
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

export interface Me {
  id: string; username: string; displayName: string; role: string; roleLabel: string;
  regionCode: string | null; regionName: string | null; unitId: string | null; personId: string | null; permissions: string[];
  /** What this user may do, computed by the server (core/procedure/user-abilities.ts); the client never decides from the role. */
  abilities: UserAbilities;
  /** Whether a TOTP second factor is bound; what a password-only session must do first. */
  secondFactor: boolean; restriction: 'enroll_totp' | 'change_password' | null;
  /** Why the password must be changed first: the one-time initial password, or an expired one. */
  passwordChangeReason: 'initial' | 'expired';
}

export interface Page<T> { total: number; /** true when the list holds more than `total` rows and counting stopped there */ totalCapped?: boolean; page: number; pageSize: number; items: T[]; abilities?: { create: boolean; export: boolean } }

export interface Region { code: string; name: string; level: string; parentCode: string | null; standardCode: boolean; bureau: string | null; leadershipBody: string | null; inMyScope: boolean }

export interface Subject {
  id: string; kind: 'organization' | 'person'; orgType: string | null; name: string; creditCode: string | null; idNumberMasked: string | null;
  gender: string | null; employerId: string | null; employerName: string | null; isExpert: boolean; expertField: string | null; title: string | null;
  regionCode: string; regionName: string; version: number; abilities: { read: boolean; update: boolean; revealIdNumber: boolean };
  relations?: Array<{ id: string; kind: string; personId: string; personName: string; organizationId: string; organizationName: string; since: string | null; until: string | null; version: number }>;
}

export interface Project {
  id: string; code: string; name: string; planLevel: string; jurisdictionName: string; regionCode: string; regionName: string; fundingSource: string;
  undertakingUnitId: string; undertakingUnitName: string; leaderId: string; leaderName: string; recommendingDepartmentName: string | null; serviceAgencyName: string | null;
  recommendingDepartmentId: string | null; serviceAgencyId: string | null; jurisdictionCode: string;
  startDate: string; dueDate: string; extendedDueDate: string | null; acceptanceDueDate: string; overdue: boolean; status: string;
  acceptanceAppliedDate: string | null; acceptedDate: string | null; terminatedDate: string | null; fundsGranted: string; version: number;
  /** YT-6.5: the exemption mark with its date and the case that decided it. */
  exemption: { on: string; caseId: string | null; caseNo: string | null; clause: string } | null;
  /** CI-19.1.2, CI-23: the decision that put the project in its present state (暂缓、暂停、强制中止、验收不通过). */
  statusChange: { on: string; clause: string | null; reason: string | null; caseId: string | null; caseNo: string | null; rectifyBy: string | null } | null;
  abilities: { read: boolean; update: boolean };
  milestones?: Array<{ id: string; seq: number; name: string; dueDate: string; completedDate: string | null }>;
}

/** Sends a file as the raw body (the server decides its type from the bytes); a refusal becomes an ApiError like any other. */
export async function uploadRaw<T>(url: string, file: File): Promise<T> {
  const res = await fetch(url, { method: 'POST', credentials: 'same-origin', headers: { 'content-type': 'application/octet-stream' }, body: file });
  const body = await res.json().catch(() => null);
  if (!res.ok) throw new ApiError(res.status, body?.error?.code ?? 'INTERNAL', body?.error?.message ?? `上传失败（${res.status}）`, body?.error?.field ?? null);
  return body as T;
}
