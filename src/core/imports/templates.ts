/**
 * The import templates (issue 19): what each kind of file holds, one column per field, with the
 * Chinese headers of a provincial project system's export. A bureau whose export names its columns
 * otherwise sends a column map (field → its own header). Templates are data: the server writes them
 * as Excel and CSV from this table, and the row checks read the same table.
 */
export const IMPORT_KINDS = ['units', 'persons', 'projects', 'relations'] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];
export const IMPORT_KIND_LABEL: Record<ImportKind, string> = { units: '单位', persons: '人员', projects: '项目（含里程碑）', relations: '主体关系' };

export interface TemplateColumn {
  /** The field, an English identifier (GLOSSARY.md). */
  field: string;
  /** The template's header. */
  header: string;
  required: boolean;
  /** What to write, shown under the header in the template's example row. */
  example: string;
  note?: string;
}

/** How many milestones a project row carries (里程碑1 … 里程碑N, each with name, due date and completion date). */
export const MILESTONES_PER_ROW = 3;

const milestoneColumns: TemplateColumn[] = Array.from({ length: MILESTONES_PER_ROW }, (_, i) => [
  { field: `milestone${i + 1}Name`, header: `里程碑${i + 1}名称`, required: false, example: i === 0 ? '完成中试' : '' },
  { field: `milestone${i + 1}DueDate`, header: `里程碑${i + 1}计划完成日期`, required: false, example: i === 0 ? '2026-06-30' : '' },
  { field: `milestone${i + 1}CompletedDate`, header: `里程碑${i + 1}实际完成日期`, required: false, example: '' },
]).flat();

export const TEMPLATES: Record<ImportKind, TemplateColumn[]> = {
  units: [
    { field: 'name', header: '单位名称', required: true, example: '楚雄示例科技有限公司' },
    { field: 'creditCode', header: '统一社会信用代码', required: true, example: '91532300MA6K000016', note: 'GB 32100-2015，18 位，校验码须正确' },
    { field: 'orgType', header: '单位类别', required: true, example: '项目承担单位', note: '项目承担单位、项目推荐部门或科技服务机构' },
    { field: 'regionCode', header: '所在行政区划代码', required: true, example: '532301', note: 'GB/T 2260 六位代码' },
  ],
  persons: [
    { field: 'name', header: '姓名', required: true, example: '张三' },
    { field: 'idNumber', header: '身份证号码', required: true, example: '532301198001010011', note: 'GB 11643-1999，18 位，校验码须正确；入库时加密' },
    { field: 'regionCode', header: '所在行政区划代码', required: false, example: '532301', note: '填写工作单位时可不填，取工作单位所在区划' },
    { field: 'employerCreditCode', header: '工作单位统一社会信用代码', required: false, example: '91532300MA6K000016', note: '须已导入' },
    { field: 'isExpert', header: '是否评审专家', required: false, example: '否', note: '是或否' },
    { field: 'expertField', header: '专业领域', required: false, example: '' },
    { field: 'title', header: '职称', required: false, example: '高级工程师' },
  ],
  projects: [
    { field: 'code', header: '项目编号', required: true, example: '2026CX001' },
    { field: 'name', header: '项目名称', required: true, example: '高原特色作物种植技术示范' },
    { field: 'planLevel', header: '计划层级', required: true, example: '州级', note: '省级、州级或县级' },
    { field: 'jurisdictionCode', header: '立项部门所在行政区划代码', required: true, example: '532300' },
    { field: 'fundingSource', header: '资金来源', required: true, example: '州级财政科技资金' },
    { field: 'unitCreditCode', header: '承担单位统一社会信用代码', required: true, example: '91532300MA6K000016', note: '须已导入' },
    { field: 'leaderIdNumber', header: '项目负责人身份证号码', required: true, example: '532301198001010011', note: '须已导入' },
    { field: 'recommenderCreditCode', header: '推荐部门统一社会信用代码', required: false, example: '' },
    { field: 'agencyCreditCode', header: '服务机构统一社会信用代码', required: false, example: '' },
    { field: 'startDate', header: '开始日期', required: true, example: '2026-01-01', note: 'YYYY-MM-DD、YYYY/M/D 或 Excel 日期' },
    { field: 'dueDate', header: '执行期截止日期', required: true, example: '2027-12-31' },
    { field: 'extendedDueDate', header: '批准延期后的完成日期', required: false, example: '' },
    { field: 'status', header: '项目状态', required: true, example: '执行中', note: '立项、执行中、已申请验收、已验收、终止、结题' },
    { field: 'acceptanceAppliedDate', header: '申请验收日期', required: false, example: '' },
    { field: 'acceptedDate', header: '验收日期', required: false, example: '' },
    { field: 'terminatedDate', header: '终止日期', required: false, example: '' },
    { field: 'concludedDate', header: '结题日期', required: false, example: '' },
    { field: 'fundsGranted', header: '资助经费（元）', required: true, example: '300000' },
    ...milestoneColumns,
  ],
  relations: [
    { field: 'unitCreditCode', header: '单位统一社会信用代码', required: true, example: '91532300MA6K000016', note: '须已导入' },
    { field: 'personIdNumber', header: '人员身份证号码', required: true, example: '532301198001010011', note: '须已导入' },
    { field: 'kind', header: '关系', required: true, example: '法定代表人', note: '法定代表人、主要负责人、实际控制人、单位主要负责人或工作单位' },
    { field: 'since', header: '起始日期', required: false, example: '2020-01-01' },
    { field: 'until', header: '终止日期', required: false, example: '' },
  ],
};

/** A column map: field → the header the bureau's own file uses for it. Fields not named keep the template's header. */
export type ColumnMap = Partial<Record<string, string>>;

/** Headers compared loosely: spaces, full-width brackets and an asterisk marking a required column do not matter. */
export function normaliseHeader(h: string): string {
  return h.replace(/[\s\u3000*＊]/g, '').replace(/（/g, '(').replace(/）/g, ')').toLowerCase();
}
