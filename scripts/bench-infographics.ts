import { defaultBrand } from '../functions/domain/infographics/brand';
import { renderInfographic } from '../functions/domain/infographics/render';
import { SAMPLES, SIZE_NAMES } from '../test/fixtures/infographics/samples';

/**
 * Milliseconds per template and size in a warm process (fonts read, first render done), PNG and JPEG.
 * Usage: npm run bench:infographics [-- --runs 5] [--out DIR]   (--out also writes the images)
 */
const args = process.argv.slice(2);
const runs = Math.max(1, Number(args[args.indexOf('--runs') + 1] ?? 5) || 5);
const outAt = args.indexOf('--out');
const outDir = outAt >= 0 ? args[outAt + 1] : undefined;

const cold0 = performance.now();
await renderInfographic({ ...SAMPLES.bar, size: 'instagram-portrait' }, defaultBrand);
console.log(`cold first render (fonts + satori init): ${Math.round(performance.now() - cold0)} ms`);
console.log(`template   size                 png ms (median of ${runs})  jpeg ms`);
let worst = 0;
for (const [template, sample] of Object.entries(SAMPLES))
  for (const size of SIZE_NAMES) {
    const times: Record<string, number> = {};
    for (const format of ['png', 'jpeg'] as const) {
      const ms: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const t0 = performance.now();
        const out = await renderInfographic({ ...sample, size, format });
        ms.push(performance.now() - t0);
        if (outDir && i === 0) {
          const { writeFileSync, mkdirSync } = await import('node:fs');
          mkdirSync(outDir, { recursive: true });
          writeFileSync(`${outDir}/${template}-${size}.${format === 'jpeg' ? 'jpg' : 'png'}`, out.bytes);
        }
      }
      ms.sort((a, b) => a - b);
      times[format] = ms[Math.floor(ms.length / 2)] ?? 0;
      worst = Math.max(worst, times[format] ?? 0);
    }
    console.log(
      `${template.padEnd(10)} ${size.padEnd(20)} ${String(Math.round(times.png ?? 0)).padStart(6)}                 ${String(Math.round(times.jpeg ?? 0)).padStart(6)}`,
    );
  }
console.log(`slowest median: ${Math.round(worst)} ms (target ≤ 300 ms)`);
if (worst > 300) process.exitCode = 1;
