import { spawnSync } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalAws, startLocalAws, uniqueId } from '../helpers/local-aws';

/** The OCR adapter for real: tesseract.js with the installed Indonesian data, images read from a local S3. */

let aws: LocalAws;
let ocr: typeof import('../../functions/adapters/image-text');
let store: typeof import('../../functions/adapters/media-store');
let screening: typeof import('../../functions/domain/content/image-screening');
const fixture = (name: string) => readFile(new URL(`../fixtures/ocr/${name}`, import.meta.url));
const repoRoot = path.resolve(import.meta.dirname, '../..');

beforeAll(async () => {
  aws = await startLocalAws();
  ocr = await import('../../functions/adapters/image-text');
  store = await import('../../functions/adapters/media-store');
  screening = await import('../../functions/domain/content/image-screening');
});

afterAll(async () => {
  await ocr?.stopImageText();
  await aws?.stop();
});

const canIsolateNetwork = spawnSync('unshare', ['-rn', 'true']).status === 0;

describe('reading what an image says (tesseract.js, Indonesian)', () => {
  it('reads the language data from the installed package folder, with no cache written', () => {
    const o = ocr.imageTextOptions();
    expect(path.isAbsolute(o.langPath)).toBe(true);
    expect(realpathSync(o.langPath)).toBe(
      realpathSync(path.join(repoRoot, 'node_modules/@tesseract.js-data/ind/4.0.0_best_int')),
    );
    expect(o.langPath).not.toMatch(/^[a-z]+:/i);
    expect(existsSync(path.join(o.langPath, 'ind.traineddata.gz'))).toBe(true);
    expect(o).toMatchObject({ gzip: true, cacheMethod: 'none' });
    expect(ocr.IMAGE_TEXT_LANGUAGE).toBe('ind');
  });

  it('an image from the media bucket that names a patient blocks, with the image named and the NIK masked', async () => {
    const key = `media/${uniqueId('ocr')}/r1/1.jpg`;
    await store.putObject(key, await fixture('patient.jpg'), 'image/jpeg');
    const read = await ocr.readMediaText(key);
    expect(read.text).toContain('Budi Santoso');
    expect(read.text).toContain('3273015708900001');
    const r = await screening.screenImages([{ key, altText: 'Laporan kasus' }], ocr.readMediaText);
    expect(r.reasons).toContain(
      'media.0 (image text, "Laporan kasus"): contains what looks like a NIK (3273…)',
    );
    expect(r.reasons).toContainEqual(
      expect.stringMatching(/^media\.0 .*: names a person \(.+\) next to a health/),
    );
    expect(JSON.stringify(r)).not.toContain('3273015708900001');
    expect(r.images[0]).toMatchObject({ index: 0, ok: true });
    console.log(
      `patient.jpg (1080×1350): ${r.images[0]?.ms} ms; worker start ${ocr.imageTextWorkerStartMs()?.toFixed(0)} ms`,
    );
  });

  it('an image with only public text passes', async () => {
    const key = `media/${uniqueId('ocr')}/r1/1.jpg`;
    await store.putObject(key, await fixture('public.jpg'), 'image/jpeg');
    const r = await screening.screenImages([{ key, altText: 'Poster' }], ocr.readMediaText);
    expect(r.reasons).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.images[0]?.excerpt).toMatch(/Cegah DBD dengan 3M Plus/);
  });

  it('an image that is not one fails that image only; the process and the next image carry on', async () => {
    const junk = Buffer.from('this is not an image at all, only bytes'.repeat(20));
    await expect(ocr.recognizeImage(junk, 20_000)).rejects.toMatchObject({
      name: 'ImageTextError',
      reason: 'unreadable',
    });
    expect((await ocr.recognizeImage(await fixture('public.jpg'), 20_000)).text).toMatch(/3M Plus/);
  });

  it('a read that runs out of time fails with a timeout, and a fresh worker reads the next image', async () => {
    await expect(ocr.recognizeImage(await fixture('patient.jpg'), 5)).rejects.toMatchObject({
      name: 'ImageTextError',
      reason: 'timeout',
    });
    expect((await ocr.recognizeImage(await fixture('patient.jpg'), 20_000)).text).toMatch(/Budi Santoso/);
  });

  it.skipIf(!canIsolateNetwork)(
    'works with no network at all (a child process in an empty network namespace)',
    async () => {
      // The same adapter in a process whose network namespace has no interface up, not even loopback: a
      // fetch of the language data or of the core would fail there.
      const dir = await mkdtemp(path.join(tmpdir(), 'sebar-ocr-offline-'));
      const script = path.join(dir, 'offline.mjs');
      const adapter = path.join(repoRoot, 'functions/adapters/image-text.ts');
      const image = path.join(repoRoot, 'test/fixtures/ocr/patient.jpg');
      await writeFile(
        script,
        `import { readFileSync } from 'node:fs';
import { recognizeImage, stopImageText } from ${JSON.stringify(adapter)};
const reached = await fetch('http://127.0.0.1:9/').then(() => 'reachable', () => 'unreachable');
console.log('network: ' + reached);
const r = await recognizeImage(readFileSync(${JSON.stringify(image)}), 60000);
console.log(JSON.stringify(r));
await stopImageText();
`,
      );
      const out = spawnSync('unshare', ['-rn', process.execPath, '--import', 'tsx', script], {
        cwd: repoRoot,
        encoding: 'utf8',
        env: { ...process.env, BUCKET_NAME: 'unused' },
        timeout: 80_000,
      });
      expect(out.stdout, out.stderr).toContain('network: unreachable');
      expect(out.stderr).not.toMatch(/Network error|ENOTFOUND|EAI_AGAIN/);
      expect(out.stdout).toContain('Budi Santoso');
      expect(out.stdout).toContain('3273015708900001');
      expect(out.status).toBe(0);
    },
    90_000,
  );
});
