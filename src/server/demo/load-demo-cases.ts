/**
 * Demo cases, made by the same commands people use (so they carry steps, clocks, files, documents
 * and audit events like any other): an application waiting for acceptance, a case under
 * investigation, and a decided case whose correction has started (YT-9.1).
 */
import { dataScope } from '../../core/access/policy';
import { businessDate } from '../../core/time/clock';
import type { AppContext, RequestContext } from '../context';
import { actorOf } from '../modules/accounts/login';
import { findUserByUsername } from '../modules/accounts/users-repo';
import { startCase } from '../modules/cases/start-case';
import { takeStep } from '../modules/cases/take-step';
import { addMaterial } from '../modules/files/add-material';

/** A one-page PDF standing in for each uploaded material. */
const DEMO_PDF = Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n');
const MATERIAL_KINDS = ['application', 'explanation', 'unit_certificate', 'audit_report', 'performance'];

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
  // The application is on one of the demo researcher's projects; the bureau's own cases on two others of the prefecture.
  const [own] = await app.db.query<{ id: string }>(
    `SELECT id FROM projects WHERE leader_id = $1 AND jurisdiction_code = '532300' AND exempted_on IS NULL ORDER BY code DESC LIMIT 1`, [researcher.actor.personId]);
  const others = await app.db.query<{ id: string }>(
    `SELECT id FROM projects WHERE jurisdiction_code = '532300' AND exempted_on IS NULL AND status = 'in_progress' AND id <> $1 ORDER BY code DESC LIMIT 2`, [own?.id ?? null]);
  if (!own || others.length < 2) return;
  const projects = [own, ...others];
  const step = async (ctx: RequestContext, id: string, name: string, input: Record<string, unknown> = {}) => {
    const [{ version }] = await app.db.query<{ version: number }>('SELECT version FROM cases WHERE id = $1', [id]);
    return takeStep(app, ctx, id, name, { version, ...input });
  };

  // 1. Applied, vouched by the unit, waiting for the bureau to accept (YT-6.2 clock running).
  const tolerance = (ctx: RequestContext, start: 'apply' | 'ex_officio', input: Record<string, unknown>) => startCase(app, ctx, { procedure: 'tolerance', start, input });
  const a = await tolerance(researcher, 'apply', {
    projectId: projects[0].id, failure: '高海拔种植试验受连续霜冻影响，两季试验数据无法采集', conditions: { 'YT-4.5': '首次在海拔 2,400 米以上开展该品种试验', 'YT-4.3': '无谋取私利情形' },
    circumstances: ['YT-5.5'],
  });
  for (const kind of MATERIAL_KINDS) await addMaterial(app, researcher, a.id, { kind, fileName: `${kind}.pdf`, bytes: DEMO_PDF });
  await step(researcher, a.id, 'submit_to_unit');
  await step(unit, a.id, 'unit_vouch', { opinion: '情况属实，同意报送' });

  // 2. Opened ex officio and under investigation (YT-6.3 clock running), the defence recorded.
  const today = businessDate(app.clock);
  const b = await tolerance(officer, 'ex_officio', {
    projectId: projects[1].id, failure: '成果转化合同签订后市场价格大幅下跌，转化收益未达预期', conditions: { 'YT-4.5': '市场因素导致未达预期' }, circumstances: ['YT-5.4', 'YT-5.8'],
  });
  await step(officer, b.id, 'record_defence', { kind: 'heard', on: today, statement: '定价经第三方评估并履行了集体决策程序' });

  // 3. Decided (从轻处理) and fed back; the correction case it started waits for its notice (YT-9.2).
  // YT-6.3: the defence heard and each condition claimed found on; YT-6.4: finance and audit consulted, then the collective decision and the copy to the departments.
  const c = await tolerance(officer, 'ex_officio', {
    projectId: projects[2].id, failure: '关键技术路线被国外同行抢先公开，项目无法按原计划完成', conditions: { 'YT-4.1': '符合省重点研发方向', 'YT-4.2': '经专家论证立项' }, circumstances: ['YT-5.7'],
  });
  await step(officer, c.id, 'record_defence', { kind: 'heard', on: today, statement: '项目组说明已在同行公开后两周内调整技术路线，并提交了调整论证记录' });
  await step(officer, c.id, 'record_findings', { findings: { 'YT-4.1': { met: true, basis: '项目列入省重点研发计划指南方向' }, 'YT-4.2': { met: true, basis: '立项论证和技术路线调整均有专家论证记录' } } });
  await step(officer, c.id, 'record_consultation', { department: 'finance', on: today, substance: '州财政局对经费使用情况无异议，结余经费按规定退回' });
  await step(officer, c.id, 'record_consultation', { department: 'audit', on: today, substance: '州审计局确认专项审计未发现违规使用经费' });
  await step(officer, c.id, 'decide', {
    outcome: 'lighter', circumstances: ['YT-5.7'], reasons: '技术路线被他人先行公开，项目组已及时调整但部分任务未能完成',
    deliberation: { date: today, members: ['局长', '分管副局长', '业务科长', '诚信科长'], method: 'consensus', minutes: '一致同意从轻处理，并启动纠错程序' },
  });
  await step(officer, c.id, 'record_copy', { organisation: '中共楚雄州委组织部', personnel: '楚雄州人力资源和社会保障局', on: today });
  await step(officer, c.id, 'feed_back');
}
