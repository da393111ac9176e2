/**
 * 云南省 and its 16 prefecture-level divisions, and the county-level divisions of 楚雄彝族自治州,
 * with their GB/T 2260 codes (禄丰 became a county-level city in 2021: 532302 replaces 532331).
 * 楚雄高新区 is not a GB/T 2260 division; it carries a local code outside the standard's pattern.
 */
import type { Region } from './region-tree';

const P = '530000';
const CX = '532300';

const prefectures: Array<[string, string]> = [
  ['530100', '昆明市'], ['530300', '曲靖市'], ['530400', '玉溪市'], ['530500', '保山市'],
  ['530600', '昭通市'], ['530700', '丽江市'], ['530800', '普洱市'], ['530900', '临沧市'],
  [CX, '楚雄彝族自治州'], ['532500', '红河哈尼族彝族自治州'], ['532600', '文山壮族苗族自治州'],
  ['532800', '西双版纳傣族自治州'], ['532900', '大理白族自治州'], ['533100', '德宏傣族景颇族自治州'],
  ['533300', '怒江傈僳族自治州'], ['533400', '迪庆藏族自治州'],
];

const chuxiongCounties: Array<[string, string]> = [
  ['532301', '楚雄市'], ['532302', '禄丰市'], ['532322', '双柏县'], ['532323', '牟定县'],
  ['532324', '南华县'], ['532325', '姚安县'], ['532326', '大姚县'], ['532327', '永仁县'],
  ['532328', '元谋县'], ['532329', '武定县'],
];

/** Local code of 楚雄高新区 (not in GB/T 2260). */
export const CHUXIONG_HIGH_TECH_ZONE = '532300GX';
export const YUNNAN = P;
export const CHUXIONG = CX;

export const YUNNAN_REGIONS: readonly Region[] = [
  { code: P, name: '云南省', level: 'province', parentCode: null, standardCode: true },
  ...prefectures.map(([code, name]): Region => ({ code, name, level: 'prefecture', parentCode: P, standardCode: true })),
  ...chuxiongCounties.map(([code, name]): Region => ({ code, name, level: 'county', parentCode: CX, standardCode: true })),
  { code: CHUXIONG_HIGH_TECH_ZONE, name: '楚雄高新区', level: 'county', parentCode: CX, standardCode: false },
];

/** The bureau of each level and the body that approves collectively (局办公会 / 厅务会). */
export function bureauFor(region: Region): { name: string; leadershipBody: string } {
  if (region.level === 'province') return { name: '云南省科学技术厅', leadershipBody: '厅务会' };
  if (region.level === 'prefecture') {
    const short = region.name.replace(/(彝族|哈尼族|壮族|苗族|傣族|白族|景颇族|傈僳族|藏族)+自治州$/, '州');
    return { name: `${short}科学技术局`, leadershipBody: '局办公会' };
  }
  if (!region.standardCode) return { name: `${region.name}经济发展部`, leadershipBody: '主任办公会' };
  return { name: `${region.name}工业信息化商务科学技术局`, leadershipBody: '局办公会' };
}
