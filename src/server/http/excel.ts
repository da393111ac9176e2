/** Sending an Excel export as a download; the workbook itself is made by formats/xlsx.ts. */
import type { FastifyReply } from 'fastify';

export function attachmentName(name: string): string {
  return `attachment; filename="export.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}

export function sendXlsx(reply: FastifyReply, fileName: string, buf: Buffer) {
  return reply.header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet').header('content-disposition', attachmentName(fileName)).send(buf);
}
