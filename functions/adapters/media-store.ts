import { s3GetObject, s3HeadObject, s3PresignedGetUrl, s3PresignedPost, s3PutObject } from '../common/aws/s3';
import { config } from '../common/config';

const bucket = () => config().BUCKET_NAME;

export const putObject = async (key: string, body: Buffer | string, contentType: string): Promise<void> => {
  await s3PutObject(bucket(), key, body, { contentType });
};

export const headObject = async (key: string): Promise<{ bytes: number; contentType?: string } | undefined> =>
  s3HeadObject(bucket(), key);

export const getObjectBytes = async (key: string): Promise<Buffer> => s3GetObject(bucket(), key);

/** A short-lived link a platform can fetch the image from (Instagram downloads it itself). */
export const presignedGetUrl = async (key: string): Promise<string> =>
  s3PresignedGetUrl(bucket(), key, config().MEDIA_URL_TTL_SECONDS);

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
  s3PresignedPost(bucket(), {
    key,
    conditions: [
      { bucket: bucket() },
      ['eq', '$key', key],
      ['eq', '$Content-Type', contentType],
      ['content-length-range', 1, maxBytes],
    ],
    fields: { 'Content-Type': contentType },
    expiresInSeconds: ttlSeconds,
  });
