import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SAMPLES } from '../fixtures/infographics/samples';
import { type LocalAws, startLocalAws } from '../helpers/local-aws';

let aws: LocalAws;

beforeAll(async () => {
  aws = await startLocalAws();
});

afterAll(async () => {
  await aws?.stop();
});

describe('POST /infographics stores against a real local S3', () => {
  it('puts the rendered PNG under uploads/, byte for byte, with its content type', async () => {
    const store = await import('../../functions/adapters/media-store');
    const { createInfographic } = await import('../../functions/domain/infographics/store');
    const { renderInfographic } = await import('../../functions/domain/infographics/render');
    const body = { ...SAMPLES.checklist, size: 'instagram-portrait' };
    const made = await createInfographic(body);
    expect(made.s3Key).toMatch(/^uploads\/infographic-[0-9a-f]{24}\.png$/);
    const back = await store.getObjectBytes(made.s3Key);
    expect(back.equals((await renderInfographic(body)).bytes)).toBe(true);
    expect(await store.headObject(made.s3Key)).toEqual({ bytes: back.length, contentType: 'image/png' });
  });
});
