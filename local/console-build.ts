import { readdir, readFile, rm, stat } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * Builds the staff console (web/) with Vite when its files are missing or older than their sources, and
 * measures the JavaScript the first page load needs. `npm start` and the console's browser test call
 * `ensureConsoleBuilt`, so a fresh clone works with `npm ci && npm start` and web/dist is never committed.
 */

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const CONSOLE_DIR = join(ROOT, 'web');
export const CONSOLE_DIST = join(CONSOLE_DIR, 'dist');
/** Initial JavaScript budget, gzipped (issue 13). */
export const INITIAL_JS_BUDGET_BYTES = 200 * 1024;

/** Files outside web/ that the console bundles (the server's caption rules) or that pin its tools. */
const SHARED_SOURCES = [
  'functions/domain/content/caption-rules.ts',
  'functions/domain/publishing/x-thread.ts',
  'package-lock.json',
];

const newestMtime = async (dir: string): Promise<number> => {
  let newest = 0;
  for (const entry of await readdir(dir, { withFileTypes: true })) {
    if (entry.name === 'dist' || entry.name === 'node_modules') continue;
    const path = join(dir, entry.name);
    const time = entry.isDirectory() ? await newestMtime(path) : (await stat(path)).mtimeMs;
    newest = Math.max(newest, time);
  }
  return newest;
};

export const consoleNeedsBuild = async (): Promise<boolean> => {
  let built: number;
  try {
    built = (await stat(join(CONSOLE_DIST, 'index.html'))).mtimeMs;
  } catch {
    return true;
  }
  let newest = await newestMtime(CONSOLE_DIR);
  for (const file of SHARED_SOURCES) {
    newest = Math.max(
      newest,
      await stat(join(ROOT, file)).then(
        (s) => s.mtimeMs,
        () => 0,
      ),
    );
  }
  return newest > built;
};

interface ManifestChunk {
  readonly file: string;
  readonly isEntry?: boolean;
  readonly imports?: readonly string[];
}

export interface InitialJs {
  readonly files: readonly string[];
  readonly bytes: number;
  readonly gzipBytes: number;
}

/** The entry chunk and every chunk it imports statically (what loads before the first screen shows). */
export const measureInitialJs = async (dist = CONSOLE_DIST): Promise<InitialJs> => {
  const manifest = JSON.parse(await readFile(join(dist, '.vite', 'manifest.json'), 'utf8')) as Record<
    string,
    ManifestChunk
  >;
  const seen = new Set<string>();
  const visit = (key: string) => {
    if (seen.has(key)) return;
    seen.add(key);
    for (const next of manifest[key]?.imports ?? []) visit(next);
  };
  for (const [key, chunk] of Object.entries(manifest)) if (chunk.isEntry) visit(key);
  const files = [...seen].map((k) => manifest[k]?.file).filter((f): f is string => !!f?.endsWith('.js'));
  let bytes = 0;
  let gzipBytes = 0;
  for (const file of files) {
    const content = await readFile(join(dist, file));
    bytes += content.length;
    gzipBytes += gzipSync(content, { level: 9 }).length;
  }
  return { files, bytes, gzipBytes };
};

export const formatKb = (bytes: number): string => `${(bytes / 1024).toFixed(1)} KB`;

/** Runs `vite build` for web/ and checks the budget; an over-budget build is removed and refused. */
export const buildConsole = async (options: { quiet?: boolean } = {}): Promise<InitialJs> => {
  const { build } = await import('vite');
  await build({ configFile: join(CONSOLE_DIR, 'vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info' });
  const initial = await measureInitialJs();
  if (initial.gzipBytes > INITIAL_JS_BUDGET_BYTES) {
    await rm(join(CONSOLE_DIST, 'index.html'), { force: true });
    throw new Error(
      `The console's initial JavaScript is ${formatKb(initial.gzipBytes)} gzipped, over the ${formatKb(INITIAL_JS_BUDGET_BYTES)} budget`,
    );
  }
  return initial;
};

/** Builds the console if needed; returns what was built, or undefined when it was already up to date. */
export const ensureConsoleBuilt = async (
  options: { quiet?: boolean; log?: (line: string) => void } = {},
): Promise<InitialJs | undefined> => {
  if (!(await consoleNeedsBuild())) return undefined;
  options.log?.('Building the staff console (web/ changed or was never built)...');
  return buildConsole({ quiet: options.quiet });
};
