import { ValidationError } from '../../common/errors';
import { findingMessage, screenFindings } from '../content/screening';
import { altText, changeWords } from './alt-text';
import { type Brand, defaultBrand } from './brand';
import { type InfographicRequest, parseRequest, ranked, SIZES } from './data';
import { fontBytes, missingGlyphs, textWidth } from './fonts';
import { formatDate, formatNumber, formatTimeRange } from './format';
import { type Fitted, fitText, tooLong, wrap } from './layout';

/**
 * An infographic from validated data: a satori layout (text drawn as paths from the bundled TTF), resvg for
 * PNG, sharp for JPEG. Pure apart from reading the font files; the same input gives the same bytes.
 */

interface Node {
  type: string;
  props: Record<string, unknown>;
}
type Style = Record<string, string | number>;
const div = (style: Style, ...children: (Node | string)[]): Node => ({
  type: 'div',
  props: { style: { display: 'flex', ...style }, children },
});

const LINE = 1.2;

/** A block of already-wrapped lines, one div per line so satori never re-wraps them. */
const lines = (
  f: Fitted,
  weight: 400 | 700,
  color: string,
  align: 'left' | 'center' | 'right' = 'left',
): Node =>
  div(
    {
      flexDirection: 'column',
      alignItems: { left: 'flex-start', center: 'center', right: 'flex-end' }[align],
    },
    ...f.lines.map((l) =>
      div(
        {
          fontSize: f.size,
          fontWeight: weight,
          color,
          height: Math.ceil(f.size * LINE),
          lineHeight: `${Math.ceil(f.size * LINE)}px`,
          whiteSpace: 'nowrap',
        },
        l,
      ),
    ),
  );
const heightOf = (f: Fitted) => f.lines.length * Math.ceil(f.size * LINE);

interface Box {
  readonly w: number;
  readonly h: number;
  readonly s: number;
  readonly brand: Brand;
}

const MIN_TEXT = 18;

/** Bar rows in a column `w` wide and `h` high: the font size and widths that fit, or why nothing fits. */
type BarFit =
  | {
      readonly ok: true;
      readonly size: number;
      readonly rowH: number;
      readonly labelW: number;
      readonly valueW: number;
    }
  | { readonly ok: false; readonly long?: string };

const fitBars = (
  rows: readonly { label: string }[],
  values: readonly string[],
  w: number,
  h: number,
  s: number,
): BarFit => {
  const rowH = Math.min(h / rows.length, 92 * s);
  let size = Math.floor(Math.min(32 * s, rowH * 0.5));
  if (size < MIN_TEXT) return { ok: false };
  const labelMax = w * 0.42;
  const widest = () => Math.max(...rows.map((r) => textWidth(r.label, size, 400)));
  while (widest() > labelMax * 0.95 && size > MIN_TEXT) size -= 1;
  const long = rows.find((r) => textWidth(r.label, size, 400) > labelMax * 0.95);
  if (long) return { ok: false, long: long.label };
  const labelW = Math.ceil(widest() / 0.95);
  const valueW = Math.ceil(Math.max(...values.map((v) => textWidth(v, size, 700))) / 0.95);
  return { ok: true, size, rowH, labelW, valueW };
};

/** A ranking that reads comfortably in one column stays in one; a long one (all 30 kecamatan) takes more. */
const COMFORTABLE_TEXT = 24;

const bar = (d: InfographicRequest & { template: 'bar' }, b: Box): Node => {
  const rows = ranked(d.data.rows);
  const c = b.brand.colors;
  const values = rows.map((r) => formatNumber(r.value, d.data.unit));
  const gap = Math.round(16 * b.s);
  const columnGap = Math.round(48 * b.s);
  // The fewest columns that read comfortably; otherwise the columns (up to three) with the largest text.
  const fits = [1, 2, 3]
    .filter((n) => n === 1 || rows.length >= n * 4)
    .map((n) => {
      const perColumn = Math.ceil(rows.length / n);
      const columnW = (b.w - columnGap * (n - 1)) / n;
      return {
        n,
        perColumn,
        columnW,
        fit: fitBars(rows, values, columnW, b.h * (rows.length / perColumn), b.s),
      };
    });
  const ok = fits.filter((f) => f.fit.ok);
  const chosen =
    ok.find((f) => f.fit.ok && f.fit.size >= COMFORTABLE_TEXT * b.s) ??
    ok.sort((x, y) => (y.fit.ok ? y.fit.size : 0) - (x.fit.ok ? x.fit.size : 0))[0];
  if (!chosen?.fit.ok) {
    const single = fits[0]?.fit;
    const long = fits.map((f) => (f.fit.ok ? undefined : f.fit.long)).find(Boolean);
    if (long && single && !single.ok && !single.long)
      return tooLong(
        'data.rows',
        `${rows.length} baris hanya muat di ukuran ${d.size} bila dibagi ke beberapa kolom, dan label "${long}" terlalu panjang untuk kolom itu. Persingkat label (mis. tanpa kata "Kecamatan") atau tampilkan peringkat teratas saja.`,
      );
    if (long)
      return tooLong(
        'data.rows',
        `Label "${long}" terlalu panjang untuk ukuran ${d.size}. Persingkat label (mis. tanpa kata "Kecamatan").`,
      );
    return tooLong(
      'data.rows',
      `Terlalu banyak baris (${rows.length}) untuk ukuran ${d.size}, juga dalam tiga kolom. Tampilkan peringkat teratas saja atau pilih ukuran instagram-portrait.`,
    );
  }
  const { fit, columnW, perColumn } = chosen;
  const rowH = Math.min(b.h / perColumn, 92 * b.s);
  const area = columnW - fit.labelW - fit.valueW - gap * 2;
  // One scale for both columns: a bar's length compares with every other bar on the image.
  const max = Math.max(...rows.map((r) => r.value), 0) || 1;
  const rowNodes = (part: readonly (typeof rows)[number][], offset: number): Node[] =>
    part.map((r, i) =>
      div(
        { height: rowH, alignItems: 'center' },
        div(
          {
            width: fit.labelW,
            justifyContent: 'flex-end',
            fontSize: fit.size,
            color: c.text,
            whiteSpace: 'nowrap',
          },
          r.label,
        ),
        div({ width: gap }),
        div({
          width: Math.max(3, Math.round((r.value / max) * area)),
          height: Math.round(rowH * 0.58),
          backgroundColor: c.primary,
          borderRadius: Math.round(4 * b.s),
        }),
        div({ width: gap }),
        div(
          { fontSize: fit.size, fontWeight: 700, color: c.text, whiteSpace: 'nowrap' },
          values[offset + i] ?? '',
        ),
      ),
    );
  if (chosen.n === 1)
    return div(
      { flexDirection: 'column', width: b.w, height: b.h, justifyContent: 'center' },
      ...rowNodes(rows, 0),
    );
  const column = (part: readonly (typeof rows)[number][], offset: number) =>
    div({ flexDirection: 'column', width: columnW, height: b.h }, ...rowNodes(part, offset));
  // Ranks run down the first column, then the next, each from the top.
  return div(
    { width: b.w, height: b.h, justifyContent: 'space-between' },
    ...Array.from({ length: chosen.n }, (_, i) =>
      column(rows.slice(i * perColumn, (i + 1) * perColumn), i * perColumn),
    ),
  );
};

const trend = (d: InfographicRequest & { template: 'trend' }, b: Box): Node => {
  const rows = d.data.rows;
  const c = b.brand.colors;
  const slot = b.w / rows.length;
  const values = rows.map((r) => formatNumber(r.value, d.data.unit));
  let chosen: { size: number; labels: string[][] } | undefined;
  for (let size = Math.round(30 * b.s); size >= 16 && !chosen; size -= 1) {
    const labels = rows.map((r) => wrap(r.label, size, 700, slot * 0.96, 2));
    const valuesFit = values.every((v) => textWidth(v, size, 700) <= slot * 0.92);
    if (valuesFit && labels.every(Boolean)) chosen = { size, labels: labels as string[][] };
  }
  if (!chosen)
    return tooLong(
      'data.rows',
      `Terlalu banyak periode (${rows.length}) atau labelnya terlalu panjang untuk ukuran ${d.size}. Persingkat label (mis. "Jan", "Feb") atau kurangi periode.`,
    );
  const { size, labels } = chosen;
  const lineH = Math.ceil(size * LINE);
  const labelH = Math.max(...labels.map((l) => l.length)) * lineH + Math.round(10 * b.s);
  const valueH = lineH + Math.round(6 * b.s);
  const chartH = b.h - labelH - valueH;
  const max = Math.max(...rows.map((r) => r.value), 0) || 1;
  const last = rows.length - 1;
  const column = (i: number, value: number) =>
    div(
      {
        width: slot,
        height: chartH + valueH,
        flexDirection: 'column',
        alignItems: 'center',
        justifyContent: 'flex-end',
      },
      div(
        {
          fontSize: size,
          fontWeight: 700,
          color: i === last ? c.accent : c.muted,
          height: valueH,
          whiteSpace: 'nowrap',
        },
        values[i] ?? '',
      ),
      div({
        width: Math.round(slot * 0.62),
        height: Math.max(3, Math.round((value / max) * chartH)),
        backgroundColor: i === last ? c.accent : c.primary,
        borderRadius: Math.round(4 * b.s),
      }),
    );
  return div(
    { flexDirection: 'column', width: b.w, height: b.h },
    div(
      { borderBottom: `${Math.max(2, Math.round(3 * b.s))}px solid ${c.soft}` },
      ...rows.map((r, i) => column(i, r.value)),
    ),
    div(
      { paddingTop: Math.round(10 * b.s) },
      ...labels.map((l, i) =>
        div(
          { width: slot, justifyContent: 'center' },
          lines({ size, lines: l }, i === last ? 700 : 400, i === last ? c.text : c.muted, 'center'),
        ),
      ),
    ),
  );
};

const figure = (d: InfographicRequest & { template: 'figure' }, b: Box): Node => {
  const c = b.brand.colors;
  const number = formatNumber(d.data.value, d.data.unit);
  const big = fitText(number, 700, 260 * b.s, 72 * b.s, b.w, 1);
  const label = fitText(d.data.label, 700, 46 * b.s, 28 * b.s, b.w * 0.9, 3);
  const prev = d.data.previous;
  const change = prev
    ? fitText(
        `${changeWords(d.data.value, prev.value, d.data.unit)} dari ${prev.label} (${formatNumber(prev.value, d.data.unit)})`,
        400,
        36 * b.s,
        24 * b.s,
        b.w * 0.9,
        2,
      )
    : undefined;
  if (!big)
    return tooLong(
      'data.value',
      'Angka terlalu panjang untuk ditampilkan; bulatkan atau pakai satuan (mis. ribu).',
    );
  if (!label)
    return tooLong('data.label', 'Keterangan angka terlalu panjang; persingkat menjadi satu atau dua baris.');
  if (prev && !change)
    return tooLong('data.previous.label', 'Keterangan periode sebelumnya terlalu panjang; persingkat.');
  const gap = Math.round(24 * b.s);
  let bigF = big;
  const rest = heightOf(label) + (change ? heightOf(change) + gap * 2 : 0) + gap;
  while (heightOf(bigF) + rest > b.h && bigF.size > 72 * b.s) bigF = { ...bigF, size: bigF.size - 4 };
  if (heightOf(bigF) + rest > b.h)
    return tooLong(
      'title',
      'Judul terlalu panjang: tidak ada ruang untuk angka. Persingkat judul atau subjudul.',
    );
  return div(
    { flexDirection: 'column', width: b.w, height: b.h, alignItems: 'center', justifyContent: 'center' },
    lines(bigF, 700, c.primary, 'center'),
    div({ height: gap }),
    lines(label, 700, c.text, 'center'),
    ...(change
      ? [
          div({ height: gap }),
          div(
            { borderTop: `${Math.max(2, Math.round(3 * b.s))}px solid ${c.soft}`, paddingTop: gap },
            lines(change, 400, c.muted, 'center'),
          ),
        ]
      : []),
  );
};

const CHECK = 'M6 12.5l4 4 8-9';

const checklist = (d: InfographicRequest & { template: 'checklist' }, b: Box): Node => {
  const c = b.brand.colors;
  const points = d.data.points;
  for (let size = Math.round(40 * b.s); size >= 22; size -= 1) {
    const icon = Math.round(size * 1.4);
    const gapX = Math.round(size * 0.6);
    const gapY = Math.round(size * 0.7);
    const wrapped = points.map((p) => wrap(p, size, 400, b.w - icon - gapX, 3));
    if (!wrapped.every(Boolean)) continue;
    const fitted = (wrapped as string[][]).map((l) => ({ size, lines: l }));
    const total =
      fitted.reduce((sum, f) => sum + Math.max(heightOf(f), icon), 0) + gapY * (points.length - 1);
    if (total > b.h) continue;
    return div(
      { flexDirection: 'column', width: b.w, height: b.h, justifyContent: 'center' },
      ...fitted.map((f, i) =>
        div(
          { marginTop: i ? gapY : 0, alignItems: 'flex-start' },
          div(
            {
              width: icon,
              height: icon,
              borderRadius: icon / 2,
              backgroundColor: c.primary,
              alignItems: 'center',
              justifyContent: 'center',
              flexShrink: 0,
            },
            {
              type: 'svg',
              props: {
                width: Math.round(icon * 0.72),
                height: Math.round(icon * 0.72),
                viewBox: '0 0 24 24',
                children: [
                  {
                    type: 'path',
                    props: {
                      d: CHECK,
                      fill: 'none',
                      stroke: c.background,
                      strokeWidth: 3,
                      strokeLinecap: 'round',
                      strokeLinejoin: 'round',
                    },
                  },
                ],
              },
            },
          ),
          div({ width: gapX, flexShrink: 0 }),
          div({ paddingTop: Math.round((icon - Math.ceil(size * LINE)) / 2) }, lines(f, 400, c.text)),
        ),
      ),
    );
  }
  return tooLong(
    'data.points',
    `Poin terlalu panjang untuk ukuran ${d.size}: tiap poin paling banyak 3 baris. Persingkat poin atau kurangi jumlahnya.`,
  );
};

const schedule = (d: InfographicRequest & { template: 'schedule' }, b: Box): Node => {
  const c = b.brand.colors;
  const rows = d.data.rows.map((r) => ({
    date: formatDate(r.date),
    place: r.place,
    time: formatTimeRange(r.time) ?? r.time,
  }));
  for (let size = Math.round(40 * b.s); size >= 20; size -= 1) {
    const small = Math.round(size * 0.9);
    const padY = Math.round(size * 0.45);
    const rule = Math.max(2, Math.round(3 * b.s));
    const laid = rows.map((r) => {
      const timeW = textWidth(r.time, size, 700) / 0.95;
      const date = wrap(r.date, size, 700, b.w - timeW - size, 1);
      const place = wrap(r.place, small, 400, b.w, 2);
      return date && place ? { ...r, date: date[0] ?? r.date, place } : undefined;
    });
    if (!laid.every(Boolean)) continue;
    const rowH = (r: { place: string[] }) =>
      Math.ceil(size * LINE) + r.place.length * Math.ceil(small * LINE) + padY * 2 + rule;
    const ready = laid as { date: string; place: string[]; time: string }[];
    if (ready.reduce((sum, r) => sum + rowH(r), 0) > b.h) continue;
    return div(
      { flexDirection: 'column', width: b.w, height: b.h, justifyContent: 'center' },
      ...ready.map((r, i) =>
        div(
          {
            flexDirection: 'column',
            paddingTop: padY,
            paddingBottom: padY,
            borderBottom:
              i < ready.length - 1 ? `${rule}px solid ${c.soft}` : `${rule}px solid ${c.background}`,
          },
          div(
            { justifyContent: 'space-between', width: b.w },
            lines({ size, lines: [r.date] }, 700, c.text),
            lines({ size, lines: [r.time] }, 700, c.primary, 'right'),
          ),
          lines({ size: small, lines: r.place }, 400, c.muted),
        ),
      ),
    );
  }
  return tooLong(
    'data.rows',
    `Jadwal tidak muat di ukuran ${d.size}: kurangi baris atau persingkat nama tempat (paling banyak 2 baris).`,
  );
};

/** The whole page: top band, the office's mark, title, subtitle, the template's body, the source line. */
export const layout = (r: InfographicRequest, brand: Brand): Node => {
  const { width: W, height: H } = SIZES[r.size];
  const s = Math.min(W, H) / 1080;
  const pad = Math.round(W * 0.06);
  const padY = Math.round(Math.min(W, H) * 0.06);
  const band = Math.round(16 * s);
  const inner = W - pad * 2;
  const markH = Math.round(52 * s);
  const markName = fitText(brand.officeName, 700, 26 * s, 20 * s, inner - (brand.logo ? markH + 16 : 0), 1);
  if (!markName) return tooLong('brand.officeName', 'Nama kantor terlalu panjang untuk tanda di gambar.');
  const subtitle = r.subtitle ? fitText(r.subtitle, 400, 34 * s, 24 * s, inner, 2) : undefined;
  if (r.subtitle && !subtitle)
    return tooLong(
      'subtitle',
      `Subjudul terlalu panjang untuk ukuran ${r.size}: paling banyak 2 baris. Persingkat subjudul.`,
    );
  const source = r.source ? fitText(`Sumber: ${r.source}`, 400, 24 * s, 20, inner, 2) : undefined;
  if (r.source && !source)
    return tooLong('source', `Baris sumber terlalu panjang untuk ukuran ${r.size}: paling banyak 2 baris.`);
  const gap = Math.round(28 * s);
  const footerH = source ? heightOf(source) + gap : 0;
  // The largest title that leaves the body room: a long title shrinks before the data is refused.
  let refusal: unknown;
  for (let most = 64 * s; most >= 38 * s; ) {
    const title = fitText(r.title, 700, most, 38 * s, inner, 3);
    if (!title) break;
    most = title.size - 4;
    const top =
      band + padY + markH + gap + heightOf(title) + (subtitle ? Math.round(8 * s) + heightOf(subtitle) : 0);
    const bodyH = H - top - gap * 2 - footerH - padY;
    if (bodyH < 260 * s) {
      refusal ??= new ValidationError(
        'Judul dan subjudul terlalu panjang: tidak ada ruang untuk data. Persingkat salah satunya.',
        [{ path: 'title', message: 'tidak ada ruang untuk data' }],
      );
      continue;
    }
    const box: Box = { w: inner, h: bodyH, s, brand };
    let body: Node;
    try {
      body = templateBody(r, box);
    } catch (error) {
      if (!(error instanceof ValidationError)) throw error;
      refusal = error;
      continue;
    }
    return page(
      brand,
      { W, H, s, pad, padY, band, inner, markH, gap, bodyH },
      markName,
      title,
      subtitle,
      source,
      body,
    );
  }
  if (refusal) throw refusal;
  return tooLong(
    'title',
    `Judul terlalu panjang untuk ukuran ${r.size}: tidak muat dalam 3 baris pada huruf terkecil. Persingkat judul.`,
  );
};

const templateBody = (r: InfographicRequest, box: Box): Node =>
  r.template === 'bar'
    ? bar(r, box)
    : r.template === 'trend'
      ? trend(r, box)
      : r.template === 'figure'
        ? figure(r, box)
        : r.template === 'checklist'
          ? checklist(r, box)
          : schedule(r, box);

interface Frame {
  W: number;
  H: number;
  s: number;
  pad: number;
  padY: number;
  band: number;
  inner: number;
  markH: number;
  gap: number;
  bodyH: number;
}

const page = (
  brand: Brand,
  { W, H, s, pad, padY, band, inner, markH, gap, bodyH }: Frame,
  markName: Fitted,
  title: Fitted,
  subtitle: Fitted | undefined,
  source: Fitted | undefined,
  body: Node,
): Node => {
  const c = brand.colors;
  return div(
    {
      width: W,
      height: H,
      flexDirection: 'column',
      backgroundColor: c.background,
      fontFamily: 'Plus Jakarta Sans',
    },
    div({ height: band, width: W, backgroundColor: c.primary }),
    div(
      {
        flexDirection: 'column',
        paddingLeft: pad,
        paddingRight: pad,
        paddingTop: padY,
        width: W,
        height: H - band,
      },
      div(
        { height: markH, alignItems: 'center' },
        ...(brand.logo
          ? [
              {
                type: 'img',
                props: { src: brand.logo, width: markH, height: markH, style: { objectFit: 'contain' } },
              },
              div({ width: 16 }),
            ]
          : []),
        lines(markName, 700, c.primary),
      ),
      div({ height: gap }),
      lines(title, 700, c.text),
      ...(subtitle ? [div({ height: Math.round(8 * s) }), lines(subtitle, 400, c.muted)] : []),
      div({ height: gap }),
      div({ height: bodyH }, body),
      div({ height: gap }),
      ...(source
        ? [
            div(
              { borderTop: `2px solid ${c.soft}`, paddingTop: gap, width: inner },
              lines(source, 400, c.muted),
            ),
          ]
        : []),
    ),
  );
};

const textsOf = (r: InfographicRequest): [string, string][] => {
  const texts: [string, string][] = [['judul', r.title]];
  if (r.subtitle) texts.push(['subjudul', r.subtitle]);
  if (r.source) texts.push(['sumber', r.source]);
  switch (r.template) {
    case 'bar':
    case 'trend':
      r.data.rows.forEach((row, i) => {
        texts.push([`baris ${i + 1}`, row.label]);
      });
      break;
    case 'figure':
      texts.push(['keterangan', r.data.label]);
      if (r.data.previous) texts.push(['periode sebelumnya', r.data.previous.label]);
      break;
    case 'checklist':
      r.data.points.forEach((p, i) => {
        texts.push([`poin ${i + 1}`, p]);
      });
      break;
    case 'schedule':
      r.data.rows.forEach((row, i) => {
        texts.push([`baris ${i + 1}`, row.place]);
      });
      break;
  }
  return texts;
};

/**
 * The personal-data screen over every text the image shows, each alone and all together (a name in a label
 * next to a disease in the title is still a name with a health condition). A finding refuses.
 */
export const screenInfographic = (r: InfographicRequest): void => {
  const texts = textsOf(r);
  for (const [field, text] of [
    ...texts,
    ['isi infografis', texts.map(([, t]) => t).join('\n')] as [string, string],
  ]) {
    const finding = screenFindings(text)[0];
    if (finding) {
      const message = `${field}: ${findingMessage(finding)}`;
      throw new ValidationError(message, [{ path: field, message }]);
    }
  }
  for (const [field, text] of texts) {
    const missing = missingGlyphs(text);
    if (missing.length)
      throw new ValidationError(
        `${field}: huruf ${missing.join(' ')} tidak tersedia di fon; ganti dengan huruf biasa.`,
        [{ path: field, message: 'huruf tidak tersedia' }],
      );
  }
};

export interface Infographic {
  readonly bytes: Buffer;
  readonly contentType: 'image/png' | 'image/jpeg';
  readonly width: number;
  readonly height: number;
  readonly altText: string;
}

const FAMILY = 'Plus Jakarta Sans';

/**
 * A package imported with the first render, not when the function starts, and kept; a failed import is
 * tried again next time. satori (about 1.6 MB with its layout engine) ships beside the bundle; resvg and
 * sharp are native and installed beside it (docs/decisions/0023). Loaded at import, the two native
 * libraries kept the function's cold start at 3.2 to 3.8 times a hello-world function's; now about 2.
 */
const onFirstRender = <T>(load: () => Promise<T>): (() => Promise<T>) => {
  let loading: Promise<T> | undefined;
  return () => {
    if (!loading) {
      loading = load();
      loading.catch(() => {
        loading = undefined;
      });
    }
    return loading;
  };
};
const loadSatori = onFirstRender(async () => (await import('satori')).default);
const loadResvg = onFirstRender(async () => (await import('@resvg/resvg-js')).Resvg);
const loadSharp = onFirstRender(async () => (await import('sharp')).default);

export const renderSvg = async (r: InfographicRequest, brand: Brand = defaultBrand): Promise<string> => {
  const { width, height } = SIZES[r.size];
  const satori = await loadSatori();
  return satori(layout(r, brand) as unknown as Parameters<typeof satori>[0], {
    width,
    height,
    fonts: [
      { name: FAMILY, data: fontBytes(400), weight: 400, style: 'normal' },
      { name: FAMILY, data: fontBytes(700), weight: 700, style: 'normal' },
    ],
  });
};

/** Validates, screens, lays out and renders; every refusal is a ValidationError (400) in Indonesian. */
export const renderInfographic = async (
  input: unknown,
  brand: Brand = defaultBrand,
): Promise<Infographic> => {
  const r = parseRequest(input);
  screenInfographic(r);
  const alt = altText(r);
  const svg = await renderSvg(r, brand);
  const { width, height } = SIZES[r.size];
  // resvg draws; sharp encodes from the raw pixels (a JPEG is not decoded from a PNG first, and sharp's PNG
  // is about a third smaller than resvg's at the same speed). The page is opaque, so alpha is always 255.
  const [Resvg, sharp] = await Promise.all([loadResvg(), loadSharp()]);
  const drawn = new Resvg(svg, { fitTo: { mode: 'original' }, font: { loadSystemFonts: false } }).render();
  const pixels = sharp(Buffer.from(drawn.pixels), {
    raw: { width: drawn.width, height: drawn.height, channels: 4 },
  });
  if (r.format === 'jpeg') {
    const jpeg = await pixels
      .flatten({ background: brand.colors.background })
      .jpeg({ quality: 90 })
      .toBuffer();
    return { bytes: jpeg, contentType: 'image/jpeg', width, height, altText: alt };
  }
  const png = await pixels.png({ compressionLevel: 6 }).toBuffer();
  return { bytes: png, contentType: 'image/png', width, height, altText: alt };
};
