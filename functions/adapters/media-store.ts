import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { s3 } from '../common/aws/s3';
import { config } from '../common/config';

const bucket = () => config().BUCKET_NAME;

export const putObject = async (key: string, body: Buffer | string, contentType: string): Promise<void> => {
  await s3.send(new PutObjectCommand({ Bucket: bucket(), Key: key, Body: body, ContentType: contentType }));
};

export const headObject = async (
  key: string,
): Promise<{ bytes: number; contentType?: string } | undefined> => {
  try {
    const out = await s3.send(new HeadObjectCommand({ Bucket: bucket(), Key: key }));
    return { bytes: out.ContentLength ?? 0, contentType: out.ContentType };
  } catch (error) {
    if (error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey')) return undefined;
    throw error;
  }
};

export const getObjectBytes = async (key: string): Promise<Buffer> => {
  const out = await s3.send(new GetObjectCommand({ Bucket: bucket(), Key: key }));
  if (!out.Body) throw new Error(`Object ${key} has no body`);
  return Buffer.from(await out.Body.transformToByteArray());
};

/** A short-lived link a platform can fetch the image from (Instagram downloads it itself). */
export const presignedGetUrl = async (key: string): Promise<string> =>
  getSignedUrl(s3, new GetObjectCommand({ Bucket: bucket(), Key: key }), {
    expiresIn: config().MEDIA_URL_TTL_SECONDS,
  });

/**
 * A browser upload of exactly one key: the policy fixes the key and the Content-Type, and bounds the size
 * (`content-length-range`); S3 refuses anything else.
 */
export const presignedUpload = async (
  key: string,
  contentType: string,
  maxBytes: number,
  ttlSeconds: number,
): Promise<{ url: string; fields: Record<string, string> }> =>
  createPresignedPost(s3, {
    Bucket: bucket(),
    Key: key,
    Conditions: [
      { bucket: bucket() },
      ['eq', '$key', key],
      ['eq', '$Content-Type', contentType],
      ['content-length-range', 1, maxBytes],
    ],
    Fields: { 'Content-Type': contentType },
    Expires: ttlSeconds,
  });
