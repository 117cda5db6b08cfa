import { readFileSync } from 'node:fs';
import { dirname, extname, resolve } from 'node:path';
import * as z from 'zod';
import { type Brand, brandSchema, defaultBrand } from './brand';

/**
 * The office's brand kit as a file: `{officeName, colors, logoFile}` in JSON, the logo (PNG or SVG) named
 * relative to the file. The CLI reads it with `--brand`, the API from INFOGRAPHIC_BRAND_FILE (the synth
 * validates it and ships it beside the function), so one file gives every image the same look.
 */

export class BrandFileError extends Error {
  override readonly name = 'BrandFileError';
}

const brandFileShape = z.object({ logoFile: z.string().min(1).optional() }).loose();

const MIME: Record<string, string> = { '.png': 'image/png', '.svg': 'image/svg+xml' };

const read = (file: string, what: string): Buffer => {
  try {
    return readFileSync(file);
  } catch {
    throw new BrandFileError(`Tidak bisa membaca ${what} ${file}.`);
  }
};

export const brandFromFile = (file: string): Brand => {
  const path = resolve(file);
  let raw: unknown;
  try {
    raw = JSON.parse(read(path, 'berkas merek').toString('utf8'));
  } catch (error) {
    if (error instanceof BrandFileError) throw error;
    throw new BrandFileError(`Berkas merek ${file} bukan JSON yang valid.`);
  }
  const shape = brandFileShape.safeParse(raw);
  if (!shape.success) throw new BrandFileError(`Berkas merek ${file}: isinya harus objek JSON.`);
  const { logoFile, ...rest } = shape.data;
  let logo: string | undefined;
  if (logoFile) {
    const mime = MIME[extname(logoFile).toLowerCase()];
    if (!mime) throw new BrandFileError(`Logo ${logoFile}: pakai berkas PNG atau SVG.`);
    const bytes = read(resolve(dirname(path), logoFile), 'logo');
    logo = `data:${mime};base64,${bytes.toString('base64')}`;
  }
  const parsed = brandSchema.safeParse({ ...rest, ...(logo ? { logo } : {}) });
  if (!parsed.success)
    throw new BrandFileError(
      `Berkas merek ${file}: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  return parsed.data;
};

/** The brand a process renders with: the configured file read once, or the default palette. */
let configured: Brand | undefined;
export const configuredBrand = (file: string | undefined): Brand => {
  configured ??= file ? brandFromFile(file) : defaultBrand;
  return configured;
};
