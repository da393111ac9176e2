import { describe, expect, it } from 'vitest';
import { APPEALABLE_DOCUMENTS, buildDocument, type DocumentFacts } from '../../src/core/documents/templates';
import { chineseDate, documentNumber } from '../../src/core/documents/official-form';
import { defaultBureauProfile } from '../../src/core/regions/bureau-profile';
import { YUNNAN_REGIONS } from '../../src/core/regions/yunnan';

const region = (code: string) => YUNNAN_REGIONS.find((r) => r.code === code)!;
const CHUXIONG = defaultBureauProfile(region('532300'), region('530000'));
const REMEDIES = { reconsideration: { days: 60, basis: '行政复议法第二十条' }, litigation: { months: 6, basis: '行政诉讼法第四十六条' } };
const decision = { outcome: 'exempt', circumstances: ['YT-5.6'], reasons: '已勤勉尽责', deliberation: { date: '2026-12-01', members: ['甲', '乙', '丙'], method: 'consensus', minutes: '一致' } };
const facts = (over: Partial<DocumentFacts> = {}): DocumentFacts => ({
  procedure: 'tolerance', state: 'decided', stepsTaken: ['start', 'accept', 'decide'], data: { decision }, caseNo: 'AB12CD34',
  project: { code: 'CX2024001', name: '高原特色作物新品种选育' }, addressee: '张三', bureau: '楚雄州科学技术局',
  policies: { YT: { docNo: '云科规〔2023〕1号', title: '云南省科技创新容错纠错实施办法', warning: null }, CI: { docNo: '楚科规〔2022〕5号', title: '楚雄州科研诚信管理办法', warning: null } },
  date: '2026-12-02', office: CHUXIONG, number: 3, remedies: REMEDIES, ...over,
});

describe('公文格式（GB/T 9704-2012）：发文字号、成文日期、发文机关标志、抄送和版记', () => {
  it('成文日期用汉字：年份逐位（〇），月日按数写（十、十一、二十、三十一）', () => {
    expect(chineseDate('2026-12-02')).toBe('二〇二六年十二月二日');
    expect(chineseDate('2026-11-20')).toBe('二〇二六年十一月二十日');
    expect(chineseDate('2026-10-31')).toBe('二〇二六年十月三十一日');
    expect(chineseDate('2030-01-10')).toBe('二〇三〇年一月十日');
    expect(chineseDate('2027-02-15')).toBe('二〇二七年二月十五日');
  });
  it('发文字号：机关代字、文种代字、年份用六角括号、顺序号不编虚位', () => {
    expect(documentNumber('楚科', '容决', 2026, 3)).toBe('楚科容决〔2026〕3号');
    expect(documentNumber('云科', '信处', 2027, 12)).toBe('云科信处〔2027〕12号');
  });
  it('各局的公文版式来自区划数据：州局、省厅、县局和高新区各有机关标志、机关代字、印发机关与抄送机关', () => {
    expect(CHUXIONG).toEqual({
      organMark: '楚雄彝族自治州科学技术局', docPrefix: '楚科', printer: '楚雄彝族自治州科学技术局办公室', dateNumerals: 'chinese',
      copyTo: { organisation: '中共楚雄州委组织部', personnel: '楚雄州人力资源和社会保障局', creditPlatform: '楚雄州发展和改革委员会' },
    });
    expect(defaultBureauProfile(region('530000'))).toMatchObject({ organMark: '云南省科学技术厅', docPrefix: '云科', copyTo: { personnel: '云南省人力资源和社会保障厅' } });
    expect(defaultBureauProfile(region('532322'), region('532300'))).toMatchObject({ organMark: '双柏县工业信息化商务科学技术局', docPrefix: '双科', copyTo: { organisation: '中共双柏县委组织部' } });
    // 楚雄高新区 is not a GB/T 2260 division: its copies go to the prefecture's departments.
    expect(defaultBureauProfile(region('532300GX'), region('532300')).copyTo.organisation).toBe('中共楚雄州委组织部');
    // Every region has its own organ code, so no two bureaus print the same number.
    const prefixes = YUNNAN_REGIONS.map((r) => defaultBureauProfile(r, YUNNAN_REGIONS.find((p) => p.code === r.parentCode)).docPrefix);
    expect(new Set(prefixes).size).toBe(YUNNAN_REGIONS.length);
  });
  it('YT-6.4 容错免责认定决定书：发文机关标志、顺序文号、汉字成文日期、印章位置、抄送组织和人事部门、版记', () => {
    const d = buildDocument('decision', facts())!;
    expect(d).toMatchObject({
      mark: '楚雄彝族自治州科学技术局', docNo: '楚科容决〔2026〕3号', issuedOn: '二〇二六年十二月二日', seal: '（印章）',
      copyTo: ['中共楚雄州委组织部', '楚雄州人力资源和社会保障局'],
      imprint: { printer: '楚雄彝族自治州科学技术局办公室', printedOn: '二〇二六年十二月二日印发' },
    });
    // A bureau that writes dates in Arabic numerals (GB/T 9704-2012 7.3.5.1) is served too.
    expect(buildDocument('decision', facts({ office: { ...CHUXIONG, dateNumerals: 'arabic' } }))!.issuedOn).toBe('2026年12月2日');
    // YT-6.4 decides on the accountability of staff: no 行政复议 line.
    expect(d.paragraphs.join()).not.toContain('行政复议');
  });
  it('CI-22 CI-27 可申请行政复议、提起行政诉讼的决定（处理决定、列入失信惩戒名单决定）写明途径和期限，期限取自施行中的参数', () => {
    expect(APPEALABLE_DOCUMENTS).toEqual(['sanction_decision', 'listing_decision']);
    const listing = buildDocument('listing_decision', facts({ procedure: 'listing', stepsTaken: ['propose', 'send_notice', 'no_objection', 'approve'],
      data: { grounds: '依据处理决定拟列入失信惩戒名单', meeting: { date: '2026-12-01', approved: true, minutes: '同意' } } }))!;
    expect(listing.title).toBe('列入失信惩戒名单决定书');
    expect(listing.docNo).toBe('楚科信列〔2026〕3号');
    expect(listing.copyTo).toEqual(['楚雄州发展和改革委员会']);
    expect(listing.paragraphs.join()).toContain('异议期内未提出异议');
    expect(listing.paragraphs.at(-1)).toContain('自收到本决定书之日起 60 日内依法申请行政复议');
    expect(listing.paragraphs.at(-1)).toContain('6 个月内依法向人民法院提起行政诉讼');
    const longer = buildDocument('listing_decision', facts({ procedure: 'listing', stepsTaken: ['approve'], data: { grounds: 'x' },
      remedies: { ...REMEDIES, reconsideration: { days: 90, basis: '假设的新法' } } }))!;
    expect(longer.paragraphs.at(-1)).toContain('90 日内');
  });
  it('未设置公文版式时只是草稿：文号以案件号占位，没有发文机关标志和版记', () => {
    const d = buildDocument('decision', facts({ office: undefined, number: undefined }))!;
    expect(d).toMatchObject({ docNo: '容决〔2026〕AB12CD34号', mark: null, imprint: null, copyTo: [] });
  });
});
