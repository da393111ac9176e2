import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDeadline } from '../../src/server/modules/deadlines/open-deadline';
import { sweepReminders } from '../../src/server/modules/deadlines/sweep-reminders';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type TestApp } from '../support/test-app';

const run = promisify(execFile);
const beijing = (date: string) => `${date}T02:00:00.000Z`; // 10:00 in Beijing

const NOTICE_2027 = {
  year: 2027, notice: '测试用假设通知（非真实文件）', published: '2026-11-01',
  off: [{ from: '2027-01-01', to: '2027-01-04', name: '元旦' }], workdays: [],
};

describe.each(DB_KINDS)('法定时限：计时、台账、通知载入与提醒（%s）', (kind) => {
  let t: TestApp;
  beforeAll(async () => { t = await startTestApp(kind, { demo: true }); });
  afterAll(async () => { await t?.close(); });

  const count = async (sql: string, p: unknown[] = []) => (await t.app.db.query<{ n: number }>(sql, p))[0].n;

  it('X-4 首次启动载入 2023–2026 年通知；2027 年为暂定', async () => {
    const c = await loginAs(t, 'cx_business');
    const res = await c.get('/api/calendar');
    const byYear = Object.fromEntries(res.json.years.map((y: any) => [y.year, y]));
    expect(byYear[2026]).toMatchObject({ status: 'official', workdays: 248 });
    expect(byYear[2027].status).toBe('provisional');
    expect(res.json.localHolidays.map((h: any) => h.name)).toContain('火把节');
  });

  it('YT-6.3 计时保存到期日与推导；暂停（专家评估）与恢复后按台账重算为 2026-10-29，并记录改期', async () => {
    t.clock.set(beijing('2026-10-12'));
    const clock = await openDeadline(t.app, null, { limitId: 'YT-6.3', ownerType: 'test', ownerId: 'a', title: '测试案件 作出决定', jurisdictionCode: '532300', startDate: '2026-09-28' });
    expect(clock).toMatchObject({ due_date: '2026-10-22', provisional: false, status: 'running' });
    expect(clock.derivation).toContain('10/10（调休上班）=5');
    const officer = await loginAs(t, 'cx_business');
    const paused = await officer.send('POST', `/api/deadlines/${clock.id}/pauses`, { from: '2026-10-12', reason: '专家评估', evidence: '专家组评估通知（测试）' });
    expect(paused.status).toBe(200);
    expect(paused.json.status).toBe('paused');
    t.clock.set(beijing('2026-10-19'));
    const officer2 = await loginAs(t, 'cx_business'); // a week later the old session has long expired
    expect((await officer.get('/api/auth/me')).status).toBe(401);
    const resumed = await officer2.send('POST', `/api/deadlines/${clock.id}/resume`, { to: '2026-10-16' });
    expect(resumed.json).toMatchObject({ status: 'running', dueDate: '2026-10-29' });
    const detail = await officer2.get(`/api/deadlines/${clock.id}`);
    expect(detail.json.ledger).toHaveLength(1);
    expect(detail.json.moves.at(-1)).toMatchObject({ oldDue: expect.any(String), newDue: '2026-10-29' });
    expect(detail.json.derivation).toContain('暂停（专家评估） 10/12–10/16 不计');

    // YT-6.3: one extension, approved by the department head; a business officer may not grant it.
    expect((await officer2.send('POST', `/api/deadlines/${clock.id}/extensions`, { approvedOn: '2026-10-19' })).status).toBe(403);
    const leader = await loginAs(t, 'cx_leader');
    expect((await leader.get(`/api/deadlines/${clock.id}`)).json).toMatchObject({ abilities: { extend: true }, extensionsLeft: 1 });
    const extended = await leader.send('POST', `/api/deadlines/${clock.id}/extensions`, { approvedOn: '2026-10-19' });
    expect(extended.json.dueDate).toBe('2026-11-18');
    // The one extension granted, the leader is no longer offered another.
    expect(extended.json).toMatchObject({ abilities: { extend: false }, extensionsLeft: 0 });
    expect((await leader.get(`/api/deadlines/${clock.id}`)).json).toMatchObject({ abilities: { extend: false }, extensionsLeft: 0 });
    const ledgerBefore = await count('SELECT count(*) AS n FROM deadline_ledger WHERE clock_id = $1', [clock.id]);
    const auditBefore = await count('SELECT count(*) AS n FROM audit_events');
    const second = await leader.send('POST', `/api/deadlines/${clock.id}/extensions`, { approvedOn: '2026-10-20' });
    expect(second.status).toBe(422);
    expect(second.json.error).toMatchObject({ code: 'EXTENSION_REFUSED' });
    expect(second.json.error.message).toContain('只能延长 1 次');
    expect(await count('SELECT count(*) AS n FROM deadline_ledger WHERE clock_id = $1', [clock.id])).toBe(ledgerBefore);
    expect(await count('SELECT count(*) AS n FROM audit_events')).toBe(auditBefore);
    // Out of the county officer's region: as if it did not exist.
    expect((await (await loginAs(t, 'cxs_officer')).get(`/api/deadlines/${clock.id}`)).status).toBe(404);
  });

  it('X-4 载入 2027 年通知：跨入 2027 的时限不再暂定，日期移到通知所定之日，改期有记录，操作留痕', async () => {
    t.clock.set(beijing('2026-12-21'));
    const clock = await openDeadline(t.app, null, { limitId: 'CI-27', ownerType: 'test', ownerId: 'b', title: '异议处理', jurisdictionCode: '532300', startDate: '2026-12-20' });
    expect(clock).toMatchObject({ due_date: '2027-01-11', provisional: true, provisional_years: [2027] });
    const officer = await loginAs(t, 'cx_business');
    expect((await officer.send('POST', '/api/calendar/notices', NOTICE_2027)).status).toBe(403);
    const bad = await (await loginAs(t, 'sysadmin')).send('POST', '/api/calendar/notices', { ...NOTICE_2027, workdays: ['2027-01-06'] });
    expect(bad.status).toBe(400);
    expect(bad.json.error).toMatchObject({ code: 'VALIDATION_FAILED', field: 'workdays/0' });
    const admin = await loginAs(t, 'sysadmin');
    const res = await admin.send('POST', '/api/calendar/notices', NOTICE_2027);
    expect(res.status).toBe(200);
    expect(res.json.moved).toContainEqual(expect.objectContaining({ clockId: clock.id, oldDue: '2027-01-11', newDue: '2027-01-12', wasProvisional: true, provisional: false }));
    const [stored] = await t.app.db.query<any>('SELECT due_date, provisional FROM deadline_clocks WHERE id = $1', [clock.id]);
    expect(stored).toEqual({ due_date: '2027-01-12', provisional: false });
    expect(await count(`SELECT count(*) AS n FROM audit_events WHERE action = 'calendar.notice_load' AND object_id = '2027'`)).toBe(1);
    expect(t.app.calendar.book.national.isProvisionalYear(2027)).toBe(false);
  });

  it('到期提醒：到期前 3 个、1 个工作日各提醒一次，逾期后升级报告局领导；重复扫描、并发扫描都不重复', async () => {
    t.clock.set(beijing('2026-10-09'));
    const clock = await openDeadline(t.app, null, { limitId: 'YT-6.2', ownerType: 'test', ownerId: 'c', title: '受理反馈', jurisdictionCode: '532300', startDate: '2026-10-09' });
    // 10/10（调休）=1, 10/12=2 … 10/16=6, 10/19=7 → due 2026-10-19
    expect(clock.due_date).toBe('2026-10-19');
    const raisedFor = async () => (await t.app.db.query<{ kind: string }>('SELECT kind FROM reminders WHERE clock_id = $1 ORDER BY raised_at, kind', [clock.id])).map((r) => r.kind);

    t.clock.set(beijing('2026-10-13')); // left: 10/14, 10/15, 10/16, 10/19 = 4
    await sweepReminders(t.app);
    expect(await raisedFor()).toEqual([]);
    t.clock.set(beijing('2026-10-14')); // left 3
    await Promise.all([sweepReminders(t.app), sweepReminders(t.app), sweepReminders(t.app)]);
    await sweepReminders(t.app);
    expect(await raisedFor()).toEqual(['before_3']);
    t.clock.set(beijing('2026-10-16')); // left 1
    await Promise.all([sweepReminders(t.app), sweepReminders(t.app)]);
    expect(await raisedFor()).toEqual(['before_3', 'before_1']);
    t.clock.set(beijing('2026-10-20'));
    await sweepReminders(t.app);
    expect(await raisedFor()).toEqual(['before_3', 'before_1', 'overdue']);

    const leader = await loginAs(t, 'cx_leader');
    const notes = (await leader.get('/api/notifications')).json.items.filter((n: any) => n.clockId === clock.id);
    expect(notes.map((n: any) => n.kind)).toEqual(['overdue']);
    expect(notes[0].case).toBeNull(); // a clock no case owns
    const officer = await loginAs(t, 'cx_business');
    const officerNotes = (await officer.get('/api/notifications')).json.items.filter((n: any) => n.clockId === clock.id);
    expect(officerNotes.map((n: any) => n.kind).sort()).toEqual(['before_1', 'before_3', 'overdue']);
    expect(officerNotes.find((n: any) => n.kind === 'overdue').title).toBe('已逾期：受理反馈');
  });

  it.runIf(kind === 'postgres')('到期提醒：两个进程同时扫描同一 PostgreSQL，每个提醒只发一次', async () => {
    t.clock.set(beijing('2026-11-02'));
    const clocks = await Promise.all(['d1', 'd2', 'd3'].map((id) => openDeadline(t.app, null, { limitId: 'CI-31', ownerType: 'test', ownerId: id, title: `修复申请 ${id}`, jurisdictionCode: '532300', startDate: '2026-11-02' })));
    const due = clocks[0].due_date; // 15 working days after 11/2 → 2026-11-23
    expect(due).toBe('2026-11-23');
    const env = { ...t.cliEnv, KEXIN_DATA_KEY: '00112233445566778899aabbccddeeff' };
    const sweepAt = (at: string, instance: string) => run(process.execPath, ['bin/kexin.mjs', 'sweep', '--at', at], { env: { ...env, KEXIN_INSTANCE: instance } });
    const ids = clocks.map((c) => c.id);
    const rows = async () => t.app.db.query<{ kind: string; raised_by: string }>('SELECT kind, raised_by FROM reminders WHERE clock_id = ANY($1::uuid[])', [ids]);
    await Promise.all([sweepAt(beijing('2026-11-18'), 'A'), sweepAt(beijing('2026-11-18'), 'B')]); // left 11/19, 20, 23 = 3
    expect((await rows()).map((r) => r.kind)).toEqual(['before_3', 'before_3', 'before_3']);
    await Promise.all([sweepAt(beijing('2026-11-24'), 'A'), sweepAt(beijing('2026-11-24'), 'B')]);
    const all = await rows();
    expect(all.filter((r) => r.kind === 'overdue')).toHaveLength(3);
    expect(all).toHaveLength(6);
    // Each claim names the sweeper that won it: one of the two processes, whichever was first to each reminder.
    expect(all.every((r) => r.raised_by === 'A' || r.raised_by === 'B')).toBe(true);
    const [{ n }] = await t.app.db.query<{ n: number }>(`SELECT count(*) AS n FROM notifications WHERE clock_id = ANY($1::uuid[]) AND kind = 'overdue'`, [ids]);
    const [{ recipients }] = await t.app.db.query<{ recipients: number }>(`SELECT count(*) AS recipients FROM users WHERE region_code = '532300' AND role IN ('business_officer', 'integrity_officer', 'bureau_leader')`);
    expect(n).toBe(3 * recipients);
  });
});

describe('CI-17.3.4 项目申请验收后，等待验收申请的计时随之办结', () => {
  it('CI-17.3.4 项目改为“已申请验收”时，同一事务中停止该项目的计时并留痕', async () => {
    const t = await startTestApp('pglite');
    try {
      const [clock] = await t.app.db.query<{ id: string; owner_id: string; jurisdiction_code: string }>(
        `SELECT id, owner_id, jurisdiction_code FROM deadline_clocks WHERE limit_id = 'CI-17.3.4' AND status = 'running' AND jurisdiction_code = '532300' LIMIT 1`);
      const [p] = await t.app.db.query<any>('SELECT * FROM projects WHERE id = $1', [clock.owner_id]);
      const ms = await t.app.db.query<any>('SELECT name, due_date, completed_date FROM milestones WHERE project_id = $1 ORDER BY seq', [p.id]);
      const c = await loginAs(t, 'cx_business');
      const res = await c.send('PUT', `/api/projects/${p.id}`, {
        version: p.version, code: p.code, name: p.name, planLevel: p.plan_level, jurisdictionCode: p.jurisdiction_code, fundingSource: p.funding_source,
        undertakingUnitId: p.undertaking_unit_id, leaderId: p.leader_id, recommendingDepartmentId: p.recommending_department_id, serviceAgencyId: p.service_agency_id,
        startDate: p.start_date, dueDate: p.due_date, extendedDueDate: p.extended_due_date, status: 'acceptance_applied', acceptanceAppliedDate: '2026-11-19',
        fundsGranted: p.funds_granted, milestones: ms.map((m: any) => ({ name: m.name, dueDate: m.due_date, completedDate: m.completed_date })),
      });
      expect(res.status).toBe(200);
      const [after] = await t.app.db.query<any>('SELECT status, stopped_date FROM deadline_clocks WHERE id = $1', [clock.id]);
      expect(after).toEqual({ status: 'stopped', stopped_date: '2026-11-19' });
      const [{ n }] = await t.app.db.query<{ n: number }>(`SELECT count(*) AS n FROM audit_events WHERE action = 'deadline.stop' AND object_id = $1`, [clock.id]);
      expect(n).toBe(1);
    } finally {
      await t.close();
    }
  });
});
