import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { z } from 'zod';

/**
 * Where a V8 CPU profile's time went: self time summed by function and by file (node_modules folded to
 * their package), and inclusive time by file (a sample counts once for every file on its stack), as
 * percentages of the busy samples (idle and program are shown apart). For profiles written by
 * `node --cpu-prof` or `load-webhooks --profile`:
 *
 *   npx tsx scripts/cpu-profile-summary.ts --top 25 CPU.*.cpuprofile
 */

const profile = z.object({
  nodes: z.array(
    z.object({
      id: z.number(),
      callFrame: z.object({ functionName: z.string(), url: z.string(), lineNumber: z.number() }),
      children: z.array(z.number()).optional(),
    }),
  ),
  samples: z.array(z.number()),
  timeDeltas: z.array(z.number()),
});

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { top: { type: 'string', default: '25' } },
});
const top = z.coerce.number().int().min(1).max(500).parse(values.top);
if (!positionals.length) {
  console.error('Usage: npx tsx scripts/cpu-profile-summary.ts [--top 25] <file.cpuprofile>...');
  process.exit(2);
}

/** A file's short name: the package for node_modules, else the path inside the repository. */
const where = (url: string): string => {
  if (!url) return '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url)?.[1];
  if (pkg) return pkg;
  if (url.startsWith('node:')) return url;
  return url.replace(/^file:\/\//, '').replace(`${process.cwd()}/`, '');
};

const byFunction = new Map<string, number>();
const byFile = new Map<string, number>();
const inclusive = new Map<string, number>();
let total = 0;
for (const file of positionals) {
  const p = profile.parse(JSON.parse(await readFile(file, 'utf8')));
  const nodes = new Map(p.nodes.map((n) => [n.id, n.callFrame]));
  const parent = new Map<number, number>();
  for (const n of p.nodes) for (const c of n.children ?? []) parent.set(c, n.id);
  p.samples.forEach((id, i) => {
    const dt = p.timeDeltas[i] ?? 0;
    const f = nodes.get(id);
    if (!f) return;
    if (f.functionName === '(idle)' || f.functionName === '(program)') {
      byFile.set(f.functionName, (byFile.get(f.functionName) ?? 0) + dt);
      return;
    }
    total += dt;
    const seen = new Set<string>();
    for (let at: number | undefined = id; at !== undefined; at = parent.get(at)) {
      const frame = nodes.get(at);
      if (frame?.url) seen.add(where(frame.url));
    }
    for (const w of seen) inclusive.set(w, (inclusive.get(w) ?? 0) + dt);
    const name = `${f.functionName || '(anonymous)'} ${where(f.url)}:${f.lineNumber + 1}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + dt);
    byFile.set(where(f.url), (byFile.get(where(f.url)) ?? 0) + dt);
  });
}

const print = (title: string, m: Map<string, number>) => {
  console.log(`\n${title} (% of ${(total / 1e6).toFixed(1)} s busy)`);
  for (const [k, v] of [...m].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(
      `${((v * 100) / total).toFixed(1).padStart(6)} %  ${(v / 1000).toFixed(0).padStart(7)} ms  ${k}`,
    );
};
print('By file or package', byFile);
print('By function', byFunction);
print('Inclusive, by file or package on the stack', inclusive);
