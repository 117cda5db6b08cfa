import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { INSTAGRAM_MAX_WIDTH, prepareForInstagram } from '../../functions/domain/publishing/instagram-media';

const image = (width: number, height: number, format: 'png' | 'jpeg', alpha = false) => {
  const img = sharp({
    create: {
      width,
      height,
      channels: alpha ? 4 : 3,
      background: alpha ? { r: 200, g: 30, b: 30, alpha: 0 } : { r: 200, g: 30, b: 30 },
    },
  });
  return (format === 'png' ? img.png() : img.jpeg()).toBuffer();
};
const info = (b: Buffer) => sharp(b).metadata();

describe('prepareForInstagram', () => {
  it('leaves a square JPEG untouched (same bytes)', async () => {
    const input = await image(1080, 1080, 'jpeg');
    const out = await prepareForInstagram(input);
    expect(out.converted).toBe(false);
    expect(out.bytes).toBe(input);
    expect(out.reasons).toEqual([]);
  });

  it('accepts the edges of the allowed ratios as they are (4:5 and 1.91:1)', async () => {
    expect((await prepareForInstagram(await image(1080, 1350, 'jpeg'))).converted).toBe(false);
    expect((await prepareForInstagram(await image(1146, 600, 'jpeg'))).converted).toBe(false);
  });

  it('turns a PNG into a JPEG of the same size, transparency on white', async () => {
    const out = await prepareForInstagram(await image(600, 600, 'png', true));
    expect(out.converted).toBe(true);
    expect(out.reasons).toEqual(['png is not JPEG']);
    const meta = await info(out.bytes);
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 600, 600]);
    const { data } = await sharp(out.bytes).raw().toBuffer({ resolveWithObject: true });
    // Fully transparent red becomes white, not black.
    expect(Math.min(data[0] ?? 0, data[1] ?? 0, data[2] ?? 0)).toBeGreaterThan(245);
  });

  it('pads a tall poster to 4:5 with white at the sides, never cropping it', async () => {
    const out = await prepareForInstagram(await image(600, 1500, 'jpeg'));
    expect(out.converted).toBe(true);
    expect(out.reasons[0]).toMatch(/narrower than 4:5/);
    expect([out.width, out.height]).toEqual([1200, 1500]);
    const { data, info: raw } = await sharp(out.bytes).raw().toBuffer({ resolveWithObject: true });
    const pixel = (x: number, y: number) => [
      ...data.subarray((y * raw.width + x) * 3, (y * raw.width + x) * 3 + 3),
    ];
    // Left edge is padding (white); the middle is the original red.
    expect(pixel(5, 750).every((c) => c > 245)).toBe(true);
    expect(pixel(600, 750)[0]).toBeGreaterThan(180);
    expect(pixel(600, 750)[1]).toBeLessThan(60);
  });

  it('pads a wide banner to 1.91:1 and scales it to 1440 px', async () => {
    const out = await prepareForInstagram(await image(3000, 500, 'jpeg'));
    expect(out.width).toBe(INSTAGRAM_MAX_WIDTH);
    expect(out.width / out.height).toBeGreaterThanOrEqual(1.9);
    expect(out.width / out.height).toBeLessThanOrEqual(1.911);
    expect(out.reasons.join('; ')).toMatch(/wider than 1\.91:1.*scaled to 1440/);
  });

  it('turns an image upright by its EXIF orientation before measuring it', async () => {
    // Stored 1500 wide x 600 high, orientation 6 (rotate 90°): upright it is 600 x 1500, too tall.
    const input = await sharp({ create: { width: 1500, height: 600, channels: 3, background: '#c00' } })
      .jpeg()
      .withMetadata({ orientation: 6 })
      .toBuffer();
    const out = await prepareForInstagram(input);
    expect([out.width, out.height]).toEqual([1200, 1500]);
    expect(out.reasons).toContain('rotated upright');
  });

  it('refuses bytes that are not an image', async () => {
    await expect(prepareForInstagram(Buffer.from('not an image'))).rejects.toThrow();
  });
});
