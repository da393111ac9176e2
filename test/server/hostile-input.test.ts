/**
 * Hostile input (OWASP ASVS V1, V2; issue 8) against every write endpoint of the route table, as a
 * caller who holds the route's permission: generated bodies (fast-check) and a fixed corpus — SQL
 * and script injection in ASCII, Chinese and full-width forms, formula injection, prototype-pollution
 * keys, deep and oversized JSON, invalid UTF-8 and GB18030 bytes. Nothing may answer 5xx, and
 * Object.prototype must come out untouched. 50 generated cases per endpoint in `npm test`, 1,000 in
 * `npm run test:security`. The stored payloads are then shown in a browser by
 * test/e2e/stored-payloads.test.ts.
 */
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLE_DEFINITIONS, type Role } from '../../src/core/access/roles';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { DEMO_ACCOUNTS } from '../../src/server/demo/load-demo';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';
import { startBody } from '../support/cases';
import { fileComplaint } from '../support/complaints';

const RUNS = process.env.KEXIN_SECURITY_FULL === "1" ? 1000 : Number(process.env.KEXIN_FUZZ_RUNS ?? 50);

/** Strings that have broken systems: each is tried in every string position of the corpus bodies. */
export const HOSTILE_STRINGS = [
  "' OR '1'='1", "'; DROP TABLE subjects; --", '１＇ ＯＲ ＇１＇＝＇１', "测试'）; DELETE FROM users; --", '$1::text', '\\', '%_%',
  '<script>window.__xss=1</script>', '<img src=x onerror="window.__xss=1">', '＜script＞window.__xss=1＜/script＞', '"><svg onload=window.__xss=1>',
  'javascript:window.__xss=1', '{{constructor.constructor("window.__xss=1")()}}', '=HYPERLINK("http://x","点我")', '+cmd|\' /C calc\'!A0', '-1+1', '@SUM(1,1)',
  '\u202e\u202dabc', '\u0000', '𠮷𠮷', '\ud800', 'A'.repeat(10_000), '科'.repeat(5_000),
];

const PROTO_BODIES = ['{"__proto__":{"polluted":"yes"}}', '{"constructor":{"prototype":{"polluted":"yes"}}}', '{"a":{"__proto__":{"polluted":"yes"}}}'];
const deep = (n: number) => '['.repeat(n) + ']'.repeat(n);
const RAW_BODIES: { body: Buffer | string; type: string }[] = [
  ...PROTO_BODIES.map((b) => ({ body: b, type: 'application/json' })),
  { body: deep(10_000), type: 'application/json' },
  { body: `{"a":"${'x'.repeat(2_000_000)}"}`, type: 'application/json' },
  { body: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xc3, 0x28, 0xff, 0xfe, 0x22, 0x7d]), type: 'application/json' }, // invalid UTF-8
  { body: Buffer.from([0x7b, 0x22, 0x6e, 0x22, 0x3a, 0x22, 0xbf, 0xc6, 0xd1, 0xa7, 0x22, 0x7d]), type: 'application/json' }, // 科学 in GB18030
  { body: Buffer.from([0xd6, 0xd0, 0xce, 0xc4]), type: 'application/json; charset=gb18030' },
  { body: '{"name": 1e309, "version": -0, "page": 9007199254740993}', type: 'application/json' },
  { body: '<xml/>', type: 'application/xml' },
  { body: 'name=x&name=y', type: 'application/x-www-form-urlencoded' },
];

/** A JSON value shaped like the API's bodies, with hostile strings mixed into arbitrary ones. */
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small' },
    fc.constantFrom(...HOSTILE_STRINGS), fc.string(), fc.integer(), fc.double(), fc.boolean(), fc.constant(null),
    fc.uuid(), fc.date({ noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10)),
    fc.array(tie('value'), { maxLength: 4 }), fc.dictionary(fc.oneof(fc.string(), fc.constantFrom('version', 'name', 'subjectId', 'date', 'reason', '__proto__', 'constructor')), tie('value'), { maxKeys: 6 })),
})).value;

describe.each(DB_KINDS)('恶意输入（%s）', (kind) => {
  let t: TestApp;
  const sessions = new Map<Role, Awaited<ReturnType<typeof loginAs>>>();
  const ids: Record<string, string> = {};
  beforeAll(async () => {
    t = await startTestApp(kind);
    for (const a of DEMO_ACCOUNTS) if (!sessions.has(a.role)) sessions.set(a.role, await loginAs(t, a.username));
    ids.subject = (await t.app.db.query<{ id: string }>(`SELECT id FROM subjects WHERE region_code = '532301' LIMIT 1`))[0].id;
    ids.case = (await t.app.db.query<{ id: string }>(`SELECT id FROM cases LIMIT 1`))[0].id;
  });
  afterAll(async () => { await t?.close(); });

  /** Someone who may call the route: a role holding its declared permission, else a bureau officer. */
  const callerFor = (permission: unknown) => {
    const needed = [permission ?? []].flat() as string[];
    const role = (Object.keys(ROLE_DEFINITIONS) as Role[]).find((r) => needed.every((p) => (ROLE_DEFINITIONS[r].permissions as readonly string[]).includes(p)) && (needed.length > 0 || r === 'integrity_officer'))!;
    return sessions.get(role)!;
  };

  it(`每个写接口：${RUNS} 个生成的请求体与固定语料，没有任何 5xx，原型链不受污染`, async () => {
    const writes = t.server.routeTable.filter((r) => r.method !== 'GET' && !['/api/auth/logout', '/api/auth/login'].includes(r.url));
    expect(writes.length).toBeGreaterThan(40);
    let tried = 0;
    const fivexx: string[] = [];
    for (const r of writes) {
      const url = r.url.replace(/:(\w+)/g, (_, p: string) => (p === 'id' ? (r.url.startsWith('/api/cases') ? ids.case : ids.subject) : p === 'step' ? 'accept' : 'x'));
      const caller = callerFor(r.config.permission);
      const send = async (payload: unknown) => {
        const res = await caller.send(r.method as 'POST', url, payload);
        tried++;
        if (res.status >= 500) fivexx.push(`${r.method} ${r.url} ${JSON.stringify(payload).slice(0, 120)} → ${res.status}`);
      };
      await fc.assert(fc.asyncProperty(hostileJson, async (body) => { await send(body); }), { numRuns: RUNS, seed: 20261123 });
      for (const h of HOSTILE_STRINGS) await send({ version: 1, name: h, reason: h, grounds: h, subjectId: h, date: h, content: h });
    }
    // Raw bytes that are not JSON at all, or JSON that should never be parsed: on one endpoint of each shape.
    const officer = sessions.get('integrity_officer')!;
    for (const url of ['/api/subjects', '/api/public/complaints', `/api/cases/${ids.case}/steps/accept`]) {
      for (const raw of RAW_BODIES) {
        const res = await t.server.inject({ method: 'POST', url, payload: raw.body, headers: { 'content-type': raw.type, cookie: officer.cookie } });
        tried++;
        if (res.statusCode >= 500) fivexx.push(`POST ${url} raw ${String(raw.body).slice(0, 60)} → ${res.statusCode}`);
      }
    }
    // Bodies that pass validation, with every hostile string in the free-text fields: these reach the
    // commands and the database, and are stored.
    const officer2 = sessions.get('integrity_officer')!;
    let n = 0;
    const code = () => { const first17 = `91532300MA${String(7_000_000 + n++).padStart(7, '0')}`; return first17 + creditCodeCheckChar(first17); };
    let stored = 0;
    for (const h of HOSTILE_STRINGS) {
      const shaped: [string, string, unknown][] = [
        ['POST', '/api/subjects', { kind: 'organization', orgType: 'service_agency', name: h.slice(0, 100), creditCode: code(), regionCode: '532300' }],
        ['POST', '/api/public/complaints', { accusedName: `被举报${h}`.slice(0, 100), accusedKind: 'organization', content: `举报内容：${h}`.slice(0, 5000), complainant: { name: h.slice(0, 50) || '某', phone: '13800000000' } }],
        ['POST', '/api/cases', startBody('misconduct', { subjectId: ids.subject, source: 'audit', grounds: `审计发现：${h}`.slice(0, 4000) })],
      ];
      for (const [method, url, body] of shaped) {
        const res = url.startsWith('/api/public/')
          ? await fileComplaint(t, body as object).then((x) => ({ status: x.statusCode }))
          : await officer2.send(method as 'POST', url, body);
        tried++;
        if (res.status >= 500) fivexx.push(`${method} ${url} ${JSON.stringify(body).slice(0, 120)} → ${res.status}`);
        if (res.status === 201 || res.status === 200) stored++;
      }
    }
    expect(fivexx).toEqual([]);
    // Text the database cannot hold is refused at the edge, naming the field.
    for (const [bad, field] of [['a\u0000b', 'name'], ['a\ud800b', 'name']]) {
      const res = await officer2.send('POST', '/api/subjects', { kind: 'organization', orgType: 'service_agency', name: bad, creditCode: code(), regionCode: '532300' });
      expect([res.status, res.json.error.code, res.json.error.field]).toEqual([400, 'VALIDATION_FAILED', field]);
    }
    expect(stored).toBeGreaterThan(HOSTILE_STRINGS.length * 2);
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    console.log(`hostile input (${kind}): ${writes.length} write endpoints, ${tried} requests (${stored} hostile payloads stored), ${fivexx.length} answered 5xx`);
  }, 900_000);
});
