/**
 * 信用报告 as a PDF (issue 20): pdfkit with the CJK font subset (as documents/render.ts makes 文书), the
 * statements of core/credit-report with their basis, and the verification code with its QR code
 * (qrcode-generator's module matrix drawn as vector squares) pointing to the public verification page.
 */
import qrcode from 'qrcode-generator';
import { reportStatements, type ReportSummary } from '../../../core/credit-report/credit-report';
import { findCjkFont } from '../documents/render';
import { AppError } from '../../../core/errors';

export async function renderCreditReport(s: ReportSummary, code: string, verifyUrl: string, fontSetting: string | null, createdAt: Date): Promise<Buffer> {
  const font = findCjkFont(fontSetting);
  if (!font) throw new AppError('FONT_MISSING', { zh: '服务器未安装中文字体（如 fonts-noto-cjk），无法生成信用报告 PDF；或设置 KEXIN_CJK_FONT' });
  const { default: PDFDocument } = await import('pdfkit');
  const qr = qrcode(0, 'M');
  qr.addData(verifyUrl);
  qr.make();
  return new Promise((resolve, reject) => {
    const doc = new PDFDocument({ size: 'A4', margins: { top: 64, bottom: 64, left: 72, right: 72 }, info: { Title: `信用报告 ${s.subject.name}`, Author: s.issuer, CreationDate: createdAt } });
    const chunks: Buffer[] = [];
    doc.on('data', (c: Buffer) => chunks.push(c));
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
    doc.registerFont('cjk', font[0], font[1]);
    doc.font('cjk');
    const left = doc.page.margins.left;
    const right = doc.page.width - doc.page.margins.right;
    // The QR code at the top right: 90 pt square, quiet zone of two modules.
    const n = qr.getModuleCount();
    const size = 90;
    const cell = size / (n + 4);
    const qx = right - size;
    const qy = doc.page.margins.top;
    doc.save().fillColor('black');
    for (let r = 0; r < n; r++) for (let c = 0; c < n; c++) if (qr.isDark(r, c)) doc.rect(qx + (c + 2) * cell, qy + (r + 2) * cell, cell, cell).fill();
    doc.restore();
    doc.fontSize(22).text('科研诚信信用报告', left, qy + 10, { width: right - left - size - 10, align: 'left' });
    doc.fontSize(11).moveDown(0.6).text(`验证码：${code}`, { width: right - left - size - 10 });
    doc.text(`出具机关：${s.issuer}`, { width: right - left - size - 10 });
    doc.text(`出具日期：${s.issuedOn}`, { width: right - left - size - 10 });
    doc.y = Math.max(doc.y, qy + size) + 12;
    doc.save().moveTo(left, doc.y).lineTo(right, doc.y).lineWidth(0.8).strokeColor('black').stroke().restore();
    doc.moveDown(0.8).fontSize(13).text(`报告对象：${s.subject.name}（${s.subject.kindLabel}）`, left);
    doc.fontSize(11).text(s.subject.identifier).moveDown(0.6);
    for (const sec of reportStatements(s)) {
      doc.fontSize(13).text(sec.heading).fontSize(9).fillColor('#555555').text(sec.basis).fillColor('black').fontSize(11).moveDown(0.2);
      for (const l of sec.lines) doc.text(l, { indent: 22, lineGap: 4 });
      doc.moveDown(0.6);
    }
    doc.moveDown(1).fontSize(9).fillColor('#333333')
      .text(`本报告载明出具之日本机关所记录的上述信息（依据楚科规〔2022〕5号 CI-13、CI-27）。任何人可扫描右上角二维码，或访问 ${verifyUrl} （验证码 ${code}），核验本报告的出具日期、报告对象及所载内容。`, left, doc.y, { width: right - left, lineGap: 3 });
    doc.end();
  });
}
