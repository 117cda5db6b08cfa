import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/common/errors';
import { mediaKey } from '../../functions/domain/content/media-key';
import { findingMessage, screenFindings } from '../../functions/domain/content/screening';
import { altText, MAX_ALT_TEXT } from '../../functions/domain/infographics/alt-text';
import { brandSchema, contrastRatio, defaultBrand } from '../../functions/domain/infographics/brand';
import { BrandFileError, brandFromFile } from '../../functions/domain/infographics/brand-file';
import { dataFromCsv, parseRequest, SIZES, splitCsv } from '../../functions/domain/infographics/data';
import { textWidth } from '../../functions/domain/infographics/fonts';
import { formatDate, formatNumber, formatTimeRange } from '../../functions/domain/infographics/format';
import { fitText } from '../../functions/domain/infographics/layout';
import { layout, renderInfographic } from '../../functions/domain/infographics/render';
import { createInfographic } from '../../functions/domain/infographics/store';
import { BANDUNG_KECAMATAN, KECAMATAN, SAMPLES, SIZE_NAMES } from '../fixtures/infographics/samples';

const refusal = (fn: () => unknown): string => {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(ValidationError);
    return (error as Error).message;
  }
  throw new Error('expected a refusal');
};
const asyncRefusal = async (p: Promise<unknown>): Promise<string> => {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(ValidationError);
  return (error as Error).message;
};

const TITLE_120 =
  'Kasus demam berdarah dengue di tiga puluh kecamatan Kota Bandung selama bulan November 2026 menurut laporan 80 puskesmas';

describe('Indonesian formats', () => {
  it('writes figures with a dot for thousands and a comma for decimals', () => {
    expect(formatNumber(1250)).toBe('1.250');
    expect(formatNumber(1250000)).toBe('1.250.000');
    expect(formatNumber(12.5, '%')).toBe('12,5%');
    expect(formatNumber(7, 'kasus')).toBe('7 kasus');
  });

  it('writes dates with the weekday and month in Indonesian, in WIB', () => {
    expect(formatDate('2026-12-07')).toBe('Senin, 7 Desember 2026');
    expect(formatDate('2026-12-08')).toBe('Selasa, 8 Desember 2026');
    expect(formatDate('2027-01-01')).toBe('Jumat, 1 Januari 2027');
  });

  it('writes times with a dot and WIB, and refuses what is not a time', () => {
    expect(formatTimeRange('08:00')).toBe('08.00 WIB');
    expect(formatTimeRange('8.00-11:30')).toBe('08.00–11.30 WIB');
    expect(formatTimeRange('13.00 s.d. 15.00 WIB')).toBe('13.00–15.00 WIB');
    expect(formatTimeRange('08.00 \u2013 12.00')).toBe('08.00–12.00 WIB');
    expect(formatTimeRange('08.00\u201412.00')).toBe('08.00–12.00 WIB');
    expect(formatTimeRange('25:00')).toBeUndefined();
    expect(formatTimeRange('11.00-08.00')).toBeUndefined();
    expect(formatTimeRange('pagi')).toBeUndefined();
  });
});

describe('the brand kit', () => {
  it('computes WCAG contrast ratios', () => {
    expect(contrastRatio('#000000', '#FFFFFF')).toBeCloseTo(21, 5);
    expect(contrastRatio('#FFFFFF', '#FFFFFF')).toBeCloseTo(1, 5);
    expect(contrastRatio('#767676', '#FFFFFF')).toBeCloseTo(4.54, 2);
  });

  it('the default palette keeps every text colour at 4.5:1 or more on its background', () => {
    const c = defaultBrand.colors;
    for (const colour of [c.text, c.muted, c.primary, c.accent])
      expect(contrastRatio(colour, c.background)).toBeGreaterThanOrEqual(4.5);
    // the highlighted bar is told apart from the others by lightness too, not only by hue
    expect(contrastRatio(c.primary, c.accent)).toBeGreaterThan(1.05);
    expect(defaultBrand.officeName).toBe('Dinas Kesehatan Kota Bandung');
  });

  it('refuses a configured colour that would make text hard to read, naming it', () => {
    const r = brandSchema.safeParse({ colors: { muted: '#AAAAAA' } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0]?.path).toEqual(['colors', 'muted']);
    expect(r.error?.issues[0]?.message).toMatch(/kurang dari 4,5:1/);
    expect(brandSchema.safeParse({ colors: { text: 'navy' } }).success).toBe(false);
  });

  it('reads a kit file with its logo named relative to the file, whatever the working folder', () => {
    const kit = brandFromFile(new URL('../fixtures/infographics/brand/brand.json', import.meta.url).pathname);
    expect(kit.officeName).toBe('Dinas Kesehatan Kota Contoh');
    expect(kit.colors.primary).toBe('#1D4E89');
    // Colours the file leaves out keep the default palette's.
    expect(kit.colors.text).toBe(defaultBrand.colors.text);
    expect(kit.logo).toMatch(/^data:image\/svg\+xml;base64,/);
    expect(() => brandFromFile('/nonexistent/brand.json')).toThrow(BrandFileError);
  });
});

describe('CSV data', () => {
  it('reads quoted cells, semicolons and Indonesian figures', () => {
    expect(splitCsv('a;b\r\n"x; y";"1.250,5"\n')).toEqual([
      ['a', 'b'],
      ['x; y', '1.250,5'],
    ]);
    expect(dataFromCsv('bar', 'kecamatan,kasus (%)\nSukasari,"12,5"\nCoblong,7\n')).toEqual({
      unit: '%',
      rows: [
        { label: 'Sukasari', value: 12.5 },
        { label: 'Coblong', value: 7 },
      ],
    });
    expect(dataFromCsv('schedule', 'tanggal,tempat,waktu\n2026-12-08,Posyandu Melati,08.00-11.00\n')).toEqual(
      {
        rows: [{ date: '2026-12-08', place: 'Posyandu Melati', time: '08.00-11.00' }],
      },
    );
  });

  it('names the row and column of text where a number belongs', () => {
    expect(refusal(() => dataFromCsv('bar', 'kecamatan,kasus\nCoblong,7\nSukasari,dua belas\n'))).toBe(
      'baris 3, kolom kasus: "dua belas" bukan angka (tulis mis. 1.250 atau 12,5)',
    );
    expect(refusal(() => dataFromCsv('trend', 'bulan,kasus\nJan,12.5\nFeb,3\n'))).toMatch(
      /^baris 2, kolom kasus: "12.5"/,
    );
  });

  it('names a missing column, an empty cell, an impossible date and a bad time', () => {
    expect(refusal(() => dataFromCsv('bar', 'kecamatan\nCoblong\n'))).toMatch(
      /Baris 1 harus berisi 2 nama kolom/,
    );
    expect(refusal(() => dataFromCsv('bar', 'kecamatan,kasus\nCoblong,7\nSukasari\n'))).toBe(
      'baris 3, kolom kasus: kosong',
    );
    expect(
      refusal(() => dataFromCsv('schedule', 'tanggal,tempat,waktu\n2026-02-30,Posyandu,08.00\n')),
    ).toMatch(/^baris 2, kolom tanggal: "2026-02-30" bukan tanggal yang ada/);
    expect(
      refusal(() => dataFromCsv('schedule', 'tanggal,tempat,waktu\n2026-12-08,Posyandu,jam 8\n')),
    ).toMatch(/^baris 2, kolom waktu: "jam 8" bukan jam/);
  });

  it('refuses an empty file, a header without rows and 200 rows', () => {
    expect(refusal(() => dataFromCsv('bar', ''))).toMatch(/Berkas CSV kosong/);
    expect(refusal(() => dataFromCsv('bar', '\n\n'))).toMatch(/Berkas CSV kosong/);
    expect(refusal(() => dataFromCsv('bar', 'kecamatan,kasus\n'))).toMatch(/hanya berisi nama kolom/);
    const many = `kecamatan,kasus\n${Array.from({ length: 200 }, (_, i) => `K${i},${i}`).join('\n')}`;
    expect(refusal(() => dataFromCsv('bar', many))).toMatch(
      /Terlalu banyak baris data \(200\).*paling banyak 30/,
    );
  });

  it('does not double a "Sumber:" typed in front of the source', () => {
    const r = parseRequest({
      ...SAMPLES.checklist,
      size: 'instagram-square',
      source: 'Sumber:  Dinkes Kota Bandung',
    });
    expect(r.source).toBe('Dinkes Kota Bandung');
    expect(
      refusal(() => parseRequest({ ...SAMPLES.checklist, size: 'instagram-square', source: 'Sumber:' })),
    ).toMatch(/source: tidak boleh kosong/);
  });

  it('validates JSON data with zod and names the field', () => {
    const message = refusal(() =>
      parseRequest({
        template: 'bar',
        title: 'T',
        size: 'instagram-square',
        data: { rows: [{ label: 'A', value: -1 }] },
      }),
    );
    expect(message).toMatch(/data\.rows\[0\]\.value: tidak boleh negatif/);
    expect(refusal(() => parseRequest({ ...SAMPLES.bar, size: 'tiktok' }))).toMatch(/size/);
  });
});

describe('alt text', () => {
  it('names the chart, summarises highest and lowest first, then every point with its formatted value', () => {
    const text = altText(parseRequest({ ...SAMPLES.bar, size: 'instagram-portrait' }));
    expect(text.startsWith('Diagram batang: Kasus DBD per kecamatan, November 2026.')).toBe(true);
    expect(text.indexOf('Tertinggi Bandung Kidul (1.250), terendah Coblong (377)')).toBeLessThan(
      text.indexOf('Data:'),
    );
    for (const row of SAMPLES.bar.data.rows)
      expect(text).toContain(`${row.label} ${formatNumber(row.value)}`);
    expect(text).toContain('Sumber: Dinas Kesehatan Kota Bandung');
    expect(text.length).toBeLessThanOrEqual(MAX_ALT_TEXT);
  });

  it('gives the latest period of a trend and every period', () => {
    const text = altText(parseRequest({ ...SAMPLES.trend, size: 'instagram-portrait' }));
    expect(text).toMatch(/^Diagram tren: /);
    expect(text).toContain('Terbaru Des: 95,3%');
    for (const row of SAMPLES.trend.data.rows)
      expect(text).toContain(`${row.label} ${formatNumber(row.value, '%')}`);
  });

  it('names every date, place and time of a schedule, and every point of a checklist', () => {
    const text = altText(parseRequest({ ...SAMPLES.schedule, size: 'instagram-portrait' }));
    for (const row of SAMPLES.schedule.data.rows) {
      expect(text).toContain(formatDate(row.date));
      expect(text).toContain(row.place);
      expect(text).toContain(formatTimeRange(row.time));
    }
    const list = altText(parseRequest({ ...SAMPLES.checklist, size: 'instagram-portrait' }));
    for (const p of SAMPLES.checklist.data.points) expect(list).toContain(p);
  });

  it('says how the key figure changed', () => {
    expect(altText(parseRequest({ ...SAMPLES.figure, size: 'instagram-square' }))).toContain(
      'kasus DBD, November 2026: 1.250. Turun 10,7% dari Oktober 2026 (1.400).',
    );
  });

  it('refuses rather than cut when the alt text would pass 1,000 characters', () => {
    const rows = Array.from({ length: 30 }, (_, i) => ({
      label: `Puskesmas Kelurahan Nomor ${i + 1}`,
      value: i,
    }));
    expect(
      refusal(() =>
        altText(
          parseRequest({ template: 'bar', title: TITLE_120, size: 'instagram-portrait', data: { rows } }),
        ),
      ),
    ).toMatch(/lebih dari 1000/);
  });
});

describe('text that fits', () => {
  it('all 30 kecamatan of Bandung fit a bar chart in every size, in columns, every one in the alt text', async () => {
    const rows = BANDUNG_KECAMATAN.map((label, i) => ({ label, value: 40 + ((i * 37) % 300) }));
    expect(rows).toHaveLength(30);
    for (const size of SIZE_NAMES) {
      const image = await renderInfographic({ ...SAMPLES.bar, size, data: { rows } });
      expect([image.width, image.height]).toEqual([SIZES[size].width, SIZES[size].height]);
      for (const name of BANDUNG_KECAMATAN) expect(image.altText).toContain(name);
    }
  });

  it('the longest kecamatan names fit on a bar chart in every size', () => {
    const rows = KECAMATAN.map((label, i) => ({ label, value: 100 + i }));
    for (const size of SIZE_NAMES)
      expect(() =>
        layout(parseRequest({ template: 'bar', title: 'Kasus', size, data: { rows } }), defaultBrand),
      ).not.toThrow();
  });

  it('a 120-character title fits every template and size, on lines within the width', () => {
    expect(TITLE_120).toHaveLength(120);
    for (const size of SIZE_NAMES) {
      const { width } = SIZES[size];
      const inner = width - Math.round(width * 0.06) * 2;
      const s = Math.min(width, SIZES[size].height) / 1080;
      const f = fitText(TITLE_120, 700, 64 * s, 38 * s, inner, 3);
      expect(f).toBeDefined();
      for (const line of f?.lines ?? [])
        expect(textWidth(line, f?.size ?? 0, 700)).toBeLessThanOrEqual(inner);
      expect(f?.lines.join(' ')).toBe(TITLE_120);
      for (const sample of Object.values(SAMPLES))
        expect(() => layout(parseRequest({ ...sample, title: TITLE_120, size }), defaultBrand)).not.toThrow();
    }
  });

  it('refuses in Indonesian what cannot fit rather than cutting it', () => {
    const long = 'Kecamatanbandungkidulbojongloakalercibeunyingkidulmandala';
    expect(
      refusal(() =>
        layout(
          parseRequest({
            template: 'bar',
            title: 'Kasus',
            size: 'instagram-square',
            data: { rows: [{ label: long, value: 1 }] },
          }),
          defaultBrand,
        ),
      ),
    ).toMatch(/terlalu panjang/);
    // Thirty rows need columns; labels that fit one column but not a third of the width are named.
    const rows = Array.from({ length: 30 }, (_, i) => ({ label: `Kecamatan nomor ${i}`, value: i }));
    expect(
      refusal(() =>
        layout(
          parseRequest({ template: 'bar', title: 'Kasus', size: 'instagram-square', data: { rows } }),
          defaultBrand,
        ),
      ),
    ).toMatch(
      /^30 baris hanya muat di ukuran instagram-square bila dibagi ke beberapa kolom, dan label "Kecamatan nomor \d+" terlalu panjang/,
    );
  });
});

describe('privacy', () => {
  it('screens the text of the image and refuses with the Indonesian message', async () => {
    const title = 'Pasien Tn. Budi Santoso (45) positif TBC';
    const finding = screenFindings(title)[0];
    expect(finding).toBeDefined();
    const message = await asyncRefusal(
      renderInfographic({ ...SAMPLES.bar, title, size: 'instagram-square' }),
    );
    expect(message).toBe(`judul: ${finding ? findingMessage(finding) : ''}`);
    const phone = await asyncRefusal(
      renderInfographic({
        ...SAMPLES.schedule,
        size: 'instagram-square',
        data: {
          rows: [{ date: '2026-12-08', place: 'Rumah Bu Ani, hubungi 0812-3456-7890', time: '08.00' }],
        },
      }),
    );
    expect(phone).toMatch(/^baris 1: Ada nomor telepon pribadi/);
  });
});

describe('rendering', () => {
  it('gives the size asked for, PNG by default and JPEG on request', async () => {
    const png = await renderInfographic({ ...SAMPLES.figure, size: 'x-landscape' });
    expect(png.contentType).toBe('image/png');
    const decoded = PNG.sync.read(png.bytes);
    expect([decoded.width, decoded.height]).toEqual([1600, 900]);
    const jpeg = await renderInfographic({ ...SAMPLES.figure, size: 'instagram-portrait', format: 'jpeg' });
    expect(jpeg.contentType).toBe('image/jpeg');
    expect([...jpeg.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    expect([jpeg.width, jpeg.height]).toEqual([1080, 1350]);
  });

  it('the same input gives the same bytes', async () => {
    for (const format of ['png', 'jpeg'] as const) {
      const a = await renderInfographic({ ...SAMPLES.trend, size: 'instagram-square', format });
      const b = await renderInfographic({ ...SAMPLES.trend, size: 'instagram-square', format });
      expect(a.bytes.equals(b.bytes)).toBe(true);
    }
    const other = await renderInfographic({ ...SAMPLES.trend, title: 'Lain', size: 'instagram-square' });
    const first = await renderInfographic({ ...SAMPLES.trend, size: 'instagram-square' });
    expect(other.bytes.equals(first.bytes)).toBe(false);
  });
});

describe('npx sebar infographic', () => {
  const run = promisify(execFile);
  const cli = join(import.meta.dirname, '..', '..', 'bin', 'sebar.mjs');
  const dir = mkdtempSync(join(tmpdir(), 'sebar-infographic-'));

  it('writes the image and prints one JSON line', async () => {
    const csv = join(dir, 'kasus.csv');
    writeFileSync(csv, 'kecamatan;kasus\nSukasari;12\nCoblong;1.250\n');
    const out = join(dir, 'kasus.png');
    const { stdout } = await run(process.execPath, [
      cli,
      'infographic',
      '--template',
      'bar',
      '--data',
      csv,
      '--title',
      'Kasus DBD',
      '--size',
      'instagram-square',
      '--out',
      out,
    ]);
    const line = JSON.parse(stdout.trim()) as Record<string, unknown>;
    expect(line).toEqual({
      file: out,
      width: 1080,
      height: 1080,
      altText:
        'Diagram batang: Kasus DBD. Tertinggi Coblong (1.250), terendah Sukasari (12). Data: Coblong 1.250; Sukasari 12.',
    });
    expect(PNG.sync.read(readFileSync(out)).width).toBe(1080);
  });

  it('bad data exits non-zero naming row and column, and writes nothing', async () => {
    const csv = join(dir, 'salah.csv');
    writeFileSync(csv, 'kecamatan,kasus\nCoblong,7\nSukasari,dua belas\n');
    const out = join(dir, 'salah.png');
    const error = (await run(process.execPath, [
      cli,
      'infographic',
      '--template',
      'bar',
      '--data',
      csv,
      '--title',
      'Kasus',
      '--size',
      'instagram-square',
      '--out',
      out,
    ]).catch((e: unknown) => e)) as { code: number; stderr: string };
    expect(error.code).toBe(1);
    expect(error.stderr).toContain('baris 3, kolom kasus: "dua belas" bukan angka');
    expect(existsSync(out)).toBe(false);
  });
});

describe('POST /infographics (the domain function behind it)', () => {
  it('stores the image under uploads/ with a key POST /content accepts, the same request the same key', async () => {
    const puts: { key: string; bytes: Buffer; type: string }[] = [];
    const store = {
      put: async (key: string, bytes: Buffer, type: string) => {
        puts.push({ key, bytes, type });
      },
      link: async (key: string) => `https://bucket.example/${key}?signed`,
    };
    const body = { ...SAMPLES.figure, size: 'instagram-square', format: 'jpeg' };
    const a = await createInfographic(body, defaultBrand, store);
    const b = await createInfographic(body, defaultBrand, store);
    expect(a.s3Key).toMatch(/^uploads\/infographic-[0-9a-f]{24}\.jpg$/);
    expect(mediaKey.safeParse(a.s3Key).success).toBe(true);
    expect(b.s3Key).toBe(a.s3Key);
    expect([a.width, a.height]).toEqual([1080, 1080]);
    expect(a.altText).toMatch(/^Angka utama: /);
    expect(a.previewUrl).toBe(`https://bucket.example/${a.s3Key}?signed`);
    expect(a.bytes).toBe(puts[0]?.bytes.length);
    expect(puts[0]?.type).toBe('image/jpeg');
    expect([...(puts[0]?.bytes.subarray(0, 3) ?? [])]).toEqual([0xff, 0xd8, 0xff]);
  });

  it('bad data is a 400 naming the field, and nothing is stored', async () => {
    let stored = 0;
    const put = {
      put: async () => {
        stored += 1;
      },
      link: async () => 'https://bucket.example/x',
    };
    const error = await createInfographic(
      {
        template: 'bar',
        title: 'Kasus',
        size: 'instagram-square',
        data: { rows: [{ label: 'Coblong', value: 'tujuh' }] },
      },
      defaultBrand,
      put,
    ).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ValidationError);
    expect((error as ValidationError).statusCode).toBe(400);
    expect((error as ValidationError).issues[0]?.path).toBe('data.rows[0].value');
    expect(stored).toBe(0);
  });

  it('reads a table pasted from a spreadsheet (tabs) or a CSV like the CLI, naming the row and column', async () => {
    const links: string[] = [];
    const store = {
      put: async () => undefined,
      link: async (key: string) => {
        links.push(key);
        return key;
      },
    };
    const common = { template: 'bar', title: 'Kasus DBD per kecamatan', size: 'x-landscape' };
    const pasted = await createInfographic(
      { ...common, csv: 'Kecamatan\tKasus\nCoblong\t1.250\nSukasari\t7\n' },
      defaultBrand,
      store,
    );
    expect(pasted.altText).toContain('Coblong 1.250');
    const fromJson = await createInfographic(
      {
        ...common,
        data: {
          rows: [
            { label: 'Coblong', value: 1250 },
            { label: 'Sukasari', value: 7 },
          ],
        },
      },
      defaultBrand,
      store,
    );
    // The same figures give the same image, whichever way they came.
    expect(fromJson.s3Key).toBe(pasted.s3Key);
    const bad = await createInfographic(
      { ...common, csv: 'Kecamatan;Kasus\nCoblong;7\nSukasari;dua belas\n' },
      defaultBrand,
      store,
    ).catch((e: unknown) => e);
    expect((bad as ValidationError).issues[0]?.message).toBe(
      'baris 3, kolom Kasus: "dua belas" bukan angka (tulis mis. 1.250 atau 12,5)',
    );
    const both = await createInfographic(
      { ...common, csv: 'a,b\nc,1\n', data: { rows: [] } },
      defaultBrand,
      store,
    ).catch((e: unknown) => e);
    expect((both as ValidationError).issues[0]).toEqual({
      path: 'data',
      message: 'kirim data atau csv, bukan keduanya',
    });
    expect(links).toHaveLength(2);
  });
});
