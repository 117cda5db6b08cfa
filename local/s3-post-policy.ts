import { createHmac, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { Readable } from 'node:stream';

/**
 * s3rver stores a browser POST upload without reading its policy. S3 checks the policy's signature, its
 * expiry and every condition (the key, the Content-Type, `content-length-range`), and refuses fields the
 * policy does not name; this middleware does the same in front of s3rver, so a presigned POST that works
 * here works on S3, and one S3 would refuse is refused here too (with S3's error codes).
 */

/** Bigger than any upload Sebar signs (8 MiB) with room for the form fields. */
const MAX_FORM_BYTES = 16 * 1024 * 1024;

export interface PostPolicyOptions {
  readonly secretAccessKey: string;
  /** Origins allowed to read an error (the bucket's CORS rule answers successful requests). */
  readonly allowedOrigins: readonly string[];
}

class PolicyRefusal extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = 'PolicyRefusal';
  }
}

const hmac = (key: Buffer | string, data: string) => createHmac('sha256', key).update(data).digest();

const expectedSignature = (secret: string, credential: string, policy: string): string => {
  const [, date = '', region = '', service = ''] = credential.split('/');
  const key = hmac(hmac(hmac(hmac(`AWS4${secret}`, date), region), service), 'aws4_request');
  return hmac(key, policy).toString('hex');
};

type Condition = Record<string, string> | [string, ...unknown[]];

const readLimited = async (req: IncomingMessage): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_FORM_BYTES) {
      req.destroy();
      throw new PolicyRefusal(400, 'EntityTooLarge', 'Your proposed upload exceeds the maximum allowed size');
    }
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks);
};

/** Checks a POST Object form against its policy; throws a PolicyRefusal as S3 would answer. */
export const checkPostPolicy = async (
  bucket: string,
  contentType: string,
  body: Buffer,
  secret: string,
  now = new Date(),
): Promise<void> => {
  const form = await new Response(new Uint8Array(body), { headers: { 'content-type': contentType } })
    .formData()
    .catch(() => {
      throw new PolicyRefusal(
        400,
        'MalformedPOSTRequest',
        'The body of your POST request is not well-formed',
      );
    });
  const fields = new Map<string, string>();
  let fileSize: number | undefined;
  for (const [name, value] of form.entries()) {
    if (name === 'file' && typeof value !== 'string') fileSize = value.size;
    else if (typeof value === 'string') fields.set(name.toLowerCase(), value);
  }
  const policy = fields.get('policy');
  const credential = fields.get('x-amz-credential') ?? '';
  const signature = fields.get('x-amz-signature') ?? '';
  if (!policy) throw new PolicyRefusal(403, 'AccessDenied', 'Bucket POST must contain a policy');
  if (fileSize === undefined)
    throw new PolicyRefusal(400, 'InvalidArgument', 'POST requires exactly one file upload per request.');
  const wanted = Buffer.from(expectedSignature(secret, credential, policy));
  if (wanted.length !== Buffer.from(signature).length || !timingSafeEqual(wanted, Buffer.from(signature)))
    throw new PolicyRefusal(
      403,
      'SignatureDoesNotMatch',
      'The request signature we calculated does not match the signature you provided.',
    );
  let document: { expiration?: string; conditions?: Condition[] };
  try {
    document = JSON.parse(Buffer.from(policy, 'base64').toString('utf8'));
  } catch {
    throw new PolicyRefusal(400, 'InvalidPolicyDocument', 'Invalid Policy: Invalid JSON.');
  }
  if (!document.expiration || Date.parse(document.expiration) <= now.getTime())
    throw new PolicyRefusal(403, 'AccessDenied', 'Invalid according to Policy: Policy expired.');
  const fieldValue = (name: string) => (name === 'bucket' ? bucket : fields.get(name.toLowerCase()));
  const covered = new Set(['policy', 'x-amz-signature', 'file', 'bucket']);
  const failed = (c: unknown) =>
    new PolicyRefusal(
      403,
      'AccessDenied',
      `Invalid according to Policy: Policy Condition failed: ${JSON.stringify(c)}`,
    );
  for (const condition of document.conditions ?? []) {
    if (!Array.isArray(condition)) {
      for (const [name, value] of Object.entries(condition)) {
        covered.add(name.toLowerCase());
        if (fieldValue(name) !== value) throw failed(condition);
      }
      continue;
    }
    const [op, a, b] = condition;
    if (op === 'content-length-range') {
      if (fileSize > Number(b))
        throw new PolicyRefusal(
          400,
          'EntityTooLarge',
          'Your proposed upload exceeds the maximum allowed size',
        );
      if (fileSize < Number(a))
        throw new PolicyRefusal(
          400,
          'EntityTooSmall',
          'Your proposed upload is smaller than the minimum allowed size',
        );
      continue;
    }
    const name = String(a).replace(/^\$/, '').toLowerCase();
    covered.add(name);
    const actual = fieldValue(name) ?? '';
    if (op === 'eq' && actual !== b) throw failed(condition);
    if (op === 'starts-with' && !actual.startsWith(String(b))) throw failed(condition);
  }
  const extra = [...fields.keys()].find((k) => !covered.has(k) && !k.startsWith('x-ignore-'));
  if (extra)
    throw new PolicyRefusal(403, 'AccessDenied', `Invalid according to Policy: Extra input fields: ${extra}`);
};

interface KoaLikeContext {
  method: string;
  path: string;
  querystring: string;
  req: IncomingMessage;
  request: { req: IncomingMessage };
  get(name: string): string;
  set(name: string, value: string): void;
  status: number;
  type: string;
  body: unknown;
}

const xmlEscape = (s: string) => s.replace(/[<>&"]/g, (c) => `&#${c.charCodeAt(0)};`);

/** Koa middleware for s3rver: POST Object requests are checked, then replayed to s3rver unchanged. */
export const postPolicyMiddleware =
  (options: PostPolicyOptions) => async (ctx: KoaLikeContext, next: () => Promise<unknown>) => {
    const bucket = /^\/([^/]+)\/?$/.exec(ctx.path)?.[1];
    const type = ctx.get('content-type');
    if (ctx.method !== 'POST' || !bucket || ctx.querystring || !/^multipart\/form-data/i.test(type))
      return next();
    try {
      const body = await readLimited(ctx.req);
      await checkPostPolicy(bucket, type, body, options.secretAccessKey);
      const replay = Readable.from([body]) as unknown as IncomingMessage;
      Object.assign(replay, {
        headers: ctx.req.headers,
        method: ctx.req.method,
        url: ctx.req.url,
        socket: ctx.req.socket,
        httpVersion: ctx.req.httpVersion,
      });
      ctx.req = replay;
      ctx.request.req = replay;
      return next();
    } catch (error) {
      if (!(error instanceof PolicyRefusal)) throw error;
      const origin = ctx.get('origin');
      if (origin && options.allowedOrigins.includes(origin)) ctx.set('Access-Control-Allow-Origin', origin);
      ctx.status = error.status;
      ctx.type = 'application/xml';
      ctx.body = `<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>${error.code}</Code><Message>${xmlEscape(error.message)}</Message></Error>`;
    }
  };
