import * as z from 'zod';
import { type FieldIssue, ValidationError } from '../../common/errors';
import { formatTimeRange, isRealDate } from './format';

/** What each template draws, validated; and the CSV form staff export from a spreadsheet. */

import { SIZES, type SizeName, TEMPLATES, type Template } from './kinds';

export { SIZES, type SizeName, TEMPLATES, type Template };

const text = (max: number) =>
  z.string().trim().min(1, 'tidak boleh kosong').max(max, `paling banyak ${max} karakter`);
const unit = z.string().trim().min(1).max(12).optional();
const value = z
  .number({ error: 'harus angka (mis. 1250 atau 12.5 dalam JSON)' })
  .finite()
  .nonnegative('tidak boleh negatif')
  .max(1e12);

export const MAX_ROWS = { bar: 30, trend: 24, checklist: 6, schedule: 8 } as const;

const labelled = (max: number, min: number) =>
  z
    .object({
      unit,
      rows: z
        .array(z.object({ label: text(60), value }).strict())
        .min(min, `paling sedikit ${min} baris`)
        .max(max, `paling banyak ${max} baris`),
    })
    .strict();

export const dataSchemas = {
  bar: labelled(MAX_ROWS.bar, 1),
  trend: labelled(MAX_ROWS.trend, 2),
  figure: z
    .object({
      label: text(100),
      value: z.number().finite().max(1e12),
      unit,
      previous: z
        .object({ label: text(40), value: z.number().finite().max(1e12) })
        .strict()
        .optional(),
    })
    .strict(),
  checklist: z
    .object({
      points: z
        .array(text(140))
        .min(1, 'paling sedikit 1 poin')
        .max(MAX_ROWS.checklist, `paling banyak ${MAX_ROWS.checklist} poin`),
    })
    .strict(),
  schedule: z
    .object({
      rows: z
        .array(
          z
            .object({
              date: z
                .string()
                .refine(isRealDate, 'bukan tanggal yang ada (tulis YYYY-MM-DD, mis. 2026-12-08)'),
              place: text(80),
              time: z
                .string()
                .refine((t) => formatTimeRange(t) !== undefined, 'bukan jam (tulis 08.00 atau 08.00-11.00)'),
            })
            .strict(),
        )
        .min(1, 'paling sedikit 1 baris')
        .max(MAX_ROWS.schedule, `paling banyak ${MAX_ROWS.schedule} baris`),
    })
    .strict(),
} as const;

export type TemplateData = { [T in Template]: z.infer<(typeof dataSchemas)[T]> };

const common = {
  title: text(150),
  subtitle: text(200).optional(),
  // The image writes "Sumber: " itself; one typed in front is not doubled.
  source: text(200)
    .transform((v) => v.replace(/^sumber\s*:\s*/i, ''))
    .pipe(text(200))
    .optional(),
  size: z.enum(Object.keys(SIZES) as [SizeName, ...SizeName[]], {
    error: 'ukuran: instagram-portrait, instagram-square atau x-landscape',
  }),
  format: z.enum(['png', 'jpeg']).default('png'),
};

export const infographicRequest = z.discriminatedUnion(
  'template',
  TEMPLATES.map((t) =>
    z.object({ template: z.literal(t), ...common, data: dataSchemas[t] }).strict(),
  ) as unknown as [z.ZodObject<{ template: z.ZodLiteral<'bar'> }>],
  { error: 'template: bar, trend, figure, checklist atau schedule' },
);

export type InfographicRequest = {
  [T in Template]: {
    template: T;
    title: string;
    subtitle?: string | undefined;
    source?: string | undefined;
    size: SizeName;
    format: 'png' | 'jpeg';
    data: TemplateData[T];
  };
}[Template];

const pathText = (path: readonly PropertyKey[]): string =>
  path.map((p, i) => (typeof p === 'number' ? `[${p}]` : `${i ? '.' : ''}${String(p)}`)).join('');

/** Validates a request (JSON body or CLI options); a problem is a 400 naming the field. */
export const parseRequest = (input: unknown): InfographicRequest => {
  const r = infographicRequest.safeParse(input);
  if (!r.success) {
    const issues: FieldIssue[] = r.error.issues.map((i) => ({ path: pathText(i.path), message: i.message }));
    throw new ValidationError(
      `Data infografis tidak valid: ${issues.map((i) => `${i.path || 'isi'}: ${i.message}`).join('; ')}`,
      issues,
    );
  }
  return r.data as InfographicRequest;
};

// ---------------------------------------------------------------- CSV

/**
 * Splits CSV text into rows of cells (quotes, doubled quotes, CRLF). The separator is the one the first
 * line uses: a tab (cells copied from a spreadsheet and pasted), ';' (a spreadsheet in Indonesian settings
 * saves CSV so, since ',' is its decimal mark) or ','.
 */
export const splitCsv = (input: string): string[][] => {
  const body = input.replace(/^\uFEFF/, '');
  const firstLine = body.split(/\r?\n/, 1)[0] ?? '';
  const sep = firstLine.includes('\t')
    ? '\t'
    : firstLine.includes(';') && !firstLine.includes(',')
      ? ';'
      : ',';
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < body.length; i += 1) {
    const ch = body[i];
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i += 1;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"' && cell.trim() === '') {
      quoted = true;
      cell = '';
    } else if (ch === sep) {
      row.push(cell.trim());
      cell = '';
    } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && body[i + 1] === '\n') i += 1;
      row.push(cell.trim());
      rows.push(row);
      row = [];
      cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length) {
    row.push(cell.trim());
    rows.push(row);
  }
  return rows;
};

const NUMBER = /^-?(\d{1,3}(\.\d{3})+|\d+)(,\d+)?$/;

/** An Indonesian figure: "1.250", "12,5", "12,5%"; undefined when it is not one. */
export const parseIndonesianNumber = (cell: string): { value: number; percent: boolean } | undefined => {
  const t = cell.replace(/\s/g, '');
  const percent = t.endsWith('%');
  const digits = percent ? t.slice(0, -1) : t;
  if (!NUMBER.test(digits)) return undefined;
  return { value: Number(digits.replace(/\./g, '').replace(',', '.')), percent };
};

const refuse = (message: string, path = 'data'): never => {
  throw new ValidationError(message, [{ path, message }]);
};

/**
 * Turns CSV text into the template's data. Row numbers are the file's lines (the header is baris 1);
 * columns are named by the header, so a message reads `baris 3, kolom kasus: "dua belas" bukan angka`.
 */
export const dataFromCsv = (template: Template, csv: string): unknown => {
  const all = splitCsv(csv);
  const rows = all.filter((r) => r.some((c) => c !== ''));
  if (rows.length === 0)
    return refuse('Berkas CSV kosong: baris 1 harus berisi nama kolom, lalu baris data.');
  const header = rows[0] ?? [];
  const lineOf = (r: string[]) => all.indexOf(r) + 1;
  const body = rows.slice(1);
  const need = { bar: 2, trend: 2, figure: 2, checklist: 1, schedule: 3 }[template];
  const names = {
    bar: 'label, nilai',
    trend: 'periode, nilai',
    figure: 'periode, nilai',
    checklist: 'poin',
    schedule: 'tanggal, tempat, waktu',
  }[template];
  if (header.length < need || header.slice(0, need).some((h) => h === ''))
    return refuse(
      `Baris 1 harus berisi ${need} nama kolom (${names}); ada ${header.filter((h) => h).length}.`,
    );
  if (body.length === 0)
    return refuse('Berkas CSV hanya berisi nama kolom; tambahkan baris data mulai baris 2.');
  const max = template === 'figure' ? 2 : MAX_ROWS[template];
  if (body.length > max)
    return refuse(
      `Terlalu banyak baris data (${body.length}); template ${template} memuat paling banyak ${max}.`,
    );
  const column = (i: number) => header[i] ?? `ke-${i + 1}`;
  const cellOf = (r: string[], i: number): string => {
    const c = r[i] ?? '';
    if (c === '') refuse(`baris ${lineOf(r)}, kolom ${column(i)}: kosong`, `baris ${lineOf(r)}.${column(i)}`);
    return c;
  };
  const numberOf = (r: string[], i: number) => {
    const c = cellOf(r, i);
    const n = parseIndonesianNumber(c);
    if (!n)
      return refuse(
        `baris ${lineOf(r)}, kolom ${column(i)}: "${c}" bukan angka (tulis mis. 1.250 atau 12,5)`,
        `baris ${lineOf(r)}.${column(i)}`,
      );
    if (n.value < 0 && template !== 'figure')
      refuse(
        `baris ${lineOf(r)}, kolom ${column(i)}: tidak boleh negatif`,
        `baris ${lineOf(r)}.${column(i)}`,
      );
    return n;
  };
  const percentHeader = /\(%\)|persen/i.test(header[1] ?? '');
  switch (template) {
    case 'bar':
    case 'trend': {
      const parsed = body.map((r) => ({ label: cellOf(r, 0), n: numberOf(r, 1) }));
      const percent = percentHeader || parsed.some((p) => p.n.percent);
      return {
        ...(percent ? { unit: '%' } : {}),
        rows: parsed.map((p) => ({ label: p.label, value: p.n.value })),
      };
    }
    case 'figure': {
      const parsed = body.map((r) => ({ label: cellOf(r, 0), n: numberOf(r, 1) }));
      const current = parsed[parsed.length - 1];
      const previous = parsed.length === 2 ? parsed[0] : undefined;
      const percent = percentHeader || parsed.some((p) => p.n.percent);
      return {
        label: `${column(1).replace(/\s*\(%\)\s*/, '')}, ${current?.label}`,
        value: current?.n.value,
        ...(percent ? { unit: '%' } : {}),
        ...(previous ? { previous: { label: previous.label, value: previous.n.value } } : {}),
      };
    }
    case 'checklist':
      return { points: body.map((r) => cellOf(r, 0)) };
    case 'schedule':
      return {
        rows: body.map((r) => {
          const date = cellOf(r, 0);
          if (!isRealDate(date))
            refuse(
              `baris ${lineOf(r)}, kolom ${column(0)}: "${date}" bukan tanggal yang ada (tulis YYYY-MM-DD, mis. 2026-12-08)`,
              `baris ${lineOf(r)}.${column(0)}`,
            );
          const time = cellOf(r, 2);
          if (formatTimeRange(time) === undefined)
            refuse(
              `baris ${lineOf(r)}, kolom ${column(2)}: "${time}" bukan jam (tulis 08.00 atau 08.00-11.00)`,
              `baris ${lineOf(r)}.${column(2)}`,
            );
          return { date, place: cellOf(r, 1), time };
        }),
      };
  }
};

const csvEnvelope = z
  .object({
    csv: z
      .string({ error: 'csv harus teks' })
      .max(60_000, 'tabel paling banyak 60.000 karakter; ambil baris yang perlu saja'),
    data: z.never({ error: 'kirim data atau csv, bukan keduanya' }).optional(),
  })
  .loose();

/**
 * A request whose figures come as CSV text (a table pasted or uploaded in the console) gets its `data`
 * from the same reader as the CLI, so both name the same row and column when a cell is wrong.
 */
export const withCsvData = (input: unknown): unknown => {
  if (!input || typeof input !== 'object' || !('csv' in input)) return input;
  const r = csvEnvelope.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    return refuse(issue?.message ?? 'csv tidak valid', pathText(issue?.path ?? ['csv']));
  }
  const { csv, data: _none, ...rest } = r.data;
  const template = TEMPLATES.find((t) => t === rest.template);
  // Without a known template the CSV cannot be read; parseRequest names the template.
  return template ? { ...rest, data: dataFromCsv(template, csv) } : rest;
};

/** A ranking's order: highest first, ties in the order given. */
export const ranked = <R extends { value: number }>(rows: readonly R[]): R[] =>
  rows
    .map((row, i) => ({ row, i }))
    .sort((a, b) => b.row.value - a.row.value || a.i - b.i)
    .map((x) => x.row);
