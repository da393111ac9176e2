/**
 * The rating criteria of 楚科规〔2022〕5号 articles 16–20 (CI-16 … CI-20), one entry per clause id,
 * summarised in our own words. `source` says how a criterion is established:
 *   finding   — a fact recorded by staff with its source document (CI-5);
 *   derived   — computed from project data, never typed in;
 *   presumed  — an A-level condition taken as met unless a finding says it is not (a reading, see
 *               registry parameter rating.unitLeaderA).
 */
export type SubjectType = 'unit' | 'leader' | 'expert' | 'recommender' | 'agency';
export type Level = 'AA' | 'A' | 'B' | 'C';

export const SUBJECT_TYPES: readonly SubjectType[] = ['unit', 'leader', 'expert', 'recommender', 'agency'];

export const SUBJECT_TYPE_LABEL: Record<SubjectType, string> = {
  unit: '项目承担单位', leader: '项目负责人', expert: '咨询评审专家', recommender: '项目推荐部门', agency: '科技服务机构',
};

/** Article of CI that rates each subject type. */
export const ARTICLE_OF: Record<SubjectType, number> = { unit: 16, leader: 17, expert: 18, recommender: 19, agency: 20 };

export interface Criterion {
  id: string;
  subject: SubjectType;
  level: Level;
  source: 'finding' | 'derived' | 'presumed';
  summary: string;
}

const c = (id: string, subject: SubjectType, level: Level, source: Criterion['source'], summary: string): Criterion => ({ id, subject, level, source, summary });

export const CRITERIA: readonly Criterion[] = [
  // CI-16 承担单位
  c('CI-16.1', 'unit', 'AA', 'finding', '单位与负责人通过州级项目获国家或省科技奖励，并对全州发展有突出贡献'),
  c('CI-16.2.1', 'unit', 'A', 'presumed', '项目经费专款专用、使用规范'),
  c('CI-16.2.2', 'unit', 'A', 'presumed', '按合同报告执行进展、预算执行、科技报告和重大事项'),
  c('CI-16.2.3', 'unit', 'A', 'derived', '到期项目均按合同要求通过验收'),
  c('CI-16.2.4', 'unit', 'A', 'presumed', '按要求完成统计调查、绩效评价和统计数据'),
  c('CI-16.2.5', 'unit', 'A', 'presumed', '抽查、评估、绩效考评良好，经费检查无违规'),
  c('CI-16.3.1', 'unit', 'B', 'derived', '年度逾期未验收及终止项目合计 3 个及以上，或占当年应验收项目数超过 50%'),
  c('CI-16.3.2', 'unit', 'B', 'finding', '缓拨项目经费、督促追回经费不力'),
  c('CI-16.3.3', 'unit', 'B', 'finding', '未按合同报告或督促负责人报告执行情况和重大事项'),
  c('CI-16.3.4', 'unit', 'B', 'finding', '未完成或督促完成统计调查、绩效评价'),
  c('CI-16.3.5', 'unit', 'B', 'finding', '其他应追究责任的违纪违规行为'),
  c('CI-16.4.1', 'unit', 'C', 'finding', '以贿赂、造假、故意重复申报等不正当手段获取项目资格'),
  c('CI-16.4.2', 'unit', 'C', 'finding', '利用管理职能设租寻租、谋取不正当利益'),
  c('CI-16.4.3', 'unit', 'C', 'finding', '不履行管理职责，包庇纵容严重失信，截留挤占挪用转移经费'),
  c('CI-16.4.4', 'unit', 'C', 'finding', '不配合审计监督检查，提供虚假材料，拒不或虚假整改'),
  c('CI-16.4.5', 'unit', 'C', 'finding', '其他违法、违反财经纪律、违约或科研不端情形'),
  // CI-17 项目负责人
  c('CI-17.1', 'leader', 'AA', 'finding', '通过州级项目获国家或省科技奖励，并对全州发展有突出贡献'),
  c('CI-17.2.1', 'leader', 'A', 'presumed', '项目经费专款专用、使用规范'),
  c('CI-17.2.2', 'leader', 'A', 'presumed', '按合同报告执行进展、预算执行、科技报告和重大事项'),
  c('CI-17.2.3', 'leader', 'A', 'derived', '到期项目均按合同要求通过验收'),
  c('CI-17.2.4', 'leader', 'A', 'presumed', '按要求完成统计调查、绩效评价和统计数据'),
  c('CI-17.2.5', 'leader', 'A', 'presumed', '抽查、评估、绩效考评良好，经费检查无违规'),
  c('CI-17.3.1', 'leader', 'B', 'finding', '不按合同报告执行情况、科技报告和重大事项'),
  c('CI-17.3.2', 'leader', 'B', 'finding', '未完成统计调查、绩效评价或统计数据'),
  c('CI-17.3.3', 'leader', 'B', 'finding', '无正当理由未完成或擅自调整考核指标'),
  c('CI-17.3.4', 'leader', 'B', 'derived', '执行期满三个月后无故不申请验收，或未按时提出延期申请'),
  c('CI-17.3.5', 'leader', 'B', 'finding', '项目终止后未按要求和时限退还财政经费'),
  c('CI-17.3.6', 'leader', 'B', 'finding', '违反合同约定违规使用财政经费'),
  c('CI-17.3.7', 'leader', 'B', 'finding', '其他应追究责任的违纪违规行为'),
  c('CI-17.4.1', 'leader', 'C', 'finding', '以贿赂、造假、故意重复申报等不正当手段获取承担资格'),
  c('CI-17.4.2', 'leader', 'C', 'finding', '抄袭剽窃、侵犯知识产权、捏造篡改数据、违反科研伦理'),
  c('CI-17.4.3', 'leader', 'C', 'finding', '无理由不实施、擅自超权限调整、违规用款致重大损失或学术造假'),
  c('CI-17.4.4', 'leader', 'C', 'finding', '套取、转移、挪用、贪污项目经费'),
  c('CI-17.4.5', 'leader', 'C', 'finding', '不配合审计监督检查，提供虚假材料，拒不或虚假整改'),
  c('CI-17.4.6', 'leader', 'C', 'finding', '其他违法、违反财经纪律、违约或科研不端情形'),
  // CI-18 咨询评审专家
  c('CI-18.1.1', 'expert', 'AA', 'derived', '连续三年在评审等工作中严格履行承诺、客观公正、认真负责（连续三年参与且无不良记录）'),
  c('CI-18.1.2', 'expert', 'AA', 'finding', '能结合项目实际提出建设性意见或建议'),
  c('CI-18.2', 'expert', 'A', 'derived', '当年认真履行承诺、遵守纪律，无不良行为（当年参与且无不良记录）'),
  c('CI-18.3.1', 'expert', 'B', 'finding', '不按要求提供评审结论'),
  c('CI-18.3.2', 'expert', 'B', 'finding', '未遵循回避原则'),
  c('CI-18.3.3', 'expert', 'B', 'finding', '其他应追究责任的违纪违规行为'),
  c('CI-18.4.1', 'expert', 'C', 'finding', '弄虚作假，不如实评价或提供咨询意见'),
  c('CI-18.4.2', 'expert', 'C', 'finding', '索贿受贿、故意违反回避原则或恶意串通'),
  c('CI-18.4.3', 'expert', 'C', 'finding', '违反保密规定泄露秘密或评审信息'),
  c('CI-18.4.4', 'expert', 'C', 'finding', '其他应追究责任的违纪违规行为'),
  // CI-19 项目推荐部门
  c('CI-19.1.1', 'recommender', 'AA', 'finding', '认真履行管理职责，及时报告问题并提出整改意见'),
  c('CI-19.1.2', 'recommender', 'AA', 'derived', '年度推荐项目无到期未验收、暂缓暂停及强制中止项目'),
  c('CI-19.1.3', 'recommender', 'AA', 'finding', '协同开展抽查、评估、审计，协调项目实施'),
  c('CI-19.1.4', 'recommender', 'AA', 'finding', '督促单位和负责人按合同报告执行情况和重大事项'),
  c('CI-19.1.5', 'recommender', 'AA', 'finding', '协调统计调查，督促完成绩效评价和统计数据'),
  c('CI-19.1.6', 'recommender', 'AA', 'finding', '管理项目成效显著或获国家、省科技奖励，贡献突出'),
  c('CI-19.2', 'recommender', 'A', 'derived', '当年无不良信用行为（当年有推荐项目或参与且无不良记录）'),
  c('CI-19.3.1', 'recommender', 'B', 'derived', '年度推荐的逾期未验收及终止项目合计 3 个及以上，或占当年应验收项目数超过 50%'),
  c('CI-19.3.2', 'recommender', 'B', 'finding', '缓拨项目经费、督促追回经费不力'),
  c('CI-19.3.3', 'recommender', 'B', 'finding', '督促报告执行情况和重大事项不力'),
  c('CI-19.3.4', 'recommender', 'B', 'finding', '督促完成统计调查、绩效评价不力'),
  c('CI-19.3.5', 'recommender', 'B', 'finding', '其他应追究责任的违纪违规行为'),
  c('CI-19.4.1', 'recommender', 'C', 'finding', '以贿赂、造假、故意重复申报等不正当手段获取管理项目资格'),
  c('CI-19.4.2', 'recommender', 'C', 'finding', '利用管理职能设租寻租、谋取不正当利益'),
  c('CI-19.4.3', 'recommender', 'C', 'finding', '违反委托约定或制度，严重失职，所管项目或人员有重大问题'),
  c('CI-19.4.4', 'recommender', 'C', 'finding', '不配合审计监督检查，提供虚假材料，拒不或虚假整改'),
  c('CI-19.4.5', 'recommender', 'C', 'finding', '其他违法、违反财经纪律或违约情形'),
  // CI-20 科技服务机构
  c('CI-20.1.1', 'agency', 'AA', 'finding', '认真遵守计划管理规定、职业道德、行业准则和服务协议'),
  c('CI-20.1.2', 'agency', 'AA', 'finding', '能结合项目实际提出建设性意见或建议'),
  c('CI-20.1.3', 'agency', 'AA', 'finding', '管理和服务工作取得显著成效'),
  c('CI-20.2', 'agency', 'A', 'derived', '当年无不良信用行为（当年参与且无不良记录）'),
  c('CI-20.3.1', 'agency', 'B', 'finding', '违反规定、职业道德、行业准则或协议，造成不良影响'),
  c('CI-20.3.2', 'agency', 'B', 'finding', '未遵循回避原则'),
  c('CI-20.3.3', 'agency', 'B', 'finding', '发现项目问题未如实及时报告'),
  c('CI-20.3.4', 'agency', 'B', 'finding', '其他应追究责任的违纪违规行为'),
  c('CI-20.4.1', 'agency', 'C', 'finding', '以贿赂、造假等不正当手段获取管理和服务资格'),
  c('CI-20.4.2', 'agency', 'C', 'finding', '利用管理和服务职能设租寻租、谋取不正当利益'),
  c('CI-20.4.3', 'agency', 'C', 'finding', '违约或违反制度，严重失职，项目有重大问题或风险，造成恶劣影响'),
  c('CI-20.4.4', 'agency', 'C', 'finding', '违约以造假、串通等不正当竞争手段谋利'),
  c('CI-20.4.5', 'agency', 'C', 'finding', '不配合审计监督检查，提供虚假材料，拒不或虚假整改'),
  c('CI-20.4.6', 'agency', 'C', 'finding', '违反保密规定泄露秘密或评审信息'),
  c('CI-20.4.7', 'agency', 'C', 'finding', '其他应追究责任的违纪违规行为'),
];

export const CRITERION_BY_ID: ReadonlyMap<string, Criterion> = new Map(CRITERIA.map((x) => [x.id, x]));

/** The article-level ids the clause map names (CI-16.1 … CI-20.4): each groups criteria of one level. */
export function groupOf(id: string): string {
  const [art, item] = id.replace('CI-', '').split('.');
  return `CI-${art}.${item}`;
}

export const LEVEL_LABEL: Record<Level, string> = { AA: '信用优秀（AA）', A: '信用良好（A）', B: '一般失信（B）', C: '严重失信（C）' };
