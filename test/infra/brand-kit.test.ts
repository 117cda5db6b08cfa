import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { App, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { afterAll, describe, expect, it } from 'vitest';
import { brandSchema } from '../../functions/domain/infographics/brand';
import { functions } from '../../infra/catalog';
import { SebarFunction } from '../../infra/constructs/sebar-function';
import { SebarStack } from '../../infra/sebar-stack';

/* The brand kit from context `brandFile`: checked at synth, shipped beside the infographics function only. */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cdkContext = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')).context;
const kit = 'test/fixtures/infographics/brand/brand.json';

const synth = (brandFile: string) => {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], brandFile } });
  const stack = new SebarStack(app, 'Sebar', { env: { account: '123456789012', region: 'ap-southeast-3' } });
  return Template.fromStack(stack);
};

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON.
type Cfn = any;

let outdir: string | undefined;
afterAll(async () => {
  if (outdir) await rm(outdir, { recursive: true, force: true });
});

describe('context brandFile', () => {
  it('tells only the infographics function where its brand kit is', () => {
    const fns = Object.values(synth(kit).findResources('AWS::Lambda::Function')) as Cfn[];
    const withKit = fns.filter((f) => f.Properties.Environment?.Variables?.INFOGRAPHIC_BRAND_FILE);
    expect(withKit).toHaveLength(1);
    expect(withKit[0].Properties.Description).toMatch(/infographic/);
    expect(withKit[0].Properties.Environment.Variables.INFOGRAPHIC_BRAND_FILE).toBe('/var/task/brand.json');
  });

  it('fails the synth on a kit whose text would be hard to read, or that is missing', () => {
    expect(() => synth('test/fixtures/infographics/brand/low-contrast.json')).toThrow(
      /Context brandFile: .*kontras text dengan latar/,
    );
    expect(() => synth('test/fixtures/infographics/brand/none.json')).toThrow(
      /Context brandFile: Tidak bisa membaca berkas merek/,
    );
  });

  it('copies the checked kit, logo inlined, beside the bundle', async () => {
    outdir = await mkdtemp(path.join(tmpdir(), 'sebar-brand-bundle-'));
    const spec = functions.find((f) => f.name === 'operations-api');
    if (!spec) throw new Error('no operations-api in the catalog');
    const app = new App({ outdir });
    const stack = new Stack(app, 'BrandBundle', {
      env: { account: '123456789012', region: 'ap-southeast-3' },
    });
    const staged = path.join(outdir, 'staged-brand.json');
    const { brandFromFile } = await import('../../functions/domain/infographics/brand-file');
    const { writeFileSync } = await import('node:fs');
    writeFileSync(staged, JSON.stringify(brandFromFile(path.join(repoRoot, kit))));
    new SebarFunction(stack, 'Fn', {
      spec,
      repoRoot,
      environment: {},
      extraFiles: [{ from: staged, to: 'brand.json' }],
    });
    app.synth();
    const asset = readdirSync(outdir).find((d) => existsSync(path.join(outdir as string, d, 'index.mjs')));
    const shipped = path.join(outdir, asset ?? 'none', 'brand.json');
    const brand = brandSchema.parse(JSON.parse(readFileSync(shipped, 'utf8')));
    expect(brand.officeName).toBe('Dinas Kesehatan Kota Contoh');
    expect(brand.logo).toMatch(/^data:image\/svg\+xml;base64,/);
  }, 120_000);
});
