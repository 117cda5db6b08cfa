import { beforeEach, describe, expect, it, vi } from 'vitest';

const putObject = vi.fn(async () => undefined);
vi.mock('../../functions/adapters/media-store', () => ({
  putObject,
  headObject: vi.fn(async () => undefined),
  getObjectBytes: vi.fn(async () => Buffer.alloc(0)),
}));

const { storeMedia } = await import('../../functions/domain/content/create-content');

const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3]).toString('base64');

describe('storeMedia', () => {
  beforeEach(() => putObject.mockClear());

  it('writes nothing when a later image of the submission is refused', async () => {
    const media = [
      { dataBase64: png, altText: 'one' },
      { dataBase64: Buffer.from('not an image').toString('base64'), altText: 'two' },
    ];
    await expect(storeMedia('item1', 1, { media })).rejects.toMatchObject({
      name: 'ValidationError',
      issues: [{ path: 'media.1', message: 'must be a JPEG or PNG image' }],
    });
    await expect(
      storeMedia('item1', 1, {
        media: [media[0] as (typeof media)[0], { s3Key: 'uploads/gone.png', altText: 'x' }],
      }),
    ).rejects.toMatchObject({ issues: [{ path: 'media.1.s3Key' }] });
    expect(putObject).not.toHaveBeenCalled();
  });

  it('writes every image once all are valid', async () => {
    const refs = await storeMedia('item1', 2, {
      media: [
        { dataBase64: png, altText: 'one' },
        { dataBase64: png, altText: 'two' },
      ],
    });
    expect(refs.map((r) => r.key)).toEqual(['media/item1/r2/1.png', 'media/item1/r2/2.png']);
    expect(putObject).toHaveBeenCalledTimes(2);
  });
});
