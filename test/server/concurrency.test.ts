/**
 * Concurrency (issue 8; ASVS V15.4): two officers take conflicting decisions on the same case at the
 * same moment — one files it for investigation (CI-22), the other dismisses it. In every trial exactly
 * one wins, the other is told the case moved on, and the case, its step log and the audit log each
 * hold the winner's decision only. 100 trials in `npm test`; `npm run test:security` runs 1,000.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { startBody } from '../support/cases';
import { fileComplaint } from '../support/complaints';

const TRIALS = process.env.KEXIN_SECURITY_FULL === '1' ? 1000 : 100;

describe.each(DB_KINDS)('并发：同一案件上的两个相互冲突的决定（%s）', (kind) => {
  let t: TestApp;
  let a: Client;
  let b: Client;
  let subjectId: string;
  beforeAll(async () => {
    t = await startTestApp(kind);
    [a, b] = [await loginAs(t, 'cx_integrity'), await loginAs(t, 'cx_business')];
    [{ id: subjectId }] = await t.app.db.query<{ id: string }>(`SELECT id FROM subjects WHERE kind = 'organization' AND region_code = '532301' LIMIT 1`);
  });
  afterAll(async () => { await t?.close(); });

  it(`CI-22 ${TRIALS} 次同时“立案调查”与“不予立案”：每次恰好一方成功，另一方得到冲突提示，案件、步骤记录、审计日志都只有胜者的决定`, async () => {
    const tally = { trials: 0, oneWinner: 0, lostUpdates: 0, winsFile: 0, winsDismiss: 0 };
    for (let i = 0; i < TRIALS; i++) {
      const c = (await a.send('POST', '/api/cases', startBody('misconduct', { subjectId, source: 'audit', grounds: `并发试验第 ${i + 1} 次：审计发现问题线索` }))).json;
      const [fileRes, dismissRes] = await Promise.all([
        a.send('POST', `/api/cases/${c.id}/steps/file`, { version: c.version, opinion: '立案调查' }),
        b.send('POST', `/api/cases/${c.id}/steps/dismiss`, { version: c.version, reason: '线索不具体，不予立案' }),
      ]);
      tally.trials++;
      const winners = [fileRes, dismissRes].filter((r) => r.status === 200);
      const loser = [fileRes, dismissRes].find((r) => r.status !== 200);
      if (winners.length === 1 && loser && [409].includes(loser.status) && ['VERSION_CONFLICT', 'CASE_STATE'].includes(loser.json.error.code)) tally.oneWinner++;
      const won = fileRes.status === 200 ? 'file' : 'dismiss';
      tally[won === 'file' ? 'winsFile' : 'winsDismiss']++;
      const [row] = await t.app.db.query<{ state: string; version: number }>('SELECT state, version FROM cases WHERE id = $1', [c.id]);
      const steps = await t.app.db.query<{ step: string }>('SELECT step FROM case_events WHERE case_id = $1 AND step IN ($2, $3)', [c.id, 'file', 'dismiss']);
      const audits = await t.app.db.query<{ n: number }>(`SELECT count(*)::int AS n FROM audit_events WHERE action = 'case.transition' AND object_id = $1`, [c.id]);
      const consistent = row.state === (won === 'file' ? 'investigating' : 'dismissed') && row.version === c.version + 1
        && steps.length === 1 && steps[0].step === won && audits[0].n === 1;
      if (!consistent) tally.lostUpdates++;
    }
    expect(tally).toMatchObject({ trials: TRIALS, oneWinner: TRIALS, lostUpdates: 0 });
    console.log(`concurrency (${kind}): ${JSON.stringify(tally)}`);
  }, 600_000);

  // Issue 16: every state-changing endpoint that guards a state, a count or a one-time value, hit by bursts of 8.
  const BURST = 8;
  const BURST_TRIALS = process.env.KEXIN_SECURITY_FULL === '1' ? 200 : 20;

  it(`同一案件步骤 ${BURST} 个并发提交（${BURST_TRIALS} 次）：每次恰好一个成功，其余得到冲突提示，步骤记录与审计日志各只有一条`, async () => {
    const officers = [a, b];
    // One after another: at most five sign-ins of one account may be in flight at once (M1).
    for (let i = 2; i < BURST; i++) officers.push(await loginAs(t, i % 2 ? 'cx_integrity' : 'cx_business'));
    let exact = 0;
    for (let i = 0; i < BURST_TRIALS; i++) {
      const c = (await a.send('POST', '/api/cases', startBody('misconduct', { subjectId, source: 'audit', grounds: `并发同一步骤第 ${i + 1} 次：审计发现问题线索` }))).json;
      const res = await Promise.all(officers.map((o) => o.send('POST', `/api/cases/${c.id}/steps/file`, { version: c.version, opinion: '立案调查' })));
      const steps = await t.app.db.query(`SELECT 1 FROM case_events WHERE case_id = $1 AND step = 'file'`, [c.id]);
      const audits = await t.app.db.query(`SELECT 1 FROM audit_events WHERE action = 'case.transition' AND object_id = $1`, [c.id]);
      if (res.filter((r) => r.status === 200).length === 1 && res.filter((r) => r.status === 409).length === BURST - 1 && steps.length === 1 && audits.length === 1) exact++;
    }
    expect(exact).toBe(BURST_TRIALS);
    console.log(`concurrency (${kind}): same step × ${BURST}, ${BURST_TRIALS} trials, exactly one winner in ${exact}`);
  }, 600_000);

  it(`投诉举报受理 ${BURST} 个并发：只立一个案件；账号授权 ${BURST} 个并发：只发一个初始密码；提醒标记已读 ${BURST} 个并发：只记一次`, async () => {
    // Complaint intake → one case.
    await fileComplaint(t, { accusedName: '并发受理测试单位', accusedKind: 'organization', content: '并发受理：该单位虚报项目经费支出', complainant: { name: '某某', phone: '13800000000' } });
    const [intake] = (await a.get('/api/complaints?status=new&pageSize=100')).json.items.filter((x: any) => x.accusedName === '并发受理测试单位');
    const reg = await Promise.all(Array.from({ length: BURST }, () => a.send('POST', `/api/complaints/${intake.id}/register`, { version: intake.version, accusedId: subjectId, isUnitHead: false })));
    expect(reg.filter((r) => r.status === 200)).toHaveLength(1);
    expect((await t.app.db.query(`SELECT 1 FROM audit_events WHERE action = 'complaint.register' AND object_id = $1`, [intake.id])).length).toBe(1);
    // Authorisation of one pending account → one initial password.
    const [sys, sec] = [await loginAs(t, 'sysadmin'), await loginAs(t, 'secadmin')];
    const made = await sys.send('POST', '/api/users', { username: 'burst_account', displayName: '并发授权' });
    const auth = await Promise.all(Array.from({ length: BURST }, () => sec.send('POST', `/api/users/${made.json.id}/authorization`, { version: 1, role: 'auditor', regionCode: '532300' })));
    expect(auth.filter((r) => r.status === 200 && r.json.initialPassword)).toHaveLength(1);
    expect(auth.filter((r) => r.status === 409)).toHaveLength(BURST - 1);
    // A reminder read → one change, one audit event.
    const [{ id: userId }] = await t.app.db.query<{ id: string }>(`SELECT id FROM users WHERE username = 'cx_integrity'`);
    const [{ id: noteId }] = await t.app.db.query<{ id: string }>(`INSERT INTO notifications (id, user_id, kind, title, body, created_at) VALUES (gen_random_uuid(), $1, 'reminder', '并发', '并发', now()) RETURNING id`, [userId]);
    const read = await Promise.all(Array.from({ length: BURST }, () => a.send('POST', `/api/notifications/${noteId}/read`, {})));
    expect(read.map((r) => r.json.updated).sort()).toEqual([0, 0, 0, 0, 0, 0, 0, 1]);
    expect((await t.app.db.query(`SELECT 1 FROM audit_events WHERE action = 'notification.read' AND object_id = $1`, [noteId])).length).toBe(1);
  }, 120_000);
});
