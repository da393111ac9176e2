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
});
