/**
 * `kexin seed --scale province|national|quick`: a synthetic bureau's data at scale, for capacity
 * planning and the benchmarks (issue 7). Bulk, not row by row: rows that need the application's own
 * code (check digits, SM4-encrypted ID numbers, deadlines from the legal-time engine, the HMAC-SM3
 * audit chain) are made in Node and sent a batch at a time through `unnest`; the rest is generated
 * inside the database with set-based SQL. Deterministic: every id, name, date and state comes from the
 * seed and the row number, so a run can be repeated and a data set grown in steps (`from`..`to`, as
 * fractions of the scale) holds the same rows as one made at once; a row's references (its unit, its
 * leader) are drawn among the rows that exist at its step. Names are invented; nothing is real.
 */
import { createHash } from 'node:crypto';
import { hash } from '@node-rs/argon2';
import { chainText, GENESIS_HASH, type AuditAction, type AuditEntry } from '../../core/audit/events';
import type { Role } from '../../core/access/roles';
import { maskIdNumber } from '../../core/identity/id-number';
import { YUNNAN_REGIONS } from '../../core/regions/yunnan';
import { addCalendarDays } from '../../core/time/iso-date';
import type { AppContext } from '../context';
import type { Sql } from '../db/database';
import { computeClock } from '../modules/deadlines/recompute-clock';
import { backfillPublicationEnds } from '../modules/integrity/publication-ends';
import { NAME_PARTS, creditCodeFor, idNumberFor, prng } from '../demo/generate';
import { caseShapes, shapeSlots } from './case-shapes';

export interface SeedSize {
  units: number; persons: number; recommenders: number; agencies: number;
  projects: number; findings: number; sanctions: number; cases: number; auditEvents: number;
}

/** A province keeps ten years: ~100,000 subjects, 1M projects, 1M cases, 10M audit events. National is twenty provinces. */
export const SCALES: Record<'quick' | 'province' | 'national', SeedSize> = {
  quick: { units: 200, persons: 750, recommenders: 30, agencies: 20, projects: 10_000, findings: 5_000, sanctions: 2_000, cases: 10_000, auditEvents: 100_000 },
  province: { units: 20_000, persons: 75_000, recommenders: 3_000, agencies: 2_000, projects: 1_000_000, findings: 500_000, sanctions: 200_000, cases: 1_000_000, auditEvents: 10_000_000 },
  national: { units: 400_000, persons: 1_500_000, recommenders: 60_000, agencies: 40_000, projects: 20_000_000, findings: 10_000_000, sanctions: 4_000_000, cases: 20_000_000, auditEvents: 200_000_000 },
};

/** The date the data set is built around: open cases were opened in the year before it. */
export const SEED_REFERENCE_DATE = '2026-11-20';
/** Seed officers' password (benchmarks log in with it); a seeded database is never a production one. */
export const SEED_PASSWORD = 'Kexin@2026';

export interface SeedOptions { seed?: number; from?: number; to?: number; log?: (line: string) => void }
export interface SeedReport { rows: Record<string, number>; ms: Record<string, number>; totalMs: number }

const REGIONS = YUNNAN_REGIONS.filter((r) => r.level !== 'province');
const COUNTY6 = REGIONS.map((r) => (/^\d{6}$/.test(r.code) ? r.code : '532300'));
const NOW = `'${SEED_REFERENCE_DATE}T00:00:00+08:00'::timestamptz`;

/** Rows (lo, hi] of a table at fractions from..to of its size. */
const range = (n: number, from: number, to: number): [number, number] => [Math.round(n * from), Math.round(n * to)];

/** A deterministic pseudo-random integer in [0, n) from a row-number expression, a salt and the seed (multiplicative hashing). */
const hsql = (i: string, salt: number, n: number, seed: number) => `((((${i}) * ${2654435761 + (salt + seed * 131) * 40503}) % 4294967291) % ${Math.max(1, n)})::int`;
const arr = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]::text[]`;
/** The id of row i of a kind: md5 of seed, kind letter and number, as a uuid (the same expression in SQL and Node). */
const idSql = (seed: number, kind: string, i: string) => `md5('${seed}${kind}' || (${i}))::uuid`;

export async function seedScale(app: AppContext, size: SeedSize, opts: SeedOptions = {}): Promise<SeedReport> {
  const seed = opts.seed ?? 1;
  const from = opts.from ?? 0;
  const to = opts.to ?? 1;
  const log = opts.log ?? (() => {});
  const report: SeedReport = { rows: {}, ms: {}, totalMs: 0 };
  const t0 = performance.now();
  const step = async (name: string, fn: () => Promise<number>) => {
    const t = performance.now();
    const n = await fn();
    report.rows[name] = n;
    report.ms[name] = Math.round(performance.now() - t);
    log(`${name}: ${n.toLocaleString('en')} 行，${(report.ms[name] / 1000).toFixed(1)} s`);
  };
  await step('users', () => seedOfficers(app));
  const userIds = (await app.db.query<{ id: string; region_code: string }>(`SELECT id, region_code FROM users WHERE username LIKE 'seed\\_%' ORDER BY username`));
  const users = userIds.map((u) => u.id);
  await step('subjects', () => seedSubjects(app, size, seed, from, to));
  await step('projects', () => seedProjects(app.db, size, seed, from, to));
  await step('findings', () => seedFindings(app.db, size, seed, from, to, users));
  await step('cases', () => seedCases(app, size, seed, from, to, users));
  // Each sanction's publication end (CI-28, CR) is worked out from the dated registry, as on start.
  await step('sanctions', async () => { const n = await seedSanctions(app.db, size, seed, from, to); await backfillPublicationEnds(app); return n; });
  await step('spot_checks', () => seedSpotChecks(app.db, seed, from, users));
  await step('audit_events', () => seedAudit(app, size, seed, from, to, userIds));
  const t = performance.now();
  // As autovacuum would after a bulk load: statistics, and the visibility map that lets counts read indexes alone.
  await app.db.query('VACUUM ANALYZE');
  report.ms.analyze = Math.round(performance.now() - t);
  report.totalMs = Math.round(performance.now() - t0);
  return report;
}

/** One officer per bureau (county officers at county level, business officers above), made once. */
async function seedOfficers(app: AppContext): Promise<number> {
  const [{ n }] = await app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM users WHERE username LIKE 'seed\\_%'`);
  if (n > 0) return 0;
  const passwordHash = await hash(SEED_PASSWORD);
  const now = new Date(`${SEED_REFERENCE_DATE}T00:00:00+08:00`).toISOString();
  const rows = YUNNAN_REGIONS.map((r) => ({ username: `seed_${r.code.toLowerCase()}`, role: (r.level === 'county' ? 'county_officer' : 'business_officer') as Role, name: `${r.name}科技局 基准用户`, region: r.code }));
  await app.db.query(
    `INSERT INTO users (id, username, display_name, role, region_code, password_hash, password_changed_at, created_at)
     SELECT md5('seed-user' || u)::uuid, u, d, r, g, $5, $6, $6 FROM unnest($1::text[], $2::text[], $3::text[], $4::text[]) AS x(u, d, r, g)`,
    [rows.map((r) => r.username), rows.map((r) => r.name), rows.map((r) => r.role), rows.map((r) => r.region), passwordHash, now],
  );
  return rows.length;
}

/** The invented name of organisation i of a kind (u, r, a): a benchmark can search for it. */
export function seededOrganizationName(seed: number, letter: 'u' | 'r' | 'a', i: number): string {
  const { WORDS, FIELDS, SUFFIX } = NAME_PARTS;
  const rng = prng(seed * 1_000_003 + i * 7 + letter.charCodeAt(0));
  const name = letter === 'u' ? `${rng.pick(WORDS)}${rng.pick(FIELDS)}${rng.pick(SUFFIX)}`
    : letter === 'r' ? `${REGIONS[i % REGIONS.length].name}科技项目推荐办公室` : `${rng.pick(WORDS)}科技咨询服务中心`;
  return `${name}${i}`;
}

/** The invented name of person i (namesakes are common, as in life). */
export function seededPersonName(seed: number, i: number): string {
  const { SURNAMES, GIVEN } = NAME_PARTS;
  const rng = prng(seed * 1_000_003 + i * 7 + 112);
  return `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}${rng.chance(0.6) ? rng.pick(GIVEN) : ''}`;
}

/** Organisations and people, made in Node for their check digits and encrypted ID numbers. */
async function seedSubjects(app: AppContext, size: SeedSize, seed: number, from: number, to: number): Promise<number> {
  let total = 0;
  const orgKinds: Array<['u' | 'r' | 'a', 'undertaking_unit' | 'recommending_department' | 'service_agency', number]> = [
    ['u', 'undertaking_unit', size.units], ['r', 'recommending_department', size.recommenders], ['a', 'service_agency', size.agencies],
  ];
  for (const [letter, orgType, n] of orgKinds) {
    const [lo, hi] = range(n, from, to);
    for (let a = lo; a < hi; a += 5000) {
      const ids: number[] = []; const names: string[] = []; const codes: string[] = []; const regions: string[] = [];
      for (let i = a + 1; i <= Math.min(hi, a + 5000); i++) {
        const k = i % REGIONS.length;
        ids.push(i); names.push(seededOrganizationName(seed, letter, i)); regions.push(REGIONS[k].code);
        // A distinct organisation-code body per row (7919 is prime to 90,000,000), so codes never collide.
        codes.push(creditCodeFor(letter === 'u' ? '9' : '1', COUNTY6[k], String(10_000_000 + ((i * 7919 + letter.charCodeAt(0) * 1_000_003 + seed) % 90_000_000))));
      }
      await app.db.query(
        `INSERT INTO subjects (id, kind, org_type, name, credit_code, region_code, created_at, updated_at)
         SELECT md5('${seed}${letter}' || i)::uuid, 'organization', '${orgType}', nm, cc, rg, ${NOW}, ${NOW}
           FROM unnest($1::int[], $2::text[], $3::text[], $4::text[]) AS x(i, nm, cc, rg)`, [ids, names, codes, regions]);
      total += ids.length;
    }
  }
  const [lo, hi] = range(size.persons, from, to);
  for (let a = lo; a < hi; a += 5000) {
    const ids: number[] = []; const names: string[] = []; const ciphers: string[] = []; const indexes: string[] = []; const masked: string[] = [];
    const genders: string[] = []; const employers: number[] = []; const experts: boolean[] = []; const regions: string[] = [];
    for (let i = a + 1; i <= Math.min(hi, a + 5000); i++) {
      const rng = prng(seed * 1_000_003 + i * 7 + 112);
      // Among the units that exist once this person does, so the person (and the region of the ID number) is the same however the set was grown.
      const employer = 1 + ((i * 104729) % Math.max(1, Math.ceil((size.units * i) / size.persons)));
      const k = employer % REGIONS.length;
      const male = rng.chance(0.6);
      // Unique by construction: 12,000 birth dates × sequence numbers.
      const birth = addCalendarDays('1962-01-01', i % 12_000);
      const idNumber = idNumberFor(COUNTY6[k], birth, (Math.floor(i / 12_000) % 500) * 2 + (male ? 1 : 0));
      ids.push(i); names.push(seededPersonName(seed, i));
      ciphers.push(app.cipher.encrypt(idNumber)); indexes.push(app.cipher.blindIndex(idNumber)); masked.push(maskIdNumber(idNumber));
      genders.push(male ? 'male' : 'female'); employers.push(employer); experts.push(i % 15 === 0); regions.push(REGIONS[k].code);
    }
    await app.db.query(
      `INSERT INTO subjects (id, kind, name, id_number_cipher, id_number_index, id_number_masked, gender, employer_id, is_expert, region_code, created_at, updated_at)
       SELECT md5('${seed}p' || i)::uuid, 'person', nm, c, x, m, g, md5('${seed}u' || e)::uuid, ex, rg, ${NOW}, ${NOW}
         FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], $7::int[], $8::boolean[], $9::text[]) AS t(i, nm, c, x, m, g, e, ex, rg)`,
      [ids, names, ciphers, indexes, masked, genders, employers, experts, regions]);
    total += ids.length;
  }
  return total;
}

/** Projects 2016–2025, 2- or 3-year terms; most accepted on time, a tail overdue, extended, terminated, exempted. */
async function seedProjects(db: Sql, size: SeedSize, seed: number, from: number, to: number): Promise<number> {
  const { TOPICS, OBJECTS, ACTIONS } = NAME_PARTS;
  const [lo, hi] = range(size.projects, from, to);
  const u = Math.max(1, Math.round(size.units * to));
  const p = Math.max(1, Math.round(size.persons * to));
  const r = Math.max(1, Math.round(size.recommenders * to));
  const a = Math.max(1, Math.round(size.agencies * to));
  const h = (salt: number, n: number) => hsql('i', salt, n, seed);
  const regions = arr(REGIONS.map((x) => x.code));
  const prefectureOf = arr(REGIONS.map((x) => (x.level === 'county' ? x.parentCode! : x.code)));
  // Plan level by roll: 15 % province, 60 % prefecture, 25 % county (where the unit sits in a county).
  await db.query(`INSERT INTO projects (id, code, name, plan_level, jurisdiction_code, region_code, funding_source, undertaking_unit_id, leader_id,
      recommending_department_id, service_agency_id, start_date, due_date, extended_due_date, status, acceptance_applied_date, accepted_date, terminated_date,
      exempted_on, funds_granted, created_at, updated_at)
    SELECT ${idSql(seed, 'j', 'i')}, 'S${seed}-' || lpad(i::text, 8, '0'),
      (${arr(TOPICS)})[1 + ${h(1, TOPICS.length)}] || (${arr(OBJECTS)})[1 + ${h(2, OBJECTS.length)}] || (${arr(ACTIONS)})[1 + ${h(3, ACTIONS.length)}],
      lvl, CASE lvl WHEN 'province' THEN '530000' WHEN 'prefecture' THEN (${prefectureOf})[1 + uk % ${REGIONS.length}] ELSE (${regions})[1 + uk % ${REGIONS.length}] END,
      (${regions})[1 + uk % ${REGIONS.length}],
      CASE lvl WHEN 'province' THEN 'provincial_fiscal' WHEN 'prefecture' THEN 'prefecture_fiscal' ELSE 'county_fiscal' END,
      md5('${seed}u' || uk)::uuid, md5('${seed}p' || (1 + ${h(5, p)}))::uuid,
      md5('${seed}r' || (1 + ${h(6, r)}))::uuid, CASE WHEN i % 3 = 0 THEN md5('${seed}a' || (1 + ${h(7, a)}))::uuid END,
      st, du, CASE WHEN f BETWEEN 88 AND 93 THEN du + 180 END,
      CASE WHEN f < 80 AND du + 40 < DATE '${SEED_REFERENCE_DATE}' THEN 'accepted' WHEN f BETWEEN 94 AND 99 THEN 'terminated'
           WHEN f < 80 AND du - 10 < DATE '${SEED_REFERENCE_DATE}' THEN 'acceptance_applied' ELSE 'in_progress' END,
      CASE WHEN f < 80 AND du - 10 < DATE '${SEED_REFERENCE_DATE}' THEN du - 10 END,
      CASE WHEN f < 80 AND du + 40 < DATE '${SEED_REFERENCE_DATE}' THEN du + 30 END,
      CASE WHEN f BETWEEN 94 AND 99 THEN st + 200 END,
      CASE WHEN f = 87 AND du + 60 < DATE '${SEED_REFERENCE_DATE}' THEN du + 60 END,
      (50 + ${h(8, 950)}) * 10000, ${NOW}, ${NOW}
    FROM (SELECT i, 1 + ${h(4, u)} AS uk, (DATE '2016-01-01' + ${h(9, 3650)}) AS st, ${h(10, 100)} AS f,
                 CASE WHEN ${h(11, 100)} < 15 THEN 'province' WHEN ${h(11, 100)} < 75 THEN 'prefecture' ELSE 'county' END AS lvl
            FROM generate_series(${lo + 1}::bigint, ${hi}) i) x,
      LATERAL (SELECT st + CASE WHEN i % 2 = 0 THEN 730 ELSE 1095 END - 1 AS du) d`);
  return hi - lo;
}

/** Findings established by staff, each under a clause of the right article for its subject kind. */
async function seedFindings(db: Sql, size: SeedSize, seed: number, from: number, to: number, users: string[]): Promise<number> {
  const [lo, hi] = range(size.findings, from, to);
  const h = (salt: number, n: number) => hsql('i', salt, n, seed);
  const n = (x: number) => Math.max(1, Math.round(x * to));
  await db.query(`INSERT INTO findings (id, subject_id, subject_type, clause, fact_date, met, description, source_kind, source_document, region_code, recorded_by, recorded_at)
    SELECT ${idSql(seed, 'f', 'i')},
      CASE k WHEN 0 THEN md5('${seed}u' || (1 + ${h(1, n(size.units))})) WHEN 1 THEN md5('${seed}p' || (1 + ${h(2, n(size.persons))}))
             WHEN 2 THEN md5('${seed}p' || (15 * (1 + ${h(3, Math.floor(n(size.persons) / 15))}))) WHEN 3 THEN md5('${seed}r' || (1 + ${h(4, n(size.recommenders))}))
             ELSE md5('${seed}a' || (1 + ${h(5, n(size.agencies))})) END::uuid,
      (ARRAY['unit','leader','expert','recommender','agency'])[k + 1],
      (ARRAY['CI-16.3.2','CI-17.3.1','CI-18.3.2','CI-19.3.2','CI-20.3.3'])[k + 1],
      DATE '2016-01-01' + ${h(6, 3650)}, true, '经核查认定的事实（合成数据）', 'investigation', '调查结论（合成数据）',
      (${arr(REGIONS.map((x) => x.code))})[1 + ${h(7, REGIONS.length)}], (${arr(users)})[1 + ${h(8, users.length)}]::uuid, ${NOW}
    FROM (SELECT i, ${h(9, 5)} AS k FROM generate_series(${lo + 1}::bigint, ${hi}) i) x`);
  return hi - lo;
}

/**
 * Cases in every declared state: case i takes shape slot i mod slots; closed cases spread over ten
 * years, open ones opened in the year before the reference date, each with its open clock computed by
 * the legal-time engine (one computation per time limit and start date, joined in set-wise).
 */
async function seedCases(app: AppContext, size: SeedSize, seed: number, from: number, to: number, users: string[]): Promise<number> {
  const shapes = caseShapes();
  const slots = shapeSlots(shapes);
  const [lo, hi] = range(size.cases, from, to);
  const h = (salt: number, n: number) => hsql('i', salt, n, seed);
  const db = app.db;
  const limits = [...new Set(shapes.map((s) => s.openLimit).filter((x): x is string => !!x))];
  const starts = Array.from({ length: 366 }, (_, d) => addCalendarDays(SEED_REFERENCE_DATE, -d));
  const dues: Array<[string, string, string, boolean, number[], string]> = [];
  for (const l of limits) for (const s of starts) {
    const r = computeClock(app, { limit_id: l, start_date: s, jurisdiction_code: '532300' }, []);
    dues.push([l, s, r.dueDate, r.provisional, r.provisionalYears, r.derivation]);
  }
  return db.transaction(async (tx) => {
    await tx.query(`CREATE TEMP TABLE seed_shapes (k int, procedure text, title text, state text, terminal boolean, step text, clause text, open_limit text) ON COMMIT DROP`);
    await tx.query(`INSERT INTO seed_shapes SELECT * FROM unnest($1::int[], $2::text[], $3::text[], $4::text[], $5::boolean[], $6::text[], $7::text[], $8::text[])`,
      [slots.map((_, j) => j), slots.map((k) => shapes[k].procedure), slots.map((k) => shapes[k].title), slots.map((k) => shapes[k].state),
        slots.map((k) => shapes[k].terminal), slots.map((k) => shapes[k].step), slots.map((k) => shapes[k].clause), slots.map((k) => shapes[k].openLimit)]);
    await tx.query(`CREATE TEMP TABLE seed_dues (limit_id text, start_date date, due_date date, provisional boolean, provisional_years text, derivation text) ON COMMIT DROP`);
    await tx.query(`INSERT INTO seed_dues SELECT * FROM unnest($1::text[], $2::date[], $3::date[], $4::boolean[], $5::text[], $6::text[])`,
      [dues.map((d) => d[0]), dues.map((d) => d[1]), dues.map((d) => d[2]), dues.map((d) => d[3]), dues.map((d) => `{${d[4].join(',')}}`), dues.map((d) => d[5])]);
    await tx.query(`CREATE TEMP TABLE seed_cases ON COMMIT DROP AS
      SELECT i, ${idSql(seed, 'c', 'i')} AS id, s.*, (${arr(REGIONS.map((x) => x.code))})[1 + ${h(1, REGIONS.length)}] AS jurisdiction_code,
             CASE WHEN s.terminal THEN DATE '2016-01-01' + ${h(2, 3600)} ELSE DATE '${SEED_REFERENCE_DATE}' - 30 - ${h(2, 330)} END AS opened,
             ${h(3, 30)} AS stepped, (${arr(users)})[1 + ${h(4, users.length)}]::uuid AS officer,
             md5('${seed}j' || (1 + ${h(5, Math.max(1, Math.round(size.projects * to)))}))::uuid AS project_id,
             md5('${seed}u' || (1 + ${h(6, Math.max(1, Math.round(size.units * to)))}))::uuid AS unit_id
        FROM generate_series(${lo + 1}::bigint, ${hi}) i JOIN seed_shapes s ON s.k = i % ${slots.length}`);
    await tx.query(`INSERT INTO cases (id, procedure, state, version, jurisdiction_code, project_id, unit_id, data, created_by, created_at, updated_at)
      SELECT id, procedure, state, CASE WHEN step = 'start' THEN 1 ELSE 2 END, jurisdiction_code,
             CASE WHEN procedure IN ('tolerance', 'correction', 'midterm_check', 'major_change') THEN project_id END,
             CASE WHEN procedure IN ('tolerance', 'correction', 'inspection', 'midterm_check', 'major_change') THEN unit_id END,
             COALESCE($1::jsonb -> procedure, '{}'::jsonb), officer, opened::timestamptz + interval '9 hours', (opened + stepped)::timestamptz + interval '10 hours'
        FROM seed_cases`, [JSON.stringify(SYNTHETIC_CASE_DATA)]);
    // The timeline: the start, and the step into the present state.
    await tx.query(`INSERT INTO case_events (id, case_id, seq, step, clause, from_state, to_state, actor_user_id, actor_role, at, on_date, input)
      SELECT md5(id::text || 'e1')::uuid, id, 1, 'start', clause, NULL, state, officer, 'business_officer', opened::timestamptz + interval '9 hours', opened, '{}'::jsonb
        FROM seed_cases WHERE step = 'start'
      UNION ALL
      SELECT md5(id::text || 'e2')::uuid, id, 1, step, clause, NULL, state, officer, 'business_officer', (opened + stepped)::timestamptz + interval '10 hours', opened + stepped,
             '{"note":"合成数据"}'::jsonb FROM seed_cases WHERE step <> 'start'`);
    await tx.query(`INSERT INTO deadline_clocks (id, limit_id, owner_type, owner_id, title, jurisdiction_code, start_date, due_date, provisional, provisional_years, derivation, status, created_at, updated_at)
      SELECT md5(c.id::text || 'k')::uuid, c.open_limit, 'case', c.id::text, c.title, c.jurisdiction_code, d.start_date, d.due_date, d.provisional, d.provisional_years::int[], d.derivation,
             'running', (c.opened + c.stepped)::timestamptz + interval '10 hours', (c.opened + c.stepped)::timestamptz + interval '10 hours'
        FROM seed_cases c JOIN seed_dues d ON d.limit_id = c.open_limit AND d.start_date = c.opened + c.stepped`);
    return hi - lo;
  });
}

/** Sanctions decided by closed misconduct cases: severities mostly minor, bans of 1–5 years or for life, serious and grave ones published. */
async function seedSanctions(db: Sql, size: SeedSize, seed: number, from: number, to: number): Promise<number> {
  const shapes = caseShapes();
  const slots = shapeSlots(shapes);
  const closed = slots.map((k, j) => [k, j] as const).filter(([k]) => shapes[k].procedure === 'misconduct' && shapes[k].terminal).map(([, j]) => j);
  if (!closed.length) return 0;
  const [lo, hi] = range(size.sanctions, from, to);
  const casesUpTo = Math.max(slots.length, Math.round(size.cases * to));
  const h = (salt: number, n: number) => hsql('i', salt, n, seed);
  const n = (x: number) => Math.max(1, Math.round(x * to));
  // Case index ≡ slot (mod slots) lands on a closed misconduct case.
  const caseIdx = `((${arr(closed.map(String))})[1 + ${h(1, closed.length)}]::int + ${slots.length} * ${h(2, Math.max(1, Math.floor(casesUpTo / slots.length) - 1))})`;
  await db.query(`INSERT INTO sanctions (id, case_id, subject_id, misconduct_kind, severity, measures, conduct_date, filed_date, decided_date,
      ban_years, ban_life, ban_start, ban_end, public_disclosure, public_list, policy_version_id, clause, created_at)
    SELECT ${idSql(seed, 's', 'i')}, md5('${seed}c' || CASE WHEN ci = 0 THEN ${slots.length} ELSE ci END)::uuid,
      CASE WHEN i % 4 = 0 THEN md5('${seed}u' || (1 + ${h(3, n(size.units))})) ELSE md5('${seed}p' || (1 + ${h(4, n(size.persons))})) END::uuid,
      (ARRAY['fabrication','plagiarism','misappropriate_funds','ghostwritten_application','false_technology_contract'])[1 + ${h(5, 5)}], sev,
      CASE sev WHEN 'minor' THEN ARRAY['warning'] WHEN 'moderate' THEN ARRAY['integrity_talk','suspension_rectification'] ELSE ARRAY['termination_clawback','ban'] END,
      dd - 200, dd - 60, dd,
      CASE WHEN sev = 'serious' THEN 3 + ${h(6, 3)} WHEN sev = 'grave' AND i % 20 <> 0 THEN 5 END, sev = 'grave' AND i % 20 = 0,
      CASE WHEN sev IN ('serious', 'grave') THEN dd END,
      CASE WHEN sev = 'serious' THEN (dd + (3 + ${h(6, 3)}) * interval '1 year')::date WHEN sev = 'grave' AND i % 20 <> 0 THEN (dd + interval '5 years')::date END,
      sev IN ('serious', 'grave'), sev IN ('serious', 'grave'), 'CI-2023',
      CASE sev WHEN 'minor' THEN 'CI-25.1' WHEN 'moderate' THEN 'CI-25.2' WHEN 'serious' THEN 'CI-25.3' ELSE 'CI-25.4' END, ${NOW}
    FROM (SELECT i, ${caseIdx} AS ci, DATE '2016-06-01' + ${h(7, 3800)} AS dd,
                 CASE WHEN ${h(8, 100)} < 55 THEN 'minor' WHEN ${h(8, 100)} < 80 THEN 'moderate' WHEN ${h(8, 100)} < 95 THEN 'serious' ELSE 'grave' END AS sev
            FROM generate_series(${lo + 1}::bigint, ${hi}) i) x`);
  return hi - lo;
}

/**
 * What a case's data must hold for its page to show it, where the procedure's view reads it without a
 * fallback (its start always records it): the start's facts, synthetic. Other procedures' views read
 * their data with fallbacks, so they start from an empty object. test/server/scale-seed.test.ts opens
 * a case of every procedure and state.
 */
const SYNTHETIC_CASE_DATA: Record<string, object> = {
  tolerance: { failure: '合成数据：项目未达到预期目标', conditions: {}, circumstances: [], exOfficio: false, history: [] },
  misconduct_review: {
    original: { kind: 'plagiarism', conductDate: '2024-03-01', decidedOn: '2025-06-02', severity: 'minor', measures: ['warning'], banYears: null, publicDisclosure: false, policyVersionId: 'CI-2023' },
    receivedOn: '2025-06-03', appliedOn: '2025-06-10', grounds: '合成数据：申请复查的理由', recordedByStaff: false, history: [],
  },
};

/** A draw's input and result as a real draw records them, empty (the draw's page reads both without a fallback). */
export const SYNTHETIC_DRAW_INPUT = '{"seed":"synthetic","baseRatio":0.05,"goodCreditFactor":0.5,"inspectorsPerProject":2,"projects":[],"inspectors":[]}';
export const SYNTHETIC_DRAW_RESULT = '{"groups":[],"draws":[],"shortOfInspectors":[]}';

/** One province-wide spot-check draw a year, 2016–2025, published (CI-21): made with the first slice only. */
async function seedSpotChecks(db: Sql, seed: number, from: number, users: string[]): Promise<number> {
  if (from > 0) return 0;
  await db.query(`INSERT INTO spot_checks (id, jurisdiction_code, title, input, result, drawn_by, drawn_at)
    SELECT md5('${seed}k' || y)::uuid, '530000', y || ' 年度科技项目随机抽查（合成数据）', $2::jsonb, $3::jsonb,
           $1::uuid, make_timestamptz(y, 6, 1, 10, 0, 0, 'Asia/Shanghai')
      FROM generate_series(2016, 2025) y`, [users[0], SYNTHETIC_DRAW_INPUT, SYNTHETIC_DRAW_RESULT]);
  return 10;
}

/** The id the seed gives row i of a kind (the same md5 the SQL takes), e.g. for a benchmark to ask for a seeded case. */
export function seededId(seed: number, kind: 'c' | 'j' | 'u' | 'p' | 'k', i: number): string {
  return createHash('md5').update(`${seed}${kind}${i}`).digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');
}

const AUDIT_MIX: Array<[AuditAction, string]> = [
  ['auth.login', 'user'], ['case.transition', 'case'], ['case.transition', 'case'], ['case.start', 'case'], ['deadline.open', 'deadline'],
  ['subject.update', 'subject'], ['project.update', 'project'], ['finding.record', 'finding'],
];

/**
 * Audit events over ten years, chained exactly as the server chains them (HMAC-SM3 under the current
 * key, continuing from the last event), so `kexin audit verify` can walk them. Sent 20,000 at a time.
 */
async function seedAudit(app: AppContext, size: SeedSize, seed: number, from: number, to: number, users: Array<{ id: string; region_code: string }>): Promise<number> {
  const [lo, hi] = range(size.auditEvents, from, to);
  const span = Date.parse(`${SEED_REFERENCE_DATE}T00:00:00+08:00`) - Date.parse('2016-01-01T00:00:00+08:00');
  const seal = app.auditSeal;
  for (let a = lo; a < hi; a += 20_000) {
    await app.db.transaction(async (tx) => {
      await tx.query('SELECT pg_advisory_xact_lock(7428002)'); // the chain lock appendAudit takes
      const [last] = await tx.query<{ seq: string | number; hash: string }>('SELECT seq, hash FROM audit_events ORDER BY seq DESC LIMIT 1');
      let prev = last?.hash ?? GENESIS_HASH;
      let seq = Number(last?.seq ?? 0);
      const cols: unknown[][] = Array.from({ length: 15 }, () => []);
      for (let i = a + 1; i <= Math.min(hi, a + 20_000); i++) {
        const rng = prng(seed * 1_000_003 + i);
        const [action, objectType] = AUDIT_MIX[i % AUDIT_MIX.length];
        const u = users[i % users.length];
        // Among the cases that exist once this event does, so growing in steps names the same cases.
        const caseNo = 1 + Math.floor(rng.next() * Math.max(1, Math.ceil((size.cases * i) / size.auditEvents)));
        const entry: AuditEntry = {
          seq: ++seq, at: new Date(Date.parse('2016-01-01T00:00:00+08:00') + Math.floor((span * i) / size.auditEvents)).toISOString(),
          actorUserId: u.id, actorRole: 'business_officer', actorRegion: u.region_code, action, objectType,
          objectId: `${seed}-${objectType}-${caseNo}`, outcome: 'success', before: null,
          after: action === 'case.transition' ? { step: 'synthetic', state: 'synthetic', clause: 'YT-6.2' } : action === 'auth.login' ? { method: 'password' } : { synthetic: true },
          ip: `10.${i % 200}.${(i >> 8) % 250}.${i % 250}`,
        };
        const hashed = seal.mac(seal.macKeyId, chainText(prev, entry))!;
        const values = [entry.seq, entry.at, entry.actorUserId, entry.actorRole, entry.actorRegion, entry.action, entry.objectType, entry.objectId,
          entry.outcome, JSON.stringify(entry.before), JSON.stringify(entry.after), entry.ip, prev, hashed, seal.macKeyId];
        values.forEach((v, c) => cols[c].push(v));
        prev = hashed;
      }
      await tx.query(`INSERT INTO audit_events (seq, at, actor_user_id, actor_role, actor_region, action, object_type, object_id, outcome, before, after, ip, prev_hash, hash, mac_key_id)
        SELECT * FROM unnest($1::bigint[], $2::timestamptz[], $3::uuid[], $4::text[], $5::text[], $6::text[], $7::text[], $8::text[], $9::text[], $10::jsonb[], $11::jsonb[], $12::text[], $13::text[], $14::text[], $15::text[])`, cols);
      await tx.query(`SELECT setval('audit_events_seq', $1)`, [seq]);
    });
  }
  return hi - lo;
}
