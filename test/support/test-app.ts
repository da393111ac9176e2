/**
 * A whole Kexin on a copy of a template database (with the demo data), a fixed clock and a fixed SM4 key, plus
 * small helpers to log in and call the API through Fastify's inject (no sockets, real routes).
 */
import type { FastifyInstance } from 'fastify';
import { fixedClock, trainingClock, type TrainingClockSetting } from '../../src/core/time/clock';
import { createApp } from '../../src/server/app';
import { loadConfig, type MailConfig } from '../../src/server/config';
import type { AppContext } from '../../src/server/context';
import { Sm4FieldCipher } from '../../src/server/crypto/sm';
import { loadAuditSeal } from '../../src/server/crypto/audit-seal';
import crypto from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo';
import { buildServer } from '../../src/server/http/server';
import type { Database } from '../../src/server/db/database';
import { createTestDatabase, type DbKind, type TestDatabase } from './databases';
import { TEST_KEY_DIR, TEST_ROOT } from './templates';

export const TEST_NOW = '2026-11-20T02:00:00.000Z'; // 2026-11-20 10:00 in Beijing, a Friday

export interface TestApp {
  app: AppContext;
  server: FastifyInstance;
  clock: ReturnType<typeof fixedClock>;
  testDb: TestDatabase;
  /** Environment for running the `kexin` command against this app's database with its keys and checkpoint folder. */
  cliEnv: NodeJS.ProcessEnv;
  close(): Promise<void>;
}

/** The fixed SM4 key and audit keys every test app (and every template) uses, and its configuration. */
export const testCipher = () => new Sm4FieldCipher(new Map([['k1', Buffer.from('00112233445566778899aabbccddeeff', 'hex')]]), 'k1');
const keyFile = path.join(TEST_KEY_DIR, 'data.key');
export const testAuditSeal = () => loadAuditSeal(TEST_KEY_DIR);

export interface TestAppOptions {
  demo?: boolean; rateLimits?: boolean; secondFactor?: boolean; passwordMaxAgeDays?: number; logLines?: string[];
  /** Mail through this SMTP server (a real one started by the test, test/support/smtp.ts); off when absent. */
  mail?: Partial<MailConfig> & { smtpUrl: string };
  /** A training system (KEXIN_TODAY): its clock is the fixed test clock moved as createApp would move the system clock. */
  trainingClock?: TrainingClockSetting;
}

/** Mail settings as a bureau would give them, with the test's SMTP server. */
const testMail = (m: TestAppOptions['mail']): MailConfig | null => (m ? { from: 'kexin@kjj.cx.gov.cn', publicUrl: 'https://kexin.cx.gov.cn', maxAttempts: 6, retrySeconds: 60, retryMaxSeconds: 3600, leaseSeconds: 600, ...m } : null);

function testConfig(opts: TestAppOptions, auditCheckpointDir: string) {
  // The complaint form's proof of work at its lowest useful cost: the suites solve it for every complaint they file.
  // Suites log in dozens of times from one address; the budgets are tested on their own (rate-limits.test.ts).
  // Keys outside the database, shared by the test processes; checkpoints in a folder of this app's own.
  return { ...loadConfig({ KEXIN_DEMO: 'false', LOG_LEVEL: 'silent', KEXIN_COMPLAINT_POW_BITS: '10' }), cookieSecure: false, rateLimits: opts.rateLimits ?? false, keyFile, auditCheckpointDir,
    // The second factor and password ageing are proven in identification.test.ts; other suites sign in with passwords.
    totpRequired: opts.secondFactor ?? false, passwordMaxAgeDays: opts.passwordMaxAgeDays ?? 0, mail: testMail(opts.mail) };
}

/** Makes a template's content: the real start-up path (migrations, regions, calendar, policies, and the demo when asked) on the test clock and keys. */
export async function buildTemplateContent(db: Database, demo: boolean) {
  const dir = fs.mkdtempSync(path.join(TEST_ROOT, 'tpl-'));
  try {
    await createApp(testConfig({}, dir), { db, clock: fixedClock(TEST_NOW), cipher: testCipher(), auditSeal: testAuditSeal(), demo });
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

/** A whole Kexin on a copy of the demo template (or the migrated empty one with `demo: false`). */
export async function startTestApp(kind: DbKind, opts: TestAppOptions = {}): Promise<TestApp> {
  const demo = opts.demo ?? true;
  const testDb = await createTestDatabase(kind, { template: demo ? 'demo' : 'empty' });
  const clock = fixedClock(TEST_NOW);
  const auditCheckpointDir = path.join(TEST_ROOT, 'checkpoints', crypto.randomBytes(6).toString('hex'));
  const config = { ...testConfig(opts, auditCheckpointDir), trainingClock: opts.trainingClock ?? null };
  // The template already holds what createApp would make (it starts as a no-op on it: migrations applied, seeds present, demo loaded).
  const app = await createApp(config, { db: testDb.db, clock: opts.trainingClock ? trainingClock(clock, opts.trainingClock) : clock, cipher: testCipher(), auditSeal: testAuditSeal(), demo });
  const server = await buildServer(app, opts.logLines ? { logStream: { write: (line: string) => { opts.logLines!.push(line); } } } : {});
  await server.ready();
  return {
    app, server, clock, testDb,
    cliEnv: { ...process.env, ...(testDb.url ? { DATABASE_URL: testDb.url } : {}), KEXIN_KEY_FILE: keyFile, KEXIN_AUDIT_CHECKPOINT_DIR: auditCheckpointDir, LOG_LEVEL: 'silent' },
    async close() {
      await server.close();
      await testDb.drop();
      fs.rmSync(auditCheckpointDir, { recursive: true, force: true });
    },
  };
}

export interface Client {
  /** The Cookie header of this session, for requests the helpers do not make (raw bodies). */
  cookie: string;
  get(url: string): Promise<{ status: number; json: any; body: string; headers: Record<string, unknown>; raw: Buffer }>;
  send(method: 'POST' | 'PATCH' | 'PUT' | 'DELETE', url: string, payload?: unknown, headers?: Record<string, string>): Promise<{ status: number; json: any }>;
  /** Posts raw bytes as application/octet-stream (file uploads). */
  upload(url: string, bytes: Buffer): Promise<{ status: number; json: any; headers: Record<string, unknown>; raw: Buffer }>;
}

export async function loginAs(t: TestApp, username: string, password = DEMO_PASSWORD): Promise<Client> {
  const res = await t.server.inject({ method: 'POST', url: '/api/auth/login', payload: { username, password } });
  if (res.statusCode !== 200) throw new Error(`login ${username} failed: ${res.body}`);
  const cookie = res.cookies.find((c) => c.name === 'kexin_session')!;
  const headers = { cookie: `kexin_session=${cookie.value}` };
  return {
    cookie: headers.cookie,
    async get(url) {
      const r = await t.server.inject({ method: 'GET', url, headers });
      let json: unknown = null;
      try { json = r.json(); } catch { /* binary */ }
      return { status: r.statusCode, json, body: r.body, headers: r.headers, raw: r.rawPayload };
    },
    async send(method, url, payload, extra = {}) {
      const r = await t.server.inject({
        method, url, headers: { ...headers, ...extra },
        ...(typeof payload === 'string' ? { payload, headers: { ...headers, 'content-type': 'application/json', ...extra } } : payload !== undefined ? { payload: payload as object } : {}),
      });
      return { status: r.statusCode, json: r.body ? r.json() : null };
    },
    async upload(url, bytes) {
      const r = await t.server.inject({ method: 'POST', url, headers: { ...headers, 'content-type': 'application/octet-stream' }, payload: bytes });
      let json: unknown = null;
      try { json = r.json(); } catch { /* binary */ }
      return { status: r.statusCode, json, headers: r.headers, raw: r.rawPayload };
    },
  };
}
