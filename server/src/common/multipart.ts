import type { FastifyRequest } from 'fastify';
import { AppError } from './app-error.js';

/**
 * Reads the one part named `file` of a multipart/form-data request. A broken body (no boundary,
 * truncated, a part too large) is the client's error: 400/413/415/422 with a code, never the
 * multipart reader's own exception as a 500.
 */
export async function readFilePart(req: FastifyRequest, maxBytes: number, limits: { fields: number; parts: number }): Promise<Buffer> {
  if (!req.isMultipart()) throw new AppError('UNSUPPORTED_MEDIA_TYPE', 'send multipart/form-data with a part named "file"');
  try {
    const part = await req.file({ limits: { fileSize: maxBytes, files: 1, ...limits } });
    if (!part || part.fieldname !== 'file') throw new AppError('VALIDATION_FAILED', 'a part named "file" is required', { fields: { file: 'required' } });
    return await part.toBuffer();
  } catch (e) {
    if (e instanceof AppError) throw e;
    const code = (e as { code?: string }).code;
    if (code === 'FST_REQ_FILE_TOO_LARGE') throw new AppError('PAYLOAD_TOO_LARGE', `file is larger than ${maxBytes} bytes`);
    throw new AppError('MALFORMED_REQUEST', 'could not read the multipart body', { reason: code ?? (e as Error).message });
  }
}
