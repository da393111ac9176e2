import { describe, expect, it } from 'vitest';
import { availableDocuments, buildDocument, type DocumentFacts } from '../../src/core/documents/templates';

const decision = { outcome: 'exempt', circumstances: ['YT-5.6'], reasons: '技术路线选择失误但已勤勉尽责', consultedFinance: true, consultedAudit: true,
  deliberation: { date: '2026-11-25', members: ['甲', '乙', '丙'], method: 'consensus', minutes: '一致同意' } };
const facts = (over: Partial<DocumentFacts> = {}): DocumentFacts => ({
  procedure: 'tolerance', state: 'decided', stepsTaken: ['start', 'submit_to_unit', 'unit_vouch', 'accept', 'decide'],
  data: { decision, refusalReason: null }, caseNo: 'AB12CD34', project: { code: 'CX2024001', name: '高原特色作物新品种选育' },
  addressee: '张三', bureau: '楚雄州科学技术局', policies: {
    YT: { docNo: '云科规〔2023〕1号', title: '云南省科技创新容错纠错实施办法', warning: '2026-11-25 不在任何有效版本内' },
    CI: { docNo: '楚科规〔2022〕5号', title: '楚雄州科研诚信管理办法', warning: null },
  },
  date: '2026-11-25', ...over,
});

describe('文书按案件数据生成，并印明依据条款', () => {
  it('YT-6.2 YT-6.4 文书只在相应步骤办理之后可出具：受理后可出受理通知书，认定后可出决定书，未不予受理的不能出不予受理通知书', () => {
    expect(availableDocuments(facts())).toEqual(['acceptance_notice', 'decision']);
    expect(buildDocument('refusal_notice', facts())).toBeNull();
    expect(availableDocuments(facts({ stepsTaken: ['start', 'unit_vouch', 'refuse'] }))).toEqual(['refusal_notice']);
  });
  it('YT-6.4 YT-5.6 YT-10 免除责任的决定书：标题、文号、认定结果、免责情形和依据条款', () => {
    const d = buildDocument('decision', facts())!;
    expect(d.title).toBe('容错免责认定决定书');
    expect(d.docNo).toBe('容决〔2026〕AB12CD34号');
    expect(d.paragraphs.join('\n')).toContain('认定结果：免除责任。');
    expect(d.paragraphs.join('\n')).toContain('YT-5.6 技术路线选择不当难以完成');
    expect(d.basis[0]).toBe('依据《云南省科技创新容错纠错实施办法》（云科规〔2023〕1号）第六条第（四）项、第六条第（五）项、第五条第（六）项、第九条第（一）项、第十条。');
    expect(d.clauses).toEqual(['YT-6.4', 'YT-6.5', 'YT-5.6', 'YT-9.1', 'YT-10']);
    expect(d.date).toBe('2026年11月25日');
    // an expired version is reported to the officer, not printed on the document.
    expect(d.warnings).toEqual(['2026-11-25 不在任何有效版本内']);
    expect(JSON.stringify([d.paragraphs, d.basis])).not.toContain('不在任何有效版本内');
  });
  it('YT-6.4 不予容错的出具不予容错认定决定书，不启动纠错、不标注免责', () => {
    const d = buildDocument('decision', facts({ data: { decision: { ...decision, outcome: 'not_tolerated', circumstances: [] } } }))!;
    expect(d.title).toBe('不予容错认定决定书');
    expect(d.clauses).toEqual(['YT-6.4', 'YT-6.5']);
    expect(d.paragraphs.join()).not.toContain('纠错');
  });
  it('YT-9.4 整改通知逐项列出整改内容、期限和验证方式', () => {
    const d = buildDocument('rectification_notice', facts({ procedure: 'correction', stepsTaken: ['start', 'send_notice', 'record_interview', 'set_plan'],
      data: { plan: [{ item: '补充中试数据', dueDate: '2026-12-31', verification: '现场核查' }] } }))!;
    expect(d.paragraphs[1]).toBe('1．补充中试数据（整改期限：2026年12月31日；验证方式：现场核查）');
  });
  it('CI-25.4 CI-26 处理决定书按楚科规〔2022〕5号印明依据：情节对应的幅度条款、措施和取消资格期限', () => {
    const d = buildDocument('sanction_decision', facts({ procedure: 'misconduct', stepsTaken: ['start', 'file', 'record_factors', 'decide_sanction'],
      data: { decision: { reasons: '伪造审计报告', severity: 'grave', measures: ['ban', 'termination_clawback'], banYears: 5, publicDisclosure: true, policyReason: '适用行为发生时有效的 楚科规〔2022〕5号。' } } }))!;
    expect(d.title).toBe('科研失信行为处理决定书');
    expect(d.paragraphs[1]).toBe('处理：取消申报资格、终止或撤销项目并收回经费；取消申报资格 5 年；向社会公布。');
    expect(d.basis[0]).toBe('依据《楚雄州科研诚信管理办法》（楚科规〔2022〕5号）第二十二条、第二十三条、第二十四条、第二十五条第（四）项、第二十六条。');
    expect(d.warnings).toEqual([]);
  });
});
