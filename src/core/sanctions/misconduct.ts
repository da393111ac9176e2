/**
 * Misconduct records (CI-22) and who answers for an organisation (CI-26).
 */
import type { Severity } from './sanctions';
/** CI-22: the nine kinds of misconduct recorded once a penalty or coercive measure has been decided. */
export const MISCONDUCT_KINDS = [
  'misappropriate_funds', 'no_technology_report', 'false_technology_contract', 'plagiarism', 'fabrication',
  'ghostwritten_application', 'fraud_or_bribery_for_approval', 'ethics_violation', 'other_statutory',
] as const;
export type MisconductKind = (typeof MISCONDUCT_KINDS)[number];
export const MISCONDUCT_KIND_LABEL: Record<MisconductKind, string> = {
  misappropriate_funds: '虚报、冒领、贪污、挪用、截留财政科技资金', no_technology_report: '未按规定提交科技报告、汇交成果和知识产权信息',
  false_technology_contract: '订立假技术合同或骗取技术合同登记', plagiarism: '抄袭、剽窃、侵占他人研究成果',
  fabrication: '编造研究过程，伪造、篡改数据、图表、结论或报告', ghostwritten_application: '抄袭、买卖、代写申请书，虚构评议专家及意见',
  fraud_or_bribery_for_approval: '以弄虚作假或贿赂等不正当手段获得审批、项目、经费、奖励或荣誉', ethics_violation: '违反科技伦理规范',
  other_statutory: '法律、法规和国家规定的其他事项',
};

export interface PenaltyFacts {
  /** A penalty or coercive measure has been decided by the competent department. */
  decided: boolean;
  /** Decided under the simple procedure (简易程序). */
  simpleProcedure: boolean;
  /** A minor violation whose harm was promptly removed or reduced by the subject. */
  minorAndCorrected: boolean;
}

/** CI-22: recorded as misconduct only once decided. */
export function isRecordable(p: PenaltyFacts): boolean {
  return p.decided;
}

/** CI-22: simple-procedure penalties and minor violations promptly corrected stay off the public list. */
export function goesOnPublicList(p: PenaltyFacts): boolean {
  return p.decided && !p.simpleProcedure && !p.minorAndCorrected;
}

export type ResponsibleRole = 'legal_representative' | 'principal' | 'actual_controller';

/**
 * CI-26 speaks of the serious dishonesty list (严重失信名单): a sanction of CI-25.3 or CI-25.4. Only
 * there is an organisation's legal representative or principal named (its actual controller too where
 * it has one), and those named are sanctioned with it. A lighter sanction names nobody else.
 */
export const onSeriousList = (severity: Severity) => severity === 'serious' || severity === 'grave';

export function responsiblePersonsProblem(subjectKind: 'organization' | 'person', named: readonly ResponsibleRole[], severity: Severity): string | null {
  if (!onSeriousList(severity)) return named.length ? 'CI-26：只有情节严重、特别严重而列入严重失信名单的（CI-25.3、CI-25.4），才标明并一并处理单位的法定代表人、主要负责人或实际控制人' : null;
  if (subjectKind === 'person') return named.length ? 'CI-26：对个人的处理不标明单位责任人' : null;
  if (!named.includes('legal_representative') && !named.includes('principal')) {
    return 'CI-26：对单位记录严重失信信息时，须标明其法定代表人或主要负责人（有实际控制人的一并标明）';
  }
  return null;
}

export function personsAlsoSanctioned(named: readonly ResponsibleRole[]): ResponsibleRole[] {
  return [...new Set(named)];
}
