/**
 * The access matrix (GB/T 22239-2019 8.1.4.2 access control; OWASP ASVS V8), generated from the
 * server's own route table so that a new route cannot escape it:
 *  1. every identity (anonymous and each demo account, one per role) × every endpoint: a route
 *     that is not public refuses the anonymous, and one that declares a permission refuses every
 *     role without it, before reading any input;
 *  2. every identity × every record-reading endpoint × records standing in each relation to the
 *     identity (its own region, below, above, a sibling, elsewhere; its own or another unit or
 *     person): a record outside the identity's data scope is never served.
 * The expectation is written here from the roles' definitions (scope kind, region subtree, unit,
 * person), not taken from the server's policy functions. Unexpected allows must be 0.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_DEFINITIONS, type Permission, type Role } from '../../src/core/access/roles';
import { DEMO_ACCOUNTS } from '../../src/server/demo/load-demo';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { idNumberCheckChar } from '../../src/core/identity/id-number';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';

const DENIED = new Set([401, 403, 404]);
const SAMPLE_PARAMS: Record<string, string> = { id: '00000000-0000-4000-8000-000000000000', code: '532300', year: '2026', step: 'accept' };

interface Identity { name: string; role: Role | null; regionCode: string | null; unitId: string | null; personId: string | null; client: Client | null }
interface Owner { regions: string[]; units: string[]; persons: string[]; agencies?: string[] }

describe.each(DB_KINDS)('访问控制矩阵（%s）', (kind) => {
  let t: TestApp;
  const identities: Identity[] = [];
  let parentOf: Map<string, string | null>;

  beforeAll(async () => {
    t = await startTestApp(kind);
    parentOf = new Map((await t.app.db.query<{ code: string; parent_code: string | null }>('SELECT code, parent_code FROM regions')).map((r) => [r.code, r.parent_code]));
    identities.push({ name: '匿名', role: null, regionCode: null, unitId: null, personId: null, client: null });
    for (const a of DEMO_ACCOUNTS) {
      const [u] = await t.app.db.query<{ role: Role; region_code: string | null; unit_id: string | null; person_id: string | null }>('SELECT role, region_code, unit_id, person_id FROM users WHERE username = $1', [a.username]);
      identities.push({ name: a.username, role: u.role, regionCode: u.region_code, unitId: u.unit_id, personId: u.person_id, client: await loginAs(t, a.username) });
    }
  });
  afterAll(async () => { await t?.close(); });

  const call = async (who: Identity, method: string, url: string) => {
    if (who.client) return method === 'GET' ? (await who.client.get(url)).status : (await who.client.send(method as 'POST', url, {})).status;
    return (await t.server.inject({ method: method as 'GET', url, payload: method === 'GET' ? undefined : {} })).statusCode;
  };
  const ancestors = (code: string) => { const out: string[] = []; for (let c: string | null | undefined = code; c; c = parentOf.get(c)) out.push(c); return out; };
  const relation = (who: Identity, region: string) => {
    if (!who.regionCode) return '无区划';
    if (region === who.regionCode) return '本级';
    if (ancestors(region).includes(who.regionCode)) return '下级';
    if (ancestors(who.regionCode).includes(region)) return '上级';
    if (parentOf.get(region) === parentOf.get(who.regionCode)) return '同级';
    return '其他';
  };
  /** May this identity see a record owned so (by the definition of its role's data scope)? */
  const mayRead = (who: Identity, owner: Owner) => {
    if (!who.role) return false;
    switch (ROLE_DEFINITIONS[who.role].scope) {
      case 'region': return !!who.regionCode && owner.regions.some((r) => ancestors(r).includes(who.regionCode!));
      case 'unit': return !!who.unitId && owner.units.includes(who.unitId);
      case 'self': return !!who.personId && owner.persons.includes(who.personId);
      // CI-32: an entrusted agency (its unit) reads the projects entrusted to it, nothing else.
      case 'agency': return !!who.unitId && (owner.agencies ?? []).includes(who.unitId);
      case 'none': return false;
    }
  };
  const permits = (role: Role | null, needed: Permission | Permission[] | undefined) =>
    !!role && [needed ?? []].flat().every((p) => ROLE_DEFINITIONS[role].permissions.includes(p));

  it('每个身份 × 每个接口：非公开接口拒绝匿名，声明了权限的接口拒绝不具备该权限的角色（在读取输入之前）', async () => {
    // Logging out ends the identity's session, so it goes last.
    const routes = [...t.server.routeTable].sort((a, b) => Number(a.url === '/api/auth/logout') - Number(b.url === '/api/auth/logout'));
    expect(routes.length).toBeGreaterThan(80);
    let cells = 0;
    let served = 0;
    const unexpectedAllows: string[] = [];
    for (const r of routes) {
      const url = r.url.replace(/:(\w+)/g, (_, p: string) => SAMPLE_PARAMS[p] ?? 'x');
      for (const who of identities) {
        const expectDeny = r.config.public ? false : !who.role || (r.config.permission !== undefined && !permits(who.role, r.config.permission));
        const status = await call(who, r.method, url);
        cells++;
        if (!DENIED.has(status)) served++;
        if (expectDeny && !DENIED.has(status)) unexpectedAllows.push(`${who.name} ${r.method} ${r.url} → ${status}`);
      }
    }
    expect({ cells, unexpectedAllows }).toEqual({ cells: routes.length * identities.length, unexpectedAllows: [] });
    expect(served).toBeGreaterThan(cells / 5);
    console.log(`access matrix (${kind}): ${routes.length} endpoints × ${identities.length} identities = ${cells} cells, ${served} answered past the access check, ${unexpectedAllows.length} unexpected allows`);
    for (const who of identities) if (who.client) who.client = await loginAs(t, who.name);
  });

  it('每个身份 × 每个读取记录的接口 × 本级、下级、上级、同级、其他区划及本单位、他单位、本人、他人的记录：范围外的记录从不返回', async () => {
    // Records of every relation: subjects and projects from each region that has them, plus the unit's and the researcher's own.
    const subjects = await t.app.db.query<{ id: string; kind: string; region_code: string; employer_id: string | null }>(
      `SELECT DISTINCT ON (region_code, kind) id, kind, region_code, employer_id FROM subjects ORDER BY region_code, kind, id`);
    const own = await t.app.db.query<{ id: string; kind: string; region_code: string; employer_id: string | null }>(
      `SELECT id, kind, region_code, employer_id FROM subjects WHERE id IN (SELECT unit_id FROM users WHERE unit_id IS NOT NULL UNION SELECT person_id FROM users WHERE person_id IS NOT NULL)
          OR employer_id IN (SELECT unit_id FROM users WHERE unit_id IS NOT NULL)`);
    const projects = await t.app.db.query<{ id: string; region_code: string; jurisdiction_code: string; undertaking_unit_id: string; leader_id: string; service_agency_id: string | null }>(
      `SELECT DISTINCT ON (region_code) id, region_code, jurisdiction_code, undertaking_unit_id, leader_id, service_agency_id FROM projects ORDER BY region_code, id`);
    const ownProjects = await t.app.db.query<{ id: string; region_code: string; jurisdiction_code: string; undertaking_unit_id: string; leader_id: string; service_agency_id: string | null }>(
      `(SELECT id, region_code, jurisdiction_code, undertaking_unit_id, leader_id, service_agency_id FROM projects WHERE undertaking_unit_id IN (SELECT unit_id FROM users WHERE unit_id IS NOT NULL)
          OR leader_id IN (SELECT person_id FROM users WHERE person_id IS NOT NULL) ORDER BY id LIMIT 4)
       UNION ALL (SELECT id, region_code, jurisdiction_code, undertaking_unit_id, leader_id, service_agency_id FROM projects WHERE service_agency_id IN (SELECT unit_id FROM users WHERE unit_id IS NOT NULL) ORDER BY id LIMIT 2)`);
    const subjectOwner = (s: (typeof subjects)[number]): Owner => ({ regions: [s.region_code], units: s.kind === 'organization' ? [s.id] : s.employer_id ? [s.employer_id] : [], persons: s.kind === 'person' ? [s.id] : [] });
    const projectOwner = (p: (typeof projects)[number]): Owner => ({ regions: [p.region_code, p.jurisdiction_code], units: [p.undertaking_unit_id], persons: [p.leader_id], agencies: p.service_agency_id ? [p.service_agency_id] : [] });
    const readers = t.server.routeTable.filter((r) => r.method === 'GET' && /^\/api\/(subjects|projects)\/:id(\/[a-z-]+)?$/.test(r.url));
    expect(readers.map((r) => r.url).sort()).toEqual(['/api/projects/:id', '/api/subjects/:id', '/api/subjects/:id/findings', '/api/subjects/:id/id-number', '/api/subjects/:id/participations', '/api/subjects/:id/ratings', '/api/subjects/:id/sanctions']);
    const records = [
      ...[...subjects, ...own.slice(0, 6)].map((s) => ({ family: 'subjects', id: s.id, owner: subjectOwner(s) })),
      ...[...projects, ...ownProjects].map((p) => ({ family: 'projects', id: p.id, owner: projectOwner(p) })),
    ];
    let cells = 0;
    let allowed = 0;
    const relations = new Set<string>();
    const unexpectedAllows: string[] = [];
    for (const r of readers) {
      for (const rec of records.filter((x) => r.url.startsWith(`/api/${x.family}/`))) {
        for (const who of identities) {
          const expectAllow = permits(who.role, r.config.permission) && mayRead(who, rec.owner);
          const status = await call(who, 'GET', r.url.replace(':id', rec.id));
          cells++;
          relations.add(who.unitId ? (rec.owner.units.includes(who.unitId) ? '本单位' : '他单位') : who.personId ? (rec.owner.persons.includes(who.personId) ? '本人' : '他人') : relation(who, rec.owner.regions[0]));
          if (!DENIED.has(status)) allowed++;
          if (!expectAllow && !DENIED.has(status)) unexpectedAllows.push(`${who.name} ${r.url} ${rec.id} → ${status}`);
        }
      }
    }
    expect(unexpectedAllows).toEqual([]);
    // The matrix really spans the relations, and in-scope reads do succeed (it is not a matrix of refusals).
    expect([...relations].sort()).toEqual(expect.arrayContaining(['上级', '下级', '他人', '他单位', '同级', '本人', '本单位', '本级', '其他']));
    expect(allowed).toBeGreaterThan(cells / 10);
    console.log(`record matrix (${kind}): ${cells} identity × endpoint × record cells over relations ${[...relations].join('、')}; ${allowed} served, ${unexpectedAllows.length} unexpected allows`);
  });

  it('每个身份 × 写记录的接口（修改主体、重新评价）× 各种关系的记录：范围外或无写权限的一律拒绝，范围内的写入生效', async () => {
    const subjects = await t.app.db.query<{ id: string; kind: 'organization' | 'person'; region_code: string; employer_id: string | null }>(
      `(SELECT DISTINCT ON (region_code, kind) id, kind, region_code, employer_id FROM subjects ORDER BY region_code, kind, id)
       UNION (SELECT id, kind, region_code, employer_id FROM subjects WHERE id IN (SELECT unit_id FROM users WHERE unit_id IS NOT NULL UNION SELECT person_id FROM users WHERE person_id IS NOT NULL) OR employer_id IN (SELECT unit_id FROM users WHERE unit_id IS NOT NULL) LIMIT 6)`);
    const ownerOf = (x: (typeof subjects)[number]): Owner => ({ regions: [x.region_code], units: x.kind === 'organization' ? [x.id] : x.employer_id ? [x.employer_id] : [], persons: x.kind === 'person' ? [x.id] : [] });
    const has = (who: Identity, p: Permission) => !!who.role && ROLE_DEFINITIONS[who.role].permissions.includes(p);
    let cells = 0;
    let written = 0;
    const unexpected: string[] = [];
    for (const x of subjects) {
      for (const who of identities) {
        // 修改主体: the write permission within the data scope; a unit administrator keeps the records of
        // the unit's people, not the unit's own legal identity.
        const [{ version }] = await t.app.db.query<{ version: number }>('SELECT version FROM subjects WHERE id = $1', [x.id]);
        const mayUpdate = has(who, 'subject.write') && mayRead(who, ownerOf(x)) && (who.role !== 'unit_admin' || x.kind === 'person');
        const patch = who.client ? (await who.client.send('PATCH', `/api/subjects/${x.id}`, { version })).status
          : (await t.server.inject({ method: 'PATCH', url: `/api/subjects/${x.id}`, payload: { version } })).statusCode;
        // 重新评价: the rating permission within the data scope.
        const mayRate = has(who, 'rating.run') && mayRead(who, ownerOf(x));
        const body = { subjectType: x.kind === 'organization' ? 'unit' : 'leader', year: 2025 };
        const rate = who.client ? (await who.client.send('POST', `/api/subjects/${x.id}/ratings`, body)).status
          : (await t.server.inject({ method: 'POST', url: `/api/subjects/${x.id}/ratings`, payload: body })).statusCode;
        cells += 2;
        for (const [what, may, status] of [['PATCH', mayUpdate, patch], ['rate', mayRate, rate]] as const) {
          if (!DENIED.has(status)) written++;
          if (!may && !DENIED.has(status)) unexpected.push(`${who.name} ${what} ${x.id} (${x.region_code}) → ${status}`);
          if (may && DENIED.has(status)) unexpected.push(`${who.name} ${what} ${x.id} (${x.region_code}) refused → ${status}`);
        }
      }
    }
    expect(unexpected).toEqual([]);
    expect(written).toBeGreaterThan(0);
    console.log(`write matrix (${kind}): ${cells} identity × write endpoint × record cells, ${written} writes taken, 0 unexpected allows, 0 access refusals where the role may write`);
  });

  it('issue 20 每个身份 × 驾驶舱（各区划）和出具信用报告（各关系的主体）：辖区外的区划和主体一律拒绝，无权限的角色一律拒绝，范围内的照常应答', async () => {
    // The province, all of Chuxiong, and Kunming with its counties: every relation to every identity.
    const regions = [...parentOf.keys()].filter((c) => c === '530000' || c.startsWith('5323') || c === '530100' || parentOf.get(c) === '530100');
    const subjects = await t.app.db.query<{ id: string; kind: string; region_code: string; employer_id: string | null }>(
      `SELECT DISTINCT ON (region_code) id, kind, region_code, employer_id FROM subjects WHERE region_code LIKE '53%' ORDER BY region_code, kind, id`);
    let cells = 0;
    let served = 0;
    const unexpected: string[] = [];
    for (const who of identities) {
      for (const code of regions) {
        // The dashboard of a region: the permission, and the region inside the identity's own subtree.
        const expectAllow = permits(who.role, 'dashboard.read') && !!who.regionCode && ROLE_DEFINITIONS[who.role!].scope === 'region' && ancestors(code).includes(who.regionCode);
        for (const url of [`/api/dashboard?regionCode=${code}`, `/api/dashboard/cases/items?regionCode=${code}`]) {
          const status = await call(who, 'GET', url);
          cells++;
          if (!DENIED.has(status)) served++;
          if (expectAllow ? status !== 200 : !DENIED.has(status)) unexpected.push(`${who.name} ${url} → ${status}`);
        }
      }
      for (const s of subjects) {
        const owner: Owner = { regions: [s.region_code], units: s.kind === 'organization' ? [s.id] : s.employer_id ? [s.employer_id] : [], persons: s.kind === 'person' ? [s.id] : [] };
        const expectAllow = permits(who.role, 'creditReport.issue') && mayRead(who, owner);
        const status = who.client
          ? (await t.server.inject({ method: 'POST', url: `/api/subjects/${s.id}/credit-reports`, headers: { cookie: who.client.cookie }, payload: {} })).statusCode
          : await call(who, 'POST', `/api/subjects/${s.id}/credit-reports`);
        cells++;
        if (!DENIED.has(status)) served++;
        if (expectAllow ? status !== 201 : !DENIED.has(status)) unexpected.push(`${who.name} POST credit-report ${s.region_code} → ${status}`);
      }
    }
    expect(unexpected).toEqual([]);
    expect(served).toBeGreaterThan(20);
    console.log(`dashboard and credit-report matrix (${kind}): ${cells} cells over ${regions.length} regions and ${subjects.length} subjects, ${served} served, ${unexpected.length} unexpected`);
  });

  it('按值检查（issue 16）：每个身份 × 每个读接口（含一票否决、主体检索）× 各区划植入的记录：范围外记录的名称、编号、信用代码、身份证号、信用等级从不出现在应答中', async () => {
    // One organisation and one person planted in each of five regions, with marks that occur nowhere else; each organisation rated C (published).
    const province = identities.find((i) => i.name === 'yn_business')!.client!;
    const planted: Array<{ id: string; owner: Owner; marks: string[]; ref: object }> = [];
    let n = 0;
    for (const region of ['532300', '532301', '532302', '530100', '530300']) {
      n++;
      const first17 = `91${region}MA${String(8_100_000 + n).padStart(7, '0')}`.slice(0, 17);
      const code = first17 + creditCodeCheckChar(first17);
      const org = await province.send('POST', '/api/subjects', { kind: 'organization', orgType: 'undertaking_unit', name: `越权探针单位${region}`, creditCode: code, regionCode: region });
      if (org.status !== 201) throw new Error(JSON.stringify(org.json));
      const id17 = `${region.slice(0, 6)}19850${n}${String(10 + n).padStart(2, '0')}${String(100 + n).padStart(3, '0')}`.slice(0, 17);
      const idNumber = id17 + idNumberCheckChar(id17);
      const person = await province.send('POST', '/api/subjects', { kind: 'person', name: `越权探针人员${region}`, idNumber, employerId: org.json.id });
      if (person.status !== 201) throw new Error(JSON.stringify(person.json));
      await t.app.db.query(`INSERT INTO ratings (id, subject_id, subject_type, year, region_code, computed_level, clauses, determination_required, result, policy_version_id, policy_in_force, computed_at, published_at)
        VALUES (gen_random_uuid(), $1, 'unit', 2025, $2, 'C', ARRAY['CI-16.4.3'], false, '{}'::jsonb, 'CI-2023', true, '2026-01-12T02:00:00Z', '2026-02-02T02:00:00Z')`, [org.json.id, region]);
      planted.push({ id: org.json.id, owner: { regions: [region], units: [org.json.id], persons: [] }, marks: [org.json.id, `越权探针单位${region}`, code], ref: { ref: `u${region}`, creditCode: code } });
      planted.push({ id: person.json.id, owner: { regions: [region], units: [org.json.id], persons: [person.json.id] }, marks: [person.json.id, `越权探针人员${region}`, idNumber, person.json.idNumberMasked], ref: { ref: `p${region}`, name: `越权探针人员${region}`, idNumber } });
    }
    const gets = t.server.routeTable.filter((r) => r.method === 'GET' && !r.url.includes('/auth/'));
    let answers = 0;
    const leaks: string[] = [];
    // The audit administrator reads the audit log of every change, whose events name what changed
    // (masked ID numbers only): that is the log's purpose (GB/T 22239 8.1.4.3), not a record read.
    const entitled = (who: Identity, where: string) => who.role === 'audit_admin' && /^GET \/api\/audit-events(\/export\.xlsx)?$/.test(where);
    const search = (who: Identity, body: string, where: string) => {
      if (entitled(who, where)) return;
      for (const p of planted) {
        if (mayRead(who, p.owner)) continue;
        const hit = p.marks.find((m) => body.includes(m));
        if (hit) leaks.push(`${who.name} ${where} → ${hit}`);
      }
    };
    const fetchAs = async (who: Identity, url: string) => (who.client ? (await who.client.get(url)).body : (await t.server.inject({ method: 'GET', url })).body);
    for (const who of identities) {
      for (const r of gets) {
        const urls = r.url.includes(':id') ? planted.map((p) => r.url.replace(':id', p.id)) : [r.url.replace(/:(\w+)/g, (_, k: string) => SAMPLE_PARAMS[k] ?? 'x')];
        // Lists are asked for the planted records by name as well.
        if (r.url === '/api/subjects') urls.push('/api/subjects?q=%E8%B6%8A%E6%9D%83%E6%8E%A2%E9%92%88&pageSize=100');
        if (r.url === '/api/public/sanctions') urls.push('/api/public/sanctions?q=%E8%B6%8A%E6%9D%83%E6%8E%A2%E9%92%88');
        for (const url of urls) { search(who, await fetchAs(who, url), `GET ${url}`); answers++; }
      }
      if (!who.client) continue;
      // Reads that take the records in the body: the veto check and the subject search.
      const veto = await who.client.send('POST', '/api/veto-check', { on: '2026-11-20', callRef: '按值检查', applicants: planted.map((p) => p.ref) });
      answers++;
      search(who, JSON.stringify(veto.json), 'POST /api/veto-check');
      if (veto.status === 200) {
        for (const [i, item] of (veto.json.results as any[]).entries()) {
          if (!mayRead(who, planted[i].owner) && (item.rating !== null || item.bans.length > 0 || item.name !== null)) leaks.push(`${who.name} veto ${item.ref} → ${JSON.stringify(item)}`);
        }
      }
      for (const p of planted) {
        const q = (p.ref as { idNumber?: string }).idNumber ?? p.marks[1];
        const found = await who.client.send('POST', '/api/subjects/search', { q, pageSize: 100 });
        answers++;
        search(who, JSON.stringify(found.json), `POST /api/subjects/search ${q}`);
      }
    }
    expect(leaks).toEqual([]);
    expect(answers).toBeGreaterThan(1_000);
    console.log(`values matrix (${kind}): ${answers} answers (${gets.length} GET endpoints, the veto check and the subject search × ${identities.length} identities) searched for the names, ids, credit codes, ID numbers and levels of ${planted.length} planted records out of each identity's scope; ${leaks.length} leaks`);
  }, 600_000);
});
