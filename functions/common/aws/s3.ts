import { createHash, createHmac } from 'node:crypto';
import { encodeRfc3986 } from '../percent-encoding';
import {
  type AwsRequest,
  type AwsResponse,
  type AwsService,
  AwsServiceError,
  awsCredentials,
  configuredEndpoint,
  queryString,
  region,
  sendSigned,
  signerFor,
  toSignable,
} from './signed-request';

/**
 * The S3 operations Sebar uses, as signed requests (./signed-request.ts, docs/decisions/0023): put, get,
 * head, list (v1), a presigned GET link and a presigned POST upload. With an endpoint variable set
 * (`AWS_ENDPOINT_URL_S3`, the local runtime) buckets are addressed by path, as the local S3 requires;
 * on AWS by virtual host. Errors carry S3's codes (`NoSuchKey`, `NotFound` for a HEAD, `PreconditionFailed`).
 */

const S3: AwsService = {
  signingName: 's3',
  endpointVariable: 'S3',
  host: (r) => `s3.${r}.amazonaws.com`,
};

/** The bucket's base URL: `<endpoint>/<bucket>` locally, `https://<bucket>.s3.<region>.amazonaws.com` on AWS. */
const bucketUrl = (bucket: string): URL => {
  const endpoint = configuredEndpoint(S3);
  if (endpoint) {
    const url = new URL(endpoint);
    url.pathname = `${url.pathname.replace(/\/$/, '')}/${encodeRfc3986(bucket)}`;
    return url;
  }
  return new URL(`https://${bucket}.s3.${region()}.amazonaws.com`);
};

/** A key as a path: each segment encoded once, the slashes kept (S3 signs the path as sent). */
const keyPath = (key: string): string => {
  // Sebar makes its keys itself; one that starts with `/` or holds a `.` or `..` segment is a bug upstream,
  // and S3 would store it under a name other than the one given.
  const segments = key.split('/');
  if (!key || segments.some((s, i) => s === '.' || s === '..' || (s === '' && i === 0)))
    throw new Error(`Not an S3 key Sebar writes: ${JSON.stringify(key.slice(0, 200))}`);
  return `/${segments.map(encodeRfc3986).join('/')}`;
};

const xmlText = (xml: string, tag: string): string | undefined => {
  const m = new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`).exec(xml);
  return m?.[1] === undefined ? undefined : unescapeXml(m[1]);
};

const unescapeXml = (s: string): string =>
  s.replace(/&(lt|gt|amp|quot|apos|#x[0-9a-fA-F]+|#[0-9]+);/g, (_, e: string) => {
    if (e === 'lt') return '<';
    if (e === 'gt') return '>';
    if (e === 'amp') return '&';
    if (e === 'quot') return '"';
    if (e === 'apos') return "'";
    return String.fromCodePoint(e.startsWith('#x') ? Number.parseInt(e.slice(2), 16) : Number(e.slice(1)));
  });

// A HEAD answer has no body: its status is all there is, named as the SDK names it.
const STATUS_NAMES: Record<number, string> = {
  304: 'NotModified',
  400: 'BadRequest',
  403: 'Forbidden',
  404: 'NotFound',
  409: 'Conflict',
  412: 'PreconditionFailed',
};

const s3ErrorOf = (res: AwsResponse): AwsServiceError => {
  const xml = res.body.toString('utf8');
  const code = xmlText(xml, 'Code') ?? STATUS_NAMES[res.status] ?? `Http${res.status}`;
  return new AwsServiceError(code, xmlText(xml, 'Message') ?? `S3 answered ${res.status}`, res.status);
};

const call = (
  method: 'GET' | 'HEAD' | 'PUT',
  bucket: string,
  path: string,
  opts: { query?: Record<string, string>; headers?: Record<string, string>; body?: Buffer } = {},
) => sendSigned(S3, { method, url: bucketUrl(bucket), path, ...opts }, s3ErrorOf);

const header = (res: AwsResponse, name: string): string | undefined => {
  const v = res.headers[name];
  return Array.isArray(v) ? v[0] : v;
};

/**
 * One object's PUT. It always carries Content-MD5: S3 checks the bytes against it, and a bucket with Object
 * Lock refuses a put without an integrity checksum. `ifNoneMatch: true` makes S3 refuse an existing key
 * (`PreconditionFailed`).
 */
export const s3PutRequest = (
  bucket: string,
  key: string,
  body: Buffer | string,
  opts: { contentType: string; ifNoneMatch?: boolean; metadata?: Record<string, string> },
): AwsRequest => {
  const bytes = Buffer.isBuffer(body) ? body : Buffer.from(body, 'utf8');
  const headers: Record<string, string> = {
    'content-type': opts.contentType,
    'content-md5': createHash('md5').update(bytes).digest('base64'),
  };
  if (opts.ifNoneMatch) headers['if-none-match'] = '*';
  for (const [k, v] of Object.entries(opts.metadata ?? {})) headers[`x-amz-meta-${k.toLowerCase()}`] = v;
  return { method: 'PUT', url: bucketUrl(bucket), path: keyPath(key), headers, body: bytes };
};

export const s3PutObject = async (
  bucket: string,
  key: string,
  body: Buffer | string,
  opts: { contentType: string; ifNoneMatch?: boolean; metadata?: Record<string, string> },
): Promise<void> => {
  await sendSigned(S3, s3PutRequest(bucket, key, body, opts), s3ErrorOf);
};

/** A request as it would be sent, signed at `at` (for the signature tests). */
export const s3Signed = async (req: AwsRequest, at: Date) =>
  signerFor(S3).sign(toSignable(req), { signingDate: at });

/** An object's bytes. Throws AwsServiceError `NoSuchKey` when there is none. */
export const s3GetObject = async (bucket: string, key: string): Promise<Buffer> =>
  (await call('GET', bucket, keyPath(key))).body;

/** An object's size and type, or undefined when there is none. */
export const s3HeadObject = async (
  bucket: string,
  key: string,
): Promise<{ bytes: number; contentType?: string } | undefined> => {
  try {
    const res = await call('HEAD', bucket, keyPath(key));
    return { bytes: Number(header(res, 'content-length') ?? 0), contentType: header(res, 'content-type') };
  } catch (error) {
    if (error instanceof AwsServiceError && (error.name === 'NotFound' || error.name === 'NoSuchKey'))
      return undefined;
    throw error;
  }
};

/** One page of ListObjects (v1): the keys after `marker` under `prefix`, and whether more follow. */
export const s3ListObjects = async (
  bucket: string,
  prefix: string,
  marker?: string,
): Promise<{ keys: string[]; truncated: boolean }> => {
  const res = await call('GET', bucket, '', {
    query: { prefix, ...(marker ? { marker } : {}) },
  });
  const xml = res.body.toString('utf8');
  const keys = [...xml.matchAll(/<Contents>([\s\S]*?)<\/Contents>/g)].flatMap((m) => {
    const key = xmlText(m[1] ?? '', 'Key');
    return key === undefined ? [] : [key];
  });
  return { keys, truncated: xmlText(xml, 'IsTruncated') === 'true' };
};

/** A GET link valid for `expiresIn` seconds, signed in its query string (S3's presigned URL). */
export const s3PresignedGetUrl = async (
  bucket: string,
  key: string,
  expiresIn: number,
  signingDate?: Date,
): Promise<string> => {
  const req = toSignable({ method: 'GET', url: bucketUrl(bucket), path: keyPath(key) });
  // S3 signs a link's payload as UNSIGNED-PAYLOAD; the header only carries that to the signer, and is
  // neither signed nor moved into the query string (the link is the same one botocore gives).
  const unsigned = new Set(['x-amz-content-sha256']);
  const signed = await signerFor(S3).presign(
    { ...req, headers: { ...req.headers, 'x-amz-content-sha256': 'UNSIGNED-PAYLOAD' } },
    {
      expiresIn,
      unhoistableHeaders: unsigned,
      unsignableHeaders: unsigned,
      ...(signingDate ? { signingDate } : {}),
    },
  );
  return `${bucketUrl(bucket).origin}${signed.path}${queryString(signed.query ?? {})}`;
};

const hmac = (key: Buffer | string, data: string): Buffer => createHmac('sha256', key).update(data).digest();
const iso8601 = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, 'Z');

/**
 * A browser upload form for one key (S3's POST policy, signed with SigV4): the policy holds the given
 * conditions plus one per returned field, so S3 refuses a form that changes any of them.
 */
export const s3PresignedPost = async (
  bucket: string,
  opts: {
    key: string;
    conditions: unknown[];
    fields: Record<string, string>;
    expiresInSeconds: number;
    now?: Date;
  },
): Promise<{ url: string; fields: Record<string, string> }> => {
  const credentials = await awsCredentials();
  const now = opts.now ?? new Date();
  const amzDate = iso8601(now).replace(/[-:]/g, '');
  const day = amzDate.slice(0, 8);
  const r = region();
  const fields: Record<string, string> = {
    ...opts.fields,
    bucket,
    'X-Amz-Algorithm': 'AWS4-HMAC-SHA256',
    'X-Amz-Credential': `${credentials.accessKeyId}/${day}/${r}/s3/aws4_request`,
    'X-Amz-Date': amzDate,
    ...(credentials.sessionToken ? { 'X-Amz-Security-Token': credentials.sessionToken } : {}),
  };
  const conditions = [
    ...opts.conditions,
    ...Object.entries(fields).map(([k, v]) => ({ [k]: v })),
    { key: opts.key },
  ];
  const policy = Buffer.from(
    JSON.stringify({
      expiration: iso8601(new Date(now.getTime() + opts.expiresInSeconds * 1000)),
      conditions,
    }),
    'utf8',
  ).toString('base64');
  const signingKey = hmac(
    hmac(hmac(hmac(`AWS4${credentials.secretAccessKey}`, day), r), 's3'),
    'aws4_request',
  );
  return {
    url: bucketUrl(bucket).href,
    fields: {
      ...fields,
      key: opts.key,
      Policy: policy,
      'X-Amz-Signature': hmac(signingKey, policy).toString('hex'),
    },
  };
};
