/**
 * 文书 built from case data: what each document says, which clause it rests on, and when it may be
 * issued. The wording is ours (summaries, never the policy text); the server renders the same content
 * as DOCX and PDF. Pure.
 */
import { TIME_LIMITS, limitFigures } from '../deadlines/time-limits';
import { CIRCUMSTANCE_LABEL, OUTCOME_LABEL, grantsTolerance, type ToleranceCaseData } from '../procedure/tolerance-case';
import type { CorrectionCaseData } from '../procedure/correction-case';
import type { MisconductCaseData, Remedies } from '../procedure/misconduct-case';
import { MISCONDUCT_KIND_LABEL } from '../sanctions/misconduct';
import { MEASURE_LABEL, SEVERITY_CLAUSE, SEVERITY_LABEL, type Measure, type Severity } from '../sanctions/sanctions';
import type { BureauProfile, CopyToOrgan } from '../regions/bureau-profile';
import { arabicDate, chineseDate, documentNumber } from './official-form';

export interface DocumentFacts {
  procedure: string;
  state: string;
  /** Steps already taken on the case, from its log. */
  stepsTaken: readonly string[];
  data: Record<string, unknown>;
  caseNo: string;
  /** The case id, where a document number is fixed by it. */
  caseId?: string;
  project: { code: string; name: string } | null;
  addressee: string;
  bureau: string;
  /** The policy versions in force on the document date, by document (X-3). */
  policies: Record<'YT' | 'CI', { docNo: string; title: string; warning: string | null }>;
  date: string;
  /** A time limit's length in force on the document date (the registry's parameter); the seed's figures when not given. */
  limitLength?: (limitId: string) => number;
  /** The issuing bureau's form (GB/T 9704-2012): organ mark, organ code, printer, copy-to organs; a draft form without it. */
  office?: BureauProfile;
  /** The sequence number issued for this document (per bureau, kind and year); without it the number is a draft fixed by the case. */
  number?: number;
  /** 行政复议 and 行政诉讼 periods in force on the document date, for decisions that can be appealed. */
  remedies?: Remedies;
}

/** The length of a time limit as a document states it: from the dated parameters, never a literal. */
const lengthOf = (f: DocumentFacts, limitId: string) => f.limitLength?.(limitId) ?? limitFigures(TIME_LIMITS[limitId], f.date).amount;

export interface DocumentContent {
  kind: DocumentKind;
  title: string;
  docNo: string;
  addressee: string;
  paragraphs: string[];
  /** 依据: the clauses printed on the document. */
  basis: string[];
  /** The clause ids the document rests on. */
  clauses: string[];
  /** Shown to the officer issuing it, not printed: e.g. the policy version has expired (X-3). */
  warnings: string[];
  issuer: string;
  date: string;
  /** 发文机关标志 (GB/T 9704-2012 7.2.2); null on a draft without the bureau's form. */
  mark: string | null;
  /** 成文日期 as printed under the signature, in the bureau's numerals (二〇二六年十二月二日). */
  issuedOn: string;
  /** Where the seal goes (GB/T 9704-2012 7.3.5): a placeholder; the seal is applied to the printed copy. */
  seal: string;
  /** 抄送机关 (GB/T 9704-2012 7.4.2). */
  copyTo: string[];
  /** 版记 (GB/T 9704-2012 7.4): the printing office and the day printed. */
  imprint: { printer: string; printedOn: string } | null;
}

/** The placeholder printed where the seal is applied. */
export const SEAL_PLACEHOLDER = '（印章）';

/** The case number printed in document numbers: the first eight hex digits of the case id. */
export const caseNumber = (id: string) => id.replace(/-/g, '').slice(0, 8).toUpperCase();

/**
 * 处理决定书文号 (CI-25): the sanction decision's number, fixed by the decision date and the case, so
 * the document, the public list and the misconduct list print the same number whenever it is issued.
 */
export const sanctionDecisionNo = (caseId: string, decidedOn: string) => `信处〔${decidedOn.slice(0, 4)}〕${caseNumber(caseId)}号`;

interface Template {
  procedure: string;
  /** Which policy the document rests on (YT by default). */
  document?: 'YT' | 'CI';
  /** Prefix of the document number (文号). */
  prefix: string;
  /** The document number, where it is fixed by the case rather than by the day it is issued. */
  docNo?: (f: DocumentFacts) => string | null;
  title: (f: DocumentFacts) => string;
  clauses: (f: DocumentFacts) => string[];
  /** The step after which the document may be issued. */
  after: string;
  body: (f: DocumentFacts) => string[];
  /** 抄送机关 by role, with the clause that asks for the copy. */
  copyTo?: { organs: CopyToOrgan[]; clause: string };
  /**
   * A decision the party may contest by 行政复议 or 行政诉讼: its body states how and within what time
   * (行政处罚法第五十九条第（五）项 for a penalty; a listing is an adverse decision of its own, CI-27).
   * A tolerance decision is not: it decides on the accountability of staff (行政复议法第十二条).
   */
  appealable?: true;
  /** Which issue of the document this is, where a case may issue it more than once (a replaced notice); 1 otherwise. */
  edition?: (f: DocumentFacts) => number;
}

const ARTICLE: Record<string, string> = {
  'CI-22': '第二十二条', 'CI-23': '第二十三条', 'CI-24': '第二十四条', 'CI-25.1': '第二十五条第（一）项', 'CI-25.2': '第二十五条第（二）项',
  'CI-25.3': '第二十五条第（三）项', 'CI-25.4': '第二十五条第（四）项', 'CI-26': '第二十六条', 'CI-27': '第二十七条', 'CI-28': '第二十八条',
  'CI-30': '第三十条', 'CI-31': '第三十一条',
  'YT-5': '第五条', 'YT-6.2': '第六条第（二）项', 'YT-6.3': '第六条第（三）项', 'YT-6.4': '第六条第（四）项', 'YT-6.5': '第六条第（五）项',
  'YT-9.1': '第九条第（一）项', 'YT-9.2': '第九条第（二）项', 'YT-9.3': '第九条第（三）项', 'YT-9.4': '第九条第（四）项', 'YT-10': '第十条',
};
/** The article a clause id stands for, as printed (第二十五条第（四）项). */
export const articleOf = (c: string) => ARTICLE[c] ?? (c.startsWith('YT-5.') ? `第五条第（${NUMERALS[Number(c.slice(5))]}）项` : c);
const sanctionText = (x: { measures: readonly string[]; banYears: number | 'life' | null; publicDisclosure: boolean }) =>
  `${x.measures.map((m) => MEASURE_LABEL[m as Measure] ?? m).join('、')}${x.banYears ? `；取消申报资格${x.banYears === 'life' ? '（永久）' : ` ${x.banYears} 年`}` : ''}${x.publicDisclosure ? '；向社会公布' : ''}`;
/** 行政处罚法第五十九条第（五）项: how and within what time to seek 行政复议 and 行政诉讼, with the periods the decision recorded. */
export const remediesText = (r: Remedies | undefined) => (r
  ? `如不服本决定，可以自收到本决定书之日起 ${r.reconsideration.days} 日内依法申请行政复议，或者自收到本决定书之日起 ${r.litigation.months} 个月内依法向人民法院提起行政诉讼（《中华人民共和国行政复议法》《中华人民共和国行政诉讼法》）。`
  : '如不服本决定，可以依法申请行政复议或者提起行政诉讼。');
const projectLine = (f: DocumentFacts) => (f.project ? `“${f.project.name}”（项目编号 ${f.project.code}）` : '有关事项');
const tol = (f: DocumentFacts) => f.data as unknown as ToleranceCaseData;
const cor = (f: DocumentFacts) => f.data as unknown as CorrectionCaseData;
const NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const cn = (iso: string) => { const [y, m, d] = iso.split('-').map(Number); return `${y}年${m}月${d}日`; };

export const DOCUMENT_TEMPLATES = {
  acceptance_notice: {
    prefix: '容受', procedure: 'tolerance', after: 'accept', title: () => '受理通知书', clauses: () => ['YT-6.2', 'YT-6.3'],
    body: (f) => [
      `你（单位）关于${projectLine(f)}的容错免责申请收悉。经审查，申请材料齐全，决定予以受理。`,
      `我局将自受理之日起 ${lengthOf(f, 'YT-6.3')} 个工作日内调查核实并作出决定；需专家评估或听证的，其时间不计入；情况复杂的，经部门负责人批准可延长一次。`,
      '调查核实期间，你（单位）可提出申辩意见并提交相关材料。',
    ],
  },
  refusal_notice: {
    prefix: '容不受', procedure: 'tolerance', after: 'refuse', title: () => '不予受理通知书', clauses: () => ['YT-6.2'],
    body: (f) => [
      `你（单位）关于${projectLine(f)}的容错免责申请收悉。经审查，决定不予受理。`,
      `理由：${tol(f).refusalReason ?? ''}`,
    ],
  },
  decision: {
    prefix: '容决', procedure: 'tolerance', after: 'decide', copyTo: { organs: ['organisation', 'personnel'], clause: 'YT-6.4' },
    title: (f) => (grantsTolerance(tol(f).decision?.outcome) ? '容错免责认定决定书' : '不予容错认定决定书'),
    clauses: (f) => (grantsTolerance(tol(f).decision?.outcome)
      ? ['YT-6.4', 'YT-6.5', ...(tol(f).decision?.circumstances ?? []), 'YT-9.1', ...(tol(f).decision?.outcome === 'exempt' ? ['YT-10'] : [])]
      : ['YT-6.4', 'YT-6.5']),
    body: (f) => {
      const d = tol(f).decision!;
      const lines = [
        `关于${projectLine(f)}的容错免责事项，我局经调查核实，于 ${cn(d.deliberation.date)} 集体审议（到会 ${d.deliberation.members.length} 人，${d.deliberation.method === 'vote' ? '表决' : '协商一致'}），并征求财政、审计部门意见，认定如下：`,
        `认定结果：${OUTCOME_LABEL[d.outcome]}。`,
        `认定理由：${d.reasons}`,
      ];
      if (d.circumstances.length) lines.push(`所依据的免责情形：${d.circumstances.map((c) => `${c} ${CIRCUMSTANCE_LABEL[c as keyof typeof CIRCUMSTANCE_LABEL] ?? ''}`).join('；')}。`);
      if (d.outcome === 'exempt') lines.push('该项目标注为“免责”，不作负面评价，不记入科研诚信不良记录，不影响今后申报；项目结余资金按规定退回财政。');
      if (grantsTolerance(d.outcome)) lines.push('同时启动纠错程序，另行发出纠错通知书。');
      lines.push('本决定抄送组织、人事部门存档。');
      return lines;
    },
  },
  correction_notice: {
    prefix: '纠通', procedure: 'correction', after: 'send_notice', title: () => '纠错通知书', clauses: () => ['YT-9.1', 'YT-9.2', 'YT-9.3'],
    body: (f) => [
      `根据对${projectLine(f)}作出的容错认定，现启动纠错程序。`,
      `纠错原因：${cor(f).notice?.reasons ?? ''}`,
      `纠错要求：${cor(f).notice?.requirements ?? ''}`,
      `我局将自本通知发出之日起 ${lengthOf(f, 'YT-9.3')} 日内进行谈话问询，请有关人员按时参加并如实说明情况。`,
    ],
  },
  rectification_notice: {
    prefix: '整通', procedure: 'correction', after: 'set_plan', title: () => '整改通知', clauses: () => ['YT-9.4', 'YT-9.5'],
    body: (f) => [
      `针对${projectLine(f)}存在的问题，请按以下事项和期限完成整改，并报送整改情况：`,
      ...(cor(f).plan ?? []).map((x, i) => `${i + 1}．${x.item}（整改期限：${cn(x.dueDate)}；验证方式：${x.verification}）`),
      '逾期未整改、问题加重或再次出现同类错误的，将依规从严处理。请同时分析问题原因，建立长效机制。',
    ],
  },
  listing_notice: {
    prefix: '信告', procedure: 'listing', document: 'CI', after: 'send_notice', title: () => '列入失信惩戒名单告知书', clauses: () => ['CI-27'],
    body: (f) => [
      `经调查，你（单位）存在科研失信行为，本局拟将你（单位）列入失信惩戒名单。列入依据：${String(f.data.grounds ?? '')}`,
      `如有异议，请在收到本告知书之日起 ${lengthOf(f, 'CI-27.objection')} 个工作日内向本局书面提出，并附相关证据；逾期未提出的，本局将提请局办公会研究。`,
    ],
  },
  objection_result: {
    prefix: '信复', procedure: 'listing', document: 'CI', after: 'uphold_objection', title: () => '异议复核结果通知书', clauses: () => ['CI-27'],
    body: (f) => {
      const r = f.data.review as { opinion: string; correction?: string } | undefined;
      return ['你（单位）对拟列入失信惩戒名单提出的异议，经本局科研诚信管理科室会同业务科室调查核实，认为异议成立。', `审查意见：${r?.opinion ?? ''}`, `更正内容：${r?.correction ?? ''}`];
    },
  },
  sanction_notice: {
    prefix: '信告处', procedure: 'misconduct', document: 'CI', after: 'send_notice', title: () => '科研失信行为处理事先告知书',
    edition: (f) => (f.data as unknown as MisconductCaseData).notice?.no ?? 1,
    clauses: (f) => { const n = (f.data as unknown as MisconductCaseData).notice; return ['CI-22', 'CI-24', n ? SEVERITY_CLAUSE[n.severity] : 'CI-25']; },
    body: (f) => {
      const n = (f.data as unknown as MisconductCaseData).notice;
      if (!n) return [];
      return [
        `经调查，本局认定你（单位）存在科研失信行为（${MISCONDUCT_KIND_LABEL[n.kind]}），${SEVERITY_LABEL[n.severity]}。`,
        `认定的事实：${n.facts}`,
        `理由和依据：${n.grounds}`,
        `本局拟作出如下处理：${sanctionText(n)}。`,
        `依照《中华人民共和国行政处罚法》第四十四条、第四十五条，你（单位）有权进行陈述和申辩，请在收到本告知书后 ${n.periods.statement} 个工作日内向本局提出；逾期未提出的，视为放弃陈述和申辩。本局不因陈述、申辩而加重处理。`,
        ...(n.hearingRight ? [`依照《中华人民共和国行政处罚法》第六十三条、第六十四条，你（单位）有权要求听证；要求听证的，应当在收到本告知书后 ${n.periods.hearingRequest} 个工作日内提出，本局将在举行听证的 ${n.periods.hearingNotice} 个工作日前通知听证的时间、地点。`] : []),
      ];
    },
  },
  sanction_decision: {
    prefix: '信处', procedure: 'misconduct', document: 'CI', after: 'decide_sanction', title: () => '科研失信行为处理决定书', appealable: true,
    docNo: (f) => { const d = f.data.decision as { decidedOn?: string } | undefined; return d?.decidedOn && f.caseId ? sanctionDecisionNo(f.caseId, d.decidedOn) : null; },
    clauses: (f) => { const d = f.data.decision as { severity: Severity } | undefined; return ['CI-22', 'CI-23', 'CI-24', d ? SEVERITY_CLAUSE[d.severity] : 'CI-25', 'CI-26']; },
    body: (f) => {
      const d = f.data.decision as { reasons: string; severity: string; measures: string[]; banYears: number | 'life' | null; publicDisclosure: boolean; policyReason: string; remedies?: Remedies } | undefined;
      const sev = SEVERITY_LABEL[d?.severity as Severity] ?? '';
      return [
        `经调查，认定你（单位）存在科研失信行为，${sev}。理由：${d?.reasons ?? ''}`,
        `处理：${(d?.measures ?? []).map((m) => MEASURE_LABEL[m as Measure] ?? m).join('、')}${d?.banYears ? `；取消申报资格${d.banYears === 'life' ? '（永久）' : ` ${d.banYears} 年`}` : ''}${d?.publicDisclosure ? '；向社会公布' : ''}。`,
        d?.policyReason ?? '',
        remediesText(d?.remedies),
      ].filter(Boolean);
    },
  },
  listing_decision: {
    prefix: '信列', procedure: 'listing', document: 'CI', after: 'approve', title: () => '列入失信惩戒名单决定书', clauses: () => ['CI-27', 'CI-28'], appealable: true,
    copyTo: { organs: ['creditPlatform'], clause: 'CI-27' },
    body: (f) => {
      const m = f.data.meeting as { date?: string } | undefined;
      return [
        `本局已向你（单位）告知拟列入失信惩戒名单的事实和依据${f.stepsTaken.includes('dismiss_objection') ? '，你（单位）提出的异议经审查不成立' : '，你（单位）在异议期内未提出异议'}。`,
        `经${m?.date ? ` ${cn(m.date)} ` : ''}局办公会研究，决定将你（单位）列入失信惩戒名单，并上传至信用信息共享平台。列入依据：${String(f.data.grounds ?? '')}`,
        '列入期限与所依据的处理决定的期限一致，期满自动移出；其间可依规申请信用修复。',
        remediesText(f.remedies),
      ];
    },
  },
  repair_decision: {
    prefix: '信修', procedure: 'repair', document: 'CI', after: 'approve_repair', title: () => '信用修复决定书', clauses: () => ['CI-30', 'CI-31'],
    body: () => ['你（单位）的信用修复申请，经本局业务科室调查并报局办公会研究，决定同意修复，自即日起将你（单位）从失信惩戒名单中移出，并不再公开。'],
  },
  removal_notice: {
    prefix: '信移', procedure: 'repair', document: 'CI', after: 'approve_repair', title: () => '移出失信惩戒名单通知书', clauses: () => ['CI-28', 'CI-31'],
    body: () => ['经信用修复，你（单位）已从失信惩戒名单中移出，本局已同步更新信用信息共享平台报送的记录。'],
  },
} satisfies Record<string, Template>;

export type DocumentKind = keyof typeof DOCUMENT_TEMPLATES;
export const DOCUMENT_KINDS = Object.keys(DOCUMENT_TEMPLATES) as DocumentKind[];

/** Documents that may be issued for a case as it now stands. */
export function availableDocuments(f: Pick<DocumentFacts, 'procedure' | 'stepsTaken'>): DocumentKind[] {
  return DOCUMENT_KINDS.filter((k) => DOCUMENT_TEMPLATES[k].procedure === f.procedure && f.stepsTaken.includes(DOCUMENT_TEMPLATES[k].after));
}

export function documentTitle(kind: DocumentKind, f: DocumentFacts): string {
  return DOCUMENT_TEMPLATES[kind].title(f);
}

/** Builds the content, or null when the case has not reached the step the document follows. */
export function buildDocument(kind: DocumentKind, f: DocumentFacts): DocumentContent | null {
  const t: Template = DOCUMENT_TEMPLATES[kind];
  if (!availableDocuments(f).includes(kind)) return null;
  const article = articleOf;
  const policy = f.policies[t.document ?? 'YT'];
  const basis = [`依据《${policy.title}》（${policy.docNo}）${t.clauses(f).map(article).join('、')}。`];
  const o = f.office;
  const year = Number(f.date.slice(0, 4));
  const docNo = t.docNo?.(f)
    ?? (o && f.number ? documentNumber(o.docPrefix, t.prefix, year, f.number) : `${o?.docPrefix ?? ''}${t.prefix}〔${year}〕${f.caseNo}号`);
  const issuedOn = o?.dateNumerals === 'arabic' ? arabicDate(f.date) : chineseDate(f.date);
  return {
    warnings: policy.warning ? [policy.warning] : [], clauses: t.clauses(f),
    kind, title: t.title(f), docNo,
    addressee: f.addressee, paragraphs: t.body(f), basis, issuer: f.bureau, date: cn(f.date),
    mark: o?.organMark ?? null, issuedOn, seal: SEAL_PLACEHOLDER,
    copyTo: o && t.copyTo ? t.copyTo.organs.map((x) => o.copyTo[x]) : [],
    imprint: o ? { printer: o.printer, printedOn: `${issuedOn}印发` } : null,
  };
}

/**
 * Whether the document takes a number from its bureau's sequence when issued (GB/T 9704-2012 7.2.4),
 * rather than one fixed by the case (the sanction decision's number is printed on the lists, CI-25).
 */
export const numberedInSequence = (kind: DocumentKind): boolean => !(DOCUMENT_TEMPLATES[kind] as Template).docNo;

/** Which issue of the document the case is at (a replaced notice is a new document with a new number). */
export const documentEdition = (kind: DocumentKind, f: DocumentFacts): number => (DOCUMENT_TEMPLATES[kind] as Template).edition?.(f) ?? 1;

/** Documents that may be contested by 行政复议 or 行政诉讼, and so state how and when. */
export const APPEALABLE_DOCUMENTS = (Object.keys(DOCUMENT_TEMPLATES) as DocumentKind[]).filter((k) => (DOCUMENT_TEMPLATES[k] as Template).appealable);

/** The kind's part of the document number (容决 in 楚科容决〔2026〕3号). */
export const kindPrefix = (kind: DocumentKind): string => DOCUMENT_TEMPLATES[kind].prefix;
