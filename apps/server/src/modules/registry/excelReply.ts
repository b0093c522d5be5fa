import type { FastifyReply, FastifyRequest } from 'fastify';
import { DomainError } from '../../http/errors.js';
import { xlsxFileName } from './excelWorkbook.js';

export const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function sendXlsx(reply: FastifyReply, baseName: string, buffer: Buffer) {
  return reply
    .header('content-type', XLSX_TYPE)
    .header('content-disposition', `attachment; filename*=UTF-8''${xlsxFileName(baseName)}`)
    .send(buffer);
}

/** The uploaded workbook of a multipart request (field `file`). */
export async function uploadedFile(request: FastifyRequest): Promise<Buffer> {
  if (!request.isMultipart())
    throw new DomainError('VALIDATION_FAILED', '请以表单方式上传 Excel 文件（字段名 file）', 400, 'file');
  const file = await request.file();
  if (!file) throw new DomainError('VALIDATION_FAILED', '请选择要导入的 Excel 文件', 400, 'file');
  const buffer = await file.toBuffer();
  if (file.file.truncated) throw new DomainError('IMPORT_TOO_LARGE', '文件过大（上限 20 MB）', 400, 'file');
  return buffer;
}
