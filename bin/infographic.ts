import { readFile, writeFile } from 'node:fs/promises';
import { extname, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { ValidationError } from '../functions/common/errors';
import { defaultBrand } from '../functions/domain/infographics/brand';
import { BrandFileError, brandFromFile } from '../functions/domain/infographics/brand-file';
import { dataFromCsv, TEMPLATES, type Template } from '../functions/domain/infographics/data';
import { renderInfographic } from '../functions/domain/infographics/render';

/** `npx sebar infographic`: renders in this process (no running Sebar needed), through the same code as the API. */

export const infographicUsage =
  'infographic --template bar|trend|figure|checklist|schedule --data FILE.csv|FILE.json --title "..." [--subtitle "..."] [--source "..."] --size instagram-portrait|instagram-square|x-landscape [--format png|jpeg] [--brand FILE.json] --out FILE';

/** A problem the operator fixes: printed as is, exit code 2 (usage) or 1 (data). */
export class CliProblem extends Error {
  constructor(
    message: string,
    readonly code = 1,
  ) {
    super(message);
  }
}

const args = z.object({
  template: z.enum(TEMPLATES, { error: '--template: bar, trend, figure, checklist atau schedule' }),
  data: z.string({ error: '--data: sebutkan berkas CSV atau JSON' }).min(1),
  title: z.string({ error: '--title: judul wajib diisi' }),
  subtitle: z.string().optional(),
  source: z.string().optional(),
  size: z.string({ error: '--size: instagram-portrait, instagram-square atau x-landscape' }),
  format: z.enum(['png', 'jpeg'], { error: '--format: png atau jpeg' }).optional(),
  brand: z.string().min(1).optional(),
  out: z.string({ error: '--out: sebutkan berkas gambar yang ditulis' }).min(1),
});

const readText = async (file: string, what: string): Promise<string> => {
  try {
    return await readFile(resolve(file), 'utf8');
  } catch {
    throw new CliProblem(`Tidak bisa membaca ${what} ${file}.`);
  }
};

const loadBrand = (file: string | undefined) => {
  if (!file) return defaultBrand;
  try {
    return brandFromFile(file);
  } catch (error) {
    if (error instanceof BrandFileError) throw new CliProblem(error.message);
    throw error;
  }
};

const loadData = async (template: Template, file: string): Promise<unknown> => {
  const text = await readText(file, 'berkas data');
  const ext = extname(file).toLowerCase();
  if (ext === '.csv') return dataFromCsv(template, text);
  if (ext === '.json') {
    try {
      return JSON.parse(text) as unknown;
    } catch (error) {
      throw new CliProblem(`Berkas ${file} bukan JSON yang valid: ${(error as Error).message}`);
    }
  }
  throw new CliProblem(`--data: berkas harus .csv atau .json (bukan ${ext || 'tanpa akhiran'}).`, 2);
};

export const runInfographic = async (argv: string[]) => {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: Object.fromEntries(Object.keys(args.shape).map((k) => [k, { type: 'string' as const }])),
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    throw new CliProblem(`${(error as Error).message}\nUsage: npx sebar ${infographicUsage}`, 2);
  }
  const o = args.safeParse(values);
  if (!o.success)
    throw new CliProblem(
      `${o.error.issues.map((i) => i.message).join('\n')}\nUsage: npx sebar ${infographicUsage}`,
      2,
    );
  const opts = o.data;
  const format = opts.format ?? (/\.jpe?g$/i.test(opts.out) ? 'jpeg' : 'png');
  try {
    const brand = loadBrand(opts.brand);
    const data = await loadData(opts.template, opts.data);
    const image = await renderInfographic(
      {
        template: opts.template,
        title: opts.title,
        ...(opts.subtitle !== undefined ? { subtitle: opts.subtitle } : {}),
        ...(opts.source !== undefined ? { source: opts.source } : {}),
        size: opts.size,
        format,
        data,
      },
      brand,
    );
    await writeFile(resolve(opts.out), image.bytes);
    return { file: opts.out, width: image.width, height: image.height, altText: image.altText };
  } catch (error) {
    if (error instanceof ValidationError) throw new CliProblem(error.message);
    throw error;
  }
};
