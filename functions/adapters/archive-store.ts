import { createHash } from 'node:crypto';
import { s3GetObject, s3ListObjects, s3PutObject } from '../common/aws/s3';
import { AwsServiceError } from '../common/aws/signed-request';
import { requireSetting } from '../common/config';
import { AppError } from '../common/errors';

/**
 * The records archive (docs/decisions/0025): a bucket of JSON records written once. On AWS the bucket has
 * S3 Object Lock (a default retention) and the put carries `If-None-Match: *`, so S3 itself refuses a
 * second object under a key. The local S3 (s3rver 3.7.1) ignores `If-None-Match` on PUT, so this adapter
 * also reads the key first: a record is never overwritten through it, on either side.
 */
const bucket = () => requireSetting('ARCHIVE_BUCKET');

/** A different record already holds this key: records are written once and never replaced. */
export class RecordExistsError extends AppError {
  constructor(key: string) {
    super(`The archive already holds a different record at ${key}; records are never overwritten`, 409);
  }
}

const missing = (error: unknown): boolean =>
  error instanceof Error && (error.name === 'NotFound' || error.name === 'NoSuchKey');
const preconditionFailed = (error: unknown): boolean =>
  error instanceof AwsServiceError &&
  (error.name === 'PreconditionFailed' ||
    error.name === 'ConditionalRequestConflict' ||
    error.status === 412);

export const sha256 = (bytes: Buffer | string): string => createHash('sha256').update(bytes).digest('hex');

/** The stored bytes of one record, or undefined when the key is free. */
export const getRecordBytes = async (key: string): Promise<Buffer | undefined> => {
  try {
    return await s3GetObject(bucket(), key);
  } catch (error) {
    if (missing(error)) return undefined;
    throw error;
  }
};

const sameAsStored = async (key: string, bytes: Buffer): Promise<boolean | undefined> => {
  const stored = await getRecordBytes(key);
  if (stored === undefined) return undefined;
  return stored.equals(bytes);
};

/**
 * Writes a record once. The same bytes already stored under the key are a success (a retried step writes
 * its deterministic record again); different bytes are refused with RecordExistsError. Answers whether this
 * call stored it.
 */
export const putRecordOnce = async (key: string, body: Buffer | string): Promise<boolean> => {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const before = await sameAsStored(key, bytes);
  if (before === true) return false;
  if (before === false) throw new RecordExistsError(key);
  try {
    // Object Lock needs an integrity checksum on every put: s3PutObject always sends Content-MD5.
    await s3PutObject(bucket(), key, bytes, {
      contentType: 'application/json; charset=utf-8',
      ifNoneMatch: true,
      metadata: { sha256: sha256(bytes) },
    });
  } catch (error) {
    if (!preconditionFailed(error)) throw error;
    // Someone wrote the key between the read and the put (AWS only): the same record is fine.
    if ((await sameAsStored(key, bytes)) === true) return false;
    throw new RecordExistsError(key);
  }
  return true;
};

/**
 * Every key under a prefix (one WIB day of records), in key order. ListObjects (v1) paged by the last key:
 * the local S3 fails any truncated ListObjectsV2 (its continuation token uses a cipher Node 20 no longer
 * has), and both work the same on AWS.
 */
export const listRecordKeys = async (prefix: string): Promise<string[]> => {
  const keys: string[] = [];
  let marker: string | undefined;
  for (;;) {
    const { keys: page, truncated } = await s3ListObjects(bucket(), prefix, marker);
    keys.push(...page);
    if (!truncated || page.length === 0) break;
    marker = page[page.length - 1];
  }
  return keys.sort();
};
