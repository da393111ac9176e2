/**
 * Machine API clients (issue 20), over the wire: the server listens on a port and the calls go through
 * fetch, as the project-application system's would. The security administrator registers clients (secret
 * shown once, stored as argon2id), a client takes a short-lived bearer token by OAuth 2.0 client
 * credentials (RFC 6749 4.4) and calls the veto check (CI-10, the staff module itself: subjects outside the
 * client's region answer only vetoed or not) and the exemption marks (YT-6.5); every call is audited as the
 * client. Refused with stable codes and Chinese messages: a wrong scope, an expired token, a rotated secret,
 * a revoked client; over budget 429 with Retry-After. On PGlite and PostgreSQL.
 */
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { DB_KINDS } from '../support/databases';

/** A well-formed 统一社会信用代码 (GB 32100 check character) that no subject in the register has. */
const withCheckChar = (first17: string) => first17 + creditCodeCheckChar(first17);
import { loginAs, startTestApp, TEST_NOW, type Client, type TestApp } from '../support/test-app';

interface Wire { status: number; json: any; headers: Headers }

describe.each(DB_KINDS)('接口客户端（%s，经网络调用）', (kind) => {
  let t: TestApp;
  let base: string;
  let secadmin: Client;
  let officer: Client;
  /** Three organisations: rated C in the client's region (楚雄州 and below), rated C elsewhere, clean in the region. */
  const orgs: Record<'inside' | 'outside' | 'clean', { id: string; name: string; credit_code: string }> = {} as never;

  beforeAll(async () => {
    t = await startTestApp(kind);
    await t.server.listen({ port: 0, host: '127.0.0.1' });
    base = `http://127.0.0.1:${(t.server.server.address() as AddressInfo).port}`;
    secadmin = await loginAs(t, 'secadmin');
    officer = await loginAs(t, 'cx_business');
    // Organisations without sanctions and without a C rating: two of the prefecture (楚雄州 and below), one elsewhere.
    const pick = async (inside: boolean, offset: number) => (await t.app.db.query<any>(
      `SELECT s.id, s.name, s.credit_code FROM subjects s WHERE s.kind = 'organization' AND (s.region_code LIKE '5323%') = $1 AND s.credit_code IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ratings r WHERE r.subject_id = s.id AND COALESCE(r.determined_level, r.computed_level) = 'C')
          AND NOT EXISTS (SELECT 1 FROM sanctions x WHERE x.subject_id = s.id)
        ORDER BY s.credit_code OFFSET $2 LIMIT 1`, [inside, offset]))[0];
    orgs.inside = await pick(true, 0);
    orgs.clean = await pick(true, 1);
    orgs.outside = await pick(false, 0);
    // CI-15 CI-10: a published C rating in effect vetoes, wherever it was given.
    for (const o of [orgs.inside, orgs.outside]) {
      await t.app.db.query(`INSERT INTO ratings (id, subject_id, subject_type, year, region_code, computed_level, clauses, determination_required, result, policy_version_id, policy_in_force, computed_at, published_at)
        VALUES (gen_random_uuid(), $1, 'unit', 2025, '532300', 'C', ARRAY['CI-16.4.3'], false, '{}'::jsonb, 'CI-2023', true, '2026-01-12T02:00:00Z', '2026-02-02T02:00:00Z')
        ON CONFLICT (subject_id, subject_type, year) DO UPDATE SET computed_level = 'C', determined_level = NULL, published_at = EXCLUDED.published_at`, [o.id]);
    }
  });
  afterAll(async () => { await t?.close(); });

  const register = async (body: object) => { const r = await secadmin.send('POST', '/api/api-clients', body); expect(r.status).toBe(201); return r.json; };
  const token = async (clientId: string, secret: string, extra: Record<string, string> = {}): Promise<Wire> => {
    const r = await fetch(`${base}/api/oauth/token`, {
      method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Basic ${Buffer.from(`${clientId}:${secret}`).toString('base64')}` },
      body: new URLSearchParams({ grant_type: 'client_credentials', ...extra }).toString(),
    });
    return { status: r.status, json: await r.json(), headers: r.headers };
  };
  const call = async (method: 'GET' | 'POST', path: string, bearer: string | null, body?: object): Promise<Wire> => {
    const r = await fetch(`${base}${path}`, {
      method, headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) }, body: body ? JSON.stringify(body) : undefined,
    });
    return { status: r.status, json: await r.json(), headers: r.headers };
  };
  const vetoBody = () => ({ on: '2026-11-20', callRef: 'CX-2027-申报-01', applicants: [
    { ref: 'a', creditCode: orgs.inside.credit_code }, { ref: 'b', creditCode: orgs.outside.credit_code }, { ref: 'c', creditCode: orgs.clean.credit_code },
    { ref: 'd', creditCode: withCheckChar('91532300MA6N00000') },
  ] });

  it('安全管理员登记接口客户端：权限范围、允许区划、每分钟访问次数；密钥只在应答中出现一次，库中只存 argon2id 摘要；其他角色不能登记', async () => {
    const c = await register({ name: '楚雄州科技项目申报系统', scopes: ['veto.check', 'exemptions.read'], regionCode: '532300', ratePerMinute: 50 });
    expect(c).toMatchObject({ name: '楚雄州科技项目申报系统', scopes: ['veto.check', 'exemptions.read'], scopeLabels: ['申报一票否决审查（CI-10）', '读取免责标注（YT-6.5）'], regionCode: '532300', ratePerMinute: 50, status: 'active', secretVersion: 1 });
    expect(c.clientId).toMatch(/^kx_[0-9a-f]{16}$/);
    expect(c.secret).toMatch(/^[A-Za-z0-9_-]{43}$/);
    const list = (await secadmin.get('/api/api-clients')).json.items;
    expect(list.find((x: any) => x.id === c.id)).toMatchObject({ clientId: c.clientId, status: 'active' });
    expect(JSON.stringify(list)).not.toContain(c.secret);
    const [row] = await t.app.db.query<any>('SELECT secret_hash FROM api_clients WHERE id = $1', [c.id]);
    expect(row.secret_hash).toMatch(/^\$argon2id\$/);
    const dump = JSON.stringify(await t.app.db.query('SELECT * FROM api_clients')) + JSON.stringify(await t.app.db.query(`SELECT after FROM audit_events WHERE action LIKE 'api_client.%'`));
    expect(dump).not.toContain(c.secret);
    const [audit] = await t.app.db.query<any>(`SELECT actor_role, after FROM audit_events WHERE action = 'api_client.create' AND object_id = $1`, [c.id]);
    expect(audit).toMatchObject({ actor_role: 'security_admin', after: { clientId: c.clientId, scopes: ['veto.check', 'exemptions.read'], regionCode: '532300', ratePerMinute: 50 } });

    expect((await officer.send('POST', '/api/api-clients', { name: 'x', scopes: ['veto.check'], regionCode: '532300', ratePerMinute: 5 })).status).toBe(403);
    expect((await (await loginAs(t, 'sysadmin')).send('POST', '/api/api-clients', { name: 'x', scopes: ['veto.check'], regionCode: '532300', ratePerMinute: 5 })).status).toBe(403);
    const bad = await secadmin.send('POST', '/api/api-clients', { name: 'x', scopes: ['subjects.write'], regionCode: '532300', ratePerMinute: 5 });
    expect(bad.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'scopes/0' });
    expect((await secadmin.send('POST', '/api/api-clients', { name: 'x', scopes: ['veto.check'], regionCode: '999999', ratePerMinute: 5 })).json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'regionCode', message: '区划代码不存在' });
  });

  it('CI-10 客户端取得短时令牌后做一票否决审查：与本区划工作人员的审查结论一致，区划外的主体只告知是否否决；审计记录的操作者是该客户端', async () => {
    const c = await register({ name: '申报系统', scopes: ['veto.check'], regionCode: '532300', ratePerMinute: 50 });
    const wrong = await token(c.clientId, `${c.secret}x`);
    expect(wrong.status).toBe(401);
    expect(wrong.json.error).toMatchObject({ code: 'CLIENT_AUTH_FAILED', message: '接口客户端认证失败：客户端编号或密钥不正确' });
    expect((await token('kx_0000000000000000', c.secret)).json.error.code).toBe('CLIENT_AUTH_FAILED');
    const grant = await fetch(`${base}/api/oauth/token`, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: `grant_type=password&client_id=${c.clientId}&client_secret=${c.secret}` });
    expect(grant.status).toBe(400);
    expect((await grant.json()).error).toMatchObject({ code: 'GRANT_UNSUPPORTED', field: 'grant_type', message: '只支持 client_credentials 授权方式' });

    const tok = await token(c.clientId, c.secret);
    expect(tok.status).toBe(200);
    expect(tok.json).toMatchObject({ token_type: 'Bearer', expires_in: 600, scope: 'veto.check' });
    expect(tok.headers.get('cache-control')).toBe('no-store');
    // The token is kept as its SM3 digest only.
    expect(JSON.stringify(await t.app.db.query('SELECT * FROM api_tokens'))).not.toContain(tok.json.access_token);

    const machine = await call('POST', '/api/machine/veto-check', tok.json.access_token, vetoBody());
    expect(machine.status).toBe(200);
    const byRef = Object.fromEntries(machine.json.results.map((r: any) => [r.ref, r]));
    expect(byRef.a).toMatchObject({ vetoed: true, detail: 'shown', found: true, subjectId: orgs.inside.id, name: orgs.inside.name, rating: { year: 2025, level: 'C' }, reasons: ['CI-10：2025 年度信用评价为 C 级（严重失信）'] });
    expect(byRef.b).toEqual({ ref: 'b', vetoed: true, detail: 'withheld', found: false, subjectId: null, name: null, idNumberMasked: null, bans: [], rating: null, priorityAtEqualMerit: null,
      reasons: ['CI-10：该主体有在期的取消申报资格处理或 C 级信用评价（辖区外的记录只告知审查结论，详情请向其所在科技部门查询）'] });
    expect(byRef.c).toMatchObject({ vetoed: false, detail: 'shown', name: orgs.clean.name });
    expect(byRef.d).toMatchObject({ vetoed: false, detail: 'withheld', reasons: ['本辖区内无此主体的失信记录'] });
    expect(machine.json.vetoed).toBe(2);
    expect(JSON.stringify(machine.json)).not.toContain(orgs.outside.name);
    // The same rule and the same reduction as a staff member of the client's region (less the commitment dates, which need commitments.read).
    const staff = await officer.send('POST', '/api/veto-check', vetoBody());
    expect(machine.json.results).toEqual(staff.json.results.map(({ commitmentSignedOn: _c, ...r }: any) => r));

    const [audit] = await t.app.db.query<any>(`SELECT actor_user_id, actor_role, actor_region, after FROM audit_events WHERE action = 'veto.check' ORDER BY seq DESC LIMIT 2`);
    const events = await t.app.db.query<any>(`SELECT actor_user_id, actor_role, actor_region, after FROM audit_events WHERE action = 'veto.check' AND actor_user_id = $1`, [c.id]);
    expect(events).toHaveLength(1);
    expect(events[0]).toMatchObject({ actor_role: 'api_client', actor_region: '532300', after: { callRef: 'CX-2027-申报-01', applicants: 4, vetoed: 2, shown: 2 } });
    expect(audit.actor_role).toBe('business_officer');
    const [issued] = await t.app.db.query<any>(`SELECT actor_user_id, actor_role, after FROM audit_events WHERE action = 'api_client.token' AND object_id = $1`, [c.id]);
    expect(issued).toMatchObject({ actor_user_id: c.id, actor_role: 'api_client', after: { scopes: ['veto.check'], expiresAt: '2026-11-20T02:10:00.000Z' } });

    // CI-9: a token with commitments.read also gets whether each found subject signed the call's commitment.
    const full = await register({ name: '申报系统（含承诺书）', scopes: ['veto.check', 'commitments.read'], regionCode: '532300', ratePerMinute: 50 });
    const withCommitments = await call('POST', '/api/machine/veto-check', (await token(full.clientId, full.secret)).json.access_token, vetoBody());
    expect(withCommitments.json.results.find((r: any) => r.ref === 'a')).toHaveProperty('commitmentSignedOn', null);
    expect(withCommitments.json.results.find((r: any) => r.ref === 'b')).not.toHaveProperty('commitmentSignedOn');
  });

  it('YT-6.5 免责标注：客户端读到的与本区划工作人员导出的相同，区划外的不在其中；缺少权限范围的令牌被拒绝（SCOPE_MISSING），申请超出授权的范围被拒绝', async () => {
    // One of the prefecture's own projects marked exempt (as a YT-6.4 decision marks it), beside the demo's county one.
    await t.app.db.query(`UPDATE projects SET exempted_on = '2026-03-02' WHERE id = (SELECT id FROM projects WHERE jurisdiction_code = '532300' AND exempted_on IS NULL ORDER BY code LIMIT 1)`);
    const c = await register({ name: '省级项目管理系统', scopes: ['exemptions.read'], regionCode: '532300', ratePerMinute: 50 });
    const tok = (await token(c.clientId, c.secret)).json.access_token;
    const marks = await call('GET', '/api/machine/exemption-marks', tok);
    expect(marks.status).toBe(200);
    const staff = JSON.parse((await officer.get('/api/exports/exemption-marks?format=json')).body);
    expect(marks.json).toEqual({ clause: 'YT-6.5', items: staff.items });
    expect(marks.json.items.length).toBeGreaterThan(0);
    expect(marks.json.items.every((m: any) => m.jurisdictionCode.startsWith('5323'))).toBe(true);
    // A client of 楚雄市 reads what 楚雄市's staff read: the prefecture's own projects are outside its region.
    const county = await register({ name: '楚雄市项目管理系统', scopes: ['exemptions.read'], regionCode: '532301', ratePerMinute: 50 });
    const countyMarks = await call('GET', '/api/machine/exemption-marks', (await token(county.clientId, county.secret)).json.access_token);
    const countyStaff = JSON.parse((await (await loginAs(t, 'cxs_officer')).get('/api/exports/exemption-marks?format=json')).body);
    expect(countyMarks.json.items).toEqual(countyStaff.items);
    const prefectureOwn = marks.json.items.filter((m: any) => m.jurisdictionCode === '532300').map((m: any) => m.projectCode);
    expect(prefectureOwn.length).toBeGreaterThan(0);
    expect(countyMarks.json.items.map((m: any) => m.projectCode)).not.toEqual(expect.arrayContaining(prefectureOwn));
    const [read] = await t.app.db.query<any>(`SELECT actor_role, after FROM audit_events WHERE action = 'exemption.read' AND actor_user_id = $1`, [c.id]);
    expect(read).toMatchObject({ actor_role: 'api_client', after: { count: marks.json.items.length, clause: 'YT-6.5' } });

    const refused = await call('POST', '/api/machine/veto-check', tok, vetoBody());
    expect(refused.status).toBe(403);
    expect(refused.json.error).toMatchObject({ code: 'SCOPE_MISSING', message: '访问令牌不含此接口所需的权限范围 veto.check（申报一票否决审查（CI-10））' });
    expect(refused.headers.get('www-authenticate')).toBe('Bearer error="insufficient_scope", scope="veto.check"');
    const beyond = await token(c.clientId, c.secret, { scope: 'exemptions.read veto.check' });
    expect(beyond.status).toBe(400);
    expect(beyond.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'scope', message: '申请的权限范围超出该客户端的授权（exemptions.read）' });
    // A session is no way in: the machine endpoints take bearer tokens only.
    expect((await officer.get('/api/machine/exemption-marks')).json.error.code).toBe('TOKEN_INVALID');
    const none = await call('GET', '/api/machine/exemption-marks', null);
    expect(none.status).toBe(401);
    expect(none.json.error).toMatchObject({ code: 'TOKEN_INVALID', message: '缺少访问令牌：请先向 /api/oauth/token 申请，并以 Authorization: Bearer 携带' });
    expect(none.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
    const refusals = await t.app.db.query<any>(`SELECT actor_role, outcome, after FROM audit_events WHERE action = 'api_client.refused' AND actor_user_id = $1`, [c.id]);
    expect(refusals.map((r) => [r.actor_role, r.outcome, r.after.reason, r.after.needed])).toEqual([['api_client', 'failure', 'scope', 'veto.check']]);
  });

  it('令牌短时有效：满 600 秒即过期（TOKEN_EXPIRED），前一秒仍可用；伪造的令牌无效（TOKEN_INVALID）', async () => {
    const c = await register({ name: '过期测试', scopes: ['exemptions.read'], regionCode: '532300', ratePerMinute: 50 });
    const tok = (await token(c.clientId, c.secret)).json.access_token;
    try {
      t.clock.set('2026-11-20T02:09:59.000Z');
      expect((await call('GET', '/api/machine/exemption-marks', tok)).status).toBe(200);
      t.clock.set('2026-11-20T02:10:00.000Z');
      const expired = await call('GET', '/api/machine/exemption-marks', tok);
      expect(expired.status).toBe(401);
      expect(expired.json.error).toMatchObject({ code: 'TOKEN_EXPIRED', message: '访问令牌已过期，请重新申请' });
      expect(expired.headers.get('www-authenticate')).toBe('Bearer error="invalid_token"');
      expect((await call('GET', '/api/machine/exemption-marks', (await token(c.clientId, c.secret)).json.access_token)).status).toBe(200);
    } finally {
      t.clock.set(TEST_NOW);
    }
    const forged = await call('GET', '/api/machine/exemption-marks', 'A'.repeat(43));
    expect(forged.json.error).toMatchObject({ code: 'TOKEN_INVALID', message: '访问令牌无效' });
  });

  it('每个客户端有自己的访问频率：超出每分钟次数的请求 429 并给出 Retry-After，下一分钟恢复；其他客户端不受影响', async () => {
    const slow = await register({ name: '频率测试', scopes: ['exemptions.read'], regionCode: '532300', ratePerMinute: 3 });
    const other = await register({ name: '另一系统', scopes: ['exemptions.read'], regionCode: '532300', ratePerMinute: 3 });
    const tok = (await token(slow.clientId, slow.secret)).json.access_token;
    const otherTok = (await token(other.clientId, other.secret)).json.access_token;
    try {
      t.clock.set('2026-11-20T02:00:15.000Z');
      for (let i = 0; i < 3; i++) expect((await call('GET', '/api/machine/exemption-marks', tok)).status).toBe(200);
      const over = await call('GET', '/api/machine/exemption-marks', tok);
      expect(over.status).toBe(429);
      expect(over.headers.get('retry-after')).toBe('45');
      expect(over.json.error).toMatchObject({ code: 'RATE_LIMITED', message: '该接口客户端每分钟至多 3 次请求，请 45 秒后再试' });
      expect((await call('GET', '/api/machine/exemption-marks', otherTok)).status).toBe(200);
      t.clock.set('2026-11-20T02:01:00.000Z');
      expect((await call('GET', '/api/machine/exemption-marks', tok)).status).toBe(200);
    } finally {
      t.clock.set(TEST_NOW);
    }
  });

  it('更换密钥后旧密钥和旧令牌失效，新密钥可用；停用后密钥和令牌一律拒绝（CLIENT_REVOKED），均记入审计', async () => {
    const c = await register({ name: '轮换测试', scopes: ['veto.check'], regionCode: '532300', ratePerMinute: 50 });
    const old = (await token(c.clientId, c.secret)).json.access_token;
    const rotated = await secadmin.send('POST', `/api/api-clients/${c.id}/rotate`, { version: c.version });
    expect(rotated.status).toBe(200);
    expect(rotated.json).toMatchObject({ id: c.id, clientId: c.clientId, secretVersion: 2 });
    expect(rotated.json.secret).not.toBe(c.secret);
    const stale = await call('POST', '/api/machine/veto-check', old, vetoBody());
    expect(stale.status).toBe(401);
    expect(stale.json.error).toMatchObject({ code: 'TOKEN_INVALID', message: '访问令牌已失效：客户端密钥已更换，请用新密钥重新申请' });
    expect((await token(c.clientId, c.secret)).json.error.code).toBe('CLIENT_AUTH_FAILED');
    const fresh = (await token(c.clientId, rotated.json.secret)).json.access_token;
    expect((await call('POST', '/api/machine/veto-check', fresh, vetoBody())).status).toBe(200);

    expect((await secadmin.send('POST', `/api/api-clients/${c.id}/revoke`, { version: c.version })).json.error.code).toBe('VERSION_CONFLICT');
    const revoked = await secadmin.send('POST', `/api/api-clients/${c.id}/revoke`, { version: rotated.json.version });
    expect(revoked.json).toMatchObject({ status: 'revoked', revokedAt: TEST_NOW });
    const after = await call('POST', '/api/machine/veto-check', fresh, vetoBody());
    expect(after.status).toBe(401);
    expect(after.json.error).toMatchObject({ code: 'CLIENT_REVOKED', message: '该接口客户端已停用' });
    const again = await token(c.clientId, rotated.json.secret);
    expect(again.status).toBe(401);
    expect(again.json.error).toMatchObject({ code: 'CLIENT_REVOKED', message: '该接口客户端已停用' });
    expect((await secadmin.send('POST', `/api/api-clients/${c.id}/rotate`, { version: revoked.json.version })).json.error.code).toBe('CLIENT_REVOKED');

    const trail = await t.app.db.query<any>(`SELECT action, actor_role, outcome, after FROM audit_events WHERE object_id = $1 ORDER BY seq`, [c.id]);
    expect(trail.map((e) => [e.action, e.actor_role, e.outcome, e.after?.reason ?? null])).toEqual([
      ['api_client.create', 'security_admin', 'success', null],
      ['api_client.token', 'api_client', 'success', null],
      ['api_client.rotate', 'security_admin', 'success', null],
      ['api_client.refused', 'api_client', 'failure', 'secret_rotated'],
      ['api_client.refused', 'api_client', 'failure', 'bad_credentials'],
      ['api_client.token', 'api_client', 'success', null],
      ['api_client.revoke', 'security_admin', 'success', null],
      ['api_client.refused', 'api_client', 'failure', 'revoked'],
      ['api_client.refused', 'api_client', 'failure', 'revoked'],
    ]);
  });

  it.skipIf(kind !== 'postgres')('CI-10 申报系统一次审查 1,000 个申报主体：经网络返回全部结论，与工作人员审查的结论相同（耗时与同次运行的基线记入 BENCHMARKS.md）', async () => {
    const c = await register({ name: '申报系统（批量）', scopes: ['veto.check'], regionCode: '532300', ratePerMinute: 50 });
    const known = await t.app.db.query<{ credit_code: string }>(`SELECT credit_code FROM subjects WHERE credit_code IS NOT NULL ORDER BY credit_code`);
    const applicants = Array.from({ length: 1_000 }, (_, i) => ({ ref: `r${i}`, creditCode: known[i]?.credit_code ?? withCheckChar(`91532300MA${String(i).padStart(7, '0')}`) }));
    const body = { on: '2026-11-20', callRef: 'CX-2027-申报-批量', applicants };
    const tok = (await token(c.clientId, c.secret)).json.access_token;
    await call('POST', '/api/machine/veto-check', tok, { ...body, callRef: 'warm-up' });
    const started = performance.now();
    const answer = await call('POST', '/api/machine/veto-check', tok, body);
    const elapsed = performance.now() - started;
    const baselineStart = performance.now();
    const staff = await officer.send('POST', '/api/veto-check', body);
    const baseline = performance.now() - baselineStart;
    expect(answer.status).toBe(200);
    expect(answer.json.results).toHaveLength(1_000);
    expect(answer.json.results).toEqual(staff.json.results.map(({ commitmentSignedOn: _c, ...r }: any) => r));
    expect(answer.json.vetoed).toBeGreaterThanOrEqual(2);
    // The time is a figure for BENCHMARKS.md, not an assertion: a test's timing on a shared machine proves nothing.
    console.log(`veto check over the wire (postgres): 1,000 applicants in ${Math.round(elapsed)} ms by an API client; staff session through inject ${Math.round(baseline)} ms`);
  });

  it('OpenAPI 文档写明接口客户端的安全方案（OAuth 2.0 client credentials、令牌地址和权限范围）以及各接口所需的权限范围', async () => {
    const doc = await (await fetch(`${base}/api/openapi.json`)).json();
    expect(doc.components.securitySchemes.apiClient).toMatchObject({ type: 'oauth2', flows: { clientCredentials: { tokenUrl: '/api/oauth/token',
      scopes: { 'veto.check': '申报一票否决审查（CI-10）', 'exemptions.read': '读取免责标注（YT-6.5）', 'commitments.read': '读取诚信承诺书签署情况（CI-9）' } } } });
    expect(doc.paths['/api/machine/veto-check'].post.security).toEqual([{ apiClient: ['veto.check'] }]);
    expect(doc.paths['/api/machine/exemption-marks'].get.security).toEqual([{ apiClient: ['exemptions.read'] }]);
    expect(doc.paths['/api/oauth/token'].post.security).toEqual([{ clientCredentials: [] }]);
    expect(Object.keys(doc.paths['/api/oauth/token'].post.requestBody.content)).toContain('application/x-www-form-urlencoded');
  });
});
