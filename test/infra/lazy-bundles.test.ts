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

/**
 * The operations API as CDK bundles it: date-holidays and vega are left out of the bundle and loaded on first
 * use (docs/decisions/0023), so they must load from the copies shipped beside it, in a Node process far from
 * the project's node_modules.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const spec = functions.find((f) => f.name === 'operations-api');
let outdir: string;
let assetDir: string;

beforeAll(async () => {
  if (!spec) throw new Error('no operations-api function in the catalog');
  outdir = await mkdtemp(path.join(tmpdir(), 'sebar-bundle-'));
  const app = new App({ outdir });
  const stack = new Stack(app, 'OperationsBundle', {
    env: { account: '123456789012', region: 'ap-southeast-3' },
  });
  new SebarFunction(stack, 'Operations', { spec, repoRoot, environment: {} });
  app.synth();
  const assets = readdirSync(outdir).filter(
    (d) => d.startsWith('asset.') && existsSync(path.join(outdir, d, 'index.mjs')),
  );
  if (assets.length !== 1) throw new Error(`expected one bundled function, found ${assets.length}`);
  assetDir = path.join(outdir, assets[0] as string);
}, 180_000);

afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe('the operations-api bundle', () => {
  it('does not inline date-holidays or vega, and names them for loading at run time', async () => {
    const bundle = await readFile(path.join(assetDir, 'index.mjs'), 'utf8');
    expect(bundle).toContain('import("vega")');
    expect(bundle).toContain('"date-holidays"');
    expect(bundle).not.toContain('Hari Raya Nyepi');
    for (const m of ['date-holidays', 'vega', 'vega-lite', 'moment-timezone'])
      expect(existsSync(path.join(assetDir, 'node_modules', m, 'package.json')), m).toBe(true);
  });

  it('run from its asset folder, imports its handler and loads the shipped libraries', async () => {
    const script = path.join(outdir, 'check.mjs');
    const bundleUrl = pathToFileURL(path.join(assetDir, 'index.mjs')).href;
    await writeFile(
      script,
      `import { createRequire } from 'node:module';
const { handler } = await import(${JSON.stringify(bundleUrl)});
const fromBundle = createRequire(${JSON.stringify(bundleUrl)});
const Holidays = fromBundle('date-holidays');
const days = new Holidays('ID', { languages: ['id'], types: ['public'] }).getHolidays(2026, 'id').map((h) => h.date.slice(0, 10));
const vega = await import(pathToUrl(fromBundle.resolve('vega')));
const vl = await import(pathToUrl(fromBundle.resolve('vega-lite')));
const spec = vl.compile({ data: { values: [{ a: 1 }] }, mark: 'bar', encoding: { x: { field: 'a', type: 'quantitative' } } }).spec;
const svg = await new vega.View(vega.parse(spec), { renderer: 'none' }).toSVG();
console.log('RESULT ' + JSON.stringify({ handler: typeof handler, independence: days.includes('2026-08-17'), svg: svg.startsWith('<svg') }));
function pathToUrl(p) { return new URL('file://' + p).href; }
`,
    );
    const env = {
      PATH: process.env.PATH,
      AWS_REGION: 'ap-southeast-3',
      AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
      ITEMS_TABLE: 'i',
      APPROVALS_TABLE: 'a',
      PUBLICATIONS_TABLE: 'p',
      FEEDBACK_TABLE: 'f',
      AUDIT_TABLE: 'au',
      BUCKET_NAME: 'b',
    };
    const out = await promisify(execFile)(process.execPath, [script], { cwd: outdir, env, timeout: 60_000 });
    const line = out.stdout.split('\n').find((l) => l.startsWith('RESULT '));
    expect(line, out.stderr).toBeDefined();
    expect(JSON.parse((line ?? '').slice('RESULT '.length))).toEqual({
      handler: 'function',
      independence: true,
      svg: true,
    });
  }, 60_000);
});
