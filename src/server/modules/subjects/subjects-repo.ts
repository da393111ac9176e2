/** Queries over subjects (CI-4). Repositories hold SQL only; decisions live in core and commands. */
import type { DataScope, SubjectForPolicy } from '../../../core/access/policy';
import type { OrganizationType, RelationKind, SubjectKind } from '../../../core/domain/vocabulary';
import type { Sql } from '../../db/database';
import { Params, pageClause, scopeSql } from '../../db/params';

export interface SubjectRow {
  id: string;
  kind: SubjectKind;
  org_type: OrganizationType | null;
  name: string;
  credit_code: string | null;
  id_number_cipher: string | null;
  id_number_masked: string | null;
  gender: 'male' | 'female' | null;
  employer_id: string | null;
  employer_name: string | null;
  is_expert: boolean;
  expert_field: string | null;
  title: string | null;
  region_code: string;
  version: number;
  created_at: Date;
  updated_at: Date;
}

const SCOPE_COLUMNS = { region: ['s.region_code'], unit: ['s.id', 's.employer_id'], person: ['s.id'] };

export function subjectForPolicy(r: Pick<SubjectRow, 'id' | 'kind' | 'region_code' | 'employer_id'>): SubjectForPolicy {
  return {
    kind: r.kind,
    regionCodes: [r.region_code],
    unitIds: r.kind === 'organization' ? [r.id] : r.employer_id ? [r.employer_id] : [],
    personIds: r.kind === 'person' ? [r.id] : [],
  };
}

export interface SubjectFilter {
  kind?: SubjectKind;
  orgType?: OrganizationType;
  isExpert?: boolean;
  regionCodes?: string[];
  employerId?: string;
  q?: string;
  /** Exact ID-number search, by blind index. */
  idNumberIndex?: string;
}

const SELECT = `SELECT s.id, s.kind, s.org_type, s.name, s.credit_code, s.id_number_cipher, s.id_number_masked, s.gender,
  s.employer_id, e.name AS employer_name, s.is_expert, s.expert_field, s.title, s.region_code, s.version, s.created_at, s.updated_at
  FROM subjects s LEFT JOIN subjects e ON e.id = s.employer_id`;

function where(scope: DataScope, f: SubjectFilter, p: Params): string {
  const w = [scopeSql(scope, p, SCOPE_COLUMNS)];
  if (f.kind) w.push(`s.kind = ${p.add(f.kind)}`);
  if (f.orgType) w.push(`s.org_type = ${p.add(f.orgType)}`);
  if (f.isExpert !== undefined) w.push(`s.is_expert = ${p.add(f.isExpert)}`);
  if (f.regionCodes) w.push(`s.region_code = ANY(${p.add(f.regionCodes)}::text[])`);
  if (f.employerId) w.push(`s.employer_id = ${p.add(f.employerId)}::uuid`);
  if (f.idNumberIndex) w.push(`s.id_number_index = ${p.add(f.idNumberIndex)}`);
  if (f.q) {
    const like = p.add(`%${f.q.replace(/[\\%_]/g, (c) => `\\${c}`)}%`);
    w.push(`(s.name LIKE ${like} OR s.credit_code = ${p.add(f.q.toUpperCase())})`);
  }
  return w.join(' AND ');
}

export async function listSubjects(db: Sql, scope: DataScope, f: SubjectFilter, page: number, pageSize: number) {
  const p = new Params();
  const w = where(scope, f, p);
  const [{ total }] = await db.query<{ total: number }>(`SELECT count(*) AS total FROM subjects s WHERE ${w}`, p.values);
  const items = await db.query<SubjectRow>(`${SELECT} WHERE ${w} ORDER BY s.kind, s.name, s.id ${pageClause(p, page, pageSize)}`, p.values);
  return { total, items };
}

/** All rows matching, for export; capped so an export cannot exhaust memory. */
export async function listSubjectsForExport(db: Sql, scope: DataScope, f: SubjectFilter, cap: number) {
  const p = new Params();
  const w = where(scope, f, p);
  return db.query<SubjectRow>(`${SELECT} WHERE ${w} ORDER BY s.kind, s.name, s.id LIMIT ${p.add(cap)}`, p.values);
}

export async function getSubject(db: Sql, id: string): Promise<SubjectRow | null> {
  const [row] = await db.query<SubjectRow>(`${SELECT} WHERE s.id = $1`, [id]);
  return row ?? null;
}

export interface RelationRow {
  id: string; person_id: string; person_name: string; organization_id: string; organization_name: string;
  kind: RelationKind; since: string | null; until: string | null; version: number;
}

export async function listRelations(db: Sql, subjectId: string): Promise<RelationRow[]> {
  return db.query<RelationRow>(
    `SELECT r.id, r.person_id, p.name AS person_name, r.organization_id, o.name AS organization_name, r.kind, r.since, r.until, r.version
     FROM subject_relations r JOIN subjects p ON p.id = r.person_id JOIN subjects o ON o.id = r.organization_id
     WHERE r.person_id = $1 OR r.organization_id = $1 ORDER BY r.kind, r.since NULLS FIRST`,
    [subjectId],
  );
}

export async function getRelation(db: Sql, id: string): Promise<RelationRow | null> {
  const [row] = await db.query<RelationRow>(
    `SELECT r.id, r.person_id, p.name AS person_name, r.organization_id, o.name AS organization_name, r.kind, r.since, r.until, r.version
     FROM subject_relations r JOIN subjects p ON p.id = r.person_id JOIN subjects o ON o.id = r.organization_id WHERE r.id = $1`, [id]);
  return row ?? null;
}
