/**
 * Caps on what an uploaded archive (.docx, .xlsx, .ofd) may hold, read from its central directory
 * before any parser sees it (GB/T 22239-2019 8.1.4.4 resource control; OWASP ASVS V5.2.3, archive
 * bombs): the number of entries, each entry's and the whole archive's inflated size, and how much
 * an entry may grow. An archive past any cap is refused before anything is inflated. Sizes that
 * the directory understates are caught when inflating (zip.ts readEntry, xlsx-worker.mjs), which
 * never writes more than the declared size.
 */
import { readCentralDirectory, ZipFormatError, type ZipEntry } from './zip';

export interface ArchiveLimits {
  /** Entries in the central directory. */
  maxEntries: number;
  /** Inflated size of one entry, in bytes. */
  maxEntryBytes: number;
  /** Inflated size of all entries together, in bytes. */
  maxTotalBytes: number;
  /** Inflated ÷ compressed size of one entry, for entries larger than `ratioFromBytes`. */
  maxRatio: number;
  ratioFromBytes: number;
}

/**
 * Case materials (YT-6.1): a Word report with its pictures, a spreadsheet of accounts. Real
 * documents of 20 MB (KEXIN_UPLOAD_MAX_MB) hold a few hundred parts and inflate to well under
 * 200 MB; XML of ordinary documents compresses 5–30 times.
 */
export const MATERIAL_LIMITS: ArchiveLimits = { maxEntries: 2_000, maxEntryBytes: 100 * 1_048_576, maxTotalBytes: 200 * 1_048_576, maxRatio: 200, ratioFromBytes: 1_048_576 };

/**
 * A sheet of applicants for the veto check (CI-10): one row per applicant, at most VETO_BATCH_CAP
 * rows of two short columns, under 1 MB of sheet XML; 20 MB leaves room for styling and a few
 * other sheets that are never read.
 */
export const APPLICANT_SHEET_LIMITS: ArchiveLimits = { maxEntries: 500, maxEntryBytes: 20 * 1_048_576, maxTotalBytes: 40 * 1_048_576, maxRatio: 200, ratioFromBytes: 1_048_576 };

/**
 * An import file (issue 19): units, persons, projects with milestones or relations, one row each on
 * sheet 1. 100,000 project rows of 30 columns make about 120 MB of sheet XML (inline strings, the
 * largest form) and compress 8–15 times; a workbook has a few dozen parts.
 */
export const IMPORT_SHEET_LIMITS: ArchiveLimits = { maxEntries: 200, maxEntryBytes: 256 * 1_048_576, maxTotalBytes: 320 * 1_048_576, maxRatio: 100, ratioFromBytes: 1_048_576 };

export type ArchiveCheck = { ok: true; entries: ZipEntry[] } | { ok: false; zh: string };

/** The central directory against the caps; nothing is inflated. */
export function checkArchive(bytes: Uint8Array, limits: ArchiveLimits): ArchiveCheck {
  let entries: ZipEntry[];
  try {
    entries = readCentralDirectory(bytes);
  } catch (e) {
    return { ok: false, zh: e instanceof ZipFormatError ? e.zh : '压缩结构无法读取' };
  }
  if (entries.length > limits.maxEntries) return { ok: false, zh: `文件内含 ${entries.length} 个部件，超过上限 ${limits.maxEntries}` };
  let total = 0;
  for (const e of entries) {
    if (e.uncompressedSize > limits.maxEntryBytes) return { ok: false, zh: `部件“${e.name}”解压后 ${mb(e.uncompressedSize)}，超过上限 ${mb(limits.maxEntryBytes)}` };
    if (e.uncompressedSize > limits.ratioFromBytes && e.uncompressedSize > limits.maxRatio * Math.max(1, e.compressedSize)) {
      return { ok: false, zh: `部件“${e.name}”压缩比超过 ${limits.maxRatio} 倍（疑似压缩炸弹）` };
    }
    total += e.uncompressedSize;
  }
  if (total > limits.maxTotalBytes) return { ok: false, zh: `文件解压后共 ${mb(total)}，超过上限 ${mb(limits.maxTotalBytes)}（疑似压缩炸弹）` };
  return { ok: true, entries };
}

const mb = (n: number) => `${(n / 1_048_576).toFixed(1)} MB`;
