/**
 * YT-6.5 (issue 19): the exemption mark shows on the project list, the project page and the project
 * API, with its date and the case that decided it; a mark set without a case (the demo's) says so.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DB_KINDS } from '../support/databases';
import { loginAs, startTestApp, type Client, type TestApp } from '../support/test-app';
import { COPY_TO_DEPARTMENTS, prepareToleranceDecision, startBody, takeSteps } from '../support/cases';

const DECISION = { outcome: 'exempt', circumstances: ['YT-5.8'], reasons: '市场变化致产业化无意义，已勤勉尽责',
  deliberation: { date: '2026-11-20', members: ['局长', '副局长', '业务科长'], method: 'consensus', minutes: '一致同意免除责任' } };

describe.each(DB_KINDS)('免责标注在项目上显示（%s）', (kind) => {
  let t: TestApp;
  let officer: Client;
  beforeAll(async () => { t = await startTestApp(kind); officer = await loginAs(t, 'cx_business'); }, 120_000);
  afterAll(async () => { await t?.close(); });

  it('YT-6.5 免除责任的认定反馈后：项目详情、项目列表和接口都带免责标注日期和认定案件；未免责的项目没有标注', async () => {
    const [p] = await t.app.db.query<{ id: string; code: string }>(
      `SELECT id, code FROM projects WHERE jurisdiction_code = '532300' AND exempted_on IS NULL AND status = 'in_progress' ORDER BY code LIMIT 1`);
    const before = await officer.get(`/api/projects/${p.id}`);
    expect(before.json.exemption).toBeNull();
    const started = await officer.send('POST', '/api/cases', startBody('tolerance', { projectId: p.id, failure: '市场变化致产业化无意义', conditions: { 'YT-4.5': '市场前景变化' }, circumstances: ['YT-5.8'], exOfficio: true }));
    const caseId: string = started.json.id;
    await prepareToleranceDecision(officer, caseId, '2026-11-20');
    await takeSteps(officer, caseId, [['decide', DECISION], ['record_copy', { ...COPY_TO_DEPARTMENTS, on: '2026-11-20' }], ['feed_back', {}]]);
    // The case number as the documents print it: the first 8 hex digits of the case id, in capitals.
    const caseNo = caseId.replace(/-/g, '').slice(0, 8).toUpperCase();
    const detail = await officer.get(`/api/projects/${p.id}`);
    expect(detail.json.exemption).toEqual({ on: '2026-11-20', caseId, caseNo, clause: 'YT-6.5' });
    const list = await officer.get(`/api/projects?q=${encodeURIComponent(p.code)}`);
    expect(list.json.items.map((i: { code: string; exemption: unknown }) => [i.code, i.exemption])).toEqual([[p.code, { on: '2026-11-20', caseId, caseNo, clause: 'YT-6.5' }]]);
  }, 120_000);

  it('演示数据中直接标注的免责项目（2025-12-15）显示日期，案件为空', async () => {
    const [p] = await t.app.db.query<{ id: string }>(`SELECT id FROM projects WHERE exempted_on = '2025-12-15' AND exempted_by_case IS NULL LIMIT 1`);
    expect((await officer.get(`/api/projects/${p.id}`)).json.exemption).toEqual({ on: '2025-12-15', caseId: null, caseNo: null, clause: 'YT-6.5' });
  });
});
