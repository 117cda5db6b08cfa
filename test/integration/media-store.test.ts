import { readFile } from 'node:fs/promises';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalAws, startLocalAws, uniqueId } from '../helpers/local-aws';

let aws: LocalAws;
let store: typeof import('../../functions/adapters/media-store');
let jpeg: Buffer;

beforeAll(async () => {
  aws = await startLocalAws();
  store = await import('../../functions/adapters/media-store');
  jpeg = await readFile(new URL('../../scripts/assets/sample-infographic.jpg', import.meta.url));
});

afterAll(async () => {
  await aws?.stop();
});

describe('media-store against a real local S3', () => {
  it('the sample is a real binary JPEG (bytes that break under a text or checksum mix-up)', () => {
    expect(jpeg.length).toBeGreaterThan(10_000);
    expect([...jpeg.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect(jpeg.includes(0x00)).toBe(true);
    expect(jpeg.some((b) => b >= 0x80)).toBe(true);
  });

  it('stores and reads back a binary JPEG byte for byte', async () => {
    const key = `media/${uniqueId('poster')}.jpg`;
    await store.putObject(key, jpeg, 'image/jpeg');
    const back = await store.getObjectBytes(key);
    expect(back.length).toBe(jpeg.length);
    expect(back.equals(jpeg)).toBe(true);
  });

  it('headObject reports the size and content type of a stored object', async () => {
    const key = `media/${uniqueId('poster')}.jpg`;
    await store.putObject(key, jpeg, 'image/jpeg');
    expect(await store.headObject(key)).toEqual({ bytes: jpeg.length, contentType: 'image/jpeg' });
  });

  it('headObject returns undefined for a missing key', async () => {
    expect(await store.headObject(`media/${uniqueId('missing')}.jpg`)).toBeUndefined();
  });

  it('getObjectBytes rejects for a missing key', async () => {
    await expect(store.getObjectBytes(`media/${uniqueId('missing')}.jpg`)).rejects.toMatchObject({
      name: 'NoSuchKey',
    });
  });

  it('stores a UTF-8 string body (a raw webhook payload) exactly', async () => {
    const key = `webhooks/instagram/2026-11-27/${uniqueId('raw')}.json`;
    const body = JSON.stringify({ text: 'Terima kasih infonya 🙏 — “Dinkes”' });
    await store.putObject(key, body, 'application/json');
    expect((await store.getObjectBytes(key)).toString('utf8')).toBe(body);
  });

  it('a presigned GET URL fetched with plain fetch returns the same bytes', async () => {
    const key = `media/${uniqueId('poster')}.jpg`;
    await store.putObject(key, jpeg, 'image/jpeg');
    const url = await store.presignedGetUrl(key);
    expect(url.startsWith(aws.s3Endpoint)).toBe(true);
    expect(url).toContain('X-Amz-Signature=');
    expect(url).toContain('X-Amz-Expires=900');

    const response = await fetch(url);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('image/jpeg');
    const bytes = Buffer.from(await response.arrayBuffer());
    expect(bytes.equals(jpeg)).toBe(true);
  });

  it('a presigned URL for a missing key gives 404', async () => {
    const response = await fetch(await store.presignedGetUrl(`media/${uniqueId('missing')}.jpg`));
    expect(response.status).toBe(404);
    await response.arrayBuffer();
  });

  it('stores and links keys with spaces, plus signs, non-ASCII letters and reserved marks', async () => {
    // The local S3 does not check SigV4 (s3-signature.test.ts compares these signatures with botocore's):
    // this checks the keys arrive whole and come back under the same name.
    for (const name of ['ulasan puskesmas.json', 'ibu+anak.json', 'posyandu-ä-ö.json', "kader (1)!*'.json"]) {
      const key = `webhooks/x/${uniqueId('k')}/${name}`;
      await store.putObject(key, `{"k":"${name}"}`, 'application/json');
      expect((await store.getObjectBytes(key)).toString('utf8')).toBe(`{"k":"${name}"}`);
      const response = await fetch(await store.presignedGetUrl(key));
      expect(response.status).toBe(200);
      expect(await response.text()).toBe(`{"k":"${name}"}`);
    }
  });
});
