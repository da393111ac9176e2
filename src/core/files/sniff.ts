/**
 * What an uploaded file really is, decided from its bytes, never from its name or the type the
 * browser claims. Materials for a case (YT-6.1) may be PDF, OFD, JPEG, PNG, Word (.docx) or Excel
 * (.xlsx); executables, scripts, archives and macro-bearing Office files are refused. Pure.
 */
import { neutraliseText } from './text';

export const ALLOWED_TYPES = {
  pdf: { mediaType: 'application/pdf', extensions: ['pdf'], label: 'PDF' },
  ofd: { mediaType: 'application/ofd', extensions: ['ofd'], label: 'OFD 版式文件' },
  jpeg: { mediaType: 'image/jpeg', extensions: ['jpg', 'jpeg'], label: 'JPEG 图片' },
  png: { mediaType: 'image/png', extensions: ['png'], label: 'PNG 图片' },
  docx: { mediaType: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document', extensions: ['docx'], label: 'Word 文档' },
  xlsx: { mediaType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', extensions: ['xlsx'], label: 'Excel 表格' },
} as const;
export type AllowedType = keyof typeof ALLOWED_TYPES;

export type Sniffed =
  | { ok: true; type: AllowedType }
  | { ok: false; reason: 'executable' | 'archive' | 'macro' | 'unknown'; zh: string };

const startsWith = (b: Uint8Array, sig: number[], at = 0) => sig.every((x, i) => b[at + i] === x);
const ascii = (b: Uint8Array, from: number, to: number) => String.fromCharCode(...b.subarray(from, Math.min(to, b.length)));

/** Names of the entries in a ZIP's central directory (enough to tell OOXML and OFD from a bare archive). */
export function zipEntryNames(b: Uint8Array): string[] | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  // The end-of-central-directory record is within the last 22 + 65535 bytes.
  for (let eocd = b.length - 22; eocd >= Math.max(0, b.length - 22 - 0xffff); eocd--) {
    if (view.getUint32(eocd, true) !== 0x06054b50) continue;
    const count = view.getUint16(eocd + 10, true);
    let at = view.getUint32(eocd + 16, true);
    const names: string[] = [];
    for (let i = 0; i < count; i++) {
      if (at + 46 > b.length || view.getUint32(at, true) !== 0x02014b50) return null;
      const nameLen = view.getUint16(at + 28, true);
      const extraLen = view.getUint16(at + 30, true);
      const commentLen = view.getUint16(at + 32, true);
      names.push(new TextDecoder().decode(b.subarray(at + 46, at + 46 + nameLen)));
      at += 46 + nameLen + extraLen + commentLen;
    }
    return names;
  }
  return null;
}

export function sniff(b: Uint8Array): Sniffed {
  const exe = { ok: false as const, reason: 'executable' as const, zh: '不接受可执行文件或脚本' };
  const archive = { ok: false as const, reason: 'archive' as const, zh: '不接受压缩包，请分别上传各份材料' };
  if (startsWith(b, [0x4d, 0x5a]) || startsWith(b, [0x7f, 0x45, 0x4c, 0x46]) || startsWith(b, [0x23, 0x21])
    || startsWith(b, [0xcf, 0xfa, 0xed, 0xfe]) || startsWith(b, [0xfe, 0xed, 0xfa, 0xce]) || startsWith(b, [0xca, 0xfe, 0xba, 0xbe])) return exe;
  if (startsWith(b, [0x25, 0x50, 0x44, 0x46, 0x2d])) return { ok: true, type: 'pdf' };
  if (startsWith(b, [0xff, 0xd8, 0xff])) return { ok: true, type: 'jpeg' };
  if (startsWith(b, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return { ok: true, type: 'png' };
  if (startsWith(b, [0x52, 0x61, 0x72, 0x21]) || startsWith(b, [0x37, 0x7a, 0xbc, 0xaf, 0x27, 0x1c]) || startsWith(b, [0x1f, 0x8b])
    || startsWith(b, [0x42, 0x5a, 0x68]) || ascii(b, 257, 262) === 'ustar') return archive;
  if (startsWith(b, [0x50, 0x4b, 0x03, 0x04]) || startsWith(b, [0x50, 0x4b, 0x05, 0x06])) {
    const names = zipEntryNames(b);
    if (!names) return archive;
    const has = (n: string) => names.includes(n);
    if (names.some((n) => /vbaProject\.bin$/i.test(n) || /\.(exe|dll|bat|cmd|js|vbs|ps1|sh|jar)$/i.test(n))) {
      return { ok: false, reason: 'macro', zh: '文件中含有宏或可执行内容，不予接收' };
    }
    if (has('[Content_Types].xml') && names.some((n) => n.startsWith('word/'))) return { ok: true, type: 'docx' };
    if (has('[Content_Types].xml') && names.some((n) => n.startsWith('xl/'))) return { ok: true, type: 'xlsx' };
    if (has('OFD.xml')) return { ok: true, type: 'ofd' };
    return archive;
  }
  return { ok: false, reason: 'unknown', zh: '只接受 PDF、OFD、JPEG、PNG、Word（.docx）或 Excel（.xlsx）文件' };
}

/** The extension a file name claims, lower-case, or '' — used only to compare with what the bytes say. */
export function claimedExtension(fileName: string): string {
  const m = /\.([A-Za-z0-9]{1,8})$/.exec(fileName);
  return m ? m[1].toLowerCase() : '';
}

/**
 * A file name fit to keep and show: no path, no control characters, at most 120 characters. It is
 * never used as a path; files are stored in the database by id.
 */
export function safeFileName(fileName: string): string {
  const base = fileName.split(/[\\/]/).pop() ?? '';
  // Bidirectional overrides would show "报告\u202Efdp.exe" as "报告exe.pdf" (issue 16).
  const clean = neutraliseText(base).replace(/[<>:"|?*]/g, '').trim();
  return (clean || '未命名').slice(-120);
}
