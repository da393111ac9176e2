import { describe, expect, it } from 'vitest';
import { dataScope, inScope, projectAbilities, subjectAbilities, type Actor } from '../../src/core/access/policy';
import { findingAbilities, isRatedSubject, mayCorrectFindings, ratingCommentAbilities } from '../../src/core/access/record-abilities';
import { ROLES, ROLE_DEFINITIONS } from '../../src/core/access/roles';
import { RegionTree } from '../../src/core/regions/region-tree';
import { YUNNAN_REGIONS } from '../../src/core/regions/yunnan';

const tree = new RegionTree(YUNNAN_REGIONS);
const actor = (role: Actor['role'], extra: Partial<Actor> = {}): Actor => ({ userId: 'u', role, regionCode: null, unitId: null, personId: null, ...extra });
const project = (region: string, jurisdiction = region, unit = 'unit-a', leader = 'person-a') =>
  ({ regionCodes: [region, jurisdiction], unitIds: [unit], personIds: [leader] });

describe('区划关系', () => {
  it('楚雄市对楚雄州是下级，楚雄州对云南省是下级，楚雄市与禄丰市为同级，昆明市与楚雄市无隶属', () => {
    expect(tree.relation('532300', '532301')).toBe('below');
    expect(tree.relation('530000', '532301')).toBe('below');
    expect(tree.relation('532301', '532300')).toBe('above');
    expect(tree.relation('532301', '532302')).toBe('sibling');
    expect(tree.relation('532301', '532301')).toBe('own');
    expect(tree.relation('530100', '532301')).toBe('unrelated');
  });
  it('云南省下辖 16 个州（市），楚雄州下辖 10 个县（市）和楚雄高新区', () => {
    expect(tree.childrenOf('530000')).toHaveLength(16);
    const cx = tree.childrenOf('532300');
    expect(cx.filter((r) => r.standardCode)).toHaveLength(10);
    expect(cx.find((r) => !r.standardCode)?.name).toBe('楚雄高新区');
  });
});

describe('数据范围：科技部门看本级及下级', () => {
  const officer = actor('county_officer', { regionCode: '532301' });
  const scope = dataScope(officer, tree);
  it.each([
    ['本级（楚雄市）', '532301', true],
    ['同级（禄丰市）', '532302', false],
    ['上级（楚雄州）', '532300', false],
    ['无隶属（昆明市）', '530100', false],
  ])('县级工作人员读写%s的项目：%s', (_label, region, allowed) => {
    const p = projectAbilities(officer, scope, project(region));
    expect(p.read).toBe(allowed);
    expect(p.update).toBe(allowed);
  });
  it('州级业务科室可读写下级县的项目，看不到昆明市的项目', () => {
    const a = actor('business_officer', { regionCode: '532300' });
    const s = dataScope(a, tree);
    expect(projectAbilities(a, s, project('532301'))).toEqual({ read: true, update: true });
    expect(projectAbilities(a, s, project('530100', '530000'))).toEqual({ read: false, update: false });
  });
  it('州级立项、承担单位在楚雄市的项目，楚雄市工作人员也能看到（属地管理）', () => {
    const s = dataScope(actor('county_officer', { regionCode: '532301' }), tree);
    expect(inScope(s, project('532301', '532300'))).toBe(true);
  });
  it('局领导和审计人员只读', () => {
    for (const role of ['bureau_leader', 'auditor'] as const) {
      const a = actor(role, { regionCode: '532300' });
      expect(projectAbilities(a, dataScope(a, tree), project('532301'))).toEqual({ read: true, update: false });
    }
  });
});

describe('数据范围：单位与个人', () => {
  it('单位管理员只看本单位的项目和人员，可维护本单位人员，不能修改单位本身', () => {
    const a = actor('unit_admin', { unitId: 'unit-a' });
    const s = dataScope(a, tree);
    expect(projectAbilities(a, s, project('532301', '532300', 'unit-a')).read).toBe(true);
    expect(projectAbilities(a, s, project('532301', '532300', 'unit-b')).read).toBe(false);
    expect(subjectAbilities(a, s, { kind: 'person', regionCodes: ['532301'], unitIds: ['unit-a'], personIds: ['p1'] }).update).toBe(true);
    expect(subjectAbilities(a, s, { kind: 'organization', regionCodes: ['532301'], unitIds: ['unit-a'], personIds: [] })).toEqual({ read: true, update: false, revealIdNumber: false });
  });
  it('科研人员只看本人负责的项目和本人的记录，可看本人完整身份证号', () => {
    const a = actor('researcher', { personId: 'person-a' });
    const s = dataScope(a, tree);
    expect(projectAbilities(a, s, project('532301', '532300', 'unit-a', 'person-a'))).toEqual({ read: true, update: false });
    expect(projectAbilities(a, s, project('532301', '532300', 'unit-a', 'person-b')).read).toBe(false);
    expect(subjectAbilities(a, s, { kind: 'person', regionCodes: ['532301'], unitIds: ['unit-a'], personIds: ['person-a'] }).revealIdNumber).toBe(true);
  });
});

describe('三员分立', () => {
  it('系统、安全、审计管理员的权限互不重叠，且都没有业务数据范围', () => {
    const [sys, sec, aud] = (['system_admin', 'security_admin', 'audit_admin'] as const).map((r) => ROLE_DEFINITIONS[r]);
    const overlap = (a: readonly string[], b: readonly string[]) => a.filter((p) => b.includes(p) && p !== 'region.read');
    expect(overlap(sys.permissions, sec.permissions)).toEqual([]);
    expect(overlap(sys.permissions, aud.permissions)).toEqual([]);
    expect(overlap(sec.permissions, aud.permissions)).toEqual([]);
    for (const d of [sys, sec, aud]) expect(d.scope).toBe('none');
  });
  it('只有审计管理员能读审计日志', () => {
    expect(ROLES.filter((r) => ROLE_DEFINITIONS[r].permissions.includes('audit.read'))).toEqual(['audit_admin']);
  });
});

describe('X-3 政策条款清单', () => {
  it('X-3 每部文件的条款清单包含条款映射表中的编号，且只含概括（不复制原文）', async () => {
    const { clausesOf } = await import('../../src/core/policy/clauses');
    const ci = clausesOf('CI').map((c) => c.id);
    for (const id of ['CI-4', 'CI-15', 'CI-25', 'CI-27', 'CI-31', 'CI-34']) expect(ci).toContain(id);
    expect(clausesOf('YT').map((c) => c.id)).toEqual(expect.arrayContaining(['YT-6.3', 'YT-9', 'YT-17']));
    for (const c of clausesOf('CI')) expect(c.summary.length).toBeLessThan(60);
  });
});

describe('评价的意见、答复与复核（CI-15）：由主体身份和权限决定，不看角色名', () => {
  const windows = { commentUntil: '2026-12-04', reviewUntil: null };
  const rating = { subjectId: 'person-a', published: false };
  it('被评价的个人本人在意见期内可提出意见，期满或生效后不能；他人不能', () => {
    const self = actor('researcher', { personId: 'person-a' });
    expect(ratingCommentAbilities(self, rating, '2026-12-04', windows)).toEqual({ comment: true, requestReview: false, answer: false });
    expect(ratingCommentAbilities(self, rating, '2026-12-07', windows).comment).toBe(false);
    expect(ratingCommentAbilities(self, { ...rating, published: true }, '2026-12-01', windows).comment).toBe(false);
    expect(ratingCommentAbilities(actor('researcher', { personId: 'person-b' }), rating, '2026-12-01', windows).comment).toBe(false);
  });
  it('单位由其单位管理员提出意见；受托管理机构的账号不代表机构本身（CI-32）', () => {
    expect(isRatedSubject(actor('unit_admin', { unitId: 'unit-a' }), 'unit-a')).toBe(true);
    expect(isRatedSubject(actor('unit_admin', { unitId: 'unit-a' }), 'unit-b')).toBe(false);
    expect(isRatedSubject(actor('entrusted_agency', { unitId: 'agency-a' }), 'agency-a')).toBe(false);
  });
  it('生效后在复核申请期内可申请复核，期满不能；答复意见的是持有答复权限（rating.determine）的诚信科', () => {
    const inEffect = { subjectId: 'unit-a', published: true };
    const open = { commentUntil: '2026-12-04', reviewUntil: '2026-12-28' };
    const admin = actor('unit_admin', { unitId: 'unit-a' });
    expect(ratingCommentAbilities(admin, inEffect, '2026-12-28', open)).toEqual({ comment: false, requestReview: true, answer: false });
    expect(ratingCommentAbilities(admin, inEffect, '2026-12-29', open).requestReview).toBe(false);
    expect(ROLES.filter((r) => ratingCommentAbilities(actor(r), inEffect, '2026-12-01', open).answer)).toEqual(['integrity_officer']);
  });
});

describe('认定事实的撤销与更正（CI-15）', () => {
  it('撤销或更正认定事实只属于诚信科（finding.correct，CI-15）：列表上的按钮和命令读同一个判断', () => {
    expect(ROLES.filter((r) => ROLE_DEFINITIONS[r].permissions.includes('finding.correct'))).toEqual(['integrity_officer']);
    expect(ROLES.filter((r) => mayCorrectFindings(r))).toEqual(['integrity_officer']);
    expect(ROLES.filter((r) => findingAbilities(r).correct)).toEqual(['integrity_officer']);
  });
});
