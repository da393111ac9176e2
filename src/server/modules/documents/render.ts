/**
 * Renders a document's content (built in the core) as DOCX or PDF. The PDF embeds a subset of a
 * CJK font so it reads the same on a machine without Chinese fonts; the DOCX names 宋体 / 仿宋 as
 * official documents do and leaves the fonts to Word. The two libraries are loaded when a document
 * is first made, not when the server starts (they are a fifth of its start-up).
 */
import fs from 'node:fs';
import type { AlignmentType as AlignmentTypes } from 'docx';
import type { DocumentContent } from '../../../core/documents/templates';
import { AppError } from '../../../core/errors';

export const MEDIA_TYPES = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  pdf: 'application/pdf',
} as const;
export type DocumentFormat = keyof typeof MEDIA_TYPES;

export async function renderDocx(d: DocumentContent): Promise<Buffer> {
  const { AlignmentType, Document, Packer, Paragraph, TextRun } = await import('docx');
  const body = (text: string, opts: { bold?: boolean; size?: number; align?: (typeof AlignmentTypes)[keyof typeof AlignmentTypes]; indent?: boolean; font?: string } = {}) =>
    new Paragraph({
      alignment: opts.align, indent: opts.indent ? { firstLine: 640 } : undefined, spacing: { line: 560 },
      children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 32, font: { eastAsia: opts.font ?? '仿宋', ascii: 'Times New Roman' } })],
    });
  const doc = new Document({
    creator: d.issuer, title: d.title,
    sections: [{
      children: [
        body(d.title, { bold: true, size: 44, align: AlignmentType.CENTER, font: '宋体' }),
        body(d.docNo, { align: AlignmentType.CENTER }),
        body(`${d.addressee}：`),
        ...d.paragraphs.map((p) => body(p, { indent: true })),
        ...d.basis.map((b) => body(b, { indent: true })),
        body(d.issuer, { align: AlignmentType.RIGHT }),
        body(d.date, { align: AlignmentType.RIGHT }),
      ],
    }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

/** Debian's fonts-noto-cjk, as file and PostScript name; KEXIN_CJK_FONT overrides. */
const CJK_FONTS: Array<[string, string | undefined]> = [
  ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'],
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
];

export function findCjkFont(configured: string | null): [string, string | undefined] | null {
  if (configured) return fs.existsSync(configured) ? [configured, configured.endsWith('.ttc') ? 'NotoSerifCJKsc-Regular' : undefined] : null;
  return CJK_FONTS.find(([f]) => fs.existsSync(f)) ?? null;
}

export async function renderPdf(d: DocumentContent, fontSetting: string | null, createdAt: Date): Promise<Buffer> {
  const font = findCjkFont(fontSetting);
  if (!font) throw new AppError('FONT_MISSING', { zh: '服务器未安装中文字体（如 fonts-noto-cjk），无法生成 PDF；可先下载 Word 版，或设置 KEXIN_CJK_FONT' });
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 80, right: 80 }, info: { Title: d.title, Author: d.issuer, CreationDate: createdAt } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', font[0], font[1]);
    doc.font('cjk');
    doc.fontSize(22).text(d.title, { align: 'center' }).moveDown(0.3);
    doc.fontSize(12).text(d.docNo, { align: 'center' }).moveDown(1);
    doc.fontSize(14).text(`${d.addressee}：`).moveDown(0.5);
    for (const p of [...d.paragraphs, ...d.basis]) doc.text(p, { indent: 28, lineGap: 6 }).moveDown(0.4);
    doc.moveDown(1.5).text(d.issuer, { align: 'right' }).text(d.date, { align: 'right' });
    doc.end();
  });
}
