/**
 * How a bureau signs its official documents (GB/T 9704-2012 党政机关公文格式): its organ mark
 * (发文机关标志), the organ code that opens its document numbers (发文机关代字, 楚科 in
 * 楚科容决〔2026〕3号), the office that prints them (印发机关, in the 版记) and the organs its
 * documents are copied to (抄送机关). These are the defaults each bureau's row starts with when the
 * regions are seeded; a bureau's own values are kept in its row and never overwritten. Pure.
 */
import type { Region } from './region-tree';
import { bureauFor } from './yunnan';

/** Who a document may be copied to, by what the organ does (the names are the bureau's). */
export type CopyToOrgan = 'organisation' | 'personnel' | 'creditPlatform';

export interface BureauProfile {
  /** 发文机关标志: the issuing organ's full name, printed at the head. */
  organMark: string;
  /** 发文机关代字: opens every document number of the bureau. */
  docPrefix: string;
  /** 印发机关 in the 版记. */
  printer: string;
  /** 抄送机关 by role. */
  copyTo: Record<CopyToOrgan, string>;
  /**
   * 成文日期 numerals: GB/T 9704-2012 7.3.5.1 writes the date in Arabic numerals; many bureaus keep the
   * Chinese numerals of the 1999 edition (二〇二六年十二月二日). A bureau setting, Chinese by default.
   */
  dateNumerals: 'chinese' | 'arabic';
}

/** 发文机关代字 by region code (GB/T 2260; 楚雄高新区 by its local code). Defaults; a bureau corrects its own row. */
const DOC_PREFIX: Record<string, string> = {
  '530000': '云科', '530100': '昆科', '530300': '曲科', '530400': '玉科', '530500': '保科', '530600': '昭科', '530700': '丽科',
  '530800': '普科', '530900': '临科', '532300': '楚科', '532500': '红科', '532600': '文科', '532800': '西科', '532900': '大科',
  '533100': '德科', '533300': '怒科', '533400': '迪科',
  '532301': '楚市科', '532302': '禄科', '532322': '双科', '532323': '牟科', '532324': '南科', '532325': '姚科', '532326': '大姚科',
  '532327': '永科', '532328': '元科', '532329': '武科', '532300GX': '楚高新经',
};

/** The short name a prefecture's organs use (楚雄彝族自治州 → 楚雄州). */
const shortName = (r: Region) => (r.level === 'prefecture' ? r.name.replace(/(彝族|哈尼族|壮族|苗族|傣族|白族|景颇族|傈僳族|藏族)+自治州$/, '州') : r.name);

/** The profile a bureau's row starts with. */
export function defaultBureauProfile(region: Region, parent?: Region): BureauProfile {
  const bureau = bureauFor(region);
  const organMark = region.level === 'prefecture' ? `${region.name}科学技术局` : bureau.name;
  // A zone outside GB/T 2260 is served by its prefecture's organisation, personnel and credit departments.
  const seat = !region.standardCode && parent ? parent : region;
  const short = shortName(seat);
  return {
    organMark,
    docPrefix: DOC_PREFIX[region.code] ?? `${short.slice(0, 2)}科`,
    printer: `${organMark}办公室`,
    copyTo: {
      organisation: `中共${short}委组织部`,
      personnel: `${short}人力资源和社会保障${seat.level === 'province' ? '厅' : '局'}`,
      creditPlatform: `${short}发展和改革委员会`,
    },
    dateNumerals: 'chinese',
  };
}
