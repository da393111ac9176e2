/**
 * Public-list search (CI-25.4, CI-27; issue 6): 1,000,000 published entries in force, searched by
 * name fragments and credit codes through the real HTTP server, 50 concurrent connections
 * (autocannon) after a warm-up. Baseline in the same run: the same server answering one
 * primary-key query (the public spot-check page). Target: p99 under 50 ms on PostgreSQL.
 * Run: npx tsx bench/public-search.ts [--quick]
 */
import { spawn } from 'node:child_process';
import net from 'node:net';
import os from 'node:os';
import { readFileSync } from 'node:fs';
import autocannon from 'autocannon';
import { fixedClock } from '../src/core/time/clock';
import { createApp } from '../src/server/app';
import { loadConfig } from '../src/server/config';
import { Sm4FieldCipher } from '../src/server/crypto/sm';
import { insertAccount } from '../src/server/modules/accounts/create-account';
import { openPostgres } from '../src/server/db/database';
import { openBenchDb } from './bench-db';
import { SYNTHETIC_DRAW_INPUT, SYNTHETIC_DRAW_RESULT } from '../src/server/seed/scale-seed';

const quick = process.argv.includes('--quick');
const S = quick ? { orgs: 6_000, persons: 18_000, entries: 30_000, seconds: 2 } : { orgs: 200_000, persons: 600_000, entries: 1_000_000, seconds: 20 };
const time = async <T>(fn: () => Promise<T>): Promise<[number, T]> => { const t0 = performance.now(); const r = await fn(); return [performance.now() - t0, r]; };

// Invented names: common surnames and given-name characters; units are place + two characters + trade + form.
const SURNAMES = '王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史黎贺顾毛郝龚邵万钱覃武戴孔';
const GIVEN = '伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍红建国志文辉鹏飞宇浩然婷雪梅琳晶欣怡佳颖慧晓东海波宁斌峰林春燕云凤鑫荣丹蕾倩琴瑞彬鸿博俊思嘉晨阳帆凯昊天翔睿泽航宏毅诚德仁义礼智信忠孝安康乐福寿喜庆祥和美善清正永恒昌盛兴隆远达通順利亨泰丰裕富贵';
const PLACES = ['楚雄', '禄丰', '双柏', '牟定', '南华', '姚安', '大姚', '永仁', '元谋', '武定', '昆明', '玉溪', '曲靖', '大理', '丽江', '保山', '普洱', '临沧', '红河', '文山', '德宏', '怒江', '迪庆', '昭通', '滇中'];
const TRADES = ['新材料', '生物', '医药', '信息', '电子', '农业', '能源', '环境', '智能', '光电', '化工', '食品', '机械', '数据', '茶叶', '林业', '矿业', '水利', '建筑', '测绘'];
const FORMS = ['科技有限公司', '技术有限公司', '研究院', '研究所', '股份有限公司', '开发有限公司', '大学', '职业学院'];

const arr = (xs: readonly string[]) => `ARRAY[${xs.map((x) => `'${x}'`).join(',')}]`;
/** A deterministic pseudo-random integer in [0, n) from row number i and a salt (Knuth multiplicative hashing). */
const h = (i: string, salt: number, n: number) => `((((${i}) * ${2654435761 + salt * 40503}) % 4294967291) % ${n})::int`;

async function freePort(): Promise<number> {
  return new Promise((resolve) => { const s = net.createServer().listen(0, '127.0.0.1', () => { const { port } = s.address() as net.AddressInfo; s.close(() => resolve(port)); }); });
}

async function main() {
  // --reuse URL runs the load again on a database a --keep run left.
  const reuse = process.argv[process.argv.indexOf('--reuse') + 1];
  const { db, drop, url } = process.argv.includes('--reuse')
    ? { db: await openPostgres(reuse), drop: async () => {}, url: reuse }
    : await openBenchDb('postgres', 'kexin_bench_search');
  const now = "'2026-11-20T00:00:00Z'::timestamptz";
  const [genMs] = await time(async () => {
    if (process.argv.includes('--reuse')) return;
    const cipher = new Sm4FieldCipher(new Map([['k1', Buffer.alloc(16, 1)]]), 'k1');
    const app = await createApp({ ...loadConfig({ LOG_LEVEL: 'silent' }), loadDemo: false }, { db, clock: fixedClock('2026-11-20T02:00:00Z'), cipher, demo: false });
    const userId = await db.transaction((tx) => insertAccount(app, tx, null, { username: 'bench', displayName: '基准', role: 'integrity_officer', password: 'Kx-Bq7#2026', regionCode: '532300' }));
    await db.query(`INSERT INTO subjects (id, kind, org_type, name, credit_code, region_code, created_at, updated_at)
      SELECT md5('o' || i)::uuid, 'organization', 'undertaking_unit',
             (${arr(PLACES)})[1 + ${h('i', 1, PLACES.length)}] || substr('${GIVEN}', 1 + ${h('i', 2, [...GIVEN].length)}, 1) || substr('${GIVEN}', 1 + ${h('i', 3, [...GIVEN].length)}, 1)
               || (${arr(TRADES)})[1 + ${h('i', 4, TRADES.length)}] || (${arr(FORMS)})[1 + ${h('i', 5, FORMS.length)}],
             '91' || lpad(i::text, 16, '0'), '532301', ${now}, ${now}
        FROM generate_series(1::bigint, ${S.orgs}) i`);
    await db.query(`INSERT INTO subjects (id, kind, name, id_number_cipher, id_number_index, id_number_masked, region_code, created_at, updated_at)
      SELECT md5('p' || i)::uuid, 'person',
             substr('${SURNAMES}', 1 + ${h('i', 6, [...SURNAMES].length)}, 1) || substr('${GIVEN}', 1 + ${h('i', 7, [...GIVEN].length)}, 1)
               || CASE WHEN i % 3 = 0 THEN '' ELSE substr('${GIVEN}', 1 + ${h('i', 8, [...GIVEN].length)}, 1) END,
             'bench', 'x' || i, '532301********0000', '532301', ${now}, ${now}
        FROM generate_series(1::bigint, ${S.persons}) i`);
    const [c] = await db.query<{ id: string }>(`INSERT INTO cases (id, procedure, state, jurisdiction_code, data, created_by, created_at, updated_at)
      VALUES (md5('case')::uuid, 'misconduct', 'decided', '532300', '{}'::jsonb, $1, ${now}, ${now}) RETURNING id`, [userId]);
    // Every entry published and in force today: decided 2020–2026, bans of 5 years or for life; one in ten
    // person entries answers for an organisation (CI-26).
    await db.query(`INSERT INTO sanctions (id, case_id, subject_id, responsible_for, responsible_role, misconduct_kind, severity, measures, conduct_date, filed_date, decided_date,
        ban_years, ban_life, ban_start, ban_end, public_disclosure, public_list, policy_version_id, clause, created_at, publication_tier, public_until)
      SELECT md5('s' || i)::uuid, '${c.id}',
             CASE WHEN i % 4 = 0 THEN md5('o' || (1 + ${h('i', 9, S.orgs)})) ELSE md5('p' || (1 + ${h('i', 10, S.persons)})) END::uuid,
             CASE WHEN i % 4 = 1 AND i % 10 = 1 THEN md5('o' || (1 + ${h('i', 11, S.orgs)}))::uuid END,
             CASE WHEN i % 4 = 1 AND i % 10 = 1 THEN 'legal_representative' END,
             'fabrication', 'grave', ARRAY['ban'], st - 200, st - 30, st, CASE WHEN i % 50 = 0 THEN NULL ELSE 5 END, i % 50 = 0, st,
             CASE WHEN i % 50 = 0 THEN NULL ELSE (st + interval '5 years')::date END, true, true, 'CI-2023', 'CI-25.4', ${now},
             -- Synthetic: every entry stays published through the bench's day, whatever the real cap (CR) would say.
             'serious', (st + interval '5 years')::date
        FROM (SELECT i, DATE '2022-01-01' + ${h('i', 12, 1700)} AS st FROM generate_series(1::bigint, ${S.entries}) i) x`);
    await db.query(`INSERT INTO spot_checks (id, title, jurisdiction_code, input, result, drawn_by, drawn_at)
      VALUES (md5('spot')::uuid, '基准', '532300', $2::jsonb, $3::jsonb, $1, ${now})`, [userId, SYNTHETIC_DRAW_INPUT, SYNTHETIC_DRAW_RESULT]);
    await db.query('VACUUM ANALYZE');
  });
  // Search terms people would type: a person's full name, four characters of a unit's name, a credit code.
  const samples = await db.query<{ name: string; kind: string; credit_code: string | null }>(
    `SELECT s.name, s.kind, s.credit_code FROM sanctions x JOIN subjects s ON s.id = x.subject_id WHERE hashtext(x.id::text) % 97 = 0 LIMIT 2000`);
  const terms = samples.map((s, k) => (s.kind === 'person' ? s.name : k % 3 === 0 ? s.credit_code! : [...s.name].slice(2, 6).join('')));
  const [{ n: entries }] = await db.query<{ n: number }>('SELECT count(*)::int AS n FROM sanctions WHERE public_list');
  await db.close();

  const port = await freePort();
  const server = spawn(process.execPath, ['bin/kexin.mjs', 'serve'], {
    env: { ...process.env, DATABASE_URL: url!, PORT: String(port), KEXIN_DEMO: 'false', KEXIN_SWEEP_SECONDS: '0', LOG_LEVEL: 'silent', KEXIN_RATE_LIMITS: 'false' },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  try {
    for (let i = 0; ; i++) {
      try { if ((await fetch(`http://127.0.0.1:${port}/api/health`)).ok) break; } catch { /* not yet */ }
      if (i > 600) throw new Error('server did not start');
      await new Promise((r) => setTimeout(r, 100));
    }
    const load = async (paths: () => string, seconds: number) => new Promise<autocannon.Result>((resolve, reject) => {
      autocannon({
        url: `http://127.0.0.1:${port}`, connections: 50, duration: seconds,
        requests: [{ setupRequest: (req: any) => ({ ...req, path: paths() }) }],
      }, (err: Error | null, res: autocannon.Result) => (err ? reject(err) : resolve(res)));
    });
    let k = 0;
    const search = () => `/api/public/sanctions?q=${encodeURIComponent(terms[k++ % terms.length])}`;
    const pk = () => `/api/public/spot-checks/${SPOT}`;
    const report = (label: string, r: autocannon.Result) => {
      const bad = r.non2xx + r.errors + r.timeouts;
      console.log(`${label.padEnd(22)} ${Math.round(r.requests.average).toLocaleString('en').padStart(6)} req/s | p50 ${r.latency.p50} ms | p99 ${r.latency.p99} ms | max ${r.latency.max} ms | ${r.requests.total.toLocaleString('en')} requests, ${bad} not 2xx`);
      return r;
    };
    await load(pk, quick ? 1 : 3);
    const base = report('baseline (PK query)', await load(pk, S.seconds));
    // A baseline of error pages measures nothing (it once did: the draw lacked its input and result).
    if (base.non2xx + base.errors > 0) { console.log('baseline answered errors: figures not valid'); process.exitCode = 1; }
    await load(search, quick ? 1 : 5);
    const s = report('public search', await load(search, S.seconds));
    const peakRss = /VmHWM:\s+(\d+)/.exec(readFileSync(`/proc/${server.pid}/status`, 'utf8'))?.[1];
    console.log(`ratio: search p99 ${(s.latency.p99 / Math.max(base.latency.p99, 1)).toFixed(1)}× baseline p99, throughput ${((s.requests.average / base.requests.average) * 100).toFixed(0)} % of baseline`
      + ` | ${terms.length} distinct terms over ${entries.toLocaleString('en')} published entries | generate ${(genMs / 1000).toFixed(1)} s | server peak RSS ${Math.round(Number(peakRss) / 1024)} MB`);
  } finally {
    server.kill('SIGTERM');
    await new Promise((r) => server.once('exit', r));
    // --keep leaves the database for EXPLAIN.
    if (process.argv.includes('--keep')) console.log(`kept: ${url}`); else await drop();
  }
}

const SPOT = (await import('node:crypto')).createHash('md5').update('spot').digest('hex').replace(/^(.{8})(.{4})(.{4})(.{4})(.{12})$/, '$1-$2-$3-$4-$5');

console.log(`machine: ${os.cpus().length} × ${os.cpus()[0].model}, node ${process.version}, ${new Date().toISOString()}`);
console.log(`scale: ${JSON.stringify(S)}${quick ? ' (quick)' : ''}, PostgreSQL, 50 connections`);
await main();
