/**
 * What every uploaded file must pass before anything is kept: not empty, within the size limit, its
 * type decided from its bytes and agreeing with its name's extension, and its inside within the
 * archive caps and allow-lists (issue 16 M5). Shared by case materials and the files of facts.
 */
import { AppError } from '../../../core/errors';
import { ALLOWED_TYPES, claimedExtension, safeFileName, sniff } from '../../../core/files/sniff';
import type { AppContext } from '../../context';
import { MATERIAL_LIMITS } from '../../formats/archive-limits';
import { inspectUpload } from '../../formats/inspect-upload';

export interface CheckedUpload { fileName: string; mediaType: string; bytes: Buffer }

export async function checkUpload(app: AppContext, input: { fileName: string; bytes: Buffer }): Promise<CheckedUpload> {
  if (input.bytes.length === 0) throw new AppError('VALIDATION_FAILED', { field: 'file', zh: '文件为空' });
  if (input.bytes.length > app.config.uploadMaxBytes) throw new AppError('PAYLOAD_TOO_LARGE', { field: 'file', zh: `文件超过 ${app.config.uploadMaxBytes / 1_048_576} MB` });
  const fileName = safeFileName(input.fileName);
  const sniffed = sniff(input.bytes);
  if (!sniffed.ok) throw new AppError('FILE_REFUSED', { field: 'file', zh: sniffed.zh });
  const type = ALLOWED_TYPES[sniffed.type];
  if (!(type.extensions as readonly string[]).includes(claimedExtension(fileName))) {
    throw new AppError('FILE_TYPE_MISMATCH', { field: 'fileName', zh: `文件内容是${type.label}，与文件名“${fileName}”的扩展名不符` });
  }
  const inspection = await inspectUpload(input.bytes, sniffed.type, MATERIAL_LIMITS);
  if (!inspection.ok) throw new AppError('FILE_REFUSED', { field: 'file', zh: `${type.label}不予接收：${inspection.zh}` });
  return { fileName, mediaType: type.mediaType, bytes: input.bytes };
}
