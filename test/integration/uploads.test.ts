import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalAws, startLocalAws } from '../helpers/local-aws';

/*
 * The browser's upload, for real: a presigned POST from the media store, sent as multipart/form-data
 * (every field, then the file) to the local S3, as the console sends it from its own origin.
 */

const ORIGIN = 'http://127.0.0.1:3999';
let aws: LocalAws;
let store: typeof import('../../functions/adapters/media-store');
let uploads: typeof import('../../functions/domain/content/uploads');
let jpeg: Buffer;

beforeAll(async () => {
  aws = await startLocalAws({ corsOrigins: [ORIGIN] });
  store = await import('../../functions/adapters/media-store');
  uploads = await import('../../functions/domain/content/uploads');
  jpeg = await readFile(new URL('../../scripts/assets/sample-infographic.jpg', import.meta.url));
});

afterAll(async () => {
  await aws?.stop();
});

const request = (contentType = 'image/jpeg', bytes = 1000) =>
  uploads.requestUpload({ fileName: 'poster.jpg', contentType, bytes } as never, store.presignedUpload);

const send = async (
  target: { url: string; fields: Record<string, string> },
  file: Buffer,
  type = 'image/jpeg',
  override: Record<string, string> = {},
) => {
  const form = new FormData();
  for (const [k, v] of Object.entries({ ...target.fields, ...override })) form.append(k, v);
  form.append('file', new Blob([new Uint8Array(file)], { type }), 'poster.jpg');
  const r = await fetch(target.url, { method: 'POST', body: form, headers: { origin: ORIGIN } });
  return {
    status: r.status,
    text: await r.text(),
    allowOrigin: r.headers.get('access-control-allow-origin'),
  };
};

describe('presigned POST uploads to the local S3', () => {
  it('a browser POST from the console origin stores the image under the given key', async () => {
    const u = await request();
    expect(u.key).toMatch(/^uploads\/[0-9a-f]{24}\.jpg$/);
    expect(u.maxBytes).toBe(8 * 1024 * 1024);
    expect(u.upload.fields.key).toBe(u.key);
    expect(u.upload.fields['Content-Type']).toBe('image/jpeg');
    const r = await send(u.upload, jpeg);
    expect(r.status, r.text).toBe(204);
    expect(r.allowOrigin).toBe(ORIGIN);
    expect(await store.headObject(u.key)).toEqual({ bytes: jpeg.length, contentType: 'image/jpeg' });
    expect((await store.getObjectBytes(u.key)).equals(jpeg)).toBe(true);
  });

  it('answers the CORS preflight for the console origin only', async () => {
    const u = await request();
    const preflight = (origin: string) =>
      fetch(u.upload.url, {
        method: 'OPTIONS',
        headers: { origin, 'access-control-request-method': 'POST' },
      });
    const ok = await preflight(ORIGIN);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('access-control-allow-methods')).toContain('POST');
    expect((await preflight('http://evil.example')).status).toBe(403);
  });

  it('refuses an upload over 8 MiB, and stores nothing', async () => {
    const u = await request();
    const big = Buffer.concat([jpeg, Buffer.alloc(8 * 1024 * 1024)]);
    const r = await send(u.upload, big);
    expect(r.status).toBe(400);
    expect(r.text).toContain('<Code>EntityTooLarge</Code>');
    expect(r.allowOrigin).toBe(ORIGIN);
    expect(await store.headObject(u.key)).toBeUndefined();
  });

  it('refuses another content type or another key than the policy fixed', async () => {
    const u = await request();
    const wrongType = await send(u.upload, jpeg, 'image/png', { 'Content-Type': 'image/png' });
    expect(wrongType.status).toBe(403);
    expect(wrongType.text).toContain('Policy Condition failed');
    const wrongKey = await send(u.upload, jpeg, 'image/jpeg', { key: 'media/elsewhere.jpg' });
    expect(wrongKey.status).toBe(403);
    expect(await store.headObject('media/elsewhere.jpg')).toBeUndefined();
    expect(await store.headObject(u.key)).toBeUndefined();
  });

  it('refuses a tampered policy (the signature no longer matches)', async () => {
    const u = await request();
    const policy = JSON.parse(Buffer.from(u.upload.fields.Policy ?? '', 'base64').toString('utf8'));
    policy.conditions = policy.conditions.filter(
      (c: unknown) => !Array.isArray(c) || c[0] !== 'content-length-range',
    );
    const forged = Buffer.from(JSON.stringify(policy)).toString('base64');
    const r = await send(u.upload, jpeg, 'image/jpeg', { Policy: forged });
    expect(r.status).toBe(403);
    expect(r.text).toContain('SignatureDoesNotMatch');
  });
});
