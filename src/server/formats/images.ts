/**
 * What an uploaded PNG or JPEG may be (issue 16 M5): the image and nothing behind it. A PNG is
 * walked chunk by chunk to its IEND, after which nothing may follow; a JPEG must end with its
 * end-of-image marker (a few padding bytes allowed). Neither may hold a ZIP end record in its last
 * 64 KB, where a ZIP reader would find an archive appended or wrapped around it.
 */
import { hasZipEnd } from './pdf';

export function pngProblem(b: Uint8Array): string | null {
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  let at = 8;
  for (;;) {
    if (at + 12 > b.length) return 'PNG 图片不完整';
    const len = view.getUint32(at);
    const type = String.fromCharCode(b[at + 4], b[at + 5], b[at + 6], b[at + 7]);
    at += 12 + len;
    if (at > b.length) return 'PNG 图片不完整';
    if (type === 'IEND') break;
  }
  if (at !== b.length) return 'PNG 图片之后还附有其他内容';
  return hasZipEnd(b) ? 'PNG 图片中藏有压缩包' : null;
}

export function jpegProblem(b: Uint8Array): string | null {
  let end = b.length;
  while (end > 2 && b.length - end < 16 && (b[end - 1] === 0 || b[end - 1] === 0x20 || b[end - 1] === 0x0a || b[end - 1] === 0x0d)) end--;
  if (!(b[end - 2] === 0xff && b[end - 1] === 0xd9)) return 'JPEG 图片不以结束标记结尾（其后附有其他内容）';
  return hasZipEnd(b) ? 'JPEG 图片中藏有压缩包' : null;
}
