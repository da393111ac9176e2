/**
 * Demo cases, made by the same commands people use (so they carry steps, clocks, files, documents
 * and audit events like any other), each step taken on a working day before the demo's first start (the
 * command run on a clock moved back by whole days, so its clocks, notices and audit events carry that
 * day), so that on the demo's day each journey has a case waiting for its next step:
 * tolerance (YT-6) waiting for acceptance, just accepted, under investigation with an evaluation
 * pause, with an extension asked for and one approved, ready for the collective decision, decided and
 * waiting for feedback, fed back with its correction (YT-9) notice sent; misconduct (CI-22 to CI-26)
 * waiting for the party's statement; listings (CI-27) in and past their objection window; a listed
 * unit's credit repair (CI-30, CI-31) waiting for the office meeting; a complaint (CI-29) received.
 */
import { dataScope } from '../../core/access/policy';
import { businessDate, type Clock } from '../../core/time/clock';
import { addCalendarDays, toEpochDay } from '../../core/time/iso-date';
import type { AppContext, RequestContext } from '../context';
import { actorOf } from '../modules/accounts/login';
import { findUserByUsername } from '../modules/accounts/users-repo';
import { startCase } from '../modules/cases/start-case';
import { takeStep } from '../modules/cases/take-step';
import { submitComplaint } from '../modules/complaints/submit-complaint';
import { issueComplaintChallenge } from '../modules/complaints/complaint-challenge';
import { solveWork } from '../../core/challenge/proof-of-work';
import { addMaterial } from '../modules/files/add-material';

/** A one-page PDF standing in for each uploaded material. */
const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const MATERIAL_KINDS = ['application', 'explanation', 'unit_certificate', 'audit_report', 'performance'];
/** CI-24: the six factors as an officer records them. */
const FACTORS = { deviation: '明显偏离科研诚信要求', intent_obstruction: '主观故意，未阻碍调查', social_impact: '在本州范围内造成一定影响', repeat: '首次', attitude: '认识错误态度一般', other: '无' };

export async function loadDemoCases(app: AppContext): Promise<void> {
  const [{ n }] = await app.db.query<{ n: number }>('SELECT count(*)::int AS n FROM cases');
  if (n > 0) return;
  const as = async (username: string): Promise<RequestContext> => {
    const u = await findUserByUsername(app.db, username);
    if (!u) throw new Error(`demo account ${username} is missing`);
    const actor = actorOf(u);
    return { actor, scope: dataScope(actor, app.regions), ip: null };
  };
  const researcher = await as('researcher');
  const unit = await as('unit_admin');
  const officer = await as('cx_business');
  const integrity = await as('cx_integrity');
  const leader = await as('cx_leader');
  const ciPerson = await as('ci_person');
  const ciUnit = await as('ci_unit');
  // The application is on one of the demo researcher's projects; the bureau's own cases on others of the prefecture.
  const [own] = await app.db.query<{ id: string }>(
    `SELECT id FROM projects WHERE leader_id = $1 AND jurisdiction_code = '532300' AND exempted_on IS NULL ORDER BY code DESC LIMIT 1`, [researcher.actor.personId]);
  const others = await app.db.query<{ id: string }>(
    `SELECT id FROM projects WHERE jurisdiction_code = '532300' AND exempted_on IS NULL AND status = 'in_progress' AND id <> $1 AND leader_id <> $2 ORDER BY code DESC LIMIT 6`,
    [own?.id ?? null, researcher.actor.personId]);
  // The unit's own application is on another project of the demo unit (U2) that its researcher does not lead:
  // an accepted project, for which accountability has been started (YT-6.1: 20 working days to apply).
  const [unitOwn] = await app.db.query<{ id: string }>(
    `SELECT id FROM projects WHERE undertaking_unit_id = $1 AND jurisdiction_code = '532300' AND exempted_on IS NULL AND status = 'accepted' AND leader_id <> $2 ORDER BY code DESC LIMIT 1`,
    [unit.actor.unitId, researcher.actor.personId]);
  if (!own || !unitOwn || others.length < 6) return;

  // Steps are dated in working days before today on the national calendar, so no officer acts on a rest day.
  const today = businessDate(app.clock);
  const calendar = app.calendar.book.forJurisdiction([]);
  const workdaysBefore = (n: number) => {
    let d = today;
    for (let k = 0; k < n; ) { d = addCalendarDays(d, -1); if (calendar.isWorkday(d)) k++; }
    return d;
  };
  /** The application as it was `daysAgo` working days before today: its clock moved back by whole days. */
  const ago = (daysAgo: number): AppContext => {
    const shift = (toEpochDay(today) - toEpochDay(workdaysBefore(daysAgo))) * 86_400_000;
    const clock: Clock = { now: () => new Date(app.clock.now().getTime() - shift) };
    return { ...app, clock };
  };
  const day = (daysAgo: number) => businessDate(ago(daysAgo).clock);
  const step = async (daysAgo: number, ctx: RequestContext, id: string, name: string, input: Record<string, unknown> = {}) => {
    const [{ version }] = await app.db.query<{ version: number }>('SELECT version FROM cases WHERE id = $1', [id]);
    return takeStep(ago(daysAgo), ctx, id, name, { version, ...input });
  };
  const start = (daysAgo: number, ctx: RequestContext, procedure: string, startId: string, input: Record<string, unknown>) => startCase(ago(daysAgo), ctx, { procedure, start: startId, input });
  const materials = async (daysAgo: number, ctx: RequestContext, id: string) => {
    for (const kind of MATERIAL_KINDS) await addMaterial(ago(daysAgo), ctx, id, { kind, fileName: `${kind}.pdf`, bytes: DEMO_PDF });
  };
  /** YT-6.3 and YT-6.4 before a decision: the defence heard, each condition found on, finance and audit consulted. */
  const prepare = async (daysAgo: number, id: string, findings: Record<string, { met: boolean; basis: string }>, statement: string) => {
    await step(daysAgo, officer, id, 'record_defence', { kind: 'heard', on: day(daysAgo), statement });
    await step(daysAgo, officer, id, 'record_findings', { findings });
    await step(daysAgo, officer, id, 'record_consultation', { department: 'finance', on: day(daysAgo), substance: '州财政局对经费使用情况无异议，结余经费按规定退回' });
    await step(daysAgo, officer, id, 'record_consultation', { department: 'audit', on: day(daysAgo), substance: '州审计局确认专项审计未发现违规使用经费' });
  };

  // ——— Tolerance (YT-6) ———
  // 1. Applied, vouched by the unit two working days ago, waiting for the bureau to accept (YT-6.2 clock running).
  const a = await start(3, researcher, 'tolerance', 'apply', {
    projectId: own.id, failure: '高海拔种植试验受连续霜冻影响，两季试验数据无法采集', conditions: { 'YT-4.5': '首次在海拔 2,400 米以上开展该品种试验', 'YT-4.3': '无谋取私利情形' },
    circumstances: ['YT-5.5'],
  });
  await materials(3, researcher, a.id);
  await step(3, researcher, a.id, 'submit_to_unit');
  await step(2, unit, a.id, 'unit_vouch', { opinion: '情况属实，同意报送' });

  // 2. The unit's own application after accountability was started, accepted six working days ago; the investigation (YT-6.3) has just begun.
  const accepted = await start(9, unit, 'tolerance', 'apply', {
    projectId: unitOwn.id, failure: '中试放大阶段反应收率远低于小试，未能形成稳定工艺', conditions: { 'YT-4.5': '国内首次采用该催化路线进行中试' }, circumstances: ['YT-5.6'],
    accountabilityStartedOn: day(12),
  });
  await materials(9, unit, accepted.id);
  await step(8, unit, accepted.id, 'submit_by_unit');
  await step(6, officer, accepted.id, 'accept');

  // 3. Opened ex officio and under investigation, the defence recorded; an expert evaluation has paused the clock since three working days ago (YT-6.3).
  const b = await start(12, officer, 'tolerance', 'ex_officio', {
    projectId: others[0].id, failure: '成果转化合同签订后市场价格大幅下跌，转化收益未达预期', conditions: { 'YT-4.5': '市场因素导致未达预期' }, circumstances: ['YT-5.4', 'YT-5.8'],
  });
  await step(10, officer, b.id, 'record_defence', { kind: 'heard', on: day(10), statement: '定价经第三方评估并履行了集体决策程序' });
  await step(3, officer, b.id, 'pause_for_evaluation', { reason: '专家评估', from: day(3) });

  // 4. Under investigation; yesterday the officer asked the department head for the one extension YT-6.3 allows (pending).
  const ext = await start(16, officer, 'tolerance', 'ex_officio', {
    projectId: others[1].id, failure: '野外监测设备在雨季连续损毁，监测序列中断', conditions: { 'YT-4.5': '首次在该流域开展长序列监测' }, circumstances: ['YT-5.5'],
  });
  await step(14, officer, ext.id, 'record_defence', { kind: 'heard', on: day(14), statement: '设备损毁系特大暴雨所致，已及时报告' });
  await step(1, officer, ext.id, 'request_extension', { reason: '涉及多个县的监测站点，需逐一现场核实' });

  // 5. Under investigation with the extension approved by the department head four working days ago.
  const extended = await start(20, officer, 'tolerance', 'ex_officio', {
    projectId: others[2].id, failure: '合作企业停产，示范生产线未能建成', conditions: { 'YT-4.5': '合作企业经营变化非项目组所能预见' }, circumstances: ['YT-5.4'],
  });
  await step(18, officer, extended.id, 'record_defence', { kind: 'heard', on: day(18), statement: '合作企业停产前项目组已完成设备选型并报告' });
  await step(5, officer, extended.id, 'request_extension', { reason: '需调取合作企业停产的相关证明材料' });
  await step(4, leader, extended.id, 'approve_extension', { opinion: '同意延长' });

  // 6. Everything YT-6.3 and YT-6.4 require is on file: the collective decision can be taken today.
  const deciding = await start(10, officer, 'tolerance', 'ex_officio', {
    projectId: others[3].id, failure: '新品种区域试验两年产量未达审定标准', conditions: { 'YT-4.1': '符合州重点研发方向', 'YT-4.5': '首次在该生态区开展区域试验' }, circumstances: ['YT-5.5'],
  });
  await prepare(3, deciding.id, { 'YT-4.1': { met: true, basis: '项目列入州重点研发计划指南方向' }, 'YT-4.5': { met: true, basis: '区域试验方案经专家论证' } }, '项目组说明两年试验均受异常气候影响');

  // 7. Decided (免除责任) and copied two working days ago: the feedback (YT-6.5) is due; its correction case waits for its notice (YT-9.2).
  const feedback = await start(12, officer, 'tolerance', 'ex_officio', {
    projectId: others[4].id, failure: '关键设备进口受限，检测平台建设延期且未完成', conditions: { 'YT-4.1': '符合省重点研发方向' }, circumstances: ['YT-5.4'],
  });
  await prepare(5, feedback.id, { 'YT-4.1': { met: true, basis: '项目列入省重点研发计划指南方向' } }, '项目组说明设备进口受限的经过并提交了采购记录');
  await step(2, officer, feedback.id, 'decide', {
    outcome: 'exempt', circumstances: ['YT-5.4'], reasons: '设备进口受限属项目组无法预见和控制的客观因素',
    deliberation: { date: day(2), members: ['局长', '分管副局长', '业务科长', '诚信科长'], method: 'consensus', minutes: '一致同意免除责任，并启动纠错程序' },
  });
  await step(2, officer, feedback.id, 'record_copy', { organisation: '中共楚雄州委组织部', personnel: '楚雄州人力资源和社会保障局', on: day(2) });

  // 8. Decided (从轻处理) and fed back a month ago; the correction notice (YT-9.2) went out the next week, the interview (YT-9.3) is due.
  const c = await start(40, officer, 'tolerance', 'ex_officio', {
    projectId: others[5].id, failure: '关键技术路线被国外同行抢先公开，项目无法按原计划完成', conditions: { 'YT-4.1': '符合省重点研发方向', 'YT-4.2': '经专家论证立项' }, circumstances: ['YT-5.7'],
  });
  await prepare(35, c.id, { 'YT-4.1': { met: true, basis: '项目列入省重点研发计划指南方向' }, 'YT-4.2': { met: true, basis: '立项论证和技术路线调整均有专家论证记录' } },
    '项目组说明已在同行公开后两周内调整技术路线，并提交了调整论证记录');
  await step(32, officer, c.id, 'decide', {
    outcome: 'lighter', circumstances: ['YT-5.7'], reasons: '技术路线被他人先行公开，项目组已及时调整但部分任务未能完成',
    deliberation: { date: day(32), members: ['局长', '分管副局长', '业务科长', '诚信科长'], method: 'consensus', minutes: '一致同意从轻处理，并启动纠错程序' },
  });
  await step(32, officer, c.id, 'record_copy', { organisation: '中共楚雄州委组织部', personnel: '楚雄州人力资源和社会保障局', on: day(32) });
  await step(30, officer, c.id, 'feed_back');
  const [correction] = await app.db.query<{ id: string }>(`SELECT id FROM cases WHERE procedure = 'correction' AND (data->>'toleranceCaseId') = $1`, [c.id]);
  if (correction) {
    await step(27, officer, correction.id, 'send_notice', { reasons: '项目未按原计划完成，存在技术路线论证不充分的问题', requirements: '项目组说明调整情况，单位完善立项前查新和论证制度' });
  }

  // ——— Misconduct (CI-22 to CI-26), listing (CI-27), repair (CI-30, CI-31) ———
  const [person] = await app.db.query<{ id: string }>('SELECT id FROM subjects WHERE id = $1', [ciPerson.actor.personId]);
  const [listedUnit] = await app.db.query<{ id: string; rep: string }>(
    `SELECT s.id, r.person_id AS rep FROM subjects s JOIN subject_relations r ON r.organization_id = s.id AND r.kind = 'legal_representative' WHERE s.id = $1`, [ciUnit.actor.unitId]);
  const [otherUnit] = await app.db.query<{ id: string; rep: string }>(
    `SELECT s.id, r.person_id AS rep FROM subjects s JOIN subject_relations r ON r.organization_id = s.id AND r.kind = 'legal_representative'
      WHERE s.kind = 'organization' AND s.org_type = 'undertaking_unit' AND s.region_code = '532301' AND s.id <> $1 ORDER BY s.name LIMIT 1`, [ciUnit.actor.unitId]);
  if (!person || !listedUnit || !otherUnit) return;
  const misconduct = async (daysAgo: number, subjectId: string, grounds: string) => {
    const m = await start(daysAgo, integrity, 'misconduct', 'lead', { subjectId, source: 'audit', grounds });
    await step(daysAgo, integrity, m.id, 'file', { opinion: '立案调查' });
    await step(daysAgo, integrity, m.id, 'record_factors', { factors: FACTORS });
    return m.id;
  };
  /** The intended decision notified (行政处罚法第四十四条), statement and hearing waived in writing, then decided, all on one day. */
  const decide = async (daysAgo: number, id: string, d: Record<string, any>) => {
    const { kind, conductDate, severity, measures, banYears, publicDisclosure, responsible } = d;
    await step(daysAgo, integrity, id, 'send_notice', { kind, conductDate, severity, measures, banYears, publicDisclosure, responsible, facts: '经调查核实的失信事实', grounds: '楚科规〔2022〕5号第二十二条至第二十五条' });
    await step(daysAgo, integrity, id, 'record_statement', { kind: 'waived', on: day(daysAgo), text: '当事人书面声明放弃陈述、申辩' });
    await step(daysAgo, integrity, id, 'record_hearing_waiver', { on: day(daysAgo), statement: '当事人书面声明不要求听证' });
    await step(daysAgo, integrity, id, 'decide_sanction', { ...d, decidedOn: day(daysAgo), simpleProcedure: false, minorAndCorrected: false, judiciaryReferral: false, reasons: '经调查认定，情节如处理决定所述' });
  };
  const ban = (conductDate: string, years: number, responsible: unknown[] = []) => ({ kind: 'fabrication', conductDate, severity: 'grave', measures: ['ban'], banYears: years, publicDisclosure: true, responsible });

  // 9. The demo person (ci_person) under investigation: the intended decision notified two working days ago, the party's statement (CI-22.statement) awaited.
  const statementDue = await misconduct(6, person.id, '专项检查发现结题报告中的实验数据与原始记录不符');
  await step(2, integrity, statementDue, 'send_notice', {
    kind: 'fabrication', conductDate: '2025-09-15', severity: 'serious', measures: ['ban'], banYears: 3, publicDisclosure: false,
    facts: '结题报告第三章所列实验数据与原始记录不符', grounds: '楚科规〔2022〕5号第二十二条、第二十三条、第二十五条',
  });

  // 10. The same person, decided earlier for another matter: the listing notice (CI-27) went out three working days ago, the objection window is open.
  const forListing = await misconduct(8, person.id, '举报核实：申报书抄袭他人已发表成果');
  // Serious (CI-25.3), three years, not published by the decision itself: the person is on the public page only once listed.
  await decide(8, forListing, { kind: 'ghostwritten_application', conductDate: '2025-03-10', severity: 'serious', measures: ['ban'], banYears: 3, publicDisclosure: false, responsible: [] });
  const open = await start(3, officer, 'listing', 'propose', { subjectId: person.id, misconductCaseId: forListing, grounds: '依据处理决定拟列入失信惩戒名单' });
  await step(3, officer, open.id, 'send_notice', { note: '已送达告知书' });

  // 11. Another unit: notified twenty working days ago, no objection came, the window has ended; the office meeting can be asked today.
  const forEnded = await misconduct(24, otherUnit.id, '专项审计发现伪造经费审计报告');
  await decide(22, forEnded, ban('2025-06-01', 5, [{ role: 'legal_representative', personId: otherUnit.rep }]));
  const ended = await start(20, officer, 'listing', 'propose', { subjectId: otherUnit.id, misconductCaseId: forEnded, grounds: '依据处理决定拟列入失信惩戒名单' });
  await step(20, officer, ended.id, 'send_notice', { note: '已送达告知书' });

  // 12. The demo unit (ci_unit) listed two months ago; it applied for credit repair (CI-30) with its own account, the section proposed repair: the office meeting decides (CI-31).
  const forRepair = await misconduct(75, listedUnit.id, '审计发现挪用项目经费用于日常开支');
  await decide(72, forRepair, { ...ban('2025-04-01', 5, [{ role: 'legal_representative', personId: listedUnit.rep }]), kind: 'misappropriate_funds' });
  const listed = await start(70, officer, 'listing', 'propose', { subjectId: listedUnit.id, misconductCaseId: forRepair, grounds: '依据处理决定拟列入失信惩戒名单' });
  await step(70, officer, listed.id, 'send_notice', { note: '已送达告知书' });
  await step(50, officer, listed.id, 'no_objection');
  await step(49, officer, listed.id, 'approve', { date: day(49), minutes: '局办公会研究同意列入' });
  const [listing] = await app.db.query<{ id: string }>('SELECT id FROM listings WHERE case_id = $1', [listed.id]);
  if (listing) {
    const repair = await start(12, ciUnit, 'repair', 'apply', { listingId: listing.id, evidence: '已全额退回挪用的项目经费，完成内部整改并建立经费使用双签制度' });
    await step(2, officer, repair.id, 'propose_repair', { findings: '经核实，经费已全额退回，整改措施落实到位，建议同意修复' });
  }

  // ——— Complaint (CI-29) ———
  // 13. Received yesterday through the public form, waiting to be registered and routed.
  // Filed as the form files it: the challenge answered (CI-29 intake refuses a submission without the proof of work).
  const complaintDay = ago(1);
  const challenge = issueComplaintChallenge(complaintDay);
  await submitComplaint(complaintDay, {
    proof: { challenge: challenge.challenge, nonce: solveWork(challenge.challenge, challenge.bits)! },
    accusedName: '紫溪生物科技有限公司', accusedKind: 'organization', content: '该公司在 2026 年项目中期检查中提交的检测报告系伪造，检测机构从未出具该报告。',
    complainant: { name: '知情人', phone: '0878-3120001' },
  });
}
