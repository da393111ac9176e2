/**
 * Imports (issue 19) through the real routes, on PGlite and on PostgreSQL: the four templates go
 * in after a dry run; a bad file reports each bad row (row, column, code) and writes nothing; the
 * same file again plans no change; one changed field is shown before and after; hostile and
 * oversized workbooks are refused by the archive caps; only the importing roles may import, and
 * only within their data scope.
 */
import { spawnSync } from 'node:child_process';
import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { idNumberCheckChar } from '../../src/core/identity/id-number';
import { csvLine } from '../../src/core/imports/csv';
import { TEMPLATES, type ImportKind } from '../../src/core/imports/templates';
import { toXlsx } from '../../src/server/formats/xlsx';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { hugeSheetPart, xlsxParts, zipOf } from '../fixtures/hostile-files';

const cc = (n: number) => { const body = `91532301MA7T${String(n).padStart(5, '0')}`; return body + creditCodeCheckChar(body); };
const idn = (seq: number) => { const first17 = `53230119850701${String(seq).padStart(3, '0')}`; return first17 + idNumberCheckChar(first17); };

/** A file in the template's layout: the header row, then one row per record given as { field: value }. */
function rowsOf(kind: ImportKind, records: ReadonlyArray<Partial<Record<string, string>>>): string[][] {
  const cols = TEMPLATES[kind];
  return [cols.map((c) => c.header), ...records.map((r) => cols.map((c) => r[c.field] ?? ''))];
}
const asXlsx = (kind: ImportKind, records: ReadonlyArray<Partial<Record<string, string>>>) => {
  const [head, ...body] = rowsOf(kind, records);
  return toXlsx('导入', head.map((h, i) => ({ header: h, value: (r: string[]) => r[i] || null })), body);
};
const asCsv = (kind: ImportKind, records: ReadonlyArray<Partial<Record<string, string>>>) => Buffer.from(rowsOf(kind, records).map(csvLine).join('\r\n'), 'utf8');

const UNIT_A = cc(1); const UNIT_B = cc(2); const DEPT = cc(3);
const P1 = idn(101); const P2 = idn(102);
const units = [
  { name: '楚雄导入甲公司', creditCode: UNIT_A, orgType: '项目承担单位', regionCode: '532301' },
  { name: '楚雄导入乙公司', creditCode: UNIT_B, orgType: '项目承担单位', regionCode: '532301' },
  { name: '楚雄导入推荐部门', creditCode: DEPT, orgType: '项目推荐部门', regionCode: '532300' },
];
const persons = [
  { name: '导入张一', idNumber: P1, employerCreditCode: UNIT_A, isExpert: '否', title: '研究员' },
  { name: '导入李二', idNumber: P2, regionCode: '532301', isExpert: '是', expertField: '农学' },
];
const project = (code: string, extra: Record<string, string> = {}) => ({
  code, name: `导入项目${code}`, planLevel: '州级', jurisdictionCode: '532300', fundingSource: '州级财政科技资金', unitCreditCode: UNIT_A, leaderIdNumber: P1,
  recommenderCreditCode: DEPT, startDate: '2026-01-01', dueDate: '2027-12-31', status: '执行中', fundsGranted: '300000', ...extra,
});
const projects = [
  project('IMP-2026-001', { milestone1Name: '完成中试', milestone1DueDate: '2026/6/30', milestone2Name: '完成示范', milestone2DueDate: '2027-06-30' }),
  project('IMP-2026-002', { unitCreditCode: UNIT_B, leaderIdNumber: P2, recommenderCreditCode: '' }),
];
const relations = [
  { unitCreditCode: UNIT_A, personIdNumber: P1, kind: '法定代表人', since: '2020-01-01' },
  { unitCreditCode: UNIT_B, personIdNumber: P2, kind: '工作单位' },
];

describe.each(DB_KINDS)('数据导入（%s）', (kind) => {
  let t: TestApp;
  let officer: Client;
  const files: Partial<Record<ImportKind, Buffer>> = {};
  const dryRun = (k: ImportKind, bytes: Buffer, who = officer, map?: object) => who.upload(`/api/imports/${k}/dry-run?fileName=${encodeURIComponent(`${k}.file`)}${map ? `&map=${encodeURIComponent(JSON.stringify(map))}` : ''}`, bytes);
  const apply = (k: ImportKind, bytes: Buffer, token: string) => officer.upload(`/api/imports/${k}/apply?fileName=${encodeURIComponent(`${k}.file`)}&token=${token}`, bytes);
  const count = async (sql: string, params: unknown[] = []) => (await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM (${sql}) x`, params))[0].n;

  beforeAll(async () => {
    t = await startTestApp(kind);
    officer = await loginAs(t, 'cx_business');
    files.units = await asXlsx('units', units);
    files.persons = asCsv('persons', persons);
    files.projects = await asXlsx('projects', projects);
    files.relations = asCsv('relations', relations);
  }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('单位（Excel）、人员（CSV）、项目及里程碑（Excel）、主体关系（CSV）依次试运行、确认，全部写入，每次导入留痕带文件摘要', async () => {
    const expected: Record<ImportKind, number> = { units: 3, persons: 2, projects: 2, relations: 2 };
    for (const k of ['units', 'persons', 'projects', 'relations'] as const) {
      const dry = await dryRun(k, files[k]!);
      expect([k, dry.status, dry.json.problems]).toEqual([k, 200, []]);
      expect(dry.json.counts).toEqual({ new: k === 'relations' ? 1 : expected[k], changed: k === 'relations' ? 1 : 0, unchanged: 0 });
      expect(dry.json.sha256).toBe(crypto.createHash('sha256').update(files[k]!).digest('hex'));
      const done = await apply(k, files[k]!, dry.json.token);
      expect([k, done.status]).toEqual([k, 200]);
      expect(done.json.counts).toEqual(dry.json.counts);
    }
    const [a] = await t.app.db.query<{ id: string; region_code: string; org_type: string }>(`SELECT id, region_code, org_type FROM subjects WHERE credit_code = $1`, [UNIT_A]);
    const [b] = await t.app.db.query<{ id: string }>(`SELECT id FROM subjects WHERE credit_code = $1`, [UNIT_B]);
    expect([a.region_code, a.org_type]).toEqual(['532301', 'undertaking_unit']);
    // Persons: the ID number only encrypted, found by its blind index; region from the employer; gender from the 17th digit (1, odd: male; 2, even: female).
    const [p1] = await t.app.db.query<{ id: string; employer_id: string; region_code: string; gender: string; id_number_masked: string; id_number_cipher: string; title: string }>(
      `SELECT id, employer_id, region_code, gender, id_number_masked, id_number_cipher, title FROM subjects WHERE id_number_index = $1`, [t.app.cipher.blindIndex(P1)]);
    expect([p1.employer_id, p1.region_code, p1.gender, p1.title]).toEqual([a.id, '532301', 'male', '研究员']);
    expect(p1.id_number_cipher).not.toContain(P1);
    expect(t.app.cipher.decrypt(p1.id_number_cipher)).toBe(P1);
    const [p2] = await t.app.db.query<{ employer_id: string; gender: string; is_expert: boolean }>(`SELECT employer_id, gender, is_expert FROM subjects WHERE id_number_index = $1`, [t.app.cipher.blindIndex(P2)]);
    // The works-at row of the relations file set 李二's employer to 乙公司.
    expect([p2.employer_id, p2.gender, p2.is_expert]).toEqual([b.id, 'female', true]);
    const [pr] = await t.app.db.query<{ id: string; region_code: string; funds_granted: string; undertaking_unit_id: string; leader_id: string }>(
      `SELECT id, region_code, funds_granted::text, undertaking_unit_id, leader_id FROM projects WHERE code = 'IMP-2026-001'`);
    expect([pr.region_code, pr.funds_granted, pr.undertaking_unit_id, pr.leader_id]).toEqual(['532301', '300000.00', a.id, p1.id]);
    expect(await t.app.db.query(`SELECT seq, name, due_date FROM milestones WHERE project_id = $1 ORDER BY seq`, [pr.id])).toEqual([
      { seq: 1, name: '完成中试', due_date: '2026-06-30' }, { seq: 2, name: '完成示范', due_date: '2027-06-30' }]);
    expect(await t.app.db.query(`SELECT kind, since FROM subject_relations WHERE person_id = $1 AND organization_id = $2`, [p1.id, a.id])).toEqual([{ kind: 'legal_representative', since: '2020-01-01' }]);
    // Four imports, four audit events, each with its file's digests; 3 + 2 + 2 + 2 = 9 changes kept.
    const events = await t.app.db.query<{ after: { sha256: string; sm3: string; kind: string } }>(`SELECT after FROM audit_events WHERE action = 'import.apply' ORDER BY seq`);
    expect(events.map((e) => e.after.kind)).toEqual(['units', 'persons', 'projects', 'relations']);
    expect(events[0].after.sm3).toBe(crypto.createHash('sm3').update(files.units!).digest('hex'));
    expect(await count(`SELECT 1 FROM import_changes`)).toBe(9);
    expect(JSON.stringify(await t.app.db.query(`SELECT fields, natural_key FROM import_changes`))).not.toContain(P1);
  }, 120_000);

  it('再次导入同一文件是幂等的：四类文件的变更预览都为空、没有令牌；确认也不写入任何数据', async () => {
    const before = await count(`SELECT 1 FROM audit_events`);
    for (const k of ['units', 'persons', 'projects', 'relations'] as const) {
      const dry = await dryRun(k, files[k]!);
      expect([k, dry.json.problems, dry.json.changes, dry.json.counts.new, dry.json.counts.changed, dry.json.token]).toEqual([k, [], [], 0, 0, null]);
    }
    const { json } = await dryRun('units', files.units!);
    expect(json.counts).toEqual({ new: 0, changed: 0, unchanged: 3 });
    expect(await count(`SELECT 1 FROM import_batches`)).toBe(4);
    expect(await count(`SELECT 1 FROM audit_events`)).toBe(before);
  }, 120_000);

  it('改动一个项目的名称和第 2 个里程碑后再导入：只有该行为“变更”，列出前后值；确认后写入', async () => {
    const changed = await asXlsx('projects', [{ ...projects[0], name: '导入项目（更名）', milestone2DueDate: '2027-05-31' }, projects[1]]);
    const dry = await dryRun('projects', changed);
    expect(dry.json.counts).toEqual({ new: 0, changed: 1, unchanged: 1 });
    expect(dry.json.changes.map((c: { row: number; key: string; fields: Array<{ column: string; before: unknown; after: unknown }> }) => [c.row, c.key, c.fields.map((f) => f.column)])).toEqual([[2, 'IMP-2026-001', ['name', 'milestones']]]);
    expect(dry.json.changes[0].fields[0]).toMatchObject({ label: '名称', before: '导入项目IMP-2026-001', after: '导入项目（更名）' });
    expect((await apply('projects', changed, dry.json.token)).json.counts.changed).toBe(1);
    const [p] = await t.app.db.query<{ id: string; name: string; version: number }>(`SELECT id, name, version FROM projects WHERE code = 'IMP-2026-001'`);
    expect([p.name, p.version]).toEqual(['导入项目（更名）', 2]);
    expect(await t.app.db.query(`SELECT seq, due_date FROM milestones WHERE project_id = $1 ORDER BY seq`, [p.id])).toEqual([{ seq: 1, due_date: '2026-06-30' }, { seq: 2, due_date: '2027-05-31' }]);
    // The token of a dry run before the change no longer matches the stored data.
    const stale = await apply('projects', files.projects!, dry.json.token);
    expect([stale.status, stale.json.error.code]).toEqual([409, 'VERSION_CONFLICT']);
  }, 120_000);

  it('有问题的文件：逐行报告行、列、代码和中文说明；确认被拒，什么也不写', async () => {
    const good = cc(11);
    const bad = cc(12);
    const badCheck = bad.slice(0, 17) + (bad[17] === '0' ? '1' : '0');
    const file = asCsv('units', [
      { name: '丙公司', creditCode: good, orgType: '项目承担单位', regionCode: '532301' },
      { name: '丁公司', creditCode: badCheck, orgType: '项目承担单位', regionCode: '532301' },
      { name: '戊公司', creditCode: cc(13), orgType: '项目承担单位', regionCode: '539999' },
      { name: '丙公司重复', creditCode: good, orgType: '项目承担单位', regionCode: '532301' },
      { name: '昆明公司', creditCode: cc(14), orgType: '项目承担单位', regionCode: '530100' },
    ]);
    const dry = await dryRun('units', file);
    expect(dry.json.problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code])).toEqual([
      [3, '统一社会信用代码', 'INVALID_CREDIT_CODE'],
      [4, '所在行政区划代码', 'UNKNOWN_REGION'],
      [5, '统一社会信用代码', 'DUPLICATE_IN_FILE'],
      [6, '所在行政区划代码', 'OUT_OF_SCOPE'],
    ]);
    expect(dry.json.problems[2].zh).toContain('与第 2 行重复');
    expect(dry.json.token).toBeNull();
    const projectsFile = asCsv('projects', [project('IMP-BAD-1', { startDate: '2026-02-30' }), project('IMP-BAD-2', { unitCreditCode: cc(15) }), project('IMP-BAD-3', { leaderIdNumber: idn(199) })]);
    const dryP = await dryRun('projects', projectsFile);
    expect(dryP.json.problems.map((p: { row: number; column: string; code: string }) => [p.row, p.column, p.code])).toEqual([
      [2, '开始日期', 'INVALID_DATE'], [3, '承担单位统一社会信用代码', 'MISSING_REFERENCE'], [4, '项目负责人身份证号码', 'MISSING_REFERENCE'],
    ]);
    const subjects = await count(`SELECT 1 FROM subjects`);
    const refused = await apply('units', file, 'f'.repeat(64));
    expect([refused.status, refused.json.error.code]).toEqual([400, 'VALIDATION_FAILED']);
    expect(await count(`SELECT 1 FROM subjects`)).toBe(subjects);
    expect(await count(`SELECT 1 FROM subjects WHERE credit_code = $1`, [good])).toBe(0);
    expect(await count(`SELECT 1 FROM import_batches`)).toBe(5);
  }, 120_000);

  it('列映射：本单位表头不同的文件按映射读入', async () => {
    const rows = [['单位名', '统一代码', '类别', '区划'], ['映射公司', cc(21), '科技服务机构', '532302']];
    const file = Buffer.from(rows.map(csvLine).join('\n'));
    const dry = await dryRun('units', file, officer, { name: '单位名', creditCode: '统一代码', orgType: '类别', regionCode: '区划' });
    expect([dry.json.problems, dry.json.counts.new]).toEqual([[], 1]);
    const unmapped = await dryRun('units', file);
    expect(unmapped.json.problems.map((p: { code: string }) => p.code)).toEqual(['MISSING_COLUMN', 'MISSING_COLUMN', 'MISSING_COLUMN', 'MISSING_COLUMN']);
  });

  it('恶意或超大的文件被上传上限拒绝：200 万行的压缩炸弹（如实或谎报大小）、伪装的 PDF、超过 64 MB 的请求体；什么也不写', async () => {
    const header = [TEMPLATES.units.map((c) => c.header)];
    const noSheet = xlsxParts(header).filter((p) => !p.name.startsWith('xl/worksheets/'));
    const honest = zipOf(noSheet.concat(await hugeSheetPart('xl/worksheets/sheet1.xml', 2_000_000)));
    const lying = zipOf(noSheet.concat(await hugeSheetPart('xl/worksheets/sheet1.xml', 2_000_000, { declare: 4096 })));
    for (const [name, bytes] of [['如实', honest], ['谎报', lying], ['PDF', Buffer.from('%PDF-1.4\n%%EOF\n')]] as const) {
      const r = await dryRun('units', bytes);
      expect([name, r.status, r.json.error.code]).toEqual([name, 415, 'FILE_REFUSED']);
    }
    const huge = await dryRun('units', Buffer.alloc(65 * 1_048_576, 0x41));
    expect(huge.status).toBe(413);
    expect(await count(`SELECT 1 FROM import_batches`)).toBe(5);
  }, 120_000);

  it('无导入权限的角色被拒（科研人员、审计人员、局领导）；模板可下载（Excel 和 CSV）', async () => {
    for (const who of ['researcher', 'auditor', 'cx_leader']) {
      const c = await loginAs(t, who);
      expect([who, (await dryRun('units', files.units!, c)).status]).toEqual([who, 403]);
    }
    const x = await officer.get('/api/imports/templates/projects?format=xlsx');
    expect([x.status, x.raw.subarray(0, 2).toString()]).toEqual([200, 'PK']);
    const c = await officer.get('/api/imports/templates/persons?format=csv');
    expect(c.body.split('\r\n')[0]).toBe('\uFEFF' + TEMPLATES.persons.map((col) => col.header).join(','));
    const integrity = await loginAs(t, 'cx_integrity');
    expect((await dryRun('units', files.units!, integrity)).status).toBe(200);
  }, 120_000);

  it.runIf(kind === 'postgres')('命令行 kexin import：--dry-run 只报告不写入；不带 --dry-run 写入；再次运行报告“没有需要写入的变更”；有问题的文件非零退出；.xlsx 在编译后的命令行中由工作线程读取', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-import-'));
    const file = path.join(dir, '单位.csv');
    fs.writeFileSync(file, asCsv('units', [{ name: '命令行导入公司', creditCode: cc(31), orgType: '项目承担单位', regionCode: '532301' }]));
    const kexin = (...args: string[]) => { const r = spawnSync(process.execPath, ['bin/kexin.mjs', 'import', ...args], { encoding: 'utf8', env: t.cliEnv }); return { code: r.status, out: r.stdout, err: r.stderr }; };
    const dry = kexin(file, '--kind', 'units', '--as', 'cx_business', '--dry-run');
    expect([dry.code, dry.out]).toEqual([0, expect.stringContaining('新增 1，变更 0，未变 0，问题 0')]);
    expect(await count(`SELECT 1 FROM subjects WHERE credit_code = $1`, [cc(31)])).toBe(0);
    const real = kexin(file, '--kind', 'units', '--as', 'cx_business');
    expect([real.code, real.out]).toEqual([0, expect.stringContaining('已导入')]);
    expect(await count(`SELECT 1 FROM subjects WHERE credit_code = $1`, [cc(31)])).toBe(1);
    expect(kexin(file, '--kind', 'units', '--as', 'cx_business').out).toContain('没有需要写入的变更');
    fs.writeFileSync(file, asCsv('units', [{ name: '坏', creditCode: '91532301MA7T000000', orgType: '项目承担单位', regionCode: '532301' }]));
    const bad = kexin(file, '--kind', 'units', '--as', 'cx_business');
    expect([bad.code, bad.out]).toEqual([1, expect.stringContaining('第 2 行 统一社会信用代码 [INVALID_CREDIT_CODE]')]);
    expect(kexin(file, '--kind', 'units', '--as', 'researcher').code).toBe(2);
    // An Excel file through the compiled CLI: its sheet is read in the archive worker thread, which the
    // build must ship (dist/server/workers); a build without it refused every .xlsx as a zip bomb.
    const xlsx = path.join(dir, '单位.xlsx');
    fs.writeFileSync(xlsx, await asXlsx('units', [{ name: '命令行表格导入公司', creditCode: cc(32), orgType: '项目承担单位', regionCode: '532301' }]));
    const sheet = kexin(xlsx, '--kind', 'units', '--as', 'cx_business', '--dry-run');
    expect([sheet.code, sheet.err, sheet.out]).toEqual([0, '', expect.stringContaining('新增 1，变更 0，未变 0，问题 0')]);
    fs.rmSync(dir, { recursive: true, force: true });
  }, 120_000);
});
