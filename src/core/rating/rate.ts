/**
 * Credit rating of one subject for one year (CI-15 to CI-20), from recorded facts, under the policy
 * version in force on the reference date. The order is C, then B, then AA, then A; a subject with no
 * basis in the year is unrated (null), never a silent A; a subject that meets neither A nor B is
 * flagged for the officer's determination with the reason. X-1: exempted projects and facts never
 * count against a subject. Every result lists the clauses that fired, the facts and arithmetic behind
 * them, the parameters used with their basis, the policy version and what would change the level.
 */
import { BUNDLED_LOCAL_HOLIDAYS, BUNDLED_NOTICES } from '../calendar/bundled';
import { CalendarBook } from '../calendar/working-calendar';
import { monthsDue } from '../deadlines/compute-deadline';
import { DEFAULT_REGISTRY, type PolicyRegistry, type VersionLookup } from '../policy/registry';
import { addCalendarDays, isIsoDate, type IsoDate } from '../time/iso-date';
import { ARTICLE_OF, CRITERIA, CRITERION_BY_ID, SUBJECT_TYPES, SUBJECT_TYPE_LABEL, type Criterion, type Level, type SubjectType } from './criteria';

export interface ProjectFact {
  id: string;
  startDate?: IsoDate | null;
  dueDate: IsoDate;
  /** Completion date of an approved extension (CI-16.3.1: the project is due on it). */
  extendedTo?: IsoDate | null;
  extensionRequestedOn?: IsoDate | null;
  acceptanceRequestedOn?: IsoDate | null;
  acceptedOn?: IsoDate | null;
  terminatedOn?: IsoDate | null;
  /** X-1: failure exempted under YT-10. */
  exempted?: boolean;
  /** CI-19.1.2: the years in which the project was deferred (暂缓), suspended (暂停) or forcibly halted (强制中止). */
  haltedIn?: readonly number[];
}

export interface FindingFact {
  id?: string;
  clause: string;
  date: IsoDate;
  /** For an A condition, false records that it is not met; otherwise a finding states that its criterion holds. */
  met?: boolean;
  exempted?: boolean;
  projectId?: string | null;
  source?: string | null;
}

export interface RatingInput {
  subjectType: SubjectType;
  year: number;
  /** Region whose bureau rates (default 532300); the version governing it applies. */
  jurisdiction?: string;
  regionPath?: readonly string[];
  /** The day the rating is made as of (default 31 December of the year). */
  referenceDate?: IsoDate;
  projects?: readonly ProjectFact[];
  findings?: readonly FindingFact[];
  /** Years in which an expert, department or agency took part (reviews, recommendations, services). */
  activeYears?: readonly number[];
}

export interface FiredClause { clause: string; level: Level; summary: string; facts: string[]; arithmetic?: string }
export interface ConditionResult { clause: string; met: boolean; reason: string }

export interface RatingResult {
  subjectType: SubjectType;
  year: number;
  level: Level | null;
  /** The clause ids that decided the level. */
  clauses: string[];
  fired: FiredClause[];
  conditions: ConditionResult[];
  policy: { docNo: string; versionId: string; inForce: boolean; referenceDate: IsoDate };
  parameters: Array<{ name: string; value: unknown; basis: string }>;
  warnings: string[];
  determinationRequired: boolean;
  determinationReason: string | null;
  whatWouldChange: string[];
  ignoredAsExempted: string[];
  explanation: string;
}

export class RatingInputError extends Error {
  constructor(readonly field: string, readonly zh: string) {
    super(zh);
  }
}

const BOOK = new CalendarBook(BUNDLED_NOTICES, BUNDLED_LOCAL_HOLIDAYS);
const yearOf = (d: IsoDate) => Number(d.slice(0, 4));
/**
 * The readings of CI-16.3.1 / CI-19.3.1 a bureau may set (dated parameters): which date an extended
 * project is due on, and what counts as 逾期未验收. The defaults are the text's plain reading.
 */
export interface OverdueReading {
  /** `.due`: 'extended_due_date' — an extended project is due on its approved new date (the text); 'original_due_date' — on its first date. */
  due: 'extended_due_date' | 'original_due_date';
  /** `.overdue`: 'not_requested_nor_accepted_by_due' — neither applied for nor accepted by then; 'not_accepted_by_due' — not accepted by then. */
  overdue: 'not_requested_nor_accepted_by_due' | 'not_accepted_by_due';
}
export const DEFAULT_READING: OverdueReading = { due: 'extended_due_date', overdue: 'not_requested_nor_accepted_by_due' };
const dueUnder = (p: ProjectFact, r: OverdueReading) => (r.due === 'original_due_date' ? p.dueDate : p.extendedTo ?? p.dueDate);
const acceptanceDue = (p: ProjectFact) => dueUnder(p, DEFAULT_READING);

function validate(input: RatingInput): void {
  if (!SUBJECT_TYPES.includes(input.subjectType)) throw new RatingInputError('subjectType', `未知的主体类型：${String(input.subjectType)}（应为 ${SUBJECT_TYPES.join('、')}）`);
  if (!Number.isInteger(input.year) || input.year < 2000 || input.year > 2100) throw new RatingInputError('year', `年度无效：${String(input.year)}`);
  if (input.referenceDate !== undefined && !isIsoDate(input.referenceDate)) throw new RatingInputError('referenceDate', `日期无效：${input.referenceDate}`);
  (input.projects ?? []).forEach((p, i) => {
    for (const k of ['startDate', 'dueDate', 'extendedTo', 'extensionRequestedOn', 'acceptanceRequestedOn', 'acceptedOn', 'terminatedOn'] as const) {
      const v = p[k];
      if ((k === 'dueDate' || (v !== undefined && v !== null)) && !isIsoDate(v)) throw new RatingInputError(`projects/${i}/${k}`, `项目 ${p.id ?? i} 的日期 ${k} 无效：${String(v)}`);
    }
    if (p.extendedTo && p.extendedTo <= p.dueDate) throw new RatingInputError(`projects/${i}/extendedTo`, `项目 ${p.id} 的延期完成日期须晚于原截止日期`);
  });
  (input.findings ?? []).forEach((f, i) => {
    const c = CRITERION_BY_ID.get(f.clause);
    if (!c) throw new RatingInputError(`findings/${i}/clause`, `未知的评价条款：${f.clause}`);
    if (c.subject !== input.subjectType) {
      throw new RatingInputError(`findings/${i}/clause`, `${f.clause} 是${SUBJECT_TYPE_LABEL[c.subject]}的评价标准（第${ARTICLE_OF[c.subject]}条），不适用于${SUBJECT_TYPE_LABEL[input.subjectType]}`);
    }
    if (c.source === 'derived') throw new RatingInputError(`findings/${i}/clause`, `${f.clause} 由项目数据计算得出，不能作为认定事实录入`);
    if (!isIsoDate(f.date)) throw new RatingInputError(`findings/${i}/date`, `认定事实的日期无效：${String(f.date)}`);
    if (f.met === false && c.source !== 'presumed') throw new RatingInputError(`findings/${i}/met`, `${f.clause} 是${c.level}级情形，只能认定其成立`);
  });
}

interface OverdueStats { due: ProjectFact[]; overdue: ProjectFact[]; terminated: ProjectFact[]; denominator: number; sum: number; ratio: number | null }

/**
 * CI-16.3.1 / CI-19.3.1: overdue-and-unaccepted plus terminated projects of the year, over the
 * projects due for acceptance that year (an extended project is due on its approved date).
 * Reading (parameter CI-16.3.1.overdue): overdue = by its due date neither applied for nor passed
 * acceptance. The denominator also holds projects terminated that year, each counted once.
 */
export function overdueStats(projects: readonly ProjectFact[], year: number, ref: IsoDate, reading: OverdueReading = DEFAULT_READING): OverdueStats {
  const eligible = projects.filter((p) => !p.exempted);
  const dueOn = (p: ProjectFact) => dueUnder(p, reading);
  const due = eligible.filter((p) => yearOf(dueOn(p)) === year && !(p.terminatedOn && p.terminatedOn <= dueOn(p)));
  const overdue = due.filter((p) => {
    const d = dueOn(p);
    if (d >= ref) return false;
    const requested = reading.overdue === 'not_requested_nor_accepted_by_due' && p.acceptanceRequestedOn != null && p.acceptanceRequestedOn <= d;
    const accepted = p.acceptedOn != null && p.acceptedOn <= d;
    return !requested && !accepted;
  });
  const terminated = eligible.filter((p) => p.terminatedOn != null && yearOf(p.terminatedOn) === year && p.terminatedOn <= ref);
  const denominator = new Set([...due, ...terminated].map((p) => p.id)).size;
  const sum = overdue.length + terminated.length;
  return { due, overdue, terminated, denominator, sum, ratio: denominator ? sum / denominator : null };
}

/** CI-17.3.4: no acceptance request three months after the execution period (or a late extension request). */
export function leaderLateAcceptance(projects: readonly ProjectFact[], year: number, ref: IsoDate, book: CalendarBook = BOOK, months = 3): Array<{ project: ProjectFact; deadline: IsoDate; why: string }> {
  const out: Array<{ project: ProjectFact; deadline: IsoDate; why: string }> = [];
  for (const p of projects) {
    if (p.exempted || (p.terminatedOn && p.terminatedOn <= acceptanceDue(p))) continue;
    const end = acceptanceDue(p);
    // CI-17.3.4 is owed by the leader, so no local overlay applies (TIME_LIMITS setting); its months are the dated parameter.
    const deadline = monthsDue(book.national, end, months).due;
    const breach = addCalendarDays(deadline, 1);
    const curedOn = p.acceptanceRequestedOn ?? (p.acceptedOn ?? null);
    const late = breach <= ref && (curedOn === null || curedOn > deadline);
    // The breach counts in every year it lasts: from the day after the deadline until the request.
    if (late && yearOf(breach) <= year && (curedOn === null || yearOf(curedOn) >= year)) {
      out.push({ project: p, deadline, why: `执行期满 ${end}，${months} 个月期限 ${deadline}，${curedOn ? `迟至 ${curedOn} 才申请验收` : `截至 ${ref} 未申请验收`}` });
      continue;
    }
    if (p.extendedTo && p.extensionRequestedOn && p.extensionRequestedOn > p.dueDate && yearOf(p.extensionRequestedOn) === year) {
      out.push({ project: p, deadline: p.dueDate, why: `执行期 ${p.dueDate} 届满后，迟至 ${p.extensionRequestedOn} 才申请延期` });
    }
  }
  return out;
}

/** A project is in scope in a year when it was open at some time in it (exempted ones never, X-1). */
function inScope(p: ProjectFact, year: number): boolean {
  if (p.exempted) return false;
  if (p.startDate && yearOf(p.startDate) > year) return false;
  const closed = p.acceptedOn ?? p.terminatedOn ?? null;
  return closed === null || yearOf(closed) >= year;
}

const fmtPct = (r: number) => `${(r * 100).toFixed(1).replace(/\.0$/, '')}%`;

/**
 * `explain: false` leaves the explanation text empty (a batch stores the structured result and rebuilds
 * the text on read); `calendar` is the working-day calendar in use (the bundled notices by default).
 */
export function rate(input: RatingInput, registry: PolicyRegistry = DEFAULT_REGISTRY, opts: { explain?: boolean; calendar?: CalendarBook } = {}): RatingResult {
  validate(input);
  const Y = input.year;
  const ref = input.referenceDate ?? `${Y}-12-31`;
  const regionPath = input.regionPath ?? (input.jurisdiction ? [input.jurisdiction, ...(input.jurisdiction === '530000' ? [] : ['530000'])] : ['532300', '530000']);
  const lookup: VersionLookup = registry.versionFor('CI', ref, regionPath);
  const warnings = lookup.warning ? [lookup.warning] : [];
  const usedParams = new Map<string, { name: string; value: unknown; basis: string }>();
  const param = (name: string) => {
    const p = registry.parameter(lookup, name);
    usedParams.set(name, { name, value: p.value, basis: p.basis });
    return p.value;
  };

  const projects = input.projects ?? [];
  const exemptProjects = new Set(projects.filter((p) => p.exempted).map((p) => p.id));
  const ignoredAsExempted = [...exemptProjects].map((id) => `项目 ${id}（容错免责，X-1）`);
  const allFindings = (input.findings ?? []).filter((f) => {
    const exempt = f.exempted || (f.projectId != null && exemptProjects.has(f.projectId));
    if (exempt) ignoredAsExempted.push(`认定事实 ${f.clause}（${f.date}，容错免责，X-1）`);
    return !exempt;
  });
  const findingsIn = (year: number) => allFindings.filter((f) => yearOf(f.date) === year && f.date <= (year === Y ? ref : `${year}-12-31`));
  const findings = findingsIn(Y);
  const criteria = CRITERIA.filter((c) => c.subject === input.subjectType);
  const fired: FiredClause[] = [];
  const fire = (c: Criterion, facts: string[], arithmetic?: string) => fired.push({ clause: c.id, level: c.level, summary: c.summary, facts, arithmetic });
  const byClause = (id: string, list = findings) => list.filter((f) => f.clause === id && f.met !== false);
  const describe = (f: FindingFact) => `${f.date} 认定${f.source ? `（依据：${f.source}）` : ''}${f.id ? ` [${f.id}]` : ''}`;

  // Adverse criteria (B and C) recorded as findings.
  for (const c of criteria.filter((x) => (x.level === 'B' || x.level === 'C') && x.source === 'finding')) {
    const hits = byClause(c.id);
    if (hits.length) fire(c, hits.map(describe));
  }

  // Derived adverse criteria.
  let stats: OverdueStats | null = null;
  const derivedOverdue = input.subjectType === 'unit' ? 'CI-16.3.1' : input.subjectType === 'recommender' ? 'CI-19.3.1' : null;
  // The readings are the parameters in force: switching a setting switches what the rating counts.
  const reading: OverdueReading = derivedOverdue ? {
    due: param(`${derivedOverdue}.due`) as OverdueReading['due'],
    overdue: param('CI-16.3.1.overdue') as OverdueReading['overdue'], // one reading of 逾期未验收 serves CI-16.3.1 and CI-19.3.1
  } : DEFAULT_READING;
  if (derivedOverdue) {
    const count = param(`${derivedOverdue}.count`) as number;
    const ratio = param(`${derivedOverdue}.ratio`) as number;
    stats = overdueStats(projects, Y, ref, reading);
    const arithmetic = `逾期未验收 ${stats.overdue.length} 个 + 终止 ${stats.terminated.length} 个 = ${stats.sum} 个；当年应验收（含当年终止）${stats.denominator} 个` +
      (stats.ratio !== null ? `，占比 ${stats.sum}/${stats.denominator} = ${fmtPct(stats.ratio)}` : '') +
      `；门槛：≥ ${count} 个，或占比 > ${fmtPct(ratio)}`;
    if (stats.sum >= count || (stats.ratio !== null && stats.ratio > ratio)) {
      fire(CRITERION_BY_ID.get(derivedOverdue)!, [
        ...stats.overdue.map((p) => `项目 ${p.id} 应于 ${dueUnder(p, reading)}${p.extendedTo && reading.due === 'extended_due_date' ? '（批准延期后的日期）' : ''} 验收，到期前${reading.overdue === 'not_accepted_by_due' ? '未通过验收' : '未申请也未通过验收'}`),
        ...stats.terminated.map((p) => `项目 ${p.id} 于 ${p.terminatedOn} 终止`),
      ], arithmetic);
    }
  }
  let late: ReturnType<typeof leaderLateAcceptance> = [];
  if (input.subjectType === 'leader') {
    late = leaderLateAcceptance(projects, Y, ref, opts.calendar ?? BOOK, param('CI-17.3.4.months') as number);
    if (late.length) fire(CRITERION_BY_ID.get('CI-17.3.4')!, late.map((l) => `项目 ${l.project.id}：${l.why}`));
  }

  const conditions: ConditionResult[] = [];
  const cLevel = fired.filter((f) => f.level === 'C');
  const bLevel = fired.filter((f) => f.level === 'B');
  const adverseIn = (year: number) => allFindings.some((f) => yearOf(f.date) === year && ['B', 'C'].includes(CRITERION_BY_ID.get(f.clause)!.level));
  // Taking part in the year: recorded activity, a finding, or a project open that year that the subject
  // recommended (CI-19) or serves as its service agency (CI-20.2: `service_agency_id` is participation, issue 19).
  const active = (year: number) => (input.activeYears ?? []).includes(year) || findingsIn(year).length > 0
    || ((input.subjectType === 'recommender' || input.subjectType === 'agency') && projects.some((p) => inScope(p, year)));

  let level: Level | null = null;
  let determinationReason: string | null = null;
  const whatWouldChange: string[] = [];

  if (cLevel.length) {
    level = 'C';
    whatWouldChange.push(`严重失信情形（${cLevel.map((f) => f.clause).join('、')}）经复核撤销或依 CI-30、CI-31 信用修复前，等级不变。`);
  } else if (bLevel.length) {
    level = 'B';
    for (const f of bLevel) {
      if ((f.clause === 'CI-16.3.1' || f.clause === 'CI-19.3.1') && stats) {
        whatWouldChange.push(`${f.clause}：逾期未验收及终止项目须少于 3 个且不超过当年应验收项目的 50%（当前 ${stats.sum}/${stats.denominator}）方不适用。`);
      } else {
        whatWouldChange.push(`${f.clause} 所依据的事实经复核不成立，方不适用该项。`);
      }
    }
    whatWouldChange.push('任一严重失信（C 级）情形成立将评为 C。');
  } else {
    // AA, then A.
    const aa = criteria.filter((c) => c.level === 'AA');
    const years = input.subjectType === 'expert' ? (param('CI-18.1.years') as number) : input.subjectType === 'recommender' ? (param('CI-19.1.years') as number) : 1;
    const span = Array.from({ length: years }, (_, i) => Y - years + 1 + i);
    const aaMet: ConditionResult[] = aa.map((c) => {
      if (c.id === 'CI-18.1.1') {
        const ok = span.every((y) => active(y) && !adverseIn(y));
        return { clause: c.id, met: ok, reason: ok ? `${span.join('、')} 年均参与评审且无不良记录` : `${span.join('、')} 年须连续参与且无不良记录` };
      }
      if (c.id === 'CI-19.1.2') {
        const bad = span.filter((y) => overdueStats(projects, y, y === Y ? ref : `${y}-12-31`, reading).sum > 0);
        // CI-19.1.2 also names 暂缓暂停项目及强制中止项目: a recommended project entering one of those states in a year of the span.
        const halted = span.filter((y) => projects.some((p) => !p.exempted && (p.haltedIn ?? []).includes(y)));
        const reasons = [bad.length ? `${bad.join('、')} 年推荐项目有逾期未验收或终止` : '', halted.length ? `${halted.join('、')} 年推荐项目有暂缓、暂停或强制中止` : ''].filter(Boolean);
        return { clause: c.id, met: reasons.length === 0, reason: reasons.length ? reasons.join('；') : `${span.join('、')} 年推荐项目无逾期未验收、终止、暂缓、暂停或强制中止` };
      }
      const perYear = input.subjectType === 'recommender' ? span : [Y];
      const missing = perYear.filter((y) => byClause(c.id, findingsIn(y)).length === 0);
      return { clause: c.id, met: missing.length === 0, reason: missing.length ? `${missing.join('、')} 年无相应认定事实` : `${perYear.join('、')} 年有认定事实` };
    });
    const recommenderClean = input.subjectType !== 'recommender' || span.every((y) => !adverseIn(y) && active(y));
    if (aaMet.every((x) => x.met) && recommenderClean && (input.subjectType !== 'agency' || active(Y))) {
      level = 'AA';
      for (const c of aa) fire(c, [aaMet.find((x) => x.clause === c.id)!.reason]);
      whatWouldChange.push('任一一般失信（B 级）或严重失信（C 级）情形成立即不再为 AA。');
    } else {
      conditions.push(...aaMet);
      if (input.subjectType === 'unit' || input.subjectType === 'leader') {
        param('rating.unitLeaderA');
        const inYear = projects.filter((p) => inScope(p, Y));
        const aConds = criteria.filter((c) => c.level === 'A');
        if (inYear.length === 0) {
          if (findings.length > 0) {
            determinationReason = `${Y} 年无在范围内的项目，但有认定事实（${findings.map((f) => f.clause).join('、')}），不能依 A 级条件评定。`;
          }
        } else {
          const failed: ConditionResult[] = [];
          for (const c of aConds) {
            let r: ConditionResult;
            if (c.source === 'derived') {
              const s = stats ?? overdueStats(projects, Y, ref, reading);
              const bad = [...s.overdue, ...s.terminated];
              r = { clause: c.id, met: bad.length === 0, reason: bad.length ? `${bad.map((p) => p.id).join('、')} 未按期通过验收（逾期或终止）` : `当年到期项目均已按期申请或通过验收` };
            } else {
              const negated = findings.filter((f) => f.clause === c.id && f.met === false);
              r = { clause: c.id, met: negated.length === 0, reason: negated.length ? `认定未满足：${negated.map(describe).join('；')}` : '无相反认定，视为满足' };
            }
            conditions.push(r);
            if (!r.met) failed.push(r);
          }
          if (failed.length === 0) {
            level = 'A';
            const art = ARTICLE_OF[input.subjectType];
            fired.push({ clause: `CI-${art}.2`, level: 'A', summary: `A 级各项条件（CI-${art}.2.1～${art}.2.5）均满足`, facts: [`${inYear.length} 个项目在范围内：${inYear.map((p) => p.id).join('、')}`] });
            whatWouldChange.push('任一一般失信（B 级）情形成立将降为 B；取得 AA 级所需事实可评为 AA。');
          } else {
            determinationReason = `A 级条件未全部满足（${failed.map((f) => `${f.clause}：${f.reason}`).join('；')}），也未达到任何 B 级情形。`;
            if (stats && input.subjectType === 'unit') {
              const count = param('CI-16.3.1.count') as number;
              whatWouldChange.push(`再有 ${count - stats.sum} 个项目逾期未验收或终止将达到 CI-16.3.1（B 级）；未满足的 A 级条件得到纠正则可评为 A。`);
            } else {
              whatWouldChange.push('未满足的 A 级条件得到纠正则可评为 A；任一 B 级情形成立则评为 B。');
            }
          }
        }
      } else {
        param('rating.activeA');
        if (active(Y)) {
          level = 'A';
          const aId = `CI-${ARTICLE_OF[input.subjectType]}.2`;
          fire(CRITERION_BY_ID.get(aId)!, [`${Y} 年有参与记录，且无不良记录`]);
          whatWouldChange.push(input.subjectType === 'agency' ? '取得 CI-20.1.1～20.1.3 全部事实可评为 AA；任一 B 级情形成立将降为 B。' : `连续 ${years} 年满足 AA 条件可评为 AA；任一 B 级情形成立将降为 B。`);
        }
      }
    }
  }

  const determinationRequired = determinationReason !== null;
  const clauses = fired.filter((f) => f.level === level).map((f) => f.clause);
  if (level === null && !determinationRequired) warnings.push(`${Y} 年没有评价依据（无在范围内的项目或参与记录，也无认定事实），不予评级。`);
  if (determinationRequired) warnings.push(`须由承办人员认定等级：${determinationReason}`);

  const result = {
    subjectType: input.subjectType, year: Y, level, clauses, fired, conditions,
    policy: { docNo: lookup.version.docNo, versionId: lookup.version.id, inForce: lookup.inForce, referenceDate: ref },
    parameters: [...usedParams.values()], warnings, determinationRequired, determinationReason, whatWouldChange, ignoredAsExempted,
  };
  return { ...result, explanation: opts.explain === false ? '' : explainRating(result) };
}

/** The explanation in Chinese, from the structured result alone (so a stored result can be re-explained). */
export function explainRating(r: Omit<RatingResult, 'explanation'>): string {
  return [
    `${SUBJECT_TYPE_LABEL[r.subjectType]} ${r.year} 年度信用评价，适用 ${r.policy.docNo}（${r.policy.versionId}，参考日期 ${r.policy.referenceDate}）。`,
    r.level ? `结果：${r.level} 级，依据 ${r.clauses.join('、')}。` : r.determinationRequired ? '结果：待认定。' : '结果：不予评级。',
    ...r.fired.map((f) => `· ${f.clause}（${f.level}）${f.summary}：${f.facts.join('；')}${f.arithmetic ? `。计算：${f.arithmetic}` : ''}`),
    ...r.conditions.filter((x) => !x.met && CRITERION_BY_ID.get(x.clause)?.level === 'A').map((x) => `· 未满足 ${x.clause}：${x.reason}`),
    ...r.warnings.map((w) => `注意：${w}`),
  ].join('\n');
}

/**
 * What is stored for a rating: the structured result without what can be derived again — the
 * explanation text, conditions that were met, and the parameters' bases (kept in the version).
 */
export function compactResult(r: RatingResult) {
  const { explanation: _e, ...rest } = r;
  return { ...rest, conditions: r.conditions.filter((c) => !c.met), parameters: r.parameters.map(({ name, value }) => ({ name, value })) };
}
export type StoredRating = ReturnType<typeof compactResult>;

export function expandResult(s: StoredRating, registry: PolicyRegistry = DEFAULT_REGISTRY): RatingResult {
  const version = registry.byId(s.policy.versionId);
  const content = version ? registry.contentOf(version) : undefined;
  const parameters = s.parameters.map((p) => ({ ...p, basis: content?.parameters[p.name]?.basis ?? '' }));
  const full = { ...s, parameters };
  return { ...full, explanation: explainRating(full) };
}
