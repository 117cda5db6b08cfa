import path from 'node:path';
import * as esbuild from 'esbuild';
import { functions } from '../infra/catalog';
import { esbuildOptions } from '../infra/constructs/bundling';

/**
 * What a function's bundle is made of: `npm run bundle:parts -- <function> [count]` bundles it as the stack
 * does (infra/constructs/bundling.ts) and prints its minified size per package, largest first. For deciding
 * what to trim next against the bundle budget (docs/decisions/0023); nothing is written to the project.
 */

const [name = '', count = '20'] = process.argv.slice(2);
const spec = functions.find((f) => f.name === name);
if (!spec) {
  console.error(
    `usage: npm run bundle:parts -- <function> [count]\nfunctions: ${functions.map((f) => f.name).join(', ')}`,
  );
  process.exit(2);
}
const repoRoot = path.resolve(import.meta.dirname, '..');
const result = await esbuild.build({
  ...esbuildOptions(spec, repoRoot),
  entryPoints: [path.join(repoRoot, 'functions', name, 'handler.ts')],
  outfile: 'index.mjs',
  sourcemap: false,
  write: false,
  metafile: true,
});
const output = Object.values(result.metafile?.outputs ?? {}).find((o) => o.entryPoint);
if (!output) throw new Error('esbuild wrote no entry bundle');
const parts = new Map<string, number>();
for (const [file, input] of Object.entries(output.inputs)) {
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(file)?.[1] ?? file.split('/').slice(0, 2).join('/');
  parts.set(pkg, (parts.get(pkg) ?? 0) + input.bytesInOutput);
}
const kb = (n: number) => (n / 1024).toFixed(1).padStart(8);
console.log(`${name}: ${kb(output.bytes).trim()} KB minified`);
for (const [pkg, bytes] of [...parts].sort((a, b) => b[1] - a[1]).slice(0, Number(count) || 20))
  console.log(`${kb(bytes)} KB  ${pkg}`);
