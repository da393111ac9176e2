/**
 * 统计简报 (云科规〔2023〕1号 第十二条, YT-12): the province's S&T leadership group, with the provincial
 * discipline inspection and supervision commission (纪委监委), reviews fault-tolerance and correction
 * work periodically; the bureau briefs them with the figures of a period and a region — tolerance
 * applications received and decided by outcome (YT-6, YT-5), corrections started (YT-9), misconduct
 * sanctions by severity (CI-25), listings (CI-27) and external records received (CI-13). Pure: the
 * figures in, the brief's content out, laid out as the bureau's documents are (GB/T 9704, rendered
 * by server/modules/documents/render.ts).
 */
import { OUTCOMES, OUTCOME_LABEL, type Outcome } from '../procedure/tolerance-case';
import { SEVERITY_LABEL, type Severity } from '../sanctions/sanctions';
import { chineseDate } from './official-form';
import type { DocumentContent } from './templates';

export interface BriefingFigures {
  regionCode: string; regionName: string; issuer: string; from: string; to: string; today: string;
  toleranceReceived: number;
  toleranceDecided: Partial<Record<Outcome, number>>;
  correctionsStarted: number;
  sanctions: Partial<Record<Severity, number>>;
  listings: number;
  externalRecords: number;
}

const SEVERITIES: Severity[] = ['minor', 'moderate', 'serious', 'grave'];
const sum = (o: Partial<Record<string, number>>) => Object.values(o).reduce<number>((n, v) => n + (v ?? 0), 0);

/** The brief's content: one paragraph per heading, each count written out (zero included, so a reader sees it was counted). */
export function briefingContent(f: BriefingFigures): Omit<DocumentContent, 'kind'> {
  const decided = sum(f.toleranceDecided);
  const byOutcome = OUTCOMES.map((o) => `${OUTCOME_LABEL[o]} ${f.toleranceDecided[o] ?? 0} 件`).join('，');
  const sanctioned = sum(f.sanctions);
  const bySeverity = SEVERITIES.map((s) => `${SEVERITY_LABEL[s]} ${f.sanctions[s] ?? 0} 件`).join('，');
  return {
    title: `${f.regionName}科技创新容错纠错和科研诚信工作统计简报（${f.from}至${f.to}）`,
    docNo: `统计期间：${f.from}至${f.to}　统计范围：${f.regionName}（${f.regionCode}）及所辖区划`,
    addressee: '省科技领导小组、省纪委省监委',
    paragraphs: [
      `一、容错免责申请。本期受理容错免责申请 ${f.toleranceReceived} 件（YT-6.1、YT-6.2）；作出认定 ${decided} 件，其中${byOutcome}（YT-5、YT-6.4）。`,
      `二、纠错。本期启动纠错程序 ${f.correctionsStarted} 件（YT-9.1）。`,
      `三、科研失信行为处理。本期作出处理决定 ${sanctioned} 件，其中${bySeverity}（CI-25）。`,
      `四、失信惩戒名单。本期列入严重失信惩戒名单 ${f.listings} 件（CI-27）。`,
      `五、联合惩戒。本期收到省级或全国科研诚信信息系统报送的外部失信记录 ${f.externalRecords} 条（CI-13）。`,
    ],
    basis: ['依据：《云南省科技创新容错纠错实施办法（试行）》（云科规〔2023〕1号）第十二条；《楚雄州科研诚信管理办法（试行）》（楚科规〔2022〕5号）。'],
    clauses: ['YT-12', 'YT-6', 'YT-9.1', 'CI-25', 'CI-27', 'CI-13'],
    warnings: [],
    issuer: f.issuer, date: f.today, mark: null, issuedOn: chineseDate(f.today), seal: '（印章）', copyTo: [], imprint: null,
  };
}
