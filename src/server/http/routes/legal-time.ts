/** 节假日日历、时限计算、计时与提醒. */
import type { FastifyInstance } from 'fastify';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import { Type } from 'typebox';
import { inScope, regionRecord } from '../../../core/access/policy';
import { clockAbilities } from '../../../core/access/record-abilities';
import { computeDeadline } from '../../../core/deadlines/compute-deadline';
import { TIME_LIMITS, describeLimit } from '../../../core/deadlines/time-limits';
import { AppError } from '../../../core/errors';
import { businessDate } from '../../../core/time/clock';
import { listNotifications, listReminderGroups } from '../../modules/notifications/notifications-repo';
import { markNotificationRead } from '../../modules/notifications/mark-notification-read';
import { markNotificationsRead } from '../../modules/notifications/mark-notifications-read';
import { reminderKindLabel } from '../../../core/notices/reminder-kinds';
import { endOfWeek } from '../../../core/time/iso-date';
import { PROCEDURES } from '../../../core/procedure/procedures';
import { caseNumber } from '../../../core/documents/templates';
import type { AppContext, RequestContext } from '../../context';
import { addLocalHoliday } from '../../modules/calendar/add-local-holiday';
import { listLocalHolidays, listNotices } from '../../modules/calendar/calendar-repo';
import { loadHolidayNotice } from '../../modules/calendar/load-holiday-notice';
import { changeClock } from '../../modules/deadlines/change-ledger';
import { getClock, listLedger, listMoves, listOpenClocks, type ClockRow, type LedgerRow } from '../../modules/deadlines/clocks-repo';
import { asAppError } from '../../modules/deadlines/deadline-errors';
import { computeClock, regionPath } from '../../modules/deadlines/recompute-clock';
import { ctxOf } from '../auth';
import { DeadlinePreviewBody, ExtendBody, HolidayNoticeBody, IdParams, LocalHolidayBody, Page, PauseBody, ResumeBody, StopBody, Uuid } from '../schemas';
import { GetCalendarDaysByYearOut, GetCalendarOut, GetDeadlinesByIdOut, GetDeadlinesOut, PostCalendarNoticesOut, PostDeadlinesByIdExtensionsOut, PostDeadlinesByIdPausesOut, PostDeadlinesByIdResumeOut, PostNotificationsByIdReadOut } from '../../../core/api/legal-time';
import { AnyJson, Opaque } from '../../../core/api/common';

/** `ledger`, when the caller has it, lets the extension ability count the extensions already granted against the limit's maximum. */
const NotificationsAnswer = Type.Object({ items: Type.Array(Type.Object({
  id: Type.String(), clockId: Type.Union([Type.String(), Type.Null()]), kind: Type.String(), title: Type.String(), body: Type.String(), createdAt: Type.String(), read: Type.Boolean(),
  case: Type.Union([Type.Object({ id: Type.String(), title: Type.String(), caseNo: Type.String() }), Type.Null()]),
})) });

const CaseRef = Type.Union([Type.Object({ id: Type.String(), title: Type.String(), caseNo: Type.String() }), Type.Null()]);
const RemindersAnswer = Type.Object({
  total: Type.Integer({ description: '合并后的条数' }),
  counts: Type.Object({ unread: Type.Integer({ description: '有未读的合并条数' }), dueThisWeek: Type.Integer({ description: '本周（至周日）到期且未读' }), overdue: Type.Integer({ description: '已过到期日且未读' }) }),
  items: Type.Array(Type.Object({
    kind: Type.String(), kindLabel: Type.String(), dueOn: Type.Union([Type.String(), Type.Null()]), overdue: Type.Boolean(),
    title: Type.String(), body: Type.String(), count: Type.Integer({ description: '合并的提醒条数' }), unread: Type.Integer(), lastAt: Type.String(),
    ids: Type.Array(Type.String(), { description: '合并的各条提醒，标记已读时一并提交' }), case: CaseRef,
  })),
});

function presentClock(app: AppContext, ctx: RequestContext, c: ClockRow, ledger?: readonly LedgerRow[]) {
  const limit = TIME_LIMITS[c.limit_id];
  // A clock a case owns changes only through that case's steps (pausing for an evaluation, the one approved extension, the step it waits for).
  const open = c.status !== 'stopped' && c.owner_type !== 'case';
  const described = limit ? describeLimit(limit, c.start_date, regionPath(app, c.jurisdiction_code), app.policies.registry) : null;
  const extensionsLeft = described?.extensionFigures && ledger ? Math.max(0, described.extensionFigures.max - ledger.filter((l) => l.kind === 'extension').length) : null;
  return {
    // YT-6.3 allows one extension: once it is granted the leader is not offered another.
    abilities: clockAbilities(ctx.actor.role, open, !!limit?.extension && extensionsLeft !== 0),
    extensionsLeft,
    caseId: c.owner_type === 'case' ? c.owner_id : null,
    id: c.id, limitId: c.limit_id, limitSummary: described?.summary ?? null, action: limit?.action ?? null, ownerType: c.owner_type, ownerId: c.owner_id,
    title: c.title, jurisdictionCode: c.jurisdiction_code, jurisdictionName: app.regions.get(c.jurisdiction_code)?.name ?? c.jurisdiction_code,
    startDate: c.start_date, dueDate: c.due_date, provisional: c.provisional, provisionalYears: c.provisional_years, derivation: c.derivation,
    status: c.status, stoppedDate: c.stopped_date, overdue: c.status !== 'stopped' && businessDate(app.clock) > c.due_date, version: c.version,
  };
}

async function visibleClock(app: AppContext, ctx: RequestContext, id: string) {
  const c = await getClock(app.db, id);
  if (!c || !inScope(ctx.scope, regionRecord(c.jurisdiction_code))) throw new AppError('NOT_FOUND');
  return c;
}

export function legalTimeRoutes(s: FastifyInstance, app: AppContext) {
  const server = s.withTypeProvider<TypeBoxTypeProvider>();

  server.get('/api/calendar', { schema: { tags: ['日历'], summary: '节假日安排（已载入的年度通知与地方假日）', response: { 200: GetCalendarOut } } }, async (req) => {
    ctxOf(req);
    await app.calendar.refresh(app.db);
    const notices = await listNotices(app.db);
    const loaded = new Set(notices.map((n) => n.year));
    const thisYear = Number(businessDate(app.clock).slice(0, 4));
    const cal = app.calendar.book.national;
    const years = [...new Set([...loaded, thisYear, thisYear + 1])].sort().map((year) => ({
      year, status: loaded.has(year) ? 'official' : 'provisional', notice: notices.find((n) => n.year === year) ?? null,
      workdays: cal.countWorkdays(`${year - 1}-12-31`, `${year}-12-31`),
    }));
    return { years, localHolidays: await listLocalHolidays(app.db), limits: Object.values(TIME_LIMITS).map((l) => describeLimit(l, businessDate(app.clock), [], app.policies.registry)) };
  });

  server.get('/api/calendar/days/:year', { schema: { tags: ['日历'], summary: '某年每一天是否工作日', params: Type.Object({ year: Type.Integer({ minimum: 2000, maximum: 2100 }) }), response: { 200: GetCalendarDaysByYearOut } } }, async (req) => {
    ctxOf(req);
    const cal = app.calendar.book.national;
    const days = [];
    for (let m = 1; m <= 12; m++) for (let d = 1; d <= 31; d++) {
      const date = `${req.params.year}-${String(m).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
      if (new Date(`${date}T00:00:00Z`).getUTCMonth() + 1 !== m) continue;
      const info = cal.day(date);
      if (info.kind !== 'workday' && info.kind !== 'weekend') days.push(info);
    }
    return { year: req.params.year, provisional: cal.isProvisionalYear(req.params.year), specialDays: days };
  });

  server.post('/api/calendar/notices', { config: { permission: 'calendar.manage' }, schema: { tags: ['日历'], summary: '载入（或更正）某年的节假日安排通知；重新计算受影响的时限', body: HolidayNoticeBody, response: { 200: PostCalendarNoticesOut } } }, async (req) => {
    const ctx = ctxOf(req);
    return loadHolidayNotice(app, ctx.actor, req.body, ctx.ip);
  });

  server.post('/api/calendar/local-holidays', { config: { permission: 'calendar.manage' }, schema: { tags: ['日历'], summary: '新增地方假日', body: LocalHolidayBody, response: { 201: AnyJson() } } }, async (req, reply) => {
    const ctx = ctxOf(req);
    return reply.status(201).send(await addLocalHoliday(app, ctx.actor, req.body, ctx.ip));
  });

  server.post('/api/deadlines/preview', { config: { permission: 'deadline.read' }, schema: { tags: ['时限'], summary: '时限计算器：按规则计算到期日并给出推导（不保存）', body: DeadlinePreviewBody, response: { 200: Opaque('到期日及其推导（core/deadlines）') } } }, async (req) => {
    const b = req.body;
    if (b.jurisdictionCode && !app.regions.get(b.jurisdictionCode)) throw new AppError('VALIDATION_FAILED', { field: 'jurisdictionCode', zh: '行政区划不存在' });
    return asAppError(async () => computeDeadline({
      limitId: b.limitId, start: b.start, reading: b.reading,
      regionPath: b.jurisdictionCode ? regionPath(app, b.jurisdictionCode) : [],
      pauses: b.pauses ?? [], extensions: Array.from({ length: b.extensions ?? 0 }, () => ({ approvedBy: '部门负责人' })),
      asOf: businessDate(app.clock),
    }, app.calendar.book));
  });

  server.get('/api/deadlines', { config: { permission: 'deadline.read' }, schema: { tags: ['时限'], summary: '本辖区未办结的时限（按到期日）', querystring: Type.Object({ page: Type.Optional(Type.Integer({ minimum: 1, default: 1 })), pageSize: Type.Optional(Type.Integer({ minimum: 1, maximum: 100, default: 20 })) }), response: { 200: GetDeadlinesOut } } }, async (req) => {
    const ctx = ctxOf(req);
    const { total, items } = await listOpenClocks(app.db, ctx.scope, { page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 });
    return { total, items: items.map((c) => presentClock(app, ctx, c)) };
  });

  server.get('/api/deadlines/:id', { config: { permission: 'deadline.read' }, schema: { tags: ['时限'], summary: '时限详情：台账、推导与改期记录', params: IdParams, response: { 200: GetDeadlinesByIdOut } } }, async (req) => {
    const ctx = ctxOf(req);
    const c = await visibleClock(app, ctx, req.params.id);
    const ledger = await listLedger(app.db, c.id);
    const live = c.status === 'stopped' ? null : computeClock(app, c, ledger);
    return {
      ...presentClock(app, ctx, c, ledger), warnings: live?.warnings ?? [], used: live?.used ?? null, left: live?.left ?? null, policy: live?.policy ?? null,
      ledger: ledger.map((l) => ({ id: l.id, kind: l.kind, from: l.from_date, to: l.to_date, reason: l.reason, evidence: l.evidence, approvedBy: l.approved_by, recordedAt: new Date(l.recorded_at).toISOString() })),
      moves: (await listMoves(app.db, c.id)).map((m) => ({ cause: m.cause, oldDue: m.old_due, newDue: m.new_due, oldProvisional: m.old_provisional, newProvisional: m.new_provisional, at: new Date(m.at).toISOString() })),
    };
  });

  server.post('/api/deadlines/:id/pauses', { config: { permission: 'deadline.manage' }, schema: { tags: ['时限'], summary: '暂停计时（评估、听证）', params: IdParams, body: PauseBody, response: { 200: PostDeadlinesByIdPausesOut } } }, async (req) => {
    const ctx = ctxOf(req);
    return presentClock(app, ctx, await changeClock(app, ctx, req.params.id, { kind: 'pause', ...req.body }));
  });
  server.post('/api/deadlines/:id/resume', { config: { permission: 'deadline.manage' }, schema: { tags: ['时限'], summary: '恢复计时', params: IdParams, body: ResumeBody, response: { 200: PostDeadlinesByIdResumeOut } } }, async (req) => {
    const ctx = ctxOf(req);
    return presentClock(app, ctx, await changeClock(app, ctx, req.params.id, { kind: 'resume', ...req.body }));
  });
  server.post('/api/deadlines/:id/extensions', { config: { permission: 'deadline.extend' }, schema: { tags: ['时限'], summary: '批准延长（部门负责人）', params: IdParams, body: ExtendBody, response: { 200: PostDeadlinesByIdExtensionsOut } } }, async (req) => {
    const ctx = ctxOf(req);
    const approvedBy = `${req.user!.display_name}（${req.user!.username}）`;
    const changed = await changeClock(app, ctx, req.params.id, { kind: 'extend', approvedBy, approvedOn: req.body.approvedOn });
    return presentClock(app, ctx, changed, await listLedger(app.db, changed.id));
  });
  server.post('/api/deadlines/:id/stop', { config: { permission: 'deadline.manage' }, schema: { tags: ['时限'], summary: '办结，停止计时', params: IdParams, body: StopBody, response: { 200: PostDeadlinesByIdPausesOut } } }, async (req) => {
    const ctx = ctxOf(req);
    return presentClock(app, ctx, await changeClock(app, ctx, req.params.id, { kind: 'stop', ...req.body }));
  });

  server.get('/api/notifications', { schema: { tags: ['提醒'], summary: '我的提醒：每条写明所涉案件，可直接打开', response: { 200: NotificationsAnswer } } }, async (req) => {
    const ctx = ctxOf(req);
    const rows = await listNotifications(app.db, ctx.actor.userId);
    return { items: rows.map((r) => ({
      id: r.id, clockId: r.clock_id, kind: r.kind, title: r.title, body: r.body, createdAt: new Date(r.created_at).toISOString(), read: r.read_at !== null,
      case: r.case_id && r.procedure ? { id: r.case_id, title: PROCEDURES[r.procedure]?.title ?? r.procedure, caseNo: caseNumber(r.case_id) } : null,
    })) };
  });
  server.get('/api/reminders', {
    schema: { tags: ['提醒'], summary: '工作台的提醒：同一案件、同类、同一到期日的合并为一条并计数，按到期日和类别排列，分页；顶部计数（未读、本周到期、已逾期）',
      querystring: Type.Object({ status: Type.Optional(Type.Union([Type.Literal('unread'), Type.Literal('all')], { default: 'unread' })), ...Page }),
      response: { 200: RemindersAnswer } },
  }, async (req) => {
    const ctx = ctxOf(req);
    const today = businessDate(app.clock);
    const r = await listReminderGroups(app.db, ctx.actor.userId, { unreadOnly: (req.query.status ?? 'unread') === 'unread', today, weekEnd: endOfWeek(today), page: req.query.page ?? 1, pageSize: req.query.pageSize ?? 20 });
    return { total: r.total, counts: r.counts, items: r.rows.map((g) => ({
      kind: g.kind, kindLabel: reminderKindLabel(g.kind), dueOn: g.due_on, overdue: g.due_on !== null && g.due_on < today, title: g.title, body: g.body,
      count: g.count, unread: g.unread, lastAt: new Date(g.last_at).toISOString(), ids: g.ids,
      case: g.case_id && g.procedure ? { id: g.case_id, title: PROCEDURES[g.procedure]?.title ?? g.procedure, caseNo: caseNumber(g.case_id) } : null,
    })) };
  });
  server.post('/api/notifications/read', {
    schema: { tags: ['提醒'], summary: '批量标记已读（一次请求、一个事务、一条审计记录；只改本人的提醒）',
      body: Type.Object({ ids: Type.Array(Uuid, { minItems: 1, maxItems: 1000 }) }, { additionalProperties: false }),
      response: { 200: Type.Object({ updated: Type.Integer({ description: '实际标记为已读的条数' }) }) } },
  }, async (req) => ({ updated: await markNotificationsRead(app, ctxOf(req), req.body.ids) }));
  server.post('/api/notifications/:id/read', { schema: { tags: ['提醒'], summary: '标记已读', params: IdParams, response: { 200: PostNotificationsByIdReadOut } } }, async (req) => {
    return { updated: await markNotificationRead(app, ctxOf(req), req.params.id) };
  });
}
