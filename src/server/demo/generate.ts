/**
 * A deterministic demo data set for 楚雄彝族自治州: units, people, experts, recommending
 * departments, service agencies and projects 2023–2026 with a mix of on-time, extended, overdue and
 * terminated projects. Every check digit is valid; every name is invented. Dates are relative to a
 * fixed reference date, so the same seed always yields the same data.
 */
import { creditCodeCheckChar } from '../../core/identity/credit-code';
import { idNumberCheckChar } from '../../core/identity/id-number';
import { CHUXIONG, CHUXIONG_HIGH_TECH_ZONE, YUNNAN, YUNNAN_REGIONS } from '../../core/regions/yunnan';
import type { FundingSource, OrganizationType, PlanLevel, ProjectStatus } from '../../core/domain/vocabulary';
import { addCalendarDays, fromEpochDay, toEpochDay, type IsoDate } from '../../core/time/iso-date';

export const DEMO_REFERENCE_DATE: IsoDate = '2026-11-01';

export function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    chance: (p: number) => next() < p,
  };
}
export type Rng = ReturnType<typeof prng>;

/** GB 11714 organisation code check character over 8 body characters (digits here). */
function orgCodeCheck(body: string): string {
  const w = [3, 7, 9, 10, 5, 8, 4, 2];
  const c = 11 - ([...body].reduce((s, ch, i) => s + Number(ch) * w[i], 0) % 11);
  return c === 10 ? 'X' : c === 11 ? '0' : String(c);
}

/** 1 = 机构编制 (government body), 9 = 工商 (enterprise); category 1 each. Region code 6 digits; body 8 digits. */
export function creditCodeFor(authority: '1' | '5' | '9', region: string, body: string): string {
  const first17 = `${authority}1${region}${body}${orgCodeCheck(body)}`;
  return first17 + creditCodeCheckChar(first17);
}

export function makeCreditCode(rng: Rng, authority: '1' | '5' | '9', region: string): string {
  return creditCodeFor(authority, region, String(rng.int(10_000_000, 99_999_999)));
}

/** Sequence 0–999: odd for men, even for women (GB 11643). */
export function idNumberFor(region: string, birth: IsoDate, seq: number): string {
  const first17 = `${region}${birth.replaceAll('-', '')}${String(seq).padStart(3, '0')}`;
  return first17 + idNumberCheckChar(first17);
}

export function makeIdNumber(rng: Rng, region: string, birth: IsoDate, male: boolean): string {
  return idNumberFor(region, birth, rng.int(0, 49) * 2 + (male ? 1 : 0));
}

const COUNTIES = ['532301', '532302', '532322', '532323', '532324', '532325', '532326', '532327', '532328', '532329'];
const WORDS = ['云岭', '紫溪', '彝乡', '金沙', '龙川', '青峰', '鹿鸣', '星河', '翠屏', '雁塔', '松涛', '凤栖', '溪源', '明湖', '石羊'];
const FIELDS = ['生物科技', '农业科技', '新材料', '中药材', '信息技术', '绿色食品', '矿冶技术', '新能源', '生态环境', '智能装备'];
const SUFFIX = ['有限公司', '股份有限公司', '研究所', '技术研究院'];
const SURNAMES = '李王张刘陈杨赵黄周吴徐孙马朱胡郭何罗高林普者鲁起毕'.split('');
const GIVEN = '建华明丽芳军伟娟秀英志强慧敏静霞云海涛洁瑞琳彬晨宇'.split('');
const TOPICS = ['高原特色', '滇中', '山地', '冷凉', '林下', '立体', '道地', '高效', '绿色', '数字'];
const OBJECTS = ['核桃深加工', '野生菌保鲜', '彝药制剂', '烤烟提质', '花椒品种选育', '铜冶炼尾渣利用', '光伏农业', '魔芋种植', '畜禽疫病监测', '林火预警'];
const ACTIONS = ['关键技术研究', '集成示范', '工艺优化与产业化', '标准化研究', '应用示范'];
const EXPERT_FIELDS = ['农业', '生物医药', '材料', '信息', '环境', '机械', '化工', '林业'];
const TITLES = ['研究员', '副研究员', '高级工程师', '工程师', '教授', '副教授'];

/** The invented-name vocabulary, shared with the scale seed (server/seed). */
export const NAME_PARTS = { WORDS, FIELDS, SUFFIX, SURNAMES, GIVEN, TOPICS, OBJECTS, ACTIONS } as const;

export interface DemoOrganization { key: string; orgType: OrganizationType; name: string; creditCode: string; regionCode: string }
export interface DemoPerson { key: string; name: string; idNumber: string; employerKey: string; regionCode: string; isExpert: boolean; expertField: string | null; title: string | null }
export interface DemoRelation { personKey: string; organizationKey: string; kind: 'legal_representative' | 'unit_head'; since: IsoDate }
export interface DemoProject {
  code: string; name: string; planLevel: PlanLevel; jurisdictionCode: string; fundingSource: FundingSource;
  unitKey: string; leaderKey: string; recommendingKey: string | null; agencyKey: string | null;
  startDate: IsoDate; dueDate: IsoDate; extendedDueDate: IsoDate | null; status: ProjectStatus;
  acceptanceAppliedDate: IsoDate | null; acceptedDate: IsoDate | null; terminatedDate: IsoDate | null; fundsGranted: string;
  milestones: Array<{ name: string; dueDate: IsoDate; completedDate: IsoDate | null }>;
}
export interface DemoData { organizations: DemoOrganization[]; persons: DemoPerson[]; relations: DemoRelation[]; projects: DemoProject[] }

export function generateDemoData(seed = 20260101, size = { units: 50, persons: 300, projects: 200 }): DemoData {
  const rng = prng(seed);
  const organizations: DemoOrganization[] = [];
  const persons: DemoPerson[] = [];
  const relations: DemoRelation[] = [];
  const usedNames = new Set<string>();

  const unitRegions = [...COUNTIES, COUNTIES[0], COUNTIES[0], CHUXIONG_HIGH_TECH_ZONE, CHUXIONG];
  for (let i = 0; i < size.units; i++) {
    // Spread units over the counties; 楚雄市 carries more, as the prefecture seat does.
    const regionCode = i < 2 ? '530100' : unitRegions[i % unitRegions.length];
    let name = '';
    do name = `${rng.pick(WORDS)}${rng.pick(FIELDS)}${rng.pick(SUFFIX)}`; while (usedNames.has(name));
    usedNames.add(name);
    const codeRegion = /^\d{6}$/.test(regionCode) ? regionCode : CHUXIONG;
    organizations.push({ key: `U${i}`, orgType: 'undertaking_unit', name, creditCode: makeCreditCode(rng, name.endsWith('研究所') || name.endsWith('研究院') ? '1' : '9', codeRegion), regionCode });
  }
  COUNTIES.forEach((code, i) => {
    organizations.push({ key: `R${i}`, orgType: 'recommending_department', name: `${YUNNAN_REGIONS.find((r) => r.code === code)!.name}科技项目推荐办公室`, creditCode: makeCreditCode(rng, '1', code), regionCode: code });
  });
  for (let i = 0; i < 5; i++) {
    organizations.push({ key: `A${i}`, orgType: 'service_agency', name: `${rng.pick(WORDS)}科技咨询服务中心${i + 1}`, creditCode: makeCreditCode(rng, '5', CHUXIONG), regionCode: CHUXIONG });
  }

  const units = organizations.filter((o) => o.orgType === 'undertaking_unit');
  for (let i = 0; i < size.persons; i++) {
    const unit = units[i % units.length];
    const male = rng.chance(0.6);
    const birth = addCalendarDays('1962-01-01', rng.int(0, 33 * 365));
    const addr = /^\d{6}$/.test(unit.regionCode) ? unit.regionCode : CHUXIONG;
    const isExpert = i % 10 === 3;
    persons.push({
      key: `P${i}`, name: `${rng.pick(SURNAMES)}${rng.pick(GIVEN)}${rng.chance(0.6) ? rng.pick(GIVEN) : ''}`,
      idNumber: makeIdNumber(rng, addr, birth, male), employerKey: unit.key, regionCode: unit.regionCode,
      isExpert, expertField: isExpert ? rng.pick(EXPERT_FIELDS) : null, title: rng.chance(0.7) ? rng.pick(TITLES) : null,
    });
  }
  // The first person of each unit is its legal representative (CI-26 needs to know who answers for it).
  units.forEach((u, i) => relations.push({ personKey: `P${i}`, organizationKey: u.key, kind: 'legal_representative', since: '2020-01-01' }));

  const projects: DemoProject[] = [];
  const counters = new Map<string, number>();
  for (let i = 0; i < size.projects; i++) {
    // The first projects belong to the demo researcher (P2) at the demo unit (U2), so those accounts see work.
    const unit = i < 3 ? units[2] : units[rng.int(2, units.length - 1)];
    const leader = i < 3 ? persons[2] : rng.pick(persons.filter((p) => p.employerKey === unit.key));
    const roll = rng.next();
    // A unit seated at prefecture level has no county bureau above it, so it holds no county-level project.
    const atCounty = unit.regionCode !== CHUXIONG;
    const planLevel: PlanLevel = roll < 0.15 ? 'province' : roll < 0.85 || !atCounty ? 'prefecture' : 'county';
    const jurisdictionCode = planLevel === 'province' ? YUNNAN : planLevel === 'prefecture' ? CHUXIONG : unit.regionCode;
    const fundingSource: FundingSource = planLevel === 'province' ? 'provincial_fiscal' : planLevel === 'prefecture' ? 'prefecture_fiscal' : 'county_fiscal';
    const startDate = addCalendarDays('2021-03-01', rng.int(0, 2100));
    const dueDate = addCalendarDays(startDate, rng.pick([730, 1095]) - 1);
    const year = startDate.slice(0, 4);
    const prefix = planLevel === 'province' ? 'YNKJ' : planLevel === 'prefecture' ? 'CXKJ' : 'XJKJ';
    const n = (counters.get(prefix + year) ?? 0) + 1;
    counters.set(prefix + year, n);

    let status: ProjectStatus = 'in_progress';
    let extendedDueDate: IsoDate | null = null;
    let acceptanceAppliedDate: IsoDate | null = null;
    let acceptedDate: IsoDate | null = null;
    let terminatedDate: IsoDate | null = null;
    if (dueDate < DEMO_REFERENCE_DATE) {
      const fate = rng.next();
      if (fate < 0.62) {
        acceptanceAppliedDate = addCalendarDays(dueDate, rng.int(10, 60));
        acceptedDate = addCalendarDays(acceptanceAppliedDate, rng.int(20, 40));
        status = acceptedDate <= DEMO_REFERENCE_DATE ? 'accepted' : 'acceptance_applied';
        if (status !== 'accepted') acceptedDate = null;
      } else if (fate < 0.72) {
        terminatedDate = addCalendarDays(dueDate, -rng.int(30, 300));
        status = 'terminated';
      } else if (fate < 0.86) {
        extendedDueDate = addCalendarDays(dueDate, rng.pick([182, 365]));
        if (extendedDueDate < DEMO_REFERENCE_DATE && rng.chance(0.6)) {
          acceptanceAppliedDate = addCalendarDays(extendedDueDate, rng.int(5, 30));
          acceptedDate = addCalendarDays(acceptanceAppliedDate, rng.int(20, 40));
          status = acceptedDate <= DEMO_REFERENCE_DATE ? 'accepted' : 'acceptance_applied';
          if (status !== 'accepted') acceptedDate = null;
        }
      }
      // Otherwise: overdue, neither accepted nor extended (the tail CI-16.3.1 counts).
    } else if (startDate > DEMO_REFERENCE_DATE) {
      status = 'approved';
    }
    const end = extendedDueDate ?? dueDate;
    const mid = fromEpochDay(Math.floor((toEpochDay(startDate) + toEpochDay(end)) / 2));
    const milestones = [
      { name: '完成方案设计与中期检查', dueDate: mid, completedDate: mid < DEMO_REFERENCE_DATE && rng.chance(0.85) ? addCalendarDays(mid, -rng.int(0, 20)) : null },
      { name: '完成全部研究任务', dueDate: end, completedDate: acceptedDate ? addCalendarDays(end, -rng.int(0, 30)) : null },
    ];
    projects.push({
      code: `${prefix}${year}-${String(n).padStart(3, '0')}`,
      name: `${rng.pick(TOPICS)}${rng.pick(OBJECTS)}${rng.pick(ACTIONS)}`,
      planLevel, jurisdictionCode, fundingSource, unitKey: unit.key, leaderKey: leader.key,
      recommendingKey: COUNTIES.includes(unit.regionCode) ? `R${COUNTIES.indexOf(unit.regionCode)}` : null,
      agencyKey: rng.chance(0.3) ? `A${rng.int(0, 4)}` : null,
      startDate, dueDate, extendedDueDate, status, acceptanceAppliedDate, acceptedDate, terminatedDate,
      fundsGranted: `${rng.int(10, 300) * 10000}.00`, milestones,
    });
  }
  return { organizations, persons, relations, projects };
}
