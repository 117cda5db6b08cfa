import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

/** The import direction of docs/architecture.md: handlers → domain → adapters → AWS SDK. */
const root = join(import.meta.dirname, '..', '..');
const filesUnder = (dir: string): string[] =>
  readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? filesUnder(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );
const importsOf = (file: string): string[] =>
  [...readFileSync(join(root, file), 'utf8').matchAll(/(?:from|import)\s*\(?\s*['"]([^'"]+)['"]/g)].map(
    (m) => m[1] as string,
  );

describe('the direction of imports', () => {
  const domain = filesUnder('functions/domain');

  it('finds the domain code', () => {
    expect(domain.length).toBeGreaterThan(40);
  });

  it('domain code imports no AWS SDK package', () => {
    const offenders = domain.filter((f) => importsOf(f).some((s) => s.startsWith('@aws-sdk/')));
    expect(offenders).toEqual([]);
  });

  it('domain code does not import handlers or the local runtime', () => {
    const offenders = domain.flatMap((f) =>
      importsOf(f)
        .filter((s) => s.startsWith('.'))
        .map((s) => relative(root, join(root, f, '..', s)))
        .filter((target) => /^functions\/[a-z-]+\/handler/.test(target) || target.startsWith('local/'))
        .map((target) => `${f} → ${target}`),
    );
    expect(offenders).toEqual([]);
  });

  it('adapters do not import handlers', () => {
    const offenders = filesUnder('functions/adapters').filter((f) =>
      importsOf(f).some((s) => /\/handler$/.test(s)),
    );
    expect(offenders).toEqual([]);
  });
});
