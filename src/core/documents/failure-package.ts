/**
 * 失败原因分析报告汇编 (云科规〔2023〕1号 第十一条, YT-11): each county and prefecture bureau compiles the
 * failure-analysis reports of the cases it handled in a year into one package for the province by the
 * end of December: a cover list, the reports themselves, and a summary. Pure: the package's content,
 * laid out as the bureau's documents are (GB/T 9704; rendered by server/modules/documents/render.ts).
 */
import { chineseDate } from './official-form';
import type { DocumentContent } from './templates';

export interface PackagedReport { caseNo: string; project: string | null; causes: string; lessons: string; findings: string }
export interface FailurePackageFacts { regionCode: string; regionName: string; issuer: string; year: number; today: string; reports: PackagedReport[] }

/** YT-11: the package reaches the province by the end of December of its year. */
export const failurePackageDue = (year: number) => `${year}-12-31`;

export function failurePackageContent(f: FailurePackageFacts): Omit<DocumentContent, 'kind'> {
  const n = f.reports.length;
  const cover = f.reports.map((r, i) => `${i + 1}. 案件 ${r.caseNo}${r.project ? `：${r.project}` : ''}`);
  const body = f.reports.flatMap((r, i) => [
    `（${i + 1}）案件 ${r.caseNo}${r.project ? `，${r.project}` : ''}`,
    `失败原因分析：${r.causes}`,
    `经验教训：${r.lessons}`,
    ...(r.findings ? [`阶段性认识或数据：${r.findings}`] : []),
  ]);
  return {
    title: `${f.regionName}${f.year}年度科技创新失败原因分析报告汇编`,
    docNo: `报送期限：${failurePackageDue(f.year)}（YT-11）`,
    addressee: '云南省科学技术厅',
    paragraphs: [
      `一、报告目录（共 ${n} 份）`, ...(n ? cover : ['本年度无经认定容错免责的单位或人员提交的失败原因分析报告。']),
      '二、报告正文', ...body,
      `三、汇总情况：本年度本辖区经认定容错免责的单位或人员共提交失败原因分析报告 ${n} 份，现汇总报送，请评估其科学价值（YT-11）。`,
    ],
    basis: ['依据：《云南省科技创新容错纠错实施办法（试行）》（云科规〔2023〕1号）第十一条。'],
    clauses: ['YT-11'], warnings: [],
    issuer: f.issuer, date: f.today, mark: null, issuedOn: chineseDate(f.today), seal: '（印章）', copyTo: [], imprint: null,
  };
}
