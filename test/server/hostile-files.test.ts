/**
 * Hostile files against every upload and import endpoint (issue 16 H3, M5): the case materials
 * (YT-6.1) and the veto check's applicant sheet (CI-10). Each hostile file built in
 * test/fixtures/hostile-files.ts is refused with FILE_REFUSED (or PAYLOAD_TOO_LARGE for too many
 * rows) and leaves nothing behind; each ordinary file of the same kinds is still accepted. The
 * second part sends the whole corpus to the real server (`kexin serve` in its own process, with a
 * 512 MB heap) while another client asks for /api/health every 100 ms: the server stays up and
 * answers throughout.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { Document, Packer, Paragraph } from 'docx';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD } from '../../src/server/demo/load-demo';
import { createTestDatabase, DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { hostileMaterials, hostileSheets, ordinaryMaterials, xlsx } from '../fixtures/hostile-files';
import { startBody } from '../support/cases';

describe.each(DB_KINDS)('恶意文件：上传材料与批量审查（%s）', (kind) => {
  let t: TestApp;
  let researcher: Client;
  let officer: Client;
  let caseId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    researcher = await loginAs(t, 'researcher');
    officer = await loginAs(t, 'cx_business');
    const [u] = await t.app.db.query<{ person_id: string }>(`SELECT person_id FROM users WHERE username = 'researcher'`);
    const [project] = await t.app.db.query<{ id: string }>(`SELECT id FROM projects WHERE leader_id = $1 AND jurisdiction_code = '532300' AND exempted_on IS NULL AND status = 'in_progress' ORDER BY code LIMIT 1`, [u.person_id]);
    caseId = (await researcher.send('POST', '/api/cases', startBody('tolerance', { projectId: project.id, failure: '样品制备失败', conditions: { 'YT-4.5': '新工艺' }, circumstances: ['YT-5.6'] }))).json.id;
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  const upload = (fileName: string, bytes: Buffer) => researcher.upload(`/api/cases/${caseId}/materials?kind=explanation&fileName=${encodeURIComponent(fileName)}`, bytes);

  it('M5 材料中带 .hta/.scr/.lnk/.msi/.wsf、内嵌压缩包、OLE 与 ActiveX、远程模板、外部图片、附加 ZIP 的 PDF/PNG/JPEG、含脚本的 PDF、1 GiB 压缩炸弹：一律拒收（FILE_REFUSED），什么也不留下', async () => {
    const refused: string[] = [];
    const accepted: string[] = [];
    for (const f of await hostileMaterials()) {
      const r = await upload(f.fileName, f.bytes);
      if (r.status === 415 && r.json.error.code === 'FILE_REFUSED' && r.json.error.field === 'file') refused.push(f.name);
      else accepted.push(`${f.name} → ${r.status} ${JSON.stringify(r.json).slice(0, 120)}`);
    }
    expect(accepted).toEqual([]);
    expect(refused.length).toBeGreaterThanOrEqual(25);
    const [{ n }] = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM files WHERE case_id = $1`, [caseId]);
    expect(n).toBe(0);
    expect((await t.app.db.query(`SELECT 1 FROM audit_events WHERE action = 'file.upload' AND object_id = $1`, [caseId])).length).toBe(0);
  }, 300_000);

  it('M5 普通的 Word（含图片与外部超链接）、Excel、PDF、PNG、JPEG 以及本系统自己生成的 DOCX 仍可上传', async () => {
    const own = Buffer.from(await Packer.toBuffer(new Document({ sections: [{ children: [new Paragraph('受理通知书')] }] })));
    for (const f of [...ordinaryMaterials(), { name: 'docx 库生成的 Word', fileName: '通知书.docx', bytes: own }]) {
      const r = await upload(f.fileName, f.bytes);
      expect([f.name, r.status]).toEqual([f.name, 201]);
    }
    // A name that shows "报告exe.docx" while it ends in .exe is refused at the door (issue 16).
    const rlo = await upload('报告\u202Eexe.docx', ordinaryMaterials()[0].bytes);
    expect([rlo.status, rlo.json.error.code, rlo.json.error.field]).toEqual([400, 'VALIDATION_FAILED', 'fileName']);
  }, 120_000);

  it('H3 批量审查的 Excel：200 万行的炸弹（如实或谎报大小）、第 2 个工作表 12 万行（不读）、6 万个部件、实体膨胀、超长行、伪装的 PDF 都在解析前或解析中被拒绝；只读第 1 个工作表', async () => {
    const post = (bytes: Buffer) => officer.upload(`/api/veto-check/xlsx?on=2026-11-20&callRef=${encodeURIComponent('2026-恶意文件')}`, bytes);
    const outcomes: Array<[string, number, string]> = [];
    for (const f of await hostileSheets()) {
      const r = await post(f.bytes);
      outcomes.push([f.name, r.status, r.json?.error?.code ?? 'xlsx']);
    }
    const byName = new Map(outcomes.map(([n, s, c]) => [n, [s, c]]));
    // The bomb in sheet 2 is never read: sheet 1 is small and answers.
    const sheet2 = outcomes.find(([n]) => n.startsWith('第 2 个工作表'))!;
    expect(sheet2[1]).toBe(200);
    for (const [name, status, code] of outcomes) {
      if (name === sheet2[0]) continue;
      expect([name, status, code]).toEqual([name, expect.any(Number), expect.stringMatching(/^(FILE_REFUSED|PAYLOAD_TOO_LARGE|VALIDATION_FAILED)$/)]);
      expect(status).toBeGreaterThanOrEqual(400);
      expect(status).toBeLessThan(500);
    }
    expect(byName.get('工作表 1 有 10 万行（在解压上限之内，超过行数上限）')).toEqual([413, 'PAYLOAD_TOO_LARGE']);
    // An ordinary sheet still works.
    const ok = await post(xlsx([['名称', '代码'], ['甲单位', '91532300MA6K000000']]));
    expect(ok.status).toBe(400); // that code's check digit is wrong: the row is named
    expect((await (await fetchHealth(t))).status).toBe(200);
  }, 300_000);
});

async function fetchHealth(t: TestApp) {
  return t.server.inject({ method: 'GET', url: '/api/health' }).then((r) => ({ status: r.statusCode }));
}

const freePort = () => new Promise<number>((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); }); });
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe.each(DB_KINDS)('恶意文件：真实服务进程始终在线（%s）', (kind) => {
  const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-hostile-'));
  let server: ChildProcess | null = null;
  let pg: Awaited<ReturnType<typeof createTestDatabase>> | null = null;
  afterAll(async () => {
    if (server && server.exitCode === null) { const s = server; const gone = new Promise((r) => s.once('exit', r)); s.kill('SIGTERM'); await gone; }
    await pg?.drop();
    fs.rmSync(tmp, { recursive: true, force: true });
  });

  it('H3 把全部恶意文件发给 512 MB 堆的 kexin serve：进程不退出，健康检查每 100 ms 都有应答，每个恶意文件得到 4xx', async () => {
    pg = kind === 'postgres' ? await createTestDatabase('postgres') : null;
    const port = await freePort();
    const base = `http://127.0.0.1:${port}`;
    const env = {
      ...process.env, PORT: String(port), KEXIN_DATA_DIR: path.join(tmp, 'data'), KEXIN_KEY_FILE: path.resolve('.kexin-test/keys/data.key'), KEXIN_AUDIT_CHECKPOINT_DIR: path.join(tmp, 'checkpoints'),
      KEXIN_DEMO: 'true', KEXIN_SWEEP_SECONDS: '0', KEXIN_COOKIE_SECURE: 'false', KEXIN_RATE_LIMITS: 'false', KEXIN_TOTP_REQUIRED: 'false', LOG_LEVEL: 'silent',
      NODE_OPTIONS: '--max-old-space-size=512', ...(pg ? { DATABASE_URL: pg.url! } : { DATABASE_URL: '' }),
    };
    let exited: number | null | string = null;
    server = spawn(process.execPath, ['bin/kexin.mjs', 'serve'], { env, stdio: 'ignore' });
    server.once('exit', (code, signal) => { exited = code ?? signal; });
    for (let i = 0; ; i++) {
      try { if ((await fetch(`${base}/api/health`)).ok) break; } catch { /* starting */ }
      if (i > 1200) throw new Error('server did not start');
      await sleep(50);
    }
    const login = async (username: string) => (await fetch(`${base}/api/auth/login`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password: DEMO_PASSWORD }) })).headers.get('set-cookie')!.split(';')[0];
    const officer = await login('cx_business');
    const researcher = await login('researcher');
    const project = (await (await fetch(`${base}/api/projects?pageSize=1`, { headers: { cookie: researcher } })).json()).items[0];
    const started = await fetch(`${base}/api/cases`, { method: 'POST', headers: { 'content-type': 'application/json', cookie: researcher }, body: JSON.stringify(startBody('tolerance', { projectId: project.id, failure: '样品制备失败', conditions: { 'YT-4.5': '新工艺' }, circumstances: ['YT-5.6'], accountabilityStartedOn: '2026-10-09' })) });
    // The materials go to a real case: a refused start would make every upload a cheap 404.
    expect(started.status, await started.clone().text()).toBe(201);
    const c = await started.json();

    // The corpus is built before the clock starts: building it keeps this process busy for seconds.
    const sheets = await hostileSheets();
    const materials = await hostileMaterials();
    // Health, every 100 ms, for as long as the corpus is being sent.
    let polling = true;
    const gaps: number[] = [];
    let failures = 0;
    const poller = (async () => {
      let last = Date.now();
      while (polling) {
        const t0 = Date.now();
        try {
          const r = await fetch(`${base}/api/health`, { signal: AbortSignal.timeout(5_000) });
          if (!r.ok) failures++;
        } catch { failures++; }
        gaps.push(Date.now() - last);
        last = Date.now();
        await sleep(Math.max(0, 100 - (Date.now() - t0)));
      }
    })();
    const answers: string[] = [];
    const send = async (url: string, cookie: string, bytes: Buffer) => {
      try {
        const r = await fetch(`${base}${url}`, { method: 'POST', headers: { 'content-type': 'application/octet-stream', cookie }, body: new Uint8Array(bytes) });
        return r.status;
      } catch { return 0; }
    };
    for (const f of sheets) {
      const status = await send(`/api/veto-check/xlsx?on=2026-11-20&callRef=H3`, officer, f.bytes);
      if (!f.name.startsWith('第 2 个工作表') && !(status >= 400 && status < 500)) answers.push(`${f.name} → ${status}`);
    }
    for (const f of materials) {
      const status = await send(`/api/cases/${c.id}/materials?kind=explanation&fileName=${encodeURIComponent(f.fileName)}`, researcher, f.bytes);
      if (!(status >= 400 && status < 500)) answers.push(`${f.name} → ${status}`);
    }
    polling = false;
    await poller;
    expect(exited).toBeNull();
    expect(answers).toEqual([]);
    expect(failures).toBe(0);
    // How many checks fit depends on how fast the corpus goes (under a second on an idle machine); what
    // matters is that the checker ran while it went and that none of its checks failed.
    expect(gaps.length).toBeGreaterThan(0);
    expect((await fetch(`${base}/api/health`)).ok).toBe(true);
    console.log(`hostile files (${kind}): ${gaps.length} health checks while the corpus was sent, longest gap ${Math.max(...gaps)} ms, ${failures} failed, server ${exited === null ? 'up' : `exited ${exited}`}`);
  }, 600_000);
});
