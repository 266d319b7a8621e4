import type { Request, Response } from 'express';
import multer, { MulterError } from 'multer';
import { AppError } from '../core/app-error.ts';

/** How a binary upload may arrive: raw with one of `rawTypes`, or multipart/form-data with one part `field`. */
export interface UploadRules {
  maxBytes: number;
  rawTypes: readonly string[];
  field: string;
}

/** Room for the multipart envelope (boundaries, part headers) on top of the file itself. */
export const MULTIPART_OVERHEAD = 16 * 1024;

function tooLarge(maxBytes: number): AppError {
  return new AppError('payload-too-large', `The upload is larger than the ${maxBytes} bytes this resource accepts.`);
}

function wrongParts(field: string): AppError {
  return new AppError('validation-failed', `The multipart body must consist of exactly one file part named "${field}".`, {
    errors: [{ pointer: `/${field}`, detail: `exactly one file part named "${field}" is required` }],
  });
}

/** A raw body, read until `maxBytes`: one byte more stops the buffering (the rest is drained, not kept). */
function readRaw(req: Request, maxBytes: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    const finish = (error: AppError | null) => {
      req.off('data', onData).off('end', onEnd).off('error', onFailure).off('aborted', onFailure);
      if (error) {
        req.resume(); // discard whatever else arrives; nothing more is kept
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > maxBytes) return finish(tooLarge(maxBytes));
      chunks.push(chunk);
    };
    const onEnd = () => finish(null);
    const onFailure = () => finish(new AppError('bad-request', 'The upload was interrupted before it was complete.'));
    req.on('data', onData).on('end', onEnd).on('error', onFailure).on('aborted', onFailure);
  });
}

/** multer with memory storage: one file part, no other fields, limits checked while parsing. */
function readMultipart(req: Request, res: Response, rules: UploadRules): Promise<Buffer> {
  const upload = multer({
    storage: multer.memoryStorage(),
    limits: { fileSize: rules.maxBytes, files: 1, fields: 0, parts: 1, headerPairs: 20, fieldNameSize: 100 },
  }).single(rules.field);
  return new Promise((resolve, reject) => {
    upload(req, res, (error: unknown) => {
      if (error instanceof MulterError) {
        return reject(error.code === 'LIMIT_FILE_SIZE' ? tooLarge(rules.maxBytes) : wrongParts(rules.field));
      }
      if (error) return reject(new AppError('bad-request', 'The multipart/form-data body is malformed.'));
      if (!req.file) return reject(wrongParts(rules.field));
      resolve(req.file.buffer);
    });
  });
}

/**
 * Reads a bounded binary upload (API.md §1): a Content-Length over the limit is refused before
 * reading anything, a longer body as soon as the limit is passed. Compressed bodies are refused
 * (no inflating), as is any other Content-Type (415).
 */
export async function readUpload(req: Request, res: Response, rules: UploadRules): Promise<Buffer> {
  const encoding = req.get('Content-Encoding');
  if (encoding !== undefined && encoding.trim().toLowerCase() !== 'identity') {
    throw new AppError('unsupported-media-type', 'Send the upload uncompressed (no Content-Encoding).');
  }
  const multipart = Boolean(req.is('multipart/form-data'));
  if (!multipart && !req.is([...rules.rawTypes])) {
    throw new AppError('unsupported-media-type', `Send the image as ${rules.rawTypes.join(', ')} or as multipart/form-data with one part "${rules.field}".`);
  }
  const declared = Number(req.get('Content-Length') ?? 0);
  if (declared > rules.maxBytes + (multipart ? MULTIPART_OVERHEAD : 0)) throw tooLarge(rules.maxBytes);
  return multipart ? readMultipart(req, res, rules) : readRaw(req, rules.maxBytes);
}
