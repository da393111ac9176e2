/**
 * E-mail on both databases, through a real SMTP server started in the test (test/support/smtp.ts):
 * the address a user enters on the account page; mails that carry the notices a researcher is owed
 * (the decision on his tolerance application, the correction notice, his own listing) and the
 * reminders before a due date, each naming its case, its deadline and its link with no ID number in
 * full; refusals and an absent server retried with doubling back-off and logged, up to the cap;
 * two sweeps at once sending each mail once; opt-outs honoured; nothing queued when mail is off.
 */
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/server/config';
import { decideMisconduct, prepareToleranceDecision, startBody, takeSteps, uploadMaterials } from '../support/cases';
import { DB_KINDS } from '../support/databases';
import { startSmtp, type ReceivedMail, type TestSmtp } from '../support/smtp';
import { loginAs, startTestApp, TEST_NOW, type Client, type TestApp } from '../support/test-app';
import { deliverMail } from '../../src/server/modules/mail/deliver-mail';
import { sweepReminders } from '../../src/server/modules/deadlines/sweep-reminders';
import { notify } from '../../src/server/modules/notifications/notify';
import { buildServer } from '../../src/server/http/server';

const DECISION = { outcome: 'exempt', circumstances: ['YT-5.6'], reasons: '已勤勉尽责，技术路线选择失误',
  deliberation: { date: '2026-11-20', members: ['局长', '副局长', '业务科长'], method: 'consensus', minutes: '一致同意免除责任' } };
const beijing = (d: string) => `${d}T02:00:00.000Z`;
const RESEARCHER_MAIL = 'researcher@lab.cx.cn';
const OFFICER_MAIL = 'cx.business@kjj.cx.gov.cn';
/** An 18-digit ID number, or a 15-digit one, anywhere in a text. */
const WHOLE_ID_NUMBER = /(?<!\d)(\d{17}[\dXx]|\d{15})(?![\dXx])/;
const run = promisify(execFile);

describe('邮件设置：未设置 SMTP 时不发邮件；设置了的，发件地址和访问地址缺一不可，格式不对拒绝启动', () => {
  const base = { KEXIN_SMTP_URL: 'smtp://kexin:p%40ss@mail.kjj.cx.gov.cn:587', KEXIN_MAIL_FROM: 'kexin@kjj.cx.gov.cn', KEXIN_PUBLIC_URL: 'https://kexin.kjj.cx.gov.cn/' };
  it('未设置 KEXIN_SMTP_URL：邮件关闭', () => {
    expect(loadConfig({}).mail).toBeNull();
  });
  it('设置齐全：读入发件地址、访问地址（去掉末尾斜杠）和重试参数的默认值', () => {
    expect(loadConfig(base).mail).toEqual({ smtpUrl: base.KEXIN_SMTP_URL, from: 'kexin@kjj.cx.gov.cn', publicUrl: 'https://kexin.kjj.cx.gov.cn', maxAttempts: 6, retrySeconds: 60, retryMaxSeconds: 21600, leaseSeconds: 600 });
  });
  it.each([
    [{ KEXIN_SMTP_URL: 'http://mail.kjj.cx.gov.cn' }, 'smtp://'],
    [{ KEXIN_SMTP_URL: 'mail.kjj.cx.gov.cn:25' }, 'smtp://'],
    [{ KEXIN_MAIL_FROM: '' }, 'KEXIN_MAIL_FROM'],
    [{ KEXIN_MAIL_FROM: 'kexin@kjj' }, '域名'],
    [{ KEXIN_PUBLIC_URL: '' }, 'KEXIN_PUBLIC_URL'],
    [{ KEXIN_PUBLIC_URL: 'kexin.kjj.cx.gov.cn' }, 'KEXIN_PUBLIC_URL'],
    [{ KEXIN_MAIL_MAX_ATTEMPTS: '0' }, 'KEXIN_MAIL_MAX_ATTEMPTS'],
  ])('%o → 拒绝启动（%s）', (bad, says) => {
    expect(() => loadConfig({ ...base, ...bad })).toThrow(ConfigError);
    expect(() => loadConfig({ ...base, ...bad })).toThrow(says);
  });
});

describe.each(DB_KINDS)('邮件提醒（%s）', (kind) => {
  let t: TestApp;
  let smtp: TestSmtp;
  let researcher: { user_id: string; person_id: string };
  let project: { id: string; code: string };
  beforeAll(async () => {
    smtp = await startSmtp();
    t = await startTestApp(kind, { mail: { smtpUrl: smtp.url, maxAttempts: 3, retrySeconds: 60, retryMaxSeconds: 3600 } });
    [researcher] = await t.app.db.query<any>(`SELECT id AS user_id, person_id FROM users WHERE username = 'researcher'`);
    [project] = await t.app.db.query<any>(
      `SELECT id, code FROM projects WHERE leader_id = $1 AND jurisdiction_code = '532300' AND exempted_on IS NULL AND status = 'in_progress' ORDER BY code LIMIT 1`, [researcher.person_id]);
  });
  afterAll(async () => { await t?.close(); await smtp?.stop(); });

  const at = async (day: string, who: string): Promise<Client> => { t.clock.set(beijing(day)); return loginAs(t, who); };
  const setMail = (c: Client, email: string | null, optOut: string[] = []) => c.send('PUT', '/api/account/mail', { email, optOut });
  /** Runs the mail sweep until nothing is due, and waits for what was sent to be parsed by the test server. */
  const deliverAll = async (instanceId = t.app.instanceId) => {
    const before = smtp.received.length;
    const total = { sent: 0, retried: 0, failed: 0, skipped: 0 };
    for (;;) {
      const r = await deliverMail({ ...t.app, instanceId });
      total.sent += r.sent; total.retried += r.retried; total.failed += r.failed; total.skipped += r.skipped;
      if (r.claimed === 0) break;
    }
    await smtp.until(before + total.sent);
    return total;
  };
  const mailsTo = (address: string, subject: string | RegExp): ReceivedMail[] =>
    smtp.received.filter((m) => m.to.includes(address) && (typeof subject === 'string' ? m.subject.includes(subject) : subject.test(m.subject)));
  const notesOf = async (username: string, caseId: string) => (await t.app.db.query<{ title: string; kind: string }>(
    `SELECT n.title, n.kind FROM notifications n JOIN users u ON u.id = n.user_id WHERE u.username = $1 AND n.case_id = $2 ORDER BY n.created_at, n.title`, [username, caseId])).map((n) => n.title);
  /** One notice to the researcher alone, mailed as `mailKind`, the way every sweep and step tells people. */
  const tellResearcher = (title: string, body = '请登录系统查看。', mailKind: 'case_notice' | 'reminder' = 'case_notice') =>
    t.app.db.transaction((tx) => notify(tx, t.app, { userIds: [researcher.user_id] }, { kind: 'case', title, body, mail: { kind: mailKind } }));
  const outboxOf = async (title: string) => (await t.app.db.query<{ id: string; status: string; attempts: number; next_attempt_at: Date }>(
    `SELECT o.id, o.status, o.attempts, o.next_attempt_at FROM mail_outbox o WHERE o.subject = $1`, [`【科信】${title}`]));
  const logOf = async (outboxId: string) => (await t.app.db.query<{ outcome: string; smtp_code: number | null; response: string | null; retry_at: Date | null; at: Date }>(
    'SELECT outcome, smtp_code, response, retry_at, at FROM mail_deliveries WHERE outbox_id = $1 ORDER BY attempt', [outboxId]));

  it('账号页填写电子邮箱：格式不对的拒收并说明原因（字段 email），可用的保存后读回；审计只记“已修改”，不记地址', async () => {
    t.clock.set(TEST_NOW);
    const r = await loginAs(t, 'researcher');
    const bad = await setMail(r, 'researcher@');
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'INVALID_EMAIL', field: 'email' });
    expect(bad.json.error.message).toContain('格式不正确');
    const injected = await setMail(r, 'researcher@lab.cx.cn\r\nBcc: all@evil.cn');
    expect(injected.json.error).toMatchObject({ code: 'INVALID_EMAIL', field: 'email' });
    expect(injected.json.error.message).toContain('换行');
    expect((await setMail(r, 'researcher@lab.cx.cn', ['no_such_kind'])).json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'optOut' });
    const ok = await setMail(r, '  researcher@LAB.CX.CN ');
    expect(ok.status).toBe(200);
    expect(ok.json).toMatchObject({ enabled: true, email: RESEARCHER_MAIL });
    expect(ok.json.kinds.map((k: any) => [k.kind, k.optedOut])).toEqual([['reminder', false], ['overdue', false], ['window', false], ['case_notice', false]]);
    expect((await r.get('/api/account/mail')).json.email).toBe(RESEARCHER_MAIL);
    const [audit] = await t.app.db.query<{ after: unknown }>(`SELECT after FROM audit_events WHERE action = 'account.mail_settings' AND object_id = $1 ORDER BY seq DESC LIMIT 1`, [researcher.user_id]);
    expect(audit.after).toMatchObject({ hasEmail: true, emailChanged: true, optOut: [] });
    expect(JSON.stringify(audit.after)).not.toContain('lab.cx.cn');
    expect((await setMail(await loginAs(t, 'cx_business'), OFFICER_MAIL)).status).toBe(200);
  });

  let toleranceCase: string;
  let correctionCase: string;
  it('YT-6.2 YT-6.4 YT-9.2 申请人收到受理、认定结果和纠错通知书（站内提醒和邮件）；经办人收到受理期限开始的邮件，写明期限', async () => {
    const r = await at('2026-11-20', 'researcher');
    const c = (await r.send('POST', '/api/cases', startBody('tolerance', { projectId: project.id, failure: '样品制备失败', conditions: { 'YT-4.5': '新工艺' }, circumstances: ['YT-5.6'] }))).json;
    toleranceCase = c.id;
    await uploadMaterials(r, c.id);
    await takeSteps(r, c.id, [['submit_to_unit']]);
    await takeSteps(await loginAs(t, 'unit_admin'), c.id, [['unit_vouch', { opinion: '情况属实' }]]);
    const officer = await loginAs(t, 'cx_business');
    await takeSteps(officer, c.id, [['accept']]);
    await prepareToleranceDecision(officer, c.id, '2026-11-20');
    await takeSteps(officer, c.id, [['decide', DECISION]]);
    const [corr] = await t.app.db.query<{ id: string }>(`SELECT id FROM cases WHERE parent_case_id = $1 AND procedure = 'correction'`, [c.id]);
    correctionCase = corr.id;
    await takeSteps(officer, corr.id, [['send_notice', { reasons: '项目失败暴露出预研不足的问题', requirements: '十日内提交整改方案并接受谈话问询' }]]);

    // In the system: the researcher is told of each (before this work he was told of none of them).
    expect(await notesOf('researcher', c.id)).toEqual(['容错免责认定：受理', '容错免责认定：集体审议作出认定']);
    expect(await notesOf('researcher', corr.id)).toEqual(['纠错：发出纠错通知书']);

    const sent = await deliverAll();
    expect(sent.failed + sent.retried).toBe(0);
    const [accepted] = mailsTo(RESEARCHER_MAIL, '容错免责认定：受理');
    expect(accepted.subject).toBe('【科信】容错免责认定：受理');
    expect(accepted.from).toContain('kexin@kjj.cx.gov.cn');
    expect(accepted.text).toContain(`案件：容错免责认定（项目 ${project.code}）`);
    expect(accepted.text).toContain(`查看：https://kexin.cx.gov.cn/cases/${c.id}`);
    const [decided] = mailsTo(RESEARCHER_MAIL, '集体审议作出认定');
    // Told of his own matter, he is told what happened, not asked to act.
    expect(decided.text).toContain('案件已集体审议作出认定（YT-6.4），详情请登录系统查看。');
    expect(decided.text).toContain('退订');
    const [notice] = mailsTo(RESEARCHER_MAIL, '纠错：发出纠错通知书');
    expect(notice.to).toEqual([RESEARCHER_MAIL]);
    expect(notice.text).toContain(`查看：https://kexin.cx.gov.cn/cases/${corr.id}`);
    // The officer owes the acceptance: the unit's submission starts YT-6.2, mailed with its due date.
    const [yt62] = await t.app.db.query<{ due_date: string }>(`SELECT due_date FROM deadline_clocks WHERE owner_id = $1 AND limit_id = 'YT-6.2'`, [c.id]);
    const [window] = mailsTo(OFFICER_MAIL, '容错免责认定：单位审核通过并报送');
    expect(window.text).toContain(`期限：${yt62.due_date} 前反馈受理意见`);
    // The correction notice names the interview it opens (YT-9.3, ten days) only to the bureau: the researcher's mail names the case.
    for (const m of smtp.received) {
      expect(m.subject).not.toMatch(WHOLE_ID_NUMBER);
      expect(m.text).not.toMatch(WHOLE_ID_NUMBER);
    }
  });

  it('到期前提醒：纠错谈话问询期限（YT-9.3）到期当日，经办人收到“明日/今日到期”邮件，写明案件、到期日和链接', async () => {
    const [clock] = await t.app.db.query<{ id: string; due_date: string }>(`SELECT id, due_date FROM deadline_clocks WHERE owner_id = $1 AND limit_id = 'YT-9.3' AND status = 'running'`, [correctionCase]);
    t.clock.set(beijing(clock.due_date));
    const r = await sweepReminders(t.app);
    expect(r.raised).toContainEqual({ clockId: clock.id, kind: 'before_1' });
    await deliverAll();
    const [m] = mailsTo(OFFICER_MAIL, '明日/今日到期：纠错：谈话问询');
    expect(m.to).toEqual([OFFICER_MAIL]);
    expect(m.text).toContain(`YT-9.3 时限于 ${clock.due_date} 到期`);
    expect(m.text).toContain(`期限：${clock.due_date} 前谈话问询`);
    expect(m.text).toContain(`查看：https://kexin.cx.gov.cn/cases/${correctionCase}`);
    // The bureau owes this one: the researcher is not reminded of it.
    expect(mailsTo(RESEARCHER_MAIL, '谈话问询')).toEqual([]);
  });

  it('CI-27 本人被列入名单：事先告知、处理决定、列入告知书、异议期届满前提醒和列入决定都送达本人（站内提醒和邮件，邮件不含身份证号）', async () => {
    const integrity = await at('2026-11-20', 'cx_integrity');
    const m = await decideMisconduct(integrity, researcher.person_id);
    const officer = await loginAs(t, 'cx_business');
    const l = (await officer.send('POST', '/api/cases', startBody('listing', { subjectId: researcher.person_id, misconductCaseId: m.id, grounds: '依据处理决定拟列入失信惩戒名单' }))).json;
    expect(l.id).toBeTruthy();
    await takeSteps(officer, l.id, [['send_notice']]);
    const [objection] = await t.app.db.query<{ due_date: string }>(`SELECT due_date FROM deadline_clocks WHERE owner_id = $1 AND limit_id = 'CI-27.objection'`, [l.id]);
    expect(objection.due_date).toBe('2026-12-04');
    // The last working day of the objection window: the party owes it, and is reminded.
    t.clock.set(beijing('2026-12-04'));
    await sweepReminders(t.app);
    const after = await at('2026-12-07', 'cx_business');
    await takeSteps(after, l.id, [['no_objection'], ['approve', { date: '2026-12-07', minutes: '局办公会研究同意列入' }]]);

    expect(await notesOf('researcher', m.id)).toEqual(['科研失信行为调查：事先告知', '科研失信行为调查：处理决定']);
    expect(await notesOf('researcher', l.id)).toEqual(['列入失信惩戒名单：发出告知书', '明日/今日到期：列入失信惩戒名单：提出异议', '列入失信惩戒名单：局办公会研究同意列入']);
    await deliverAll();
    const [told] = mailsTo(RESEARCHER_MAIL, '列入失信惩戒名单：发出告知书');
    expect(told.text).toContain('期限：2026-12-04 前提出异议');
    expect(told.text).toContain('案件已发出告知书（CI-27），请及时办理。');
    expect(told.text).toContain(`查看：https://kexin.cx.gov.cn/cases/${l.id}`);
    const [reminded] = mailsTo(RESEARCHER_MAIL, '明日/今日到期：列入失信惩戒名单：提出异议');
    expect(reminded.text).toContain('请于 2026-12-04 前提出异议（CI-27.objection）');
    expect(reminded.text).not.toContain('局领导');
    expect(mailsTo(RESEARCHER_MAIL, '列入失信惩戒名单：局办公会研究同意列入')).toHaveLength(1);
    expect(mailsTo(RESEARCHER_MAIL, '科研失信行为调查：处理决定')).toHaveLength(1);
    const [statement] = mailsTo(RESEARCHER_MAIL, '科研失信行为调查：事先告知');
    expect(statement.text).toMatch(/期限：\d{4}-\d{2}-\d{2} 前/);
    for (const x of smtp.received) expect(`${x.subject}\n${x.text}\n${x.raw}`).not.toMatch(WHOLE_ID_NUMBER);
  });

  it('邮件中出现的身份证号一律隐去中间 8 位，原文照录的通知也一样', async () => {
    t.clock.set(TEST_NOW);
    await tellResearcher('身份证号隐去', '涉及 53230119900307001X 和 532301900307001 的材料已退回。');
    await deliverAll();
    const [m] = mailsTo(RESEARCHER_MAIL, '身份证号隐去');
    expect(m.text).toContain('涉及 532301********001X 和 *************** 的材料已退回');
    expect(m.raw).not.toContain('53230119900307001X');
    // The in-system notice is the record and keeps its words; only the mail leaves the system.
    const [n] = await t.app.db.query<{ body: string }>(`SELECT body FROM notifications WHERE title = '身份证号隐去'`);
    expect(n.body).toContain('53230119900307001X');
  });

  it('邮件服务器拒收（450）：记为发送失败，60 秒后重试并发出；重试前再扫描不会提前发送', async () => {
    t.clock.set(TEST_NOW);
    await tellResearcher('拒收后重试');
    smtp.refuse(1, 450);
    expect(await deliverAll()).toMatchObject({ sent: 0, retried: 1 });
    const [o] = await outboxOf('拒收后重试');
    expect(o).toMatchObject({ status: 'pending', attempts: 1 });
    expect(new Date(o.next_attempt_at).toISOString()).toBe(new Date(Date.parse(TEST_NOW) + 60_000).toISOString());
    t.clock.advance(59_000);
    expect(await deliverAll()).toMatchObject({ sent: 0, retried: 0 });
    t.clock.advance(1_000);
    expect(await deliverAll()).toMatchObject({ sent: 1 });
    const log = await logOf(o.id);
    expect(log.map((x) => [x.outcome, x.smtp_code])).toEqual([['failed', 450], ['sent', 250]]);
    expect(log[0].response).toContain('暂时不能接收（450）');
    expect(mailsTo(RESEARCHER_MAIL, '拒收后重试')).toHaveLength(1);
    const [fail] = await t.app.db.query<{ outcome: string; after: any }>(`SELECT outcome, after FROM audit_events WHERE action = 'mail.fail' AND object_id = $1`, [o.id]);
    expect(fail).toMatchObject({ outcome: 'failure', after: { attempt: 1, smtpCode: 450, givenUp: false } });
  });

  it('邮件服务器停机：连接失败记入日志，间隔加倍（60、120 秒）重试，恢复后发出', async () => {
    t.clock.set(TEST_NOW);
    await tellResearcher('停机后重试');
    await smtp.stop();
    try {
      expect(await deliverAll()).toMatchObject({ retried: 1 });
      t.clock.advance(60_000);
      expect(await deliverAll()).toMatchObject({ retried: 1 });
    } finally {
      await smtp.start();
    }
    const [o] = await outboxOf('停机后重试');
    const log = await logOf(o.id);
    expect(log.map((x) => x.outcome)).toEqual(['failed', 'failed']);
    expect(log[0].response).toContain('无法连接邮件服务器');
    expect(log.map((x) => (new Date(x.retry_at!).getTime() - new Date(x.at).getTime()) / 1000)).toEqual([60, 120]);
    t.clock.advance(119_000);
    expect(await deliverAll()).toMatchObject({ sent: 0 });
    t.clock.advance(1_000);
    expect(await deliverAll()).toMatchObject({ sent: 1 });
    expect((await logOf(o.id)).map((x) => x.outcome)).toEqual(['failed', 'failed', 'sent']);
  });

  it('屡次拒收（550）达到次数上限（3 次）后不再重试，记为发送失败；账号页显示原因和应如何处理', async () => {
    t.clock.set(TEST_NOW);
    await tellResearcher('屡次拒收');
    smtp.refuse(3, 550);
    for (const wait of [0, 60_000, 120_000]) { t.clock.advance(wait); await deliverAll(); }
    const [o] = await outboxOf('屡次拒收');
    expect(o).toMatchObject({ status: 'failed', attempts: 3 });
    const log = await logOf(o.id);
    expect(log.map((x) => [x.outcome, x.smtp_code, x.retry_at === null])).toEqual([['failed', 550, false], ['failed', 550, false], ['failed', 550, true]]);
    t.clock.advance(86_400_000);
    expect(await deliverAll()).toMatchObject({ sent: 0, retried: 0, failed: 0 });
    const page = (await (await loginAs(t, 'researcher')).get('/api/account/mail')).json;
    const shown = page.mails.find((x: any) => x.subject === '【科信】屡次拒收');
    expect(shown).toMatchObject({ status: 'failed', statusLabel: '发送失败', attempts: 3 });
    expect(shown.problem).toContain('请核对邮箱地址');
  });

  it('两个扫描同时投递：每封邮件只发一次，各由一个扫描认领', async () => {
    t.clock.set(TEST_NOW);
    const before = smtp.received.length;
    for (let i = 1; i <= 8; i++) await tellResearcher(`并发投递 ${i}`);
    const run = async (instanceId: string) => {
      let sent = 0;
      for (;;) {
        const r = await deliverMail({ ...t.app, instanceId }, { limit: 2 });
        sent += r.sent;
        if (r.claimed === 0) return sent;
      }
    };
    const [a, b] = await Promise.all([run('A'), run('B')]);
    expect(a + b).toBe(8);
    await smtp.until(before + 8);
    const got = smtp.received.slice(before).map((m) => m.subject).sort();
    expect(got).toEqual([1, 2, 3, 4, 5, 6, 7, 8].map((i) => `【科信】并发投递 ${i}`).sort());
    const rows = await t.app.db.query<{ n: number; by: string }>(
      `SELECT count(*)::int AS n, min(d.by_instance) AS by FROM mail_deliveries d JOIN mail_outbox o ON o.id = d.outbox_id WHERE o.subject LIKE '【科信】并发投递%' GROUP BY d.outbox_id`);
    expect(rows).toHaveLength(8);
    expect(rows.every((r) => r.n === 1 && (r.by === 'A' || r.by === 'B'))).toBe(true);
  });

  it.runIf(kind === 'postgres')('两个进程同时运行 kexin sweep（同一 PostgreSQL）：每封邮件只发一次', async () => {
    t.clock.set(TEST_NOW);
    await setMail(await loginAs(t, 'researcher'), RESEARCHER_MAIL);
    const before = smtp.received.length;
    for (let i = 1; i <= 6; i++) await tellResearcher(`两个进程 ${i}`);
    const env = { ...t.cliEnv, KEXIN_DATA_KEY: '00112233445566778899aabbccddeeff', KEXIN_SMTP_URL: smtp.url, KEXIN_MAIL_FROM: 'kexin@kjj.cx.gov.cn', KEXIN_PUBLIC_URL: 'https://kexin.cx.gov.cn' };
    const sweep = (instance: string) => run(process.execPath, ['bin/kexin.mjs', 'sweep', '--at', TEST_NOW], { env: { ...env, KEXIN_INSTANCE: instance } });
    const [a, b] = await Promise.all([sweep('P1'), sweep('P2')]);
    const sent = [a, b].map((r) => JSON.parse(r.stdout.trim().split('\n').pop()!).mail.sent as number);
    // The sweeps also raise the day's reminders (mailed to the officer who has an address): every mail either sent counts once.
    await smtp.until(before + sent[0] + sent[1]);
    const got = smtp.received.slice(before);
    expect(got).toHaveLength(sent[0] + sent[1]);
    expect(new Set(got.map((m) => `${m.to.join()} ${m.subject}`)).size).toBe(got.length);
    expect(got.map((m) => m.subject).filter((x) => x.includes('两个进程')).sort()).toEqual([1, 2, 3, 4, 5, 6].map((i) => `【科信】两个进程 ${i}`));
    const rows = await t.app.db.query<{ n: number; by: string }>(
      `SELECT count(*)::int AS n, min(d.by_instance) AS by FROM mail_deliveries d JOIN mail_outbox o ON o.id = d.outbox_id WHERE o.subject LIKE '【科信】两个进程%' GROUP BY d.outbox_id`);
    expect(rows.map((r) => [r.n, ['P1', 'P2'].includes(r.by)])).toEqual(Array(6).fill([1, true]));
  });

  it('退订：退订某类邮件的用户不再收到此类邮件（站内提醒照常）；已排队的在发送时按新设置不发', async () => {
    t.clock.set(TEST_NOW);
    const r = await loginAs(t, 'researcher');
    await tellResearcher('退订前已排队');
    expect((await setMail(r, RESEARCHER_MAIL, ['case_notice'])).json.kinds.find((k: any) => k.kind === 'case_notice').optedOut).toBe(true);
    await tellResearcher('退订后的通知');
    await tellResearcher('退订后的提醒', '请于期限前办理。', 'reminder');
    expect(await deliverAll()).toMatchObject({ sent: 1, skipped: 1 });
    expect(mailsTo(RESEARCHER_MAIL, '退订前已排队')).toEqual([]);
    expect(mailsTo(RESEARCHER_MAIL, '退订后的通知')).toEqual([]);
    expect(mailsTo(RESEARCHER_MAIL, '退订后的提醒')).toHaveLength(1);
    expect(await outboxOf('退订后的通知')).toEqual([]);
    expect((await outboxOf('退订前已排队'))[0].status).toBe('skipped');
    const [{ n }] = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM notifications WHERE user_id = $1 AND title IN ('退订前已排队', '退订后的通知')`, [researcher.user_id]);
    expect(n).toBe(2);
    await setMail(r, RESEARCHER_MAIL, []);
  });

  it('未配置发信服务器时不排队任何邮件，账号页说明暂不发送', async () => {
    // The same database and accounts, served by a process whose configuration has no KEXIN_SMTP_URL.
    const offApp = { ...t.app, config: { ...t.app.config, mail: null } };
    const server = await buildServer(offApp);
    await server.ready();
    try {
      const told = await offApp.db.transaction((tx) => notify(tx, offApp, { userIds: [researcher.user_id] }, { kind: 'case', title: '未配置邮件', body: '请登录查看。', mail: { kind: 'case_notice' } }));
      expect(told).toBe(1);
      expect(await outboxOf('未配置邮件')).toEqual([]);
      expect(await deliverMail(offApp)).toMatchObject({ claimed: 0 });
      const page = await (await loginAs({ ...t, server, app: offApp }, 'researcher')).get('/api/account/mail');
      expect(page.json).toMatchObject({ enabled: false, email: RESEARCHER_MAIL });
    } finally {
      await server.close();
    }
  });
});
