import { createHash } from 'node:crypto';
import { readFile, writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exportInput } from '../functions/domain/archive/export-input';
import { verifyZip } from '../functions/domain/archive/package';
import { CliProblem } from './infographic';

/**
 * `npx sebar archive export` and `archive verify` (docs/decisions/0025). Export asks the running Sebar
 * (POST /archive/exports, the same code path as the console's API), follows its progress on stderr and
 * downloads the zip; verify needs nothing but the zip.
 */
export const archiveUsage = `archive export --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.zip [--redact-authors]
  archive verify FILE.zip`;

type Request = (method: 'GET' | 'POST', path: string, body?: unknown) => Promise<Record<string, unknown>>;

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const parse = (argv: string[], allowPositionals: boolean) => {
  try {
    return parseArgs({
      args: argv,
      options: {
        from: { type: 'string' },
        to: { type: 'string' },
        out: { type: 'string' },
        'redact-authors': { type: 'boolean', default: false },
      },
      allowPositionals,
      strict: true,
    });
  } catch (error) {
    throw new CliProblem(
      `${error instanceof Error ? error.message : String(error)}\nUsage: npx sebar ${archiveUsage}`,
      2,
    );
  }
};

interface Status {
  readonly id: string;
  readonly state: string;
  readonly progress?: { done: number; total: number };
  readonly url?: string;
  readonly error?: string;
  readonly result?: { bytes: number; files: number; ms: number };
}

export const runArchiveExport = async (
  argv: string[],
  request: Request,
  log: (line: string) => void = (l) => process.stderr.write(`${l}\n`),
): Promise<string> => {
  const { values } = parse(argv, false);
  if (!values.out)
    throw new CliProblem(`--out: sebutkan berkas zip yang ditulis\nUsage: npx sebar ${archiveUsage}`, 2);
  const input = exportInput.safeParse({
    from: values.from,
    to: values.to,
    redactAuthors: values['redact-authors'],
  });
  if (!input.success)
    throw new CliProblem(
      `${input.error.issues.map((i) => `--${i.path.join('.') || 'from'}: ${i.message}`).join('\n')}\nUsage: npx sebar ${archiveUsage}`,
      2,
    );
  const started = Date.now();
  let status = (await request('POST', '/archive/exports', input.data)) as unknown as Status;
  let shown = '';
  while (status.state === 'queued' || status.state === 'running') {
    await sleep(500);
    status = (await request('GET', `/archive/exports/${status.id}`)) as unknown as Status;
    const p = status.progress;
    const line = p && p.total > 0 ? `Mengekspor ${p.done}/${p.total} catatan…` : 'Menyiapkan ekspor…';
    if (line !== shown) log(line);
    shown = line;
  }
  if (status.state !== 'ready' || !status.url)
    throw new CliProblem(`Ekspor gagal: ${status.error ?? status.state}`);
  const res = await fetch(status.url);
  if (!res.ok) throw new CliProblem(`Zip tidak dapat diunduh: HTTP ${res.status}`);
  const zip = Buffer.from(await res.arrayBuffer());
  await writeFile(values.out, zip);
  const sha = createHash('sha256').update(zip).digest('hex');
  return `Ditulis ${values.out}: ${zip.length} bita, ${status.result?.files ?? '?'} berkas, SHA-256 ${sha} (${((Date.now() - started) / 1000).toFixed(1)} s)`;
};

/** Exit code 1 and one line per file that does not match; 0 and a summary when every checksum matches. */
export const runArchiveVerify = async (argv: string[]): Promise<{ ok: boolean; lines: string[] }> => {
  const { positionals } = parse(argv, true);
  const file = positionals[0];
  if (!file || positionals.length > 1) throw new CliProblem(`Usage: npx sebar ${archiveUsage}`, 2);
  let zip: Buffer;
  try {
    zip = await readFile(file);
  } catch {
    throw new CliProblem(`Tidak bisa membaca ${file}.`);
  }
  const { files, problems, manifest } = await verifyZip(zip);
  if (problems.length === 0)
    return {
      ok: true,
      lines: [
        `OK: ${files} berkas cocok dengan manifest.json (${manifest?.from} s.d. ${manifest?.to}, dibuat ${manifest?.createdAt}).`,
      ],
    };
  const word = {
    changed: 'BERUBAH',
    missing: 'HILANG',
    'not-listed': 'TIDAK TERCANTUM',
    manifest: 'MANIFEST',
  } as const;
  return {
    ok: false,
    lines: [
      ...problems.map((p) => `${word[p.problem]}: ${p.path} (${p.detail})`),
      `GAGAL: ${problems.length} masalah dari ${files} berkas.`,
    ],
  };
};
