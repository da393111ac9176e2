/**
 * Several servers, one PostgreSQL (issue 7): two `kexin serve` processes on different ports share one
 * database, as they would behind any HTTP balancer. A session made on one is honoured, and ended, on the
 * other; a file uploaded through one is downloaded through the other; both run the sweeps at once and
 * every reminder and its notifications happen exactly once.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, DB_KINDS, type TestDatabase } from '../support/databases';
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo';
import { FIXTURES } from '../support/zip';
import { startBody } from '../support/cases';

async function freePort(): Promise<number> {
  return new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); }); });
}

describe.skipIf(!DB_KINDS.includes('postgres'))('两个服务进程共用一个 PostgreSQL', () => {
  let db: TestDatabase;
  const procs: ChildProcess[] = [];
  const bases: string[] = [];
  const outputs: string[] = [];
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-two-'));

  async function start(): Promise<string> {
    const port = await freePort();
    const p = spawn(process.execPath, ['bin/kexin.mjs', 'serve'], {
      env: {
        ...process.env, DATABASE_URL: db.url!, PORT: String(port), KEXIN_DEMO: 'true', KEXIN_SWEEP_SECONDS: '1', LOG_LEVEL: 'silent',
        KEXIN_RATE_LIMITS: 'false', KEXIN_TOTP_REQUIRED: 'false', KEXIN_COOKIE_SECURE: 'false',
        KEXIN_KEY_FILE: path.join(work, 'keys', 'data.key'), KEXIN_AUDIT_CHECKPOINT_DIR: path.join(work, 'checkpoints'),
      },
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    procs.push(p);
    const at = outputs.push('') - 1;
    p.stdout!.setEncoding('utf8').on('data', (chunk: string) => { outputs[at] += chunk; });
    const base = `http://127.0.0.1:${port}`;
    for (let i = 0; ; i++) {
      try { if ((await fetch(`${base}/api/health`)).ok) return base; } catch { /* starting */ }
      if (i > 600) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  beforeAll(async () => {
    db = await createTestDatabase('postgres');
    bases.push(await start()); // the first loads the demo data
    bases.push(await start()); // the second finds it loaded
  }, 120_000);
  afterAll(async () => {
    for (const p of procs) { p.kill('SIGTERM'); await new Promise((r) => p.once('exit', r)); }
    await db?.drop();
    fs.rmSync(work, { recursive: true, force: true });
  });

  const login = async (base: string, username: string) => {
    const r = await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) });
    expect(r.status).toBe(200);
    return /kexin_session=[^;]+/.exec(r.headers.get('set-cookie')!)![0];
  };
  const call = (base: string, cookie: string, method: string, url: string, body?: BodyInit, type = 'application/json') =>
    fetch(`${base}${url}`, { method, body, headers: { cookie, ...(body ? { 'content-type': type } : {}), ...(method !== 'GET' ? { origin: base } : {}) } });

  it('首次启动不是一片沉默：载入演示数据前逐步说明在做什么（带用时），然后才打印访问地址和公开页面', () => {
    const lines = outputs[0].split('\n').filter(Boolean);
    const started = lines.findIndex((l) => l.startsWith('科信 Kexin 已启动'));
    expect(started).toBeGreaterThan(0);
    const steps = lines.slice(0, started).map((l) => l.replace(/^\[\d+\.\d s\] /, ''));
    expect(steps).toEqual(['连接 PostgreSQL 数据库…', '检查并升级数据库结构，载入区划、节假日安排和政策版本…', '准备演示数据（首次启动时载入楚雄州演示单位、人员、项目、评价和案件，需要一些时间）…']);
    expect(lines.slice(0, started).every((l) => /^\[\d+\.\d s\] /.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('/public/complaint'))).toBe(true);
  });

  it('在 A 登录的会话在 B 同样有效；在 B 退出后 A 也不再认可', async () => {
    const cookie = await login(bases[0], 'cx_business');
    const me = await call(bases[1], cookie, 'GET', '/api/auth/me');
    expect(me.status).toBe(200);
    expect((await me.json()).user.username).toBe('cx_business');
    expect((await call(bases[1], cookie, 'POST', '/api/auth/logout')).status).toBeLessThan(300);
    expect((await call(bases[0], cookie, 'GET', '/api/auth/me')).status).toBe(401);
  });

  it('YT-6.1 经 A 上传的申请材料经 B 下载，内容逐字节相同', async () => {
    const cookieA = await login(bases[0], 'researcher');
    const projects = await (await call(bases[0], cookieA, 'GET', '/api/projects?pageSize=50')).json();
    const project = projects.items.find((p: { jurisdictionCode: string }) => p.jurisdictionCode !== '530000');
    const started = await call(bases[0], cookieA, 'POST', '/api/cases', JSON.stringify(startBody('tolerance', {
      projectId: project.id, failure: '中试阶段工艺路线失败', conditions: { 'YT-4.5': '国内无先例的新工艺' }, circumstances: ['YT-5.6'], accountabilityStartedOn: '2026-10-09',
    })));
    expect(started.status).toBe(201);
    const c = await started.json();
    const up = await call(bases[0], cookieA, 'POST', `/api/cases/${c.id}/materials?kind=application&fileName=application.pdf`, new Uint8Array(FIXTURES.pdf), 'application/octet-stream');
    expect(up.status).toBe(201);
    const cookieB = await login(bases[1], 'researcher');
    const detail = await (await call(bases[1], cookieB, 'GET', `/api/cases/${c.id}`)).json();
    const file = detail.materials.find((m: { kind: string }) => m.kind === 'application');
    const down = await call(bases[1], cookieB, 'GET', `/api/files/${file.id}`);
    expect(down.status).toBe(200);
    expect(Buffer.from(await down.arrayBuffer()).equals(FIXTURES.pdf)).toBe(true);
  });

  it('两个进程同时扫描：每个到期提醒只认领一次，每位收件人只收到一条通知', async () => {
    // Both sweep every second; give them several rounds over the demo's clocks.
    const q = async <T>(sql: string) => (await db.db.query<T>(sql));
    for (let i = 0; i < 100; i++) {
      const [{ n }] = await q<{ n: number }>('SELECT count(*)::int AS n FROM reminders');
      if (n > 0 && i > 5) break;
      await new Promise((r) => setTimeout(r, 500));
    }
    const reminders = await q<{ raised_by: string }>('SELECT raised_by FROM reminders');
    expect(reminders.length).toBeGreaterThan(0);
    const pids = procs.map((p) => String(p.pid));
    for (const r of reminders) expect(pids).toContain(r.raised_by.split(':').pop());
    const dup = await q<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE clock_id IS NOT NULL GROUP BY user_id, clock_id, kind, title HAVING count(*) > 1`);
    expect(dup).toEqual([]);
  }, 90_000);
});
