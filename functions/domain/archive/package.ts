import { createHash } from 'node:crypto';
import type { Readable } from 'node:stream';
import * as yauzl from 'yauzl';
import * as yazl from 'yazl';

/**
 * The export's zip and its manifest: `manifest.json` lists every other file with its SHA-256 and size, and
 * verification recomputes them from the zip alone (no running Sebar needed), naming each file that does not
 * match, is missing, or is not listed.
 */
export const MANIFEST = 'manifest.json';

export interface ManifestFile {
  readonly path: string;
  readonly sha256: string;
  readonly bytes: number;
}

export interface Manifest {
  readonly from: string;
  readonly to: string;
  readonly createdAt: string;
  readonly redactedAuthors: boolean;
  readonly counts: Record<string, number>;
  readonly files: readonly ManifestFile[];
}

const digest = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

export const manifestOf = (files: ReadonlyMap<string, Buffer>, head: Omit<Manifest, 'files'>): Manifest => ({
  ...head,
  files: [...files.entries()]
    .filter(([path]) => path !== MANIFEST)
    .map(([path, bytes]) => ({ path, sha256: digest(bytes), bytes: bytes.length })),
});

/** The zip of the files, manifest.json first; entries carry the export's time so equal files zip alike. */
export const zipFiles = async (files: ReadonlyMap<string, Buffer>, manifest: Manifest): Promise<Buffer> => {
  const zip = new yazl.ZipFile();
  const mtime = new Date(manifest.createdAt);
  zip.addBuffer(Buffer.from(`${JSON.stringify(manifest, null, 2)}\n`), MANIFEST, { mtime });
  for (const [path, bytes] of files) if (path !== MANIFEST) zip.addBuffer(bytes, path, { mtime });
  zip.end();
  const chunks: Buffer[] = [];
  for await (const chunk of zip.outputStream as AsyncIterable<Buffer>) chunks.push(chunk);
  return Buffer.concat(chunks);
};

const readAll = async (stream: Readable): Promise<Buffer> => {
  const chunks: Buffer[] = [];
  for await (const chunk of stream) chunks.push(Buffer.from(chunk as Buffer));
  return Buffer.concat(chunks);
};

/** Every file entry of a zip, by path. A zip that cannot be read throws. */
export const unzipFiles = async (zip: Buffer): Promise<Map<string, Buffer>> => {
  const zipfile = await yauzl.fromBufferPromise(zip, { lazyEntries: true });
  const files = new Map<string, Buffer>();
  await new Promise<void>((resolve, reject) => {
    zipfile.on('error', reject);
    zipfile.on('end', () => resolve());
    zipfile.on('entry', (entry: yauzl.Entry) => {
      if (entry.fileName.endsWith('/')) {
        zipfile.readEntry();
        return;
      }
      zipfile
        .openReadStreamPromise(entry)
        .then(readAll)
        .then((bytes) => {
          files.set(entry.fileName, bytes);
          zipfile.readEntry();
        })
        .catch(reject);
    });
    zipfile.readEntry();
  });
  return files;
};

export interface VerifyProblem {
  readonly path: string;
  readonly problem: 'changed' | 'missing' | 'not-listed' | 'manifest';
  readonly detail: string;
}

const manifestShape = (value: unknown): value is { files: ManifestFile[] } =>
  typeof value === 'object' &&
  value !== null &&
  Array.isArray((value as { files?: unknown }).files) &&
  (value as { files: unknown[] }).files.every(
    (f) =>
      typeof f === 'object' &&
      f !== null &&
      typeof (f as ManifestFile).path === 'string' &&
      typeof (f as ManifestFile).sha256 === 'string' &&
      typeof (f as ManifestFile).bytes === 'number',
  );

/** Checks every file against the manifest; an empty list means the export is exactly as it was made. */
export const verifyFiles = (files: ReadonlyMap<string, Buffer>): VerifyProblem[] => {
  const raw = files.get(MANIFEST);
  if (!raw) return [{ path: MANIFEST, problem: 'missing', detail: 'the zip has no manifest.json' }];
  let manifest: unknown;
  try {
    manifest = JSON.parse(raw.toString('utf8'));
  } catch {
    return [{ path: MANIFEST, problem: 'manifest', detail: 'manifest.json is not JSON' }];
  }
  if (!manifestShape(manifest))
    return [{ path: MANIFEST, problem: 'manifest', detail: 'manifest.json has no valid files list' }];
  const problems: VerifyProblem[] = [];
  const listed = new Set<string>();
  for (const f of manifest.files) {
    listed.add(f.path);
    const bytes = files.get(f.path);
    if (!bytes) {
      problems.push({ path: f.path, problem: 'missing', detail: 'listed in the manifest, not in the zip' });
      continue;
    }
    const actual = digest(bytes);
    if (actual !== f.sha256 || bytes.length !== f.bytes)
      problems.push({
        path: f.path,
        problem: 'changed',
        detail: `sha256 ${actual} (${bytes.length} bytes), manifest says ${f.sha256} (${f.bytes} bytes)`,
      });
  }
  for (const path of files.keys())
    if (path !== MANIFEST && !listed.has(path))
      problems.push({ path, problem: 'not-listed', detail: 'in the zip, not in the manifest' });
  return problems;
};

/** Reads and checks a zip; a zip that cannot be read is one problem naming the file itself. */
export const verifyZip = async (
  zip: Buffer,
): Promise<{ files: number; problems: VerifyProblem[]; manifest?: Manifest }> => {
  let files: Map<string, Buffer>;
  try {
    files = await unzipFiles(zip);
  } catch (error) {
    return {
      files: 0,
      problems: [{ path: '(zip)', problem: 'manifest', detail: `not a readable zip: ${String(error)}` }],
    };
  }
  const problems = verifyFiles(files);
  let manifest: Manifest | undefined;
  try {
    manifest = JSON.parse(files.get(MANIFEST)?.toString('utf8') ?? 'null') as Manifest;
  } catch {
    manifest = undefined;
  }
  return { files: files.size - (files.has(MANIFEST) ? 1 : 0), problems, ...(manifest ? { manifest } : {}) };
};
