/**
 * Start-up: `kexin serve` on an empty PGlite folder (migrate + regions + demo data), then a
 * restart on the same folder, each timed until GET /api/health answers; memory (RSS) at rest.
 * Baseline in the same run: a bare Node HTTP server started the same way.
 * Run: npx tsx bench/startup.ts
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

async function waitHealthy(url: string, started: number, limitMs = 60_000): Promise<number> {
  for (;;) {
    try {
      const r = await fetch(url);
      if (r.ok) return Date.now() - started;
    } catch { /* not yet */ }
    if (Date.now() - started > limitMs) throw new Error(`no answer from ${url}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function rssMb(pid: number): number {
  const status = fs.readFileSync(`/proc/${pid}/status`, 'utf8');
  return Number(/VmRSS:\s+(\d+)/.exec(status)![1]) / 1024;
}

async function run(label: string, args: string[], env: Record<string, string>, port: number) {
  const started = Date.now();
  const child = spawn(process.execPath, args, { env: { ...process.env, ...env, PORT: String(port) }, stdio: 'ignore' });
  const ms = await waitHealthy(`http://127.0.0.1:${port}/api/health`, started);
  await new Promise((r) => setTimeout(r, REST_MS));
  const rss = rssMb(child.pid!);
  child.kill('SIGTERM');
  await new Promise((r) => child.once('exit', r));
  console.log(`${label.padEnd(34)} ${String(ms).padStart(6)} ms   RSS at rest ${rss.toFixed(0)} MB`);
  return { ms, rss };
}

// Memory is read once the process has settled; the quick mode (CI) waits a second, the full one two.
const REST_MS = process.argv.includes('--quick') ? 1000 : 2000;
const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-bench-'));
const baselineScript = path.join(dir, 'hello.mjs');
fs.writeFileSync(baselineScript, `import http from 'node:http';
http.createServer((q, s) => { s.setHeader('content-type', 'application/json'); s.end('{"status":"ok"}'); }).listen(process.env.PORT, '127.0.0.1');`);
console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}, ${new Date().toISOString()}`);
const base = await run('baseline: bare node:http server', [baselineScript], {}, 3301);
const env = { KEXIN_DATA_DIR: path.join(dir, 'data'), LOG_LEVEL: 'silent' };
const first = await run('kexin first start (empty folder)', ['bin/kexin.mjs', 'serve'], env, 3302);
const second = await run('kexin restart (same folder)', ['bin/kexin.mjs', 'serve'], env, 3303);
console.log(`ratios to baseline: first ${(first.ms / base.ms).toFixed(1)}×, restart ${(second.ms / base.ms).toFixed(1)}×`);
fs.rmSync(dir, { recursive: true, force: true });
