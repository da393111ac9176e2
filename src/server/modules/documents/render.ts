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

/**
 * Loads the renderer (and checks the font for a PDF) before a transaction is opened, so the work done
 * while the document's number is held is the rendering only.
 */
export async function loadRenderers(format: DocumentFormat, fontSetting: string | null): Promise<void> {
  if (format === 'docx') { await import('docx'); return; }
  if (!findCjkFont(fontSetting)) throw fontMissing();
  await import('pdfkit');
}

const RED = 'C00000';

/**
 * The layout of GB/T 9704-2012 in outline: the organ mark in red at the head (7.2.2), the document number
 * under it (7.2.4) above a red rule (7.2.6), title, addressee, body; the signature with the seal's place and
 * the date (7.3.5); the 版记 after a rule: 抄送 (7.4.2), then the printing office and the day printed (7.4.3).
 */
export async function renderDocx(d: Omit<DocumentContent, 'kind'>): Promise<Buffer> {
  const { AlignmentType, BorderStyle, Document, Packer, Paragraph, TextRun } = await import('docx');
  type Border = { style: (typeof BorderStyle)[keyof typeof BorderStyle]; size: number; color: string; space: number };
  const body = (text: string, opts: { bold?: boolean; size?: number; align?: (typeof AlignmentTypes)[keyof typeof AlignmentTypes]; indent?: boolean; font?: string; color?: string; top?: Border; bottom?: Border } = {}) =>
    new Paragraph({
      alignment: opts.align, indent: opts.indent ? { firstLine: 640 } : undefined, spacing: { line: 560 },
      border: opts.top || opts.bottom ? { ...(opts.top ? { top: opts.top } : {}), ...(opts.bottom ? { bottom: opts.bottom } : {}) } : undefined,
      children: [new TextRun({ text, bold: opts.bold, size: opts.size ?? 32, color: opts.color, font: { eastAsia: opts.font ?? '仿宋', ascii: 'Times New Roman' } })],
    });
  const redRule: Border = { style: BorderStyle.SINGLE, size: 12, color: RED, space: 4 };
  const rule: Border = { style: BorderStyle.SINGLE, size: 8, color: '000000', space: 1 };
  const doc = new Document({
    creator: d.issuer, title: d.title,
    sections: [{
      children: [
        ...(d.mark ? [body(d.mark, { size: 60, align: AlignmentType.CENTER, font: '小标宋', color: RED })] : []),
        body(d.docNo, { align: AlignmentType.CENTER, bottom: d.mark ? redRule : undefined }),
        body(d.title, { bold: true, size: 44, align: AlignmentType.CENTER, font: '宋体' }),
        body(`${d.addressee}：`),
        ...d.paragraphs.map((p) => body(p, { indent: true })),
        ...d.basis.map((b) => body(b, { indent: true })),
        body(d.issuer, { align: AlignmentType.RIGHT }),
        body(d.seal, { align: AlignmentType.RIGHT, color: RED }),
        body(d.issuedOn, { align: AlignmentType.RIGHT }),
        ...(d.imprint ? [
          ...(d.copyTo.length ? [body(`抄送：${d.copyTo.join('，')}。`, { size: 28, top: rule })] : []),
          body(`${d.imprint.printer}　　${d.imprint.printedOn}`, { size: 28, top: d.copyTo.length ? undefined : rule, bottom: rule }),
        ] : []),
      ],
    }],
  });
  return Buffer.from(await Packer.toBuffer(doc));
}

const fontMissing = () => new AppError('FONT_MISSING', { zh: '服务器未安装中文字体（如 fonts-noto-cjk），无法生成 PDF；可先下载 Word 版，或设置 KEXIN_CJK_FONT' });

/** Debian's fonts-noto-cjk, as file and PostScript name; KEXIN_CJK_FONT overrides. */
const CJK_FONTS: Array<[string, string | undefined]> = [
  ['/usr/share/fonts/opentype/noto/NotoSerifCJK-Regular.ttc', 'NotoSerifCJKsc-Regular'],
  ['/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc', 'NotoSansCJKsc-Regular'],
];

export function findCjkFont(configured: string | null): [string, string | undefined] | null {
  if (configured) return fs.existsSync(configured) ? [configured, configured.endsWith('.ttc') ? 'NotoSerifCJKsc-Regular' : undefined] : null;
  return CJK_FONTS.find(([f]) => fs.existsSync(f)) ?? null;
}

export async function renderPdf(d: Omit<DocumentContent, 'kind'>, fontSetting: string | null, createdAt: Date): Promise<Buffer> {
  const font = findCjkFont(fontSetting);
  if (!font) throw fontMissing();
  const { default: PDFDocument } = await import('pdfkit');
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 72, bottom: 72, left: 80, right: 80 }, info: { Title: d.title, Author: d.issuer, CreationDate: createdAt } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', font[0], font[1]);
    doc.font('cjk');
    const left = doc.page.margins.left;
    const right = doc.page.width - doc.page.margins.right;
    const line = (color: string, width: number) => { const y = doc.y + 4; doc.save().moveTo(left, y).lineTo(right, y).lineWidth(width).strokeColor(color).stroke().restore(); doc.y = y + 8; };
    if (d.mark) doc.fontSize(26).fillColor('#C00000').text(d.mark, { align: 'center' }).fillColor('black').moveDown(0.5);
    doc.fontSize(14).text(d.docNo, { align: 'center' });
    if (d.mark) line('#C00000', 1.5);
    doc.moveDown(0.8).fontSize(22).text(d.title, { align: 'center' }).moveDown(0.8);
    doc.fontSize(14).text(`${d.addressee}：`).moveDown(0.5);
    for (const p of [...d.paragraphs, ...d.basis]) doc.text(p, { indent: 28, lineGap: 6 }).moveDown(0.4);
    doc.moveDown(1.5).text(d.issuer, { align: 'right' });
    doc.fillColor('#C00000').text(d.seal, { align: 'right' }).fillColor('black');
    doc.text(d.issuedOn, { align: 'right' });
    if (d.imprint) {
      doc.moveDown(2).fontSize(12);
      line('black', 0.8);
      if (d.copyTo.length) { doc.text(`抄送：${d.copyTo.join('，')}。`); line('black', 0.5); }
      doc.text(`${d.imprint.printer}　　${d.imprint.printedOn}`);
      line('black', 0.8);
    }
    doc.end();
  });
}
