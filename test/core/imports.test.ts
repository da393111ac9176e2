import { describe, expect, it } from 'vitest';
import { creditCodeCheckChar } from '../../src/core/identity/credit-code';
import { idNumberCheckChar } from '../../src/core/identity/id-number';
import { parseCsv } from '../../src/core/imports/csv';
import { mapColumns, planImport, readAmount, readDateCell, readRecords, type Stored } from '../../src/core/imports/rows';
import { TEMPLATES } from '../../src/core/imports/templates';
import { RegionTree } from '../../src/core/regions/region-tree';

const regions = new RegionTree([
  { code: '530000', name: '云南省', level: 'province', parentCode: null },
  { code: '532300', name: '楚雄彝族自治州', level: 'prefecture', parentCode: '530000' },
  { code: '532301', name: '楚雄市', level: 'county', parentCode: '532300' },
  { code: '530100', name: '昆明市', level: 'prefecture', parentCode: '530000' },
] as never);
const cc = (body17: string) => body17 + creditCodeCheckChar(body17);
const idn = (first17: string) => first17 + idNumberCheckChar(first17);
const header = (kind: keyof typeof TEMPLATES) => ({ row: 1, cells: TEMPLATES[kind].map((c) => c.header) });
const empty: Stored = { organizations: new Map(), persons: new Map(), projects: new Map(), relations: [] };
const chuxiong = { regions, inScope: (code: string) => ['532300', '532301'].includes(code) };

describe('导入文件的逐行检查（issue 19）', () => {
  it('单位：校验码错、区划代码不存在、类别不是可选值，各报一处，注明行、列和代码', () => {
    const { columns, problems: headerProblems } = mapColumns('units', header('units'));
    expect(headerProblems).toEqual([]);
    const good = cc('91532300MA6K00001');
    const badCheck = good.slice(0, 17) + (good[17] === '0' ? '1' : '0');
    const { records, problems } = readRecords(columns, [
      { row: 2, cells: ['甲公司', good, '项目承担单位', '532301'] },
      { row: 3, cells: ['乙公司', badCheck, '项目承担单位', '532301'] },
      { row: 4, cells: ['丙公司', cc('91532300MA6K00002'), '承担单位', '539999'] },
      { row: 5, cells: ['丁公司', cc('91532300MA6K00003'), '研究所', '532301'] },
    ], { regions });
    expect(records.map((r) => r.row)).toEqual([2]);
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, '统一社会信用代码', 'INVALID_CREDIT_CODE'],
      [4, '所在行政区划代码', 'UNKNOWN_REGION'],
      [5, '单位类别', 'UNKNOWN_VALUE'],
    ]);
  });

  it('项目：2026-02-30 是不存在的日期；同一项目编号出现两次，第二次报“与第 2 行重复”', () => {
    const { columns } = mapColumns('projects', header('projects'));
    const row = (n: number, start: string) => ({ row: n, cells: TEMPLATES.projects.map((c) => (c.field === 'startDate' ? start : c.example)) });
    const { records, problems } = readRecords(columns, [row(2, '2026-01-01'), row(3, '2026-01-01'), row(4, '2026-02-30')], { regions });
    expect(records).toHaveLength(1);
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([
      [3, '项目编号', 'DUPLICATE_IN_FILE'],
      [4, '开始日期', 'INVALID_DATE'],
    ]);
    expect(problems[0].zh).toContain('与第 2 行重复');
  });

  it('身份证号码校验码错误报 INVALID_ID_NUMBER；末位小写 x 按 X 读', () => {
    const { columns } = mapColumns('persons', header('persons'));
    const good = idn('11010519491231002'); // check character X (GB 11643-1999 worked example)
    expect(good.endsWith('X')).toBe(true);
    const { records, problems } = readRecords(columns, [
      { row: 2, cells: ['张三', good.toLowerCase(), '532301', '', '', '', ''] },
      { row: 3, cells: ['李四', '110105194912310021', '532301', '', '', '', ''] },
    ], { regions });
    expect(records).toHaveLength(1);
    expect(problems.map((p) => [p.row, p.code])).toEqual([[3, 'INVALID_ID_NUMBER']]);
  });

  it('列映射：本单位表头“单位统一代码”对应 creditCode；缺少必需列时在表头行报 MISSING_COLUMN', () => {
    const mapped = mapColumns('units', { row: 1, cells: ['单位名称', '单位统一代码', '单位类别', '所在行政区划代码'] }, { creditCode: '单位统一代码' });
    expect(mapped.problems).toEqual([]);
    expect(mapped.columns.at.creditCode).toBe(1);
    const missing = mapColumns('units', { row: 1, cells: ['单位名称', '单位类别'] });
    expect(missing.problems.map((p) => [p.row, p.column, p.code])).toEqual([[1, '统一社会信用代码', 'MISSING_COLUMN'], [1, '所在行政区划代码', 'MISSING_COLUMN']]);
  });

  it('日期单元格：2026/3/1、2026年3月1日和 Excel 序号 46082 都读作 2026-03-01（46082 = 1899-12-30 起的天数）', () => {
    expect(readDateCell('2026/3/1')).toBe('2026-03-01');
    expect(readDateCell('2026年3月1日')).toBe('2026-03-01');
    expect(readDateCell('46082')).toBe('2026-03-01');
    expect(readAmount('1,234.5')).toBe('1234.50');
    expect(readAmount('12元')).toBeNull();
  });

  it('CSV：引号内的逗号和换行属于同一单元格，行号按表格的行数计', () => {
    const { rows } = parseCsv('\uFEFF名称,代码\r\n"甲,乙公司",1\r\n"多\n行",2\r\n', { rowCap: 10, columns: 2 });
    expect(rows).toEqual([{ row: 1, cells: ['名称', '代码'] }, { row: 2, cells: ['甲,乙公司', '1'] }, { row: 3, cells: ['多\n行', '2'] }]);
  });
});

describe('导入计划：引用、数据范围和变更预览', () => {
  const unitCode = cc('91532300MA6K00001');
  it('新单位为“新增”；与库中相同为“未变”；名称不同为“变更”并列出前后值；昆明的单位超出楚雄工作人员的范围', () => {
    const { columns } = mapColumns('units', header('units'));
    const other = cc('91532300MA6K00002');
    const kunming = cc('91530100MA6K00003');
    const third = cc('91532300MA6K00004');
    const { records } = readRecords(columns, [
      { row: 2, cells: ['甲公司', unitCode, '项目承担单位', '532301'] },
      { row: 3, cells: ['乙公司（新名）', other, '项目承担单位', '532301'] },
      { row: 4, cells: ['丙公司', kunming, '项目承担单位', '530100'] },
      { row: 5, cells: ['丁公司', third, '项目承担单位', '532301'] },
    ], { regions });
    const stored: Stored = { ...empty, organizations: new Map([
      [other, { id: 'o2', name: '乙公司', orgType: 'undertaking_unit', regionCode: '532301' }],
      [third, { id: 'o4', name: '丁公司', orgType: 'undertaking_unit', regionCode: '532301' }],
    ]) };
    const { plan, problems } = planImport(columns, records, stored, chuxiong);
    expect(plan.map((p) => [p.row, p.change])).toEqual([[2, 'new'], [3, 'changed'], [5, 'unchanged']]);
    expect(plan[1].changes).toEqual({ name: { before: '乙公司', after: '乙公司（新名）' } });
    expect(problems.map((p) => [p.row, p.code])).toEqual([[4, 'OUT_OF_SCOPE']]);
  });

  it('项目引用的承担单位未登记时报 MISSING_REFERENCE；负责人已登记但单位类别为推荐部门时报 WRONG_REFERENCE', () => {
    const { columns } = mapColumns('projects', header('projects'));
    const leader = TEMPLATES.projects.find((c) => c.field === 'leaderIdNumber')!.example;
    const base = TEMPLATES.projects.map((c) => c.example);
    const { records } = readRecords(columns, [{ row: 2, cells: base }, { row: 3, cells: base.map((v, i) => (i === 0 ? '2026CX002' : v)) }], { regions });
    const persons = new Map([[leader, { id: 'p1', name: '张三', regionCode: '532301', employerId: null, isExpert: false, expertField: null, title: null }]]);
    expect(planImport(columns, records.slice(0, 1), { ...empty, persons }, chuxiong).problems.map((p) => [p.row, p.column, p.code])).toEqual([[2, '承担单位统一社会信用代码', 'MISSING_REFERENCE']]);
    const organizations = new Map([[unitCode.slice(0, 0) + TEMPLATES.projects.find((c) => c.field === 'unitCreditCode')!.example, { id: 'o1', name: '甲', orgType: 'recommending_department' as const, regionCode: '532301' }]]);
    expect(planImport(columns, records.slice(1), { ...empty, persons, organizations }, chuxiong).problems.map((p) => [p.row, p.code])).toEqual([[3, 'WRONG_REFERENCE']]);
  });

  it('引用数据范围以外的单位（昆明）与引用未登记的单位一样报 MISSING_REFERENCE，不透露该单位的名称', () => {
    const { columns } = mapColumns('relations', header('relations'));
    const kunming = cc('91530100MA6K00003');
    const leader = TEMPLATES.projects.find((c) => c.field === 'leaderIdNumber')!.example;
    const { records } = readRecords(columns, [{ row: 2, cells: [kunming, leader, '法定代表人', '2020-01-01', ''] }], { regions });
    const stored: Stored = { ...empty,
      organizations: new Map([[kunming, { id: 'o9', name: '昆明某公司', orgType: 'undertaking_unit', regionCode: '530100' }]]),
      persons: new Map([[leader, { id: 'p1', name: '张三', regionCode: '532301', employerId: null, isExpert: false, expertField: null, title: null }]]) };
    const { plan, problems } = planImport(columns, records, stored, chuxiong);
    expect(plan).toEqual([]);
    expect(problems.map((p) => [p.row, p.column, p.code])).toEqual([[2, '单位统一社会信用代码', 'MISSING_REFERENCE']]);
    expect(problems[0].zh).not.toContain('昆明某公司');
  });
});
