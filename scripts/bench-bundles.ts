/**
 * Every catalog function bundled as CDK bundles it (the settings in infra/constructs/bundling.ts), then
 * measured: minified size of index.mjs (native and shipped packages beside it not counted) and the time a
 * fresh Node process takes to start, import the bundle and exit, against a hello-world handler bundled the
 * same way. Median of several runs, because the machine is noisy. Exits non-zero when a function is over its
 * budget: 500 KB and 2 times the hello-world process (docs/decisions/0023). A reference row, "(common stack)",
 * shows what every function carries before its own code.
 *
 *   npm run bench:bundles [-- --runs 7] [-- --only content-api,webhook-x]
 */
import { execFile } from 'node:child_process';
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { builtinModules } from 'node:module';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { parseArgs, promisify } from 'node:util';
import * as esbuild from 'esbuild';
import { type FunctionSpec, functions, tables } from '../infra/catalog';
import { bundleSettings, esbuildOptions } from '../infra/constructs/bundling';

const MAX_KB = 500;
const MAX_RATIO = 2;

/**
 * Functions not yet within the budget, each with the ceiling it must stay under until it is (so it cannot
 * grow unseen). Remove an entry once the function meets the budget; docs/decisions/0023 says what is left.
 */
const PENDING: Partial<Record<string, { readonly kb: number; readonly ratio: number }>> = {
  // Every bundle is within 500 KB since the AWS calls became signed requests, the classifier's weights
  // were packed and satori moved beside the infographics bundle (docs/decisions/0023). The size ceilings
  // are the sizes measured on 2026-12-02 (evening) plus 5 %. What is pending is the import ratio: 1.4 to
  // 2.2 on this two-core machine (two runs of 7), with the common stack alone at 1.74, moving by up to 0.5
  // between runs; the ceiling of 3x catches a library loaded at import again (with its native image
  // libraries loaded at import the infographics function measured 3.2 to 3.8x; with the first render, 1.9
  // to 2.2x).
  'content-api': { kb: 289, ratio: 3 },
  'media-preview': { kb: 191, ratio: 3 },
  'infographics-api': { kb: 242, ratio: 3 },
  'dashboard-api': { kb: 223, ratio: 3 },
  'approvals-api': { kb: 232, ratio: 3 },
  'fact-finding': { kb: 242, ratio: 3 },
  'request-approval': { kb: 229, ratio: 3 },
  'send-reminders': { kb: 228, ratio: 3 },
  'approval-page': { kb: 236, ratio: 3 },
  'publish-instagram': { kb: 225, ratio: 3 },
  'publish-x': { kb: 224, ratio: 3 },
  'record-status': { kb: 206, ratio: 3 },
  'collect-metrics': { kb: 207, ratio: 3 },
  evaluate: { kb: 216, ratio: 3 },
  'feedback-api': { kb: 448, ratio: 3 },
  'operations-api': { kb: 269, ratio: 3 },
  'scheduled-jobs': { kb: 261, ratio: 3 },
  'webhook-instagram': { kb: 209, ratio: 3 },
  'webhook-x': { kb: 209, ratio: 3 },
  'process-feedback': { kb: 395, ratio: 3 },
  'archive-api': { kb: 191, ratio: 3 },
  'archive-export': { kb: 267, ratio: 3 },
};

const { values: args } = parseArgs({
  options: { runs: { type: 'string', default: '5' }, only: { type: 'string' } },
});
const runs = Math.max(1, Number(args.runs));
const only = args.only ? new Set(args.only.split(',')) : undefined;

const repoRoot = path.resolve(import.meta.dirname, '..');
// Inside the project, so the native and shipped packages left out of a bundle resolve from node_modules.
const outRoot = path.join(repoRoot, '.bench-bundles');

const build = async (name: string, entry: string, spec: FunctionSpec): Promise<string> => {
  const outfile = path.join(outRoot, name, 'index.mjs');
  await esbuild.build({ ...esbuildOptions(spec, repoRoot), entryPoints: [entry], outfile });
  return outfile;
};

/** What the stack gives a function, with names that reach nothing: importing a bundle makes no calls. */
const env: NodeJS.ProcessEnv = {
  PATH: process.env.PATH,
  AWS_REGION: 'ap-southeast-3',
  AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  AWS_ACCESS_KEY_ID: 'bench',
  AWS_SECRET_ACCESS_KEY: 'bench',
  BUCKET_NAME: 'bench-records',
  ...Object.fromEntries(tables.map((t) => [t.envVar, `bench-${t.name}`])),
};

const run = promisify(execFile);

/** One fresh process: wall time from spawn to exit, and the import alone as the process saw it. */
const freshImport = async (file: string): Promise<{ wall: number; load: number }> => {
  const script = `const t = performance.now(); const m = await import(${JSON.stringify(pathToFileURL(file).href)}); if (typeof m.handler !== 'function') throw new Error('no handler'); console.log(performance.now() - t);`;
  const started = performance.now();
  const { stdout } = await run(process.execPath, ['--input-type=module', '-e', script], {
    cwd: path.dirname(file),
    env,
  });
  return { wall: performance.now() - started, load: Number(stdout.trim()) };
};

/**
 * Packages the bundle loads at run time by name (a lazy `import("x")` or `require("x")` left in the output):
 * each must be installed or shipped beside it, or the function fails on Lambda the first time it gets there.
 */
const unshipped = async (file: string, spec: FunctionSpec): Promise<string[]> => {
  const text = await readFile(file, 'utf8');
  const named = [
    ...text.matchAll(/(?:\bimport|\brequire|import\.meta\.url\))\("((?:@[\w.-]+\/)?[\w.-]+)(?:\/[^"]*)?"\)/g),
  ].map((m) => m[1] as string);
  // The SDK tries the optional CRT signer and falls back to its own when it is absent.
  const ok = new Set([...bundleSettings(spec).external, ...builtinModules, '@aws-sdk/signature-v4-crt']);
  return [...new Set(named)].filter((n) => !ok.has(n) && !n.startsWith('node:'));
};

/**
 * Where a bundle leaves ASCII, if it does. One such character (a literal esbuild cannot escape, such as a
 * String.raw template) makes V8 keep the whole source as two-byte text, decoded more slowly at every cold
 * start; write it as an escape instead.
 */
const nonAscii = async (file: string): Promise<string | undefined> => {
  const text = await readFile(file, 'utf8');
  const at = text.search(/[\u0080-\uffff]/);
  return at < 0 ? undefined : JSON.stringify(text.slice(Math.max(0, at - 30), at + 10));
};

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? (s[mid] as number) : ((s[mid - 1] as number) + (s[mid] as number)) / 2;
};

/**
 * The bundle and hello-world in turns, so both see the same load on a shared machine; the ratio compares
 * the medians of the same window.
 */
const measure = async (file: string, helloFile: string) => {
  const samples = [];
  const hellos = [];
  for (let i = 0; i < runs; i += 1) {
    hellos.push(await freshImport(helloFile));
    samples.push(await freshImport(file));
  }
  const wall = median(samples.map((x) => x.wall));
  const helloWall = median(hellos.map((x) => x.wall));
  return {
    kb: (await stat(file)).size / 1024,
    wall,
    load: median(samples.map((x) => x.load)),
    ratio: wall / helloWall,
  };
};

await rm(outRoot, { recursive: true, force: true });
await mkdir(path.join(outRoot, 'hello-world'), { recursive: true });
const helloEntry = path.join(outRoot, 'hello-world', 'handler.ts');
await writeFile(helloEntry, "export const handler = async () => ({ statusCode: 200, body: 'hello' });\n");
const helloFile = await build('hello-world', helloEntry, {
  name: 'hello-world',
  description: 'hello',
  timeoutSeconds: 1,
  memoryMb: 128,
  access: {},
});
const hello = await measure(helloFile, helloFile);

// What every function carries before its own code: a workflow task handler (middy, Powertools Logger and
// Metrics, zod) that reads its configuration and has a DynamoDB client (the SigV4 signer, Node's https and
// crypto). Printed for reference, with no budget of its own: the 2x budget leaves each function what is
// above this row.
const floorEntry = path.join(outRoot, 'common-stack', 'handler.ts');
await mkdir(path.dirname(floorEntry), { recursive: true });
await writeFile(
  floorEntry,
  [
    "import * as z from 'zod';",
    "import { documentClient } from '../../functions/common/aws/dynamo';",
    "import { config } from '../../functions/common/config';",
    "import { taskHandler } from '../../functions/common/task';",
    "export const handler = taskHandler('common-stack', z.object({ id: z.string() }), async () => [config(), documentClient()]);",
    '',
  ].join('\n'),
);
const floorFile = await build('common-stack', floorEntry, {
  name: 'common-stack',
  description: 'common stack',
  timeoutSeconds: 1,
  memoryMb: 128,
  access: {},
});
const floor = await measure(floorFile, helloFile);

const selected = functions.filter((f) => !only || only.has(f.name));
const built = await Promise.all(
  selected.map(async (f) => ({
    spec: f as FunctionSpec,
    file: await build(f.name, path.join(repoRoot, 'functions', f.name, 'handler.ts'), f),
  })),
);

const rows: string[] = [];
const over: string[] = [];
const pad = (s: string, n: number) => s.padEnd(n);
const num = (x: number, n: number, d = 0) => x.toFixed(d).padStart(n);
rows.push(
  `${pad('function', 20)} ${'KB'.padStart(7)} ${'import ms'.padStart(10)} ${'process ms'.padStart(11)} ${'ratio'.padStart(6)}  budget`,
);
rows.push(
  `${pad('hello-world', 20)} ${num(hello.kb, 7, 1)} ${num(hello.load, 10, 1)} ${num(hello.wall, 11, 1)} ${num(1, 6, 2)}`,
);
rows.push(
  `${pad('(common stack)', 20)} ${num(floor.kb, 7, 1)} ${num(floor.load, 10, 1)} ${num(floor.wall, 11, 1)} ${num(floor.ratio, 6, 2)}  reference`,
);
console.log(rows.at(-1));
for (const { spec, file } of built) {
  const missing = await unshipped(file, spec);
  if (missing.length)
    over.push(`${spec.name}: loads ${missing.join(', ')} at run time, not shipped beside it`);
  const wide = await nonAscii(file);
  if (wide) over.push(`${spec.name}: has a non-ASCII character, near ${wide}`);
  const m = await measure(file, helloFile);
  const ratio = m.ratio;
  const pending = PENDING[spec.name];
  const limit = pending ?? { kb: MAX_KB, ratio: MAX_RATIO };
  const ok = m.kb <= limit.kb && ratio <= limit.ratio;
  if (!ok)
    over.push(
      `${spec.name}: ${m.kb.toFixed(0)} KB (limit ${limit.kb}), ${ratio.toFixed(2)}x (limit ${limit.ratio})`,
    );
  const verdict = ok ? (pending ? `ok (pending: ${limit.kb} KB, ${limit.ratio}x)` : 'ok') : 'OVER';
  rows.push(
    `${pad(spec.name, 20)} ${num(m.kb, 7, 1)} ${num(m.load, 10, 1)} ${num(m.wall, 11, 1)} ${num(ratio, 6, 2)}  ${verdict}`,
  );
  console.log(rows.at(-1));
}
console.log(`\n${rows.join('\n')}`);
console.log(
  `\n${runs} runs each, medians; ratio = a fresh process importing the bundle / one importing hello-world, measured in turns.`,
);
if (over.length) {
  console.error(`\nOver budget (${MAX_KB} KB, ${MAX_RATIO}x hello-world):\n  ${over.join('\n  ')}`);
  process.exit(1);
}
