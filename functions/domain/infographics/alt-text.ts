import { ValidationError } from '../../common/errors';
import { type InfographicRequest, ranked } from './data';
import { formatDate, formatNumber, formatTimeRange } from './format';

/** Alt text in Indonesian from the same data: the kind of image, a summary first, then every point. */
export const MAX_ALT_TEXT = 1000;

const KIND = {
  bar: 'Diagram batang',
  trend: 'Diagram tren',
  figure: 'Angka utama',
  checklist: 'Daftar periksa',
  schedule: 'Jadwal',
} as const;

const sentence = (s: string) => (/[.!?]$/.test(s) ? s : `${s}.`);

export const changeWords = (value: number, previous: number, unit?: string): string => {
  if (value === previous) return 'Tetap';
  const up = value > previous ? 'Naik' : 'Turun';
  if (previous === 0) return `${up} ${formatNumber(Math.abs(value - previous), unit)}`;
  const pct = Math.round((Math.abs(value - previous) / Math.abs(previous)) * 1000) / 10;
  return `${up} ${formatNumber(pct, '%')}`;
};

export const altText = (r: InfographicRequest): string => {
  const head = `${KIND[r.template]}: ${sentence(r.title)}${r.subtitle ? ` ${sentence(r.subtitle)}` : ''}`;
  let body: string;
  switch (r.template) {
    case 'bar':
    case 'trend': {
      const { unit } = r.data;
      const rows = r.template === 'bar' ? ranked(r.data.rows) : r.data.rows;
      const v = (n: number) => formatNumber(n, unit);
      const top = rows.reduce((a, b) => (b.value > a.value ? b : a));
      const low = rows.reduce((a, b) => (b.value < a.value ? b : a));
      const summary =
        rows.length === 1
          ? ''
          : `Tertinggi ${top.label} (${v(top.value)}), terendah ${low.label} (${v(low.value)}).`;
      const latest = rows[rows.length - 1];
      const last = r.template === 'trend' && latest ? ` Terbaru ${latest.label}: ${v(latest.value)}.` : '';
      body = `${summary}${last} Data: ${rows.map((p) => `${p.label} ${v(p.value)}`).join('; ')}.`;
      break;
    }
    case 'figure': {
      const d = r.data;
      const change = d.previous
        ? ` ${changeWords(d.value, d.previous.value, d.unit)} dari ${d.previous.label} (${formatNumber(d.previous.value, d.unit)}).`
        : '';
      body = `${d.label}: ${formatNumber(d.value, d.unit)}.${change}`;
      break;
    }
    case 'checklist':
      body = `${r.data.points.length} poin: ${r.data.points.map((p, i) => `${i + 1}. ${sentence(p)}`).join(' ')}`;
      break;
    case 'schedule':
      body = `${r.data.rows.length} jadwal: ${r.data.rows
        .map((row) => `${formatDate(row.date)}, ${row.place}, pukul ${formatTimeRange(row.time)}`)
        .join('; ')}.`;
      break;
  }
  const text = `${head} ${body.trim()}${r.source ? ` Sumber: ${sentence(r.source)}` : ''}`;
  if (text.length > MAX_ALT_TEXT)
    throw new ValidationError(
      `Teks alternatif menjadi ${text.length} karakter, lebih dari ${MAX_ALT_TEXT}. Kurangi baris data atau persingkat label dan judul.`,
      [{ path: 'data', message: 'teks alternatif terlalu panjang' }],
    );
  return text;
};
