/**
 * Looks inside an upload whose type the bytes already decided (core/files/sniff.ts) before it is
 * kept (issue 16 M5, H3): an archive (.docx, .xlsx, .ofd) is held to the caps of its central
 * directory, its part names and relationships to the allow-lists, and then every part is inflated in
 * the worker — never past its declared size — so that a lying directory, an archive or program
 * hidden in a part, or a bomb is found; a PDF, PNG or JPEG must end where its format ends.
 */
import type { AllowedType } from '../../core/files/sniff';
import { checkArchive, type ArchiveLimits } from './archive-limits';
import { ArchiveRefused, measureEntries, workerEntry } from './archive-inflate';
import { jpegProblem, pngProblem } from './images';
import { refusedContentTypes, refusedPart, refusedRelationships } from './ooxml';
import { pdfProblem } from './pdf';

/** First bytes of what may never sit inside a document: archives, executables, OLE compound files. */
const HIDDEN_SIGNATURES: Array<[number[], string]> = [
  [[0x50, 0x4b, 0x03, 0x04], '压缩包'], [[0x50, 0x4b, 0x05, 0x06], '压缩包'], [[0x52, 0x61, 0x72, 0x21], '压缩包'], [[0x37, 0x7a, 0xbc, 0xaf], '压缩包'], [[0x1f, 0x8b], '压缩包'],
  [[0x4d, 0x5a], '可执行文件'], [[0x7f, 0x45, 0x4c, 0x46], '可执行文件'], [[0xd0, 0xcf, 0x11, 0xe0], 'OLE 复合文档（嵌入对象或宏）'], [[0x4c, 0x00, 0x00, 0x00, 0x01, 0x14, 0x02, 0x00], 'Windows 快捷方式'],
];

/** OFD (GB/T 33190-2016): its XML, page resources, fonts and signatures. */
const OFD_PART = /^[A-Za-z0-9_./-]+\.(xml|png|jpe?g|gif|bmp|tiff?|jb2|ttf|otf|ttc|dat|esl|sig|sed)$/i;

export type Inspection = { ok: true } | { ok: false; zh: string };

export async function inspectUpload(bytes: Uint8Array, type: AllowedType, limits: ArchiveLimits): Promise<Inspection> {
  switch (type) {
    case 'pdf': return verdict(pdfProblem(bytes));
    case 'png': return verdict(pngProblem(bytes));
    case 'jpeg': return verdict(jpegProblem(bytes));
    case 'docx': case 'xlsx': case 'ofd': return inspectArchive(bytes, type, limits);
  }
}

const verdict = (problem: string | null): Inspection => (problem ? { ok: false, zh: problem } : { ok: true });

async function inspectArchive(bytes: Uint8Array, type: 'docx' | 'xlsx' | 'ofd', limits: ArchiveLimits): Promise<Inspection> {
  const check = checkArchive(bytes, limits);
  if (!check.ok) return check;
  const names = check.entries.map((e) => e.name);
  if (type === 'ofd') {
    const bad = names.find((n) => !n.endsWith('/') && !OFD_PART.test(n));
    if (bad) return { ok: false, zh: `含有不允许的部件（${bad}）` };
  } else {
    const bad = refusedPart(type, names);
    if (bad) return { ok: false, zh: bad };
  }
  const isXmlMeta = (n: string) => n === '[Content_Types].xml' || n.endsWith('.rels');
  let measured;
  try {
    measured = await measureEntries(check.entries.filter((e) => !e.name.endsWith('/')).map((e) => workerEntry(bytes, e, type !== 'ofd' && isXmlMeta(e.name))), 1_048_576);
  } catch (e) {
    return { ok: false, zh: e instanceof ArchiveRefused ? e.zh : '压缩内容无法读取' };
  }
  for (const m of measured) {
    const hidden = HIDDEN_SIGNATURES.find(([sig]) => sig.every((x, i) => m.head[i] === x));
    if (hidden) return { ok: false, zh: `部件“${m.name}”实为${hidden[1]}` };
    if (m.text === null) continue;
    const problem = m.name === '[Content_Types].xml' ? refusedContentTypes(type as 'docx' | 'xlsx', m.text) : refusedRelationships(m.name, m.text);
    if (problem) return { ok: false, zh: problem };
  }
  if (type !== 'ofd' && !measured.some((m) => m.name === '[Content_Types].xml')) return { ok: false, zh: '缺少 [Content_Types].xml' };
  return { ok: true };
}
