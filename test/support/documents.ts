/** Reads generated documents back as text: PDF through Debian's pdftotext, DOCX from its document part. */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { readZipEntry } from './zip';

export function pdfText(bytes: Buffer): string {
  const f = path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'kexin-pdf-')), 'd.pdf');
  fs.writeFileSync(f, bytes);
  return execFileSync('pdftotext', [f, '-'], { encoding: 'utf8' });
}

export function docxText(bytes: Buffer): string {
  return (readZipEntry(bytes, 'word/document.xml') ?? Buffer.alloc(0)).toString('utf8').replace(/<[^>]+>/g, '');
}
