/**
 * Policy registry: versions of each document by jurisdiction and the dates they are in
 * force, the dated parameters each version sets (every value with its basis), and the records that
 * keep a version alive past its end (延续执行) or replace it (a successor). Pure data + lookups.
 */
import type { IsoDate } from '../time/iso-date';

/** YT and CI are the two texts of the system; CR is the national credit-repair rules (国家发展改革委令2025年第36号), whose publication periods bound the public list. */
export type DocumentId = 'YT' | 'CI' | 'CR';

export type ParameterValue = number | 'life' | readonly string[] | readonly number[] | string;

export interface Parameter {
  value: ParameterValue;
  /** Document number and article that set it, in our words. */
  basis: string;
}

export interface PolicyVersion {
  id: string;
  document: DocumentId;
  docNo: string;
  title: string;
  /** The region the version governs (it applies there and in every region below). */
  jurisdiction: string;
  inForceFrom: IsoDate;
  /** Last day in force, inclusive; null while open-ended. */
  inForceTo: IsoDate | null;
  kind: 'original' | 'extension' | 'successor';
  /** For an extension: the version whose content continues. */
  extends?: string;
  basis: string;
  parameters: Record<string, Parameter>;
}

const CI_PARAMETERS: Record<string, Parameter> = {
  'CI-16.3.1.count': { value: 3, basis: '楚科规〔2022〕5号 第十六条第（三）项第1目：逾期未验收及终止项目合计三个（含）以上' },
  'CI-16.3.1.ratio': { value: 0.5, basis: '同上：合计数占当年应验收项目数的比例超过 50%' },
  'CI-16.3.1.due': { value: 'extended_due_date', basis: '同上：延期项目的验收时限以批复同意的完成日期为准（extended_due_date；设为 original_due_date 则按原定完成日期）' },
  'CI-16.3.1.overdue': { value: 'not_requested_nor_accepted_by_due', basis: '读法（设置，CI-16.3.1 与 CI-19.3.1 通用）：应验收日前既未申请验收也未通过验收的为逾期未验收（not_requested_nor_accepted_by_due；设为 not_accepted_by_due 则到期前须已通过验收）；分母为当年应验收项目与当年终止项目（各计一次）' },
  'CI-19.3.1.due': { value: 'extended_due_date', basis: '楚科规〔2022〕5号 第十九条第（三）项第1目：延期项目的验收时限以批复同意的完成日期为准' },
  'CI-19.3.1.count': { value: 3, basis: '楚科规〔2022〕5号 第十九条第（三）项第1目：年度推荐的逾期未验收及终止项目合计三个（含）以上' },
  'CI-19.3.1.ratio': { value: 0.5, basis: '同上：占当年应验收项目数的比例超过 50%' },
  'CI-17.3.4.months': { value: 3, basis: '楚科规〔2022〕5号 第十七条第（三）项第4目：执行期满三个月后无故不申请验收' },
  'CI-15.reviewApplyWorkingDays': { value: 15, basis: '楚科规〔2022〕5号 第十五条未规定申请复核的期限。设置：评价生效之日起 15 个工作日内可申请复核' },
  'CI-15.reviewWorkingDays': { value: 20, basis: '楚科规〔2022〕5号 未规定复核决定的期限。设置：收到复核申请之日起 20 个工作日内作出决定' },
  'CI-15.commentWorkingDays': { value: 10, basis: '楚科规〔2022〕5号 第十五条未规定对评价结果提出意见的期限。设置：本局设定 10 个工作日' },
  'CI-27.objectionWorkingDays': { value: 10, basis: '楚科规〔2022〕5号 第二十七条要求告知后听取异议，未规定异议期限。设置：本局设定 10 个工作日' },
  'CI-27.reviewWorkingDays': { value: 15, basis: '楚科规〔2022〕5号 第二十七条：异议的调查审查在十五个工作日内提出处理建议' },
  'CI-31.workingDays': { value: 15, basis: '楚科规〔2022〕5号 第三十一条：业务职能科室接到修复申请之日起十五个工作日内调查、提出处理建议' },
  // The text of the commitment is the bureau's own form (CI-9 requires a commitment, it gives no wording); dated with the version it is signed under.
  'CI-9.commitmentText': { value: '本人（本单位）郑重承诺：所提交的申报材料真实、准确、完整，不存在弄虚作假、抄袭剽窃、侵占他人成果等科研失信行为；遵守科研诚信与科技计划管理的各项规定，自觉接受监督。如有违反，愿依照有关规定承担相应责任。', basis: '楚科规〔2022〕5号 第九条要求申报和参与科技计划的单位和人员签署科研诚信承诺书，未规定承诺书文字。设置：本局承诺书格式文本' },
  'CI-21.2.spotCheckFactor': { value: 0.5, basis: '读法（设置）：CI-21 第（二）项“合理降低抽查比例和频次”未定数值，信用良好的主体按一般主体的一半计入抽查' },
  'CI-21.2.goodCreditIntervalMonths': { value: 12, basis: '读法（设置）：CI-21 第（二）项“合理降低抽查比例和频次”未定间隔。信用良好（AA、A 级）的单位，其项目被抽中后 12 个月内不再列为抽查候选' },
  'reminders.leadWorkingDays': { value: [3, 1], basis: '设置：时限到期前第 3 个、第 1 个工作日提醒，逾期当日再提醒（文件未规定提醒方式）' },
  'CI-23.clawbackWorkingDays': { value: 30, basis: '楚科规〔2022〕5号 第二十三条：终止项目并收回已拨付的财政科技资金，未规定缴回期限。设置：本局设定自处理决定之日起 30 个工作日内缴回' },
  'CI-23.revocationWorkingDays': { value: 30, basis: '楚科规〔2022〕5号 第二十三条：撤销奖励、荣誉并收回奖金，未规定期限。设置：本局设定自处理决定之日起 30 个工作日内办结' },
  'CI-23.suspensionRectifyWorkingDays': { value: 30, basis: '楚科规〔2022〕5号 第二十三条：暂停财政资助科研项目和科研活动，限期整改，未规定整改期限。设置：本局设定自处理决定之日起 30 个工作日内整改' },
  'CI-18.1.years': { value: 3, basis: '楚科规〔2022〕5号 第十八条第（一）项：连续三年严格履行承诺义务' },
  'CI-19.1.years': { value: 3, basis: '楚科规〔2022〕5号 第十九条第（一）项：连续三年同时具备六项情形' },
  'CI-25.1.measures': { value: ['warning', 'integrity_talk', 'suspension_rectification'], basis: '楚科规〔2022〕5号 第二十五条第（一）项：情节较轻的，警告、诫勉谈话或暂停资助并限期整改，不取消资格' },
  'CI-25.2.maxBanYears': { value: 3, basis: '第二十五条第（二）项：情节较重的，取消 3 年以内的资格' },
  'CI-25.3.minBanYears': { value: 3, basis: '第二十五条第（三）项：情节严重的，取消 3～5 年的资格' },
  'CI-25.3.maxBanYears': { value: 5, basis: '同上' },
  'CI-25.4.minBanYears': { value: 5, basis: '第二十五条第（四）项：情节特别严重的，取消 5 年直至永久的资格，并向社会公布' },
  'CI-25.4.maxBanYears': { value: 'life', basis: '同上' },
  // ——— The misconduct procedure under national law (楚科规〔2022〕5号 第二十二条: misconduct is recorded once a
  // competent department has decided a penalty, so the decision follows the law on penalties). ———
  'CI-22.investigation.days': { value: 90, basis: '《中华人民共和国行政处罚法》第六十条：自立案之日起九十日内作出处罚决定（法律、法规、规章另有规定的从其规定）。《科研失信行为调查处理规则》（国科发监〔2022〕221号）所定调查时限未能查到原文，未登记为依据' },
  'CI-22.statement.workingDays': { value: 5, basis: '《中华人民共和国行政处罚法》第四十四条、第四十五条：告知后当事人有权陈述、申辩，法律未规定期限。设置：本局设定 5 个工作日（与第六十四条听证申请期一致），可调整' },
  'CI-22.hearingRequest.days': { value: 5, basis: '《中华人民共和国行政处罚法》第六十四条第（一）项：当事人要求听证的，应当在告知后五日内提出；第八十五条：“五日”指工作日，不含法定节假日' },
  'CI-22.hearingNotice.days': { value: 7, basis: '《中华人民共和国行政处罚法》第六十四条第（二）项：在举行听证的七日前通知当事人时间、地点；第八十五条：“七日”指工作日' },
  'CI-22.noticeMeasures': { value: ['warning', 'suspension_rectification', 'termination_clawback', 'revoke_awards', 'ban'], basis: '《中华人民共和国行政处罚法》第二条、第九条、第四十四条。读法（设置）：减损权益或增加义务的措施（警告、暂停资助、终止并收回经费、撤销奖励荣誉、取消资格）作出前须事先告知；科研诚信诫勉谈话是教育性措施，不减损权益，不属行政处罚，可不经事先告知' },
  'CI-22.hearingMeasures': { value: ['ban'], basis: '《中华人民共和国行政处罚法》第六十三条第（四）项、第（五）项：限制从业等较重的处罚应告知听证权利。读法（设置）：取消申报资格（一定期限直至永久）属限制从业类的较重处罚，告知听证权利；其他措施可由本局增列' },
  'CI-22.reconsiderationDays': { value: 60, basis: '《中华人民共和国行政复议法》（2023年修订，2024-01-01 施行）第二十条：自知道或者应当知道该行政行为之日起六十日内提出行政复议申请（修订前为第九条，期限相同）' },
  'CI-22.litigationMonths': { value: 6, basis: '《中华人民共和国行政诉讼法》第四十六条第一款：自知道或者应当知道作出行政行为之日起六个月内提起诉讼' },
  'CI-22.reviewApplication.workingDays': { value: 15, basis: '《科研失信行为调查处理规则》（国科发监〔2022〕221号）规定被处理人可申请复查；未能查到原文的申请期限与条款。设置：本局设定自收到处理决定书之日起 15 个工作日，核对原文后以其为准' },
  'CI-22.reviewDecision.days': { value: 60, basis: '《科研失信行为调查处理规则》（国科发监〔2022〕221号）规定复查程序；未能查到原文的复查期限与条款。设置：参照行政复议法的审理期限，本局设定自收到申请之日起 60 日，核对原文后以其为准' },
  'rating.misconductFinding': { value: 'c_criterion_by_kind', basis: '读法（设置）：处理决定认定的失信行为记为该主体身份对应的严重失信（C 级）评价标准（CI-16.4、CI-17.4、CI-18.4、CI-19.4、CI-20.4，按失信行为种类对应，见 core/rating/misconduct-findings.ts），认定日期为处理决定日期' },
  'rating.unitLeaderA': { value: 'all_conditions_across_projects_in_scope', basis: '读法（设置）：承担单位、项目负责人评 A 须当年至少有一个在范围内的项目，且 A 级各项条件对全部项目成立（未被否定的条件视为成立）' },
  'rating.activeA': { value: 'active_without_adverse_finding', basis: '读法（设置）：专家、推荐部门、服务机构当年有参与且无不良记录的评为 A' },
};

/**
 * 《信用修复管理办法》（国家发展改革委令2025年第36号，2025-11-20 公布，2026-04-01 起施行）. Registered as a
 * document of its own rather than as parameters of CI: it is a national rule with its own dates (in
 * force from 2026-04-01, open-ended) that do not follow the prefecture's document (CI expired on
 * 2026-01-31 and may be extended or replaced on dates of its own). Its publication periods cap how
 * long any entry is published and give an end to entries whose sanction has none.
 * The article numbers could not be confirmed: the text found (search, 2026) reaches only article 4; the
 * tiers are in its chapter 2 (失信信息分类与公示期限), so each basis names the chapter and says so.
 */
const CR_SOURCE = '国家发展改革委令2025年第36号《信用修复管理办法》第二章（失信信息分类与公示期限；条号未能核实，所见文本只到第四条）';
const CR_PARAMETERS: Record<string, Parameter> = {
  'publication.minor.maxMonths': { value: 3, basis: `${CR_SOURCE}：轻微失信信息原则上不予公示，确有必要公示的，公示期最长不超过 3 个月` },
  'publication.minor.published': { value: 'not_published', basis: `同上：轻微失信信息“原则上不予公示”。设置：not_published 为本局不公开轻微失信信息（名单上的期间仍以 3 个月为限）` },
  'publication.general.minMonths': { value: 3, basis: `${CR_SOURCE}：一般失信信息最短公示期 3 个月` },
  'publication.general.maxMonths': { value: 12, basis: '同上：一般失信信息最长公示期 1 年' },
  'publication.serious.minMonths': { value: 12, basis: `${CR_SOURCE}：严重失信信息最短公示期 1 年` },
  'publication.serious.maxMonths': { value: 36, basis: '同上：严重失信信息最长公示期 3 年；最长公示期届满后自动停止公示' },
  'publication.countFrom': { value: 'decision_date', basis: `${CR_SOURCE}：公示期限自司法、行政公务文书认定之日起计算。读法：取处理决定日期，次日起算，到期月的对应日为最后一日（民法典第二百零一条、第二百零二条）` },
  'tier.CI-25.1': { value: 'minor', basis: '读法（设置）：楚科规〔2022〕5号 第二十五条第（一）项情节较轻（警告、诫勉谈话、暂停资助，不取消资格）对应轻微失信信息' },
  'tier.CI-25.2': { value: 'general', basis: '读法（设置）：第二十五条第（二）项情节较重（取消 3 年以内资格）对应一般失信信息' },
  'tier.CI-25.3': { value: 'serious', basis: '读法（设置）：第二十五条第（三）项情节严重（取消 3～5 年资格），属第二十六条所称严重失信名单，对应严重失信信息' },
  'tier.CI-25.4': { value: 'serious', basis: '读法（设置）：第二十五条第（四）项情节特别严重（取消 5 年至永久资格并向社会公布），属第二十六条所称严重失信名单，对应严重失信信息' },
};

export const SEED_VERSIONS: readonly PolicyVersion[] = [
  {
    id: 'YT-2023', document: 'YT', docNo: '云科规〔2023〕1号', title: '云南省科技创新容错纠错实施办法（试行）', jurisdiction: '530000',
    inForceFrom: '2023-02-09', inForceTo: '2025-02-09', kind: 'original', basis: 'YT-17：自 2023-02-09 施行，有效期至 2025-02-09',
    parameters: {
      'YT-6.1.workingDays': { value: 20, basis: '云科规〔2023〕1号 第六条第（一）项' },
      'YT-6.2.workingDays': { value: 7, basis: '第六条第（二）项' },
      'YT-6.3.workingDays': { value: 14, basis: '第六条第（三）项' },
      'YT-6.3.extensionWorkingDays': { value: 14, basis: '第六条第（三）项：经部门负责人批准可再延长 14 个工作日' },
      'YT-6.3.extensions': { value: 1, basis: '第六条第（三）项：情况复杂的“可以再延长”，读作一次' },
      'YT-8.milestoneLeadDays': { value: 10, basis: '云科规〔2023〕1号 第八条要求里程碑式管理并及时预警，未定提前天数。设置：里程碑到期前 10 日起预警' },
      'reminders.leadWorkingDays': { value: [3, 1], basis: '设置：时限到期前第 3 个、第 1 个工作日提醒，逾期当日再提醒（文件未规定提醒方式）' },
      'YT-6.5.workingDays': { value: 10, basis: '第六条第（五）项' },
      'YT-10.surplusReturnWorkingDays': { value: 20, basis: '云科规〔2023〕1号 第十条：免责项目的结余资金按规定退回，未规定退回期限。设置：本局设定自免责决定之日起 20 个工作日内退回' },
      'YT-9.2.days': { value: 7, basis: '第九条第（二）项' },
      'YT-9.3.days': { value: 10, basis: '第九条第（三）项' },
      'YT-3.otherStateFunds': { value: 'exclude', basis: '云科规〔2023〕1号 第三条：其他使用国有资金开展科技创新活动的单位和人员“可参照”执行。设置：apply 为本局决定参照执行，exclude 为不适用（默认）' },
      'YT-6.4.minDeliberationMembers': { value: 3, basis: '云科规〔2023〕1号 第六条第（四）项要求集体审议而未规定人数。设置：到会人数下限，本局设为 3 人' },
    },
  },
  {
    id: 'CI-2023', document: 'CI', docNo: '楚科规〔2022〕5号', title: '楚雄州科研诚信管理办法（试行）', jurisdiction: '532300',
    inForceFrom: '2023-02-01', inForceTo: '2026-01-31', kind: 'original', basis: 'CI-34：自 2023-02-01 施行，有效期至 2026-01-31 止',
    parameters: CI_PARAMETERS,
  },
  {
    id: 'CR-2026', document: 'CR', docNo: '国家发展改革委令2025年第36号', title: '信用修复管理办法', jurisdiction: '530000',
    inForceFrom: '2026-04-01', inForceTo: null, kind: 'original',
    basis: '国家发展改革委令2025年第36号：2025-11-20 公布，自 2026-04-01 起施行，未定失效日期。全国适用；本系统所辖最高区划为云南省（530000），登记于此即适用于系统内全部区划',
    parameters: CR_PARAMETERS,
  },
];

export interface VersionLookup {
  version: PolicyVersion;
  /** The version whose parameters apply (the extended original, for an extension). */
  content: PolicyVersion;
  inForce: boolean;
  warning: string | null;
}

export class PolicyRegistry {
  // The registry never changes once built, so lookups can be remembered (a batch asks the same question 100,000 times).
  private readonly memo = new Map<string, VersionLookup>();

  constructor(readonly versions: readonly PolicyVersion[]) {}

  byId(id: string): PolicyVersion | undefined {
    return this.versions.find((v) => v.id === id);
  }

  /** Follows an extension back to the version whose text it keeps in force. */
  contentOf(v: PolicyVersion): PolicyVersion {
    return v.kind === 'extension' && v.extends ? this.contentOf(this.byId(v.extends) ?? v) : v;
  }

  /**
   * The version of `document` in force on `on` for a jurisdiction, given as the jurisdiction and the
   * regions above it. Outside every version: the latest earlier one, with a warning that names it.
   */
  versionFor(document: DocumentId, on: IsoDate, regionPath: readonly string[] = []): VersionLookup {
    const key = `${document}|${on}|${regionPath.join(',')}`;
    let hit = this.memo.get(key);
    if (!hit) {
      hit = this.lookup(document, on, regionPath);
      this.memo.set(key, hit);
    }
    return hit;
  }

  private lookup(document: DocumentId, on: IsoDate, regionPath: readonly string[]): VersionLookup {
    const sorted = this.versions.filter((v) => v.document === document).sort((a, b) => (a.inForceFrom < b.inForceFrom ? -1 : a.inForceFrom > b.inForceFrom ? 1 : 0));
    if (sorted.length === 0) throw new RangeError(`no version of ${document} is registered`);
    const governing = sorted.filter((v) => regionPath.length === 0 || regionPath.includes(v.jurisdiction));
    // A jurisdiction the document does not govern is said, not silently accepted.
    const outside = governing.length === 0 ? `${sorted[0].docNo} 不适用于辖区 ${regionPath[0]}（适用于 ${sorted[0].jurisdiction} 及其下级）。` : null;
    const all = governing.length ? governing : sorted;
    const inForce = all.filter((v) => v.inForceFrom <= on && (v.inForceTo === null || on <= v.inForceTo)).pop();
    if (inForce) return { version: inForce, content: this.contentOf(inForce), inForce: outside === null, warning: outside };
    const before = all.filter((v) => v.inForceTo !== null && v.inForceTo < on).pop();
    const version = before ?? all[0];
    const warning = before
      ? `${on} 不在任何有效版本内：${version.docNo}${version.kind === 'extension' ? '（延续执行）' : ''} 已于 ${version.inForceTo} 到期，尚未登记延续执行或新版本；暂按该版本计算。`
      : `${on} 早于 ${version.docNo} 施行日 ${version.inForceFrom}；暂按该版本计算。`;
    return { version, content: this.contentOf(version), inForce: false, warning: outside ? `${outside}${warning}` : warning };
  }

  parameter(lookup: VersionLookup, name: string): Parameter {
    const p = lookup.content.parameters[name];
    if (!p) throw new RangeError(`${lookup.content.docNo} sets no parameter ${name}`);
    return p;
  }

  /**
   * A parameter's value in the version of `document` in force on `on` (the latest version when no date
   * is given: a step planned without the runner's date). Every dated figure the code uses is read here.
   */
  valueOn(document: DocumentId, name: string, on?: IsoDate, regionPath: readonly string[] = []): ParameterValue {
    const lookup = on ? this.versionFor(document, on, regionPath) : this.latest(document);
    return this.parameter(lookup, name).value;
  }

  numberOn(document: DocumentId, name: string, on?: IsoDate, regionPath: readonly string[] = []): number {
    const v = this.valueOn(document, name, on, regionPath);
    if (typeof v !== 'number') throw new RangeError(`parameter ${name} of ${document} is not a number`);
    return v;
  }

  private latest(document: DocumentId): VersionLookup {
    const last = this.versions.filter((v) => v.document === document).sort((a, b) => (a.inForceFrom < b.inForceFrom ? -1 : 1)).pop();
    if (!last) throw new RangeError(`no version of ${document} is registered`);
    return { version: last, content: this.contentOf(last), inForce: true, warning: null };
  }

  with(extra: readonly PolicyVersion[]): PolicyRegistry {
    return new PolicyRegistry([...this.versions, ...extra]);
  }
}

export const DEFAULT_REGISTRY = new PolicyRegistry(SEED_VERSIONS);
