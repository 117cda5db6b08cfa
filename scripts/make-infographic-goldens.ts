import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { renderInfographic } from '../functions/domain/infographics/render';
import { SAMPLES, SIZE_NAMES } from '../test/fixtures/infographics/samples';

/**
 * Regenerates the golden images the tests compare against (one per template and size). Run after an
 * intended change to the look, look at every image, and commit them: npx tsx scripts/make-infographic-goldens.ts
 */
export const GOLDEN_DIR = join(import.meta.dirname, '..', 'test', 'fixtures', 'infographics', 'golden');
mkdirSync(GOLDEN_DIR, { recursive: true });
for (const [template, sample] of Object.entries(SAMPLES))
  for (const size of SIZE_NAMES) {
    const image = await renderInfographic({ ...sample, size });
    const file = join(GOLDEN_DIR, `${template}-${size}.png`);
    writeFileSync(file, image.bytes);
    console.log(`${file} (${image.bytes.length} bytes)`);
  }
