/**
 * ZIP, read through its central directory only and written with deflate (node:zlib): enough for
 * OOXML (.docx, .xlsx) and OFD, the archives Kexin receives and produces. Reading never inflates
 * an entry beyond the size its central directory declares (a lying size is refused), and an entry
 * is located through its local header so that a header pointing outside the file is refused too.
 * ZIP64, encryption and methods other than stored and deflate are refused: no file Kexin accepts
 * needs them.
 */
import zlib from 'node:zlib';

export interface ZipEntry {
  name: string;
  /** 0 stored, 8 deflate. */
  method: number;
  flags: number;
  crc32: number;
  compressedSize: number;
  uncompressedSize: number;
  localHeaderOffset: number;
}

export class ZipFormatError extends Error {
  constructor(readonly zh: string) { super(zh); }
}

const EOCD = 0x06054b50;
const CENTRAL = 0x02014b50;
const LOCAL = 0x04034b50;

/** Where the end-of-central-directory record is: within the last 22 + 65,535 bytes. */
export function findEndOfCentralDirectory(b: Uint8Array): number {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) if (view.getUint32(at, true) === EOCD) return at;
  return -1;
}

/** The entries of the central directory, in order; refuses what it cannot read plainly. */
export function readCentralDirectory(b: Uint8Array): ZipEntry[] {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const eocd = findEndOfCentralDirectory(b);
  if (eocd < 0) throw new ZipFormatError('不是完整的 ZIP 文件（找不到中央目录）');
  const disk = view.getUint16(eocd + 4, true);
  const count = view.getUint16(eocd + 10, true);
  const size = view.getUint32(eocd + 12, true);
  const offset = view.getUint32(eocd + 16, true);
  if (disk !== 0 || view.getUint16(eocd + 8, true) !== count) throw new ZipFormatError('不接受分卷 ZIP 文件');
  if (count === 0xffff || size === 0xffffffff || offset === 0xffffffff) throw new ZipFormatError('不接受 ZIP64 格式的文件');
  if (offset + size > eocd) throw new ZipFormatError('ZIP 中央目录超出文件范围');
  const entries: ZipEntry[] = [];
  const names = new Set<string>();
  let at = offset;
  const decoder = new TextDecoder('utf-8', { fatal: false });
  for (let i = 0; i < count; i++) {
    if (at + 46 > eocd || view.getUint32(at, true) !== CENTRAL) throw new ZipFormatError('ZIP 中央目录已损坏');
    const flags = view.getUint16(at + 8, true);
    const method = view.getUint16(at + 10, true);
    const nameLen = view.getUint16(at + 28, true);
    const extraLen = view.getUint16(at + 30, true);
    const commentLen = view.getUint16(at + 32, true);
    const e: ZipEntry = {
      name: decoder.decode(b.subarray(at + 46, at + 46 + nameLen)), method, flags,
      crc32: view.getUint32(at + 16, true), compressedSize: view.getUint32(at + 20, true), uncompressedSize: view.getUint32(at + 24, true),
      localHeaderOffset: view.getUint32(at + 42, true),
    };
    if (e.compressedSize === 0xffffffff || e.uncompressedSize === 0xffffffff || e.localHeaderOffset === 0xffffffff) throw new ZipFormatError('不接受 ZIP64 格式的文件');
    if (flags & 0x1) throw new ZipFormatError('不接受加密的压缩文件');
    if (method !== 0 && method !== 8) throw new ZipFormatError(`不接受压缩方式 ${method}`);
    if (method === 0 && e.compressedSize !== e.uncompressedSize) throw new ZipFormatError(`“${e.name}”的声明大小不一致`);
    // Two entries of one name are read differently by different readers: one of them hides.
    if (names.has(e.name)) throw new ZipFormatError(`“${e.name}”重复出现`);
    names.add(e.name);
    entries.push(e);
    at += 46 + nameLen + extraLen + commentLen;
  }
  return entries;
}

/** The compressed bytes of an entry, found through its local header. */
export function entryData(b: Uint8Array, e: ZipEntry): Uint8Array {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  const at = e.localHeaderOffset;
  if (at + 30 > b.length || view.getUint32(at, true) !== LOCAL) throw new ZipFormatError(`“${e.name}”的本地文件头已损坏`);
  const start = at + 30 + view.getUint16(at + 26, true) + view.getUint16(at + 28, true);
  if (start + e.compressedSize > b.length) throw new ZipFormatError(`“${e.name}”的数据超出文件范围`);
  return b.subarray(start, start + e.compressedSize);
}

/**
 * An entry's content, inflated to at most its declared size: an entry that inflates to more (a
 * central directory that lies about it) or to less is refused. For small parts; large ones are
 * streamed in the worker (xlsx-worker.mjs).
 */
export function readEntry(b: Uint8Array, e: ZipEntry, maxBytes: number): Buffer {
  if (e.uncompressedSize > maxBytes) throw new ZipFormatError(`“${e.name}”超过 ${maxBytes} 字节`);
  const data = entryData(b, e);
  let out: Buffer;
  try {
    out = e.method === 0 ? Buffer.from(data) : zlib.inflateRawSync(data, { maxOutputLength: Math.max(1, e.uncompressedSize) });
  } catch {
    throw new ZipFormatError(`“${e.name}”解压后超过声明的大小或数据已损坏`);
  }
  if (out.length !== e.uncompressedSize) throw new ZipFormatError(`“${e.name}”解压后的大小与声明不符`);
  if (zlib.crc32(out) >>> 0 !== e.crc32 >>> 0) throw new ZipFormatError(`“${e.name}”校验值不符`);
  return out;
}

/** A ZIP of the given parts, deflated, in the order given (OOXML wants [Content_Types].xml first). */
export function writeZip(parts: ReadonlyArray<readonly [name: string, content: string | Buffer]>): Buffer {
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  // A fixed time (1980-01-01 00:00) so that equal content gives equal bytes (digests of exports).
  const dosTime = 0;
  const dosDate = (0 << 9) | (1 << 5) | 1;
  for (const [name, content] of parts) {
    const raw = Buffer.isBuffer(content) ? content : Buffer.from(content, 'utf8');
    const data = zlib.deflateRawSync(raw);
    const n = Buffer.from(name, 'utf8');
    const crc = zlib.crc32(raw) >>> 0;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(LOCAL, 0); local.writeUInt16LE(20, 4); local.writeUInt16LE(0x0800, 6); local.writeUInt16LE(8, 8);
    local.writeUInt16LE(dosTime, 10); local.writeUInt16LE(dosDate, 12); local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18); local.writeUInt32LE(raw.length, 22); local.writeUInt16LE(n.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(CENTRAL, 0); central.writeUInt16LE(20, 4); central.writeUInt16LE(20, 6); central.writeUInt16LE(0x0800, 8); central.writeUInt16LE(8, 10);
    central.writeUInt16LE(dosTime, 12); central.writeUInt16LE(dosDate, 14); central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20); central.writeUInt32LE(raw.length, 24); central.writeUInt16LE(n.length, 28); central.writeUInt32LE(offset, 42);
    locals.push(local, n, data);
    centrals.push(central, n);
    offset += 30 + n.length + data.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(EOCD, 0); end.writeUInt16LE(parts.length, 8); end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12); end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
