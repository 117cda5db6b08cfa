import { execFile } from 'node:child_process';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';

/**
 * What a cold start pays for (docs/decisions/0023): the native image libraries and the stemmer's
 * dictionary load with the first render or classification, not when a function imports the module. Each
 * check runs in a fresh Node process, since this one has long loaded them.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const run = promisify(execFile);

/** Runs an ESM snippet (TypeScript imports allowed) in a fresh process and returns what it printed last. */
const fresh = async (code: string): Promise<unknown> => {
  const { stdout } = await run(process.execPath, ['--import', 'tsx', '--input-type=module', '-e', code], {
    cwd: repoRoot,
    env: { ...process.env, SEBAR_SILENT_LOGS: 'true' },
    timeout: 60_000,
  });
  return JSON.parse(stdout.trim().split('\n').at(-1) ?? 'null');
};

/** \`loaded(name)\`: a package's CommonJS files, or for a native one its shared objects, are in the process. */
const LOADED = `
import { createRequire } from 'node:module';
const loaded = (name) =>
  Object.keys(createRequire(import.meta.url).cache).some((k) => k.includes('/node_modules/' + name + '/')) ||
  process.report.getReport().sharedObjects.some((o) => o.includes(name));
`;

describe('libraries loaded on first use', () => {
  it('resvg and sharp load with the first render, not with the renderer', async () => {
    const seen = await fresh(`${LOADED}
const { renderInfographic } = await import('./functions/domain/infographics/render.ts');
const { SAMPLES } = await import('./test/fixtures/infographics/samples.ts');
const before = { resvg: loaded('resvg'), sharp: loaded('sharp') };
const image = await renderInfographic({ ...SAMPLES.bar, size: 'x-landscape' });
console.log(JSON.stringify({ before, after: { resvg: loaded('resvg'), sharp: loaded('sharp') }, type: image.contentType }));
`);
    expect(seen).toEqual({
      before: { resvg: false, sharp: false },
      after: { resvg: true, sharp: true },
      type: 'image/png',
    });
  }, 60_000);

  it('the stemmer loads with the first classification, not with the classifier', async () => {
    const seen = await fresh(`${LOADED}
const { classify } = await import('./functions/domain/feedback/classifier.ts');
const before = loaded('sastrawijs');
const label = classify('min, antri dari jam 7 blm dipanggil').label;
console.log(JSON.stringify({ before, after: loaded('sastrawijs'), label }));
`);
    expect(seen).toEqual({ before: false, after: true, label: 'complaint' });
  }, 60_000);
});
