/**
 * Milliseconds per template and size in a warm process (fonts read, first render done), PNG and JPEG:
 * the wall time, and the process's CPU time (every thread: resvg and sharp included), which a busy shared
 * machine inflates far less. Usage: npm run bench:infographics [-- --runs 5] [--out DIR]
 */
import { loadavg } from 'node:os';
import { defaultBrand } from '../functions/domain/infographics/brand';
import { renderInfographic } from '../functions/domain/infographics/render';
import { SAMPLES, SIZE_NAMES } from '../test/fixtures/infographics/samples';

const args = process.argv.slice(2);
const runs = Math.max(1, Number(args[args.indexOf('--runs') + 1] ?? 5) || 5);
const outAt = args.indexOf('--out');
const outDir = outAt >= 0 ? args[outAt + 1] : undefined;

const cold0 = performance.now();
await renderInfographic({ ...SAMPLES.bar, size: 'instagram-portrait' }, defaultBrand);
console.log(`cold first render (fonts + satori init): ${Math.round(performance.now() - cold0)} ms`);
console.log(
  `load average at start: ${loadavg()
    .map((l) => l.toFixed(1))
    .join(' ')} (2 cores here)`,
);
console.log(`median of ${runs} runs, ms      png wall  png cpu   jpeg wall  jpeg cpu`);
let worst = 0;
for (const [template, sample] of Object.entries(SAMPLES))
  for (const size of SIZE_NAMES) {
    const times: Record<string, number> = {};
    const cpu: Record<string, number> = {};
    for (const format of ['png', 'jpeg'] as const) {
      const ms: number[] = [];
      const cpuMs: number[] = [];
      for (let i = 0; i < runs; i += 1) {
        const t0 = performance.now();
        const c0 = process.cpuUsage();
        const out = await renderInfographic({ ...sample, size, format });
        ms.push(performance.now() - t0);
        const used = process.cpuUsage(c0);
        cpuMs.push((used.user + used.system) / 1000);
        if (outDir && i === 0) {
          const { writeFileSync, mkdirSync } = await import('node:fs');
          mkdirSync(outDir, { recursive: true });
          writeFileSync(`${outDir}/${template}-${size}.${format === 'jpeg' ? 'jpg' : 'png'}`, out.bytes);
        }
      }
      ms.sort((a, b) => a - b);
      cpuMs.sort((a, b) => a - b);
      times[format] = ms[Math.floor(ms.length / 2)] ?? 0;
      cpu[format] = cpuMs[Math.floor(cpuMs.length / 2)] ?? 0;
      worst = Math.max(worst, times[format] ?? 0);
    }
    const cell = (n: number | undefined) => String(Math.round(n ?? 0)).padStart(9);
    console.log(
      `${template.padEnd(10)} ${size.padEnd(19)}${cell(times.png)}${cell(cpu.png)}${cell(times.jpeg)}${cell(cpu.jpeg)}`,
    );
  }
console.log(`slowest median: ${Math.round(worst)} ms (target ≤ 300 ms)`);
if (worst > 300) process.exitCode = 1;
