import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { extensionFor, MAX_IMAGE_BYTES } from './media';

/**
 * Browser uploads go straight to the bucket (a Lambda request body stops at 6 MB): the API hands out a
 * presigned POST for one new key under uploads/, bound to the exact content type and a size range, and the
 * item (or a draft) then names the key. The image is checked again, by its bytes, when an item takes it.
 * Types are those POST /content accepts: JPEG and PNG.
 */
export const UPLOAD_TYPES = ['image/jpeg', 'image/png'] as const;
export const UPLOAD_TTL_SECONDS = 600;

export const uploadInput = z
  .object({
    fileName: z.string().trim().min(1).max(255),
    contentType: z.enum(UPLOAD_TYPES, { message: 'must be image/jpeg or image/png' }),
    bytes: z
      .number()
      .int()
      .min(1, 'the file is empty')
      .max(MAX_IMAGE_BYTES, `the image is over ${MAX_IMAGE_BYTES / 1024 / 1024} MiB`),
  })
  .strict();
export type UploadInput = z.output<typeof uploadInput>;

export interface PresignedPost {
  readonly url: string;
  readonly fields: Record<string, string>;
}

/** Signs a POST of exactly this key and type, of 1 to maxBytes bytes, valid for ttlSeconds. */
export type PresignPost = (
  key: string,
  contentType: string,
  maxBytes: number,
  ttlSeconds: number,
) => Promise<PresignedPost>;

export const requestUpload = async (input: UploadInput, presign: PresignPost, now = new Date()) => {
  const key = `uploads/${randomBytes(12).toString('hex')}.${extensionFor(input.contentType)}`;
  const upload = await presign(key, input.contentType, MAX_IMAGE_BYTES, UPLOAD_TTL_SECONDS);
  return {
    key,
    upload,
    expiresAt: new Date(now.getTime() + UPLOAD_TTL_SECONDS * 1000).toISOString(),
    maxBytes: MAX_IMAGE_BYTES,
  };
};
