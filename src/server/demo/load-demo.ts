/**
 * Loads the demo data set and one demo account per role, once, in one transaction: a failure half
 * way leaves an empty database that the next start fills again.
 */
import { randomUUID } from 'node:crypto';
import type { Role } from '../../core/access/roles';
import { CHUXIONG } from '../../core/regions/yunnan';
import type { AppContext } from '../context';
import type { Sql } from '../db/database';
import { appendAudit } from '../modules/audit/append-audit';
import { insertAccount } from '../modules/accounts/create-account';
import { protectIdNumber } from '../modules/subjects/subject-input';
import { DEMO_REFERENCE_DATE, generateDemoData } from './generate';
import { openDeadlineIn } from '../modules/deadlines/open-deadline';
import { rateRegion } from '../modules/rules/store-rating';

export const DEMO_PASSWORD = 'Kexin@2026';

export interface DemoAccount { username: string; role: Role; displayName: string; regionCode?: string; unitKey?: string; personKey?: string }

export const DEMO_ACCOUNTS: DemoAccount[] = [
  { username: 'sysadmin', role: 'system_admin', displayName: '系统管理员' },
  { username: 'secadmin', role: 'security_admin', displayName: '安全管理员' },
  { username: 'auditadmin', role: 'audit_admin', displayName: '审计管理员' },
  { username: 'yn_business', role: 'business_officer', displayName: '省厅业务处 李明', regionCode: '530000' },
  { username: 'cx_business', role: 'business_officer', displayName: '州局业务科 张华', regionCode: CHUXIONG },
  { username: 'cx_integrity', role: 'integrity_officer', displayName: '州局诚信科 王芳', regionCode: CHUXIONG },
  { username: 'cx_leader', role: 'bureau_leader', displayName: '州局领导 赵强', regionCode: CHUXIONG },
  { username: 'cxs_officer', role: 'county_officer', displayName: '楚雄市科技局 陈静', regionCode: '532301' },
  { username: 'lf_officer', role: 'county_officer', displayName: '禄丰市科技局 杨涛', regionCode: '532302' },
  { username: 'unit_admin', role: 'unit_admin', displayName: '单位科研管理员', unitKey: 'U2' },
  { username: 'researcher', role: 'researcher', displayName: '科研人员', personKey: 'P2' },
  { username: 'expert', role: 'expert', displayName: '评审专家', personKey: 'P3' },
  // The subjects of the CI journeys, so that they can answer for themselves in the browser: the person
  // under investigation and proposed for listing (statement, objection, CI-22, CI-27), and the listed
  // unit applying for credit repair (CI-30).
  { username: 'ci_person', role: 'researcher', displayName: '被调查科研人员', personKey: 'P7' },
  { username: 'ci_unit', role: 'unit_admin', displayName: '列入名单单位科研管理员', unitKey: 'U4' },
  { username: 'auditor', role: 'auditor', displayName: '审计人员', regionCode: CHUXIONG },
  // CI-32: the service agency the bureau entrusts with technical work on some of its projects.
  { username: 'agency', role: 'entrusted_agency', displayName: '受托管理机构（演示）', unitKey: 'A1' },
];

async function insertMany(tx: Sql, table: string, columns: string[], rows: unknown[][], batch = 200) {
  for (let i = 0; i < rows.length; i += batch) {
    const chunk = rows.slice(i, i + batch);
    const values: unknown[] = [];
    const tuples = chunk.map((r) => `(${r.map((v) => { values.push(v); return `$${values.length}`; }).join(', ')})`);
    await tx.query(`INSERT INTO ${table} (${columns.join(', ')}) VALUES ${tuples.join(', ')}`, values);
  }
}

const DEMO_2025_RATED_AT = '2026-01-12T02:00:00Z';
const DEMO_2025_PUBLISHED_AT = '2026-02-02T02:00:00Z';

export async function loadDemo(app: AppContext): Promise<boolean> {
  const [{ n }] = await app.db.query<{ n: number }>('SELECT count(*) AS n FROM users');
  if (n > 0) return false;
  const data = generateDemoData();
  const ids = new Map<string, string>();
  const idOf = (key: string) => { let id = ids.get(key); if (!id) { id = randomUUID(); ids.set(key, id); } return id; };
  const now = app.clock.now().toISOString();
  await app.db.transaction(async (tx) => {
    await insertMany(tx, 'subjects', ['id', 'kind', 'org_type', 'name', 'credit_code', 'region_code', 'created_at', 'updated_at'],
      data.organizations.map((o) => [idOf(o.key), 'organization', o.orgType, o.name, o.creditCode, o.regionCode, now, now]));
    await insertMany(tx, 'subjects', ['id', 'kind', 'name', 'id_number_cipher', 'id_number_index', 'id_number_masked', 'gender', 'employer_id', 'is_expert', 'expert_field', 'title', 'region_code', 'created_at', 'updated_at'],
      data.persons.map((p) => {
        const idn = protectIdNumber(app, p.idNumber);
        return [idOf(p.key), 'person', p.name, idn.cipher, idn.index, idn.masked, idn.gender, idOf(p.employerKey), p.isExpert, p.expertField, p.title, p.regionCode, now, now];
      }));
    await insertMany(tx, 'subject_relations', ['id', 'person_id', 'organization_id', 'kind', 'since', 'created_at'],
      data.relations.map((r) => [randomUUID(), idOf(r.personKey), idOf(r.organizationKey), r.kind, r.since, now]));
    const regionOf = new Map(data.organizations.map((o) => [o.key, o.regionCode]));
    await insertMany(tx, 'projects', ['id', 'code', 'name', 'plan_level', 'jurisdiction_code', 'region_code', 'funding_source', 'undertaking_unit_id', 'leader_id',
      'recommending_department_id', 'service_agency_id', 'start_date', 'due_date', 'extended_due_date', 'status', 'acceptance_applied_date', 'accepted_date',
      'terminated_date', 'funds_granted', 'created_at', 'updated_at'],
      data.projects.map((p) => [idOf(p.code), p.code, p.name, p.planLevel, p.jurisdictionCode, regionOf.get(p.unitKey), p.fundingSource, idOf(p.unitKey), idOf(p.leaderKey),
        p.recommendingKey && idOf(p.recommendingKey), p.agencyKey && idOf(p.agencyKey), p.startDate, p.dueDate, p.extendedDueDate, p.status,
        p.acceptanceAppliedDate, p.acceptedDate, p.terminatedDate, p.fundsGranted, now, now]));
    await insertMany(tx, 'milestones', ['id', 'project_id', 'seq', 'name', 'due_date', 'completed_date'],
      data.projects.flatMap((p) => p.milestones.map((m, i) => [randomUUID(), idOf(p.code), i + 1, m.name, m.dueDate, m.completedDate])));
    // CI-17.3.4: a project whose execution period has ended must apply for acceptance within three months.
    for (const p of data.projects) {
      const due = p.extendedDueDate ?? p.dueDate;
      if (p.status !== 'in_progress' || due >= DEMO_REFERENCE_DATE) continue;
      await openDeadlineIn(app, tx, null, {
        limitId: 'CI-17.3.4', ownerType: 'project', ownerId: idOf(p.code), title: `项目 ${p.code} 执行期满三个月内申请验收`,
        jurisdictionCode: p.jurisdictionCode, startDate: due,
      });
    }
    await appendAudit(tx, app, {
      actor: null, action: 'demo.seed', objectType: 'dataset',
      after: { organizations: data.organizations.length, persons: data.persons.length, projects: data.projects.length },
    });
    const accountIds = new Map<string, string>();
    for (const a of DEMO_ACCOUNTS) {
      accountIds.set(a.username, await insertAccount(app, tx, null, {
        username: a.username, displayName: a.displayName, role: a.role, password: DEMO_PASSWORD, regionCode: a.regionCode ?? null,
        unitId: a.unitKey ? idOf(a.unitKey) : null, personId: a.personKey ? idOf(a.personKey) : null,
      }));
    }
    // Facts for the ratings (CI-5: each with its source document), activity of experts and agencies,
    // and one failed project exempted under YT-10 so that X-1 shows.
    const recorder = accountIds.get('cx_integrity')!;
    const finding = (subjectKey: string, type: string, clause: string, date: string, description: string, source: string, met = true) =>
      [randomUUID(), idOf(subjectKey), type, clause, date, met, description, 'investigation', source, CHUXIONG, recorder, now];
    await insertMany(tx, 'findings', ['id', 'subject_id', 'subject_type', 'clause', 'fact_date', 'met', 'description', 'source_kind', 'source_document', 'region_code', 'recorded_by', 'recorded_at'], [
      finding('U5', 'unit', 'CI-16.3.2', '2025-04-18', '项目经费拨付迟滞三个月，督促追回不力', '楚科监〔2025〕3号 检查通报（演示）'),
      finding('U9', 'unit', 'CI-16.4.3', '2025-09-02', '挪用项目经费用于日常开支', '州审计局审计报告（演示）'),
      finding('U12', 'unit', 'CI-16.2.4', '2025-06-30', '未按要求报送年度统计数据，已限期补报', '统计报送情况通报（演示）', false),
      finding('P7', 'leader', 'CI-17.4.2', '2025-11-12', '结题报告中大段抄袭他人论文', '调查结论（演示）'),
      finding('P13', 'expert', 'CI-18.1.2', '2025-08-20', '评审意见具体、可操作，被采纳', '评审工作总结（演示）'),
      finding('P23', 'expert', 'CI-18.3.2', '2025-05-10', '评审本单位项目未申请回避', '评审纪律检查记录（演示）'),
      finding('A1', 'agency', 'CI-20.3.3', '2025-10-09', '发现项目数据异常未及时报告', '委托服务检查记录（演示）'),
    ]);
    const experts = data.persons.filter((p) => p.isExpert).map((p) => p.key);
    await insertMany(tx, 'subject_activity', ['subject_id', 'year', 'kind'],
      [...experts.flatMap((k) => [2023, 2024, 2025].map((y) => [idOf(k), y, 'review'])), ...[0, 1, 2, 3, 4].map((i) => [idOf(`A${i}`), 2025, 'service'])]);
    const overdue = data.projects.find((p) => p.status === 'in_progress' && (p.extendedDueDate ?? p.dueDate) < '2025-12-31');
    if (overdue) await tx.query('UPDATE projects SET exempted_on = $2 WHERE id = $1', [idOf(overdue.code), '2025-12-15']);
  });
  // Year-end ratings, so the demo shows results, explanations and (for 2026) the expired policy.
  // 2025's is then dated as a bureau would have run it: computed on 2026-01-12 and published on
  // 2026-02-02, after its comment window (10 working days, to 2026-01-26), so it is the rating in
  // effect (veto, spot checks). Only the rows are dated back; the audit log keeps the real time.
  // 2026's is computed now and still in its comment window.
  await rateRegion(app, null, CHUXIONG, 2025);
  await app.db.query('UPDATE ratings SET computed_at = $1, published_at = $2 WHERE year = 2025', [DEMO_2025_RATED_AT, DEMO_2025_PUBLISHED_AT]);
  await rateRegion(app, null, CHUXIONG, 2026);
  return true;
}
