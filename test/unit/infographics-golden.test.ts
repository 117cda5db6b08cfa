import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { renderInfographic } from '../../functions/domain/infographics/render';
import { SAMPLES, SIZE_NAMES } from '../fixtures/infographics/samples';

/** Each template in each size against its committed golden image (regenerate: scripts/make-infographic-goldens.ts). */
const GOLDEN = join(import.meta.dirname, '..', 'fixtures', 'infographics', 'golden');
const TOLERANCE = 0.001; // share of pixels allowed to differ (anti-aliasing), after pixelmatch's own threshold

describe('golden images', () => {
  for (const [template, sample] of Object.entries(SAMPLES))
    for (const size of SIZE_NAMES)
      it(`${template} ${size}`, async () => {
        const image = PNG.sync.read((await renderInfographic({ ...sample, size })).bytes);
        const golden = PNG.sync.read(readFileSync(join(GOLDEN, `${template}-${size}.png`)));
        expect([image.width, image.height]).toEqual([golden.width, golden.height]);
        const differing = pixelmatch(image.data, golden.data, undefined, image.width, image.height, {
          threshold: 0.1,
        });
        expect(differing / (image.width * image.height)).toBeLessThanOrEqual(TOLERANCE);
      });

  it('a changed picture is caught', async () => {
    const image = PNG.sync.read(
      (await renderInfographic({ ...SAMPLES.bar, title: 'Judul lain', size: 'instagram-square' })).bytes,
    );
    const golden = PNG.sync.read(readFileSync(join(GOLDEN, 'bar-instagram-square.png')));
    const differing = pixelmatch(image.data, golden.data, undefined, image.width, image.height, {
      threshold: 0.1,
    });
    expect(differing / (image.width * image.height)).toBeGreaterThan(TOLERANCE);
  });
});
