/**
 * What an uploaded PDF may be (issue 16 M5): a PDF and nothing else. Its last `%%EOF` ends the file
 * (only white space after it), so no archive or program rides behind it;
 * no ZIP end-of-central-directory record sits in its last 64 KB (where a ZIP reader would find one,
 * even one whose comment swallows the PDF's end); and it names no action that runs or launches
 * something, and no attached file. Names are read with their #xx escapes decoded, so /J#61vaScript
 * is /JavaScript. Limit: names inside compressed object streams are not inflated here.
 */
const REFUSED_NAMES = new Set(['JavaScript', 'JS', 'Launch', 'EmbeddedFile', 'EmbeddedFiles', 'RichMedia', 'XFA', 'ImportData', 'SubmitForm', 'GoToE']);

const latin1 = (b: Uint8Array, from = 0, to = b.length) => Buffer.from(b.buffer, b.byteOffset + from, Math.max(0, to - from)).toString('latin1');

export function pdfProblem(b: Uint8Array): string | null {
  const text = latin1(b);
  const eof = text.lastIndexOf('%%EOF');
  if (eof < 0) return 'PDF 文件不完整（没有文件尾 %%EOF）';
  if (!/^[\s\0]*$/.test(text.slice(eof + 5))) return 'PDF 文件尾之后还附有其他内容';
  if (hasZipEnd(b)) return 'PDF 文件中藏有压缩包';
  for (const m of text.matchAll(/\/([^\s/<>[\]()%{}]+)/g)) {
    const name = m[1].replace(/#([0-9a-fA-F]{2})/g, (_, h: string) => String.fromCharCode(parseInt(h, 16)));
    if (REFUSED_NAMES.has(name)) return `PDF 含有脚本、外部程序或附件（/${name}）`;
  }
  return null;
}

/** A ZIP end-of-central-directory record in the last 64 KB: a ZIP reader would take the file for an archive. */
export function hasZipEnd(b: Uint8Array): boolean {
  for (let at = b.length - 22; at >= Math.max(0, b.length - 22 - 0xffff); at--) {
    if (b[at] === 0x50 && b[at + 1] === 0x4b && b[at + 2] === 0x05 && b[at + 3] === 0x06) return true;
  }
  return false;
}
