import { readFileSync } from 'node:fs';
import path from 'node:path';

/**
 * Packages a function needs as files at run time, not as bundled code: tesseract.js starts a worker thread
 * from its own worker script and loads its WebAssembly core and language data from their package folders,
 * so esbuild cannot inline them. They are pure JavaScript and wasm (nothing built for one platform), so
 * they are copied beside the bundle from the project's node_modules: exactly the tree the lock file pins
 * and the tests ran, with no registry reached at synth time.
 */

interface LockEntry {
  readonly version?: string;
  readonly dependencies?: Record<string, string>;
  readonly optionalDependencies?: Record<string, string>;
  readonly dev?: boolean;
}

interface Lock {
  readonly packages: Record<string, LockEntry>;
}

/** Where Node finds `dep` from the package installed at `from` (`node_modules/a/node_modules/b` …). */
const resolveFrom = (packages: Lock['packages'], from: string, dep: string): string | undefined => {
  let base = from;
  for (;;) {
    const candidate = `${base}/node_modules/${dep}`;
    if (packages[candidate]) return candidate;
    const up = base.lastIndexOf('/node_modules/');
    if (up < 0) break;
    base = base.slice(0, up);
  }
  return packages[`node_modules/${dep}`] ? `node_modules/${dep}` : undefined;
};

/**
 * Packages whose run time is a few of their files: only these files are shipped, with the packages they
 * depend on where `dependencies` says so. sastrawijs declares a Babel plugin (with Babel's runtime, core-js 2
 * and lodash, some megabytes) as a dependency, but its CommonJS build requires nothing. satori's ESM build
 * (its layout engine inlined) is one file of a 26 MB folder of source maps and other builds.
 */
export const RUNTIME_FILES: Readonly<
  Record<string, { readonly files: readonly string[]; readonly dependencies: boolean }>
> = {
  sastrawijs: { files: ['package.json', 'LICENSE', 'dist/sastrawijs.cjs.js'], dependencies: false },
  satori: { files: ['package.json', 'LICENSE', 'dist/index.js'], dependencies: true },
};

/**
 * The folders (relative to the project root, e.g. `node_modules/tesseract.js`) holding the named packages and
 * everything they depend on, per package-lock.json. A folder inside another listed folder is left out: it
 * is copied with its parent.
 */
export const shippedModuleFolders = (repoRoot: string, modules: readonly string[]): string[] => {
  const lock = JSON.parse(readFileSync(path.join(repoRoot, 'package-lock.json'), 'utf8')) as Lock;
  const found = new Set<string>();
  const visit = (at: string) => {
    if (found.has(at)) return;
    found.add(at);
    visitDependencies(at);
  };
  const visitDependencies = (at: string) => {
    const entry = lock.packages[at];
    for (const dep of Object.keys({ ...entry?.dependencies, ...entry?.optionalDependencies })) {
      const where = resolveFrom(lock.packages, at, dep);
      // An optional dependency for another platform is absent from the lock: nothing to ship.
      if (where) visit(where);
    }
  };
  for (const m of modules) {
    const at = `node_modules/${m}`;
    if (!lock.packages[at]) throw new Error(`shippedModules: ${m} is not in package-lock.json`);
    const some = RUNTIME_FILES[m];
    if (!some) visit(at);
    // Its own files are copied one by one (below); what it depends on, whole.
    else if (some.dependencies) visitDependencies(at);
  }
  const all = [...found].sort();
  return all.filter((f) => !all.some((other) => other !== f && f.startsWith(`${other}/`)));
};

/** Shell commands that copy those folders into a bundle's output folder. */
export const shipModulesCommands = (
  repoRoot: string,
  outputDir: string,
  modules: readonly string[],
): string[] => [
  ...shippedModuleFolders(repoRoot, modules).map((folder) => {
    const target = path.join(outputDir, folder);
    return `mkdir -p "${path.dirname(target)}" && cp -R "${path.join(repoRoot, folder)}" "${target}"`;
  }),
  ...modules.flatMap((m) =>
    (RUNTIME_FILES[m]?.files ?? []).map((file) => {
      const target = path.join(outputDir, 'node_modules', m, file);
      return `mkdir -p "${path.dirname(target)}" && cp "${path.join(repoRoot, 'node_modules', m, file)}" "${target}"`;
    }),
  ),
];
