/**
 * Writes the OCR test images under test/fixtures/ocr/: infographic-like JPEGs whose text is rendered from
 * SVG by sharp (DejaVu Sans, from the system's fonts). The JPEGs are committed, so tests do not depend on
 * the fonts of the machine they run on; run this only to change them: `npx tsx scripts/make-ocr-fixtures.ts`.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { pathToFileURL } from 'node:url';
import sharp from 'sharp';

const xmlText = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

/** A poster: a coloured band with a heading, then lines of body text, on a light background. */
export const poster = async (
  width: number,
  height: number,
  heading: string,
  lines: readonly string[],
): Promise<Buffer> => {
  const size = Math.round(width / 24);
  const body = lines
    .map(
      (l, i) =>
        `<text x="${Math.round(width * 0.07)}" y="${Math.round(height * 0.3 + i * size * 1.7)}" font-family="DejaVu Sans" font-size="${size}" fill="#1b2a3a">${xmlText(l)}</text>`,
    )
    .join('');
  const svg = `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}">
<rect width="100%" height="100%" fill="#f4f8fb"/>
<rect width="100%" height="${Math.round(height * 0.18)}" fill="#0b6e4f"/>
<text x="${Math.round(width * 0.07)}" y="${Math.round(height * 0.11)}" font-family="DejaVu Sans" font-weight="bold" font-size="${Math.round(size * 1.4)}" fill="#ffffff">${xmlText(heading)}</text>
${body}
<text x="${Math.round(width * 0.07)}" y="${Math.round(height * 0.94)}" font-family="DejaVu Sans" font-size="${Math.round(size * 0.6)}" fill="#52606d">Dinas Kesehatan Kota Bandung</text>
</svg>`;
  return sharp(Buffer.from(svg)).jpeg({ quality: 85 }).toBuffer();
};

export const FIXTURES = {
  // Names a patient next to a diagnosis, with a NIK: must block.
  'patient.jpg': () =>
    poster(1080, 1350, 'Laporan Kasus', [
      'Pasien Tn. Budi Santoso (45)',
      'positif TBC,',
      // A plausible NIK (Kota Bandung, born 17-08-1990, a woman: day + 40), so the screen's date check accepts it.
      'NIK 3273015708900001',
      'dirawat di RS Kota.',
    ]),
  // Public health advice only: must pass.
  'public.jpg': () =>
    poster(1080, 1350, 'Cegah DBD', ['Cegah DBD dengan 3M Plus', 'Menguras, Menutup,', 'Mendaur ulang']),
} as const;

const main = async () => {
  const dir = new URL('../test/fixtures/ocr/', import.meta.url);
  await mkdir(dir, { recursive: true });
  for (const [name, make] of Object.entries(FIXTURES)) {
    const bytes = await make();
    await writeFile(new URL(name, dir), bytes);
    console.log(`${name}: ${bytes.length} bytes`);
  }
};

// Run as a script (not when the benchmark imports `poster`).
if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) await main();
