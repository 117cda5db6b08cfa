import { execFile } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { App, Stack } from 'aws-cdk-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../infra/catalog';
import { SebarFunction } from '../../infra/constructs/sebar-function';
import { type LocalAws, startLocalAws, uniqueId } from '../helpers/local-aws';
import { contentItem } from '../unit/fakes';

/**
 * The fact-finding Lambda as CDK bundles it (the same SebarFunction construct, esbuild run locally, the
 * shipped packages copied beside the bundle), run from its asset folder in a separate Node process, far from
 * the project's node_modules: OCR must work from what the bundle carries.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const spec = functions.find((f) => f.name === 'fact-finding');
let outdir: string;
let assetDir: string;
let aws: LocalAws;

beforeAll(async () => {
  if (!spec) throw new Error('no fact-finding function in the catalog');
  outdir = await mkdtemp(path.join(tmpdir(), 'sebar-bundle-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'FactFindingBundle', {
    env: { account: '123456789012', region: 'ap-southeast-3' },
  });
  new SebarFunction(stack, 'FactFinding', { spec, repoRoot, environment: {} });
  app.synth();
  const assets = readdirSync(outdir).filter(
    (d) => d.startsWith('asset.') && existsSync(path.join(outdir, d, 'index.mjs')),
  );
  if (assets.length !== 1)
    throw new Error(`expected one bundled function in ${outdir}, found ${assets.length}`);
  assetDir = path.join(outdir, assets[0] as string);
  aws = await startLocalAws();
}, 120_000);

afterAll(async () => {
  await aws?.stop();
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe('the fact-finding bundle', () => {
  it('carries tesseract.js, its wasm core and the Indonesian data beside the bundle, and does not inline them', async () => {
    for (const file of [
      'node_modules/tesseract.js/src/worker-script/node/index.js',
      'node_modules/tesseract.js-core/tesseract-core-simd-lstm.wasm',
      'node_modules/@tesseract.js-data/ind/4.0.0_best_int/ind.traineddata.gz',
      // Dependencies the worker script requires, found through package-lock.json.
      'node_modules/wasm-feature-detect/package.json',
      'node_modules/is-url/package.json',
      // The stemmer the screening loads on its first word, alone: not the Babel plugin it declares.
      'node_modules/sastrawijs/dist/sastrawijs.cjs.js',
    ])
      expect(existsSync(path.join(assetDir, file)), file).toBe(true);
    expect(existsSync(path.join(assetDir, 'node_modules/babel-plugin-transform-class-properties'))).toBe(
      false,
    );
    const bundle = await readFile(path.join(assetDir, 'index.mjs'), 'utf8');
    expect(bundle).toContain('import("tesseract.js")');
    expect(bundle).toContain('("sastrawijs")');
    expect(bundle).not.toContain('loading tesseract core');
    // No SDK client is bundled, so neither is the SDK's default credential chain: the run below signs its
    // DynamoDB and S3 calls with the environment's keys (functions/common/aws/signed-request.ts).
    expect(bundle).not.toContain('defaultProvider::fromSSO');
    expect(bundle).toContain('AWS_SECRET_ACCESS_KEY');
  });

  it('run from its asset folder, blocks an item whose image names a patient', async () => {
    const items = await import('../../functions/adapters/items-repo');
    const store = await import('../../functions/adapters/media-store');
    const id = uniqueId('c');
    const key = `media/${id}/r1/1.jpg`;
    await store.putObject(
      key,
      await readFile(path.join(repoRoot, 'test/fixtures/ocr/patient.jpg')),
      'image/jpeg',
    );
    await items.putNewItem(
      contentItem({
        id,
        status: 'submitted',
        statusRank: 10,
        approvalDeadline: new Date(Date.now() + 86_400_000).toISOString(),
        media: [{ key, contentType: 'image/jpeg', bytes: 1, altText: 'Laporan kasus' }],
      }),
    );
    const script = path.join(outdir, 'invoke.mjs');
    await writeFile(
      script,
      `const { handler } = await import(${JSON.stringify(pathToFileURL(path.join(assetDir, 'index.mjs')).href)});
const started = performance.now();
const result = await handler({ itemId: ${JSON.stringify(id)}, revision: 1 }, { awsRequestId: 'test', getRemainingTimeInMillis: () => 240000 });
console.log('RESULT ' + JSON.stringify({ ...result, ms: Math.round(performance.now() - started) }));
process.exit(0);
`,
    );
    // Only the settings the stack gives the function, plus the local endpoints; no tsx, no project modules.
    const env = Object.fromEntries(
      Object.entries(process.env).filter(([k]) => /^(AWS_|PATH$|HOME$)|_TABLE$|^BUCKET_NAME$/.test(k)),
    );
    // Asynchronously: the local DynamoDB and S3 servers run in this process and must keep answering.
    const out = await promisify(execFile)(process.execPath, [script], {
      cwd: outdir,
      env,
      timeout: 100_000,
    }).catch((error: { stdout?: string; stderr?: string }) => ({
      stdout: error.stdout ?? '',
      stderr: error.stderr ?? String(error),
    }));
    const line = out.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, `${out.stdout}\n${out.stderr}`).toBeDefined();
    const result = JSON.parse((line ?? '').slice('RESULT '.length)) as {
      excluded: boolean;
      reasons: string[];
      ms: number;
    };
    console.log(`bundled fact-finding, one image, cold (worker start included): ${result.ms} ms`);
    expect(result.excluded).toBe(true);
    expect(result.reasons).toContain(
      'media.0 (image text, "Laporan kasus"): contains what looks like a NIK (3273…)',
    );
    expect(out.stdout + out.stderr).not.toContain('3273015708900001');
    const stored = await items.getItem(id);
    expect(stored.factFinding?.images).toMatchObject([{ index: 0, ok: true }]);
  }, 120_000);
});
