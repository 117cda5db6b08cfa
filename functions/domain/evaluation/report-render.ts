import type { TopLevelSpec } from 'vega-lite';
import { type CsvCell, csvCell } from '../support/csv';
import { categoryName, LABEL_NAMES, labelName, monthTitle, platformName } from '../support/display-names';
import { escapeHtml as e } from '../support/html';
import { formatLocal } from '../support/time';
import { ENGAGEMENT_RATE_NAME, namedMetrics } from './metric-names';
import type { MonthlyReport, Platform } from './monthly-report';
import { STACK_CSS, stackTable } from './stack-table';

/**
 * The monthly report as a self-contained HTML page (emailed and stored in S3, so no scripts, fonts or
 * external URLs: charts are inline SVG rendered here with vega-lite) and as CSV for a spreadsheet.
 */

const zoneName = (timeZone: string): string => (timeZone === 'Asia/Jakarta' ? 'WIB' : timeZone);

const num = (n: number, digits = 0): string =>
  new Intl.NumberFormat('id-ID', { maximumFractionDigits: digits }).format(n);

const pct = (share: number | null | undefined): string =>
  share === null || share === undefined
    ? '–'
    : `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(share * 100)}%`;

const signed = (n: number): string => (n > 0 ? `+${num(n)}` : n < 0 ? `−${num(-n)}` : '0');

const minutesText = (m: number | null): string => {
  if (m === null) return '–';
  return m >= 60 ? `${num(m, 1)} menit (${num(m / 60, 1)} jam)` : `${num(m, 1)} menit`;
};

/** A compact local time for tables, e.g. "01 Nov 2026, 00.30 WIB". */
const shortLocal = (iso: string, timeZone: string): string =>
  `${new Intl.DateTimeFormat('id-ID', {
    timeZone,
    day: '2-digit',
    month: 'short',
    year: 'numeric',
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
  }).format(new Date(iso))} ${zoneName(timeZone)}`;

const localDay = (iso: string, timeZone: string): string =>
  new Intl.DateTimeFormat('id-ID', { timeZone, day: 'numeric', month: 'long', year: 'numeric' }).format(
    new Date(iso),
  );

/** Only web links become anchors; anything else in a record is shown as text. */
const safeUrl = (url: string | undefined): string | undefined =>
  url && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined;

const table = (headers: string[], rows: string[][], empty = 'Belum ada data'): string =>
  stackTable(headers, rows, empty);

const CHART_CONFIG: TopLevelSpec['config'] = {
  font: 'sans-serif',
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 12, labelLimit: 220 },
  legend: { labelFontSize: 11, titleFontSize: 12, orient: 'bottom' },
  range: { category: ['#c13584', '#1d9bf0', '#7a869a', '#f2a900', '#2e7d32'] },
};

/**
 * vega and vega-lite load with the first chart, not when a function starts, and are never bundled: the
 * functions that render the report list them under `shippedModules` (docs/decisions/0023).
 */
let charting: Promise<[typeof import('vega'), typeof import('vega-lite')]> | undefined;
const loadCharting = () => {
  charting ??= Promise.all([import('vega'), import('vega-lite')]);
  return charting;
};

/** Renders a vega-lite spec to inline SVG; with no data, a note instead of an empty or broken chart. */
const chart = async (title: string, spec: TopLevelSpec, hasData: boolean): Promise<string> => {
  if (!hasData)
    return `<figure class="chart"><figcaption>${e(title)}</figcaption><p class="empty">Belum ada data</p></figure>`;
  const [{ parse, View }, { compile }] = await loadCharting();
  const view = new View(parse(compile({ ...spec, config: CHART_CONFIG }).spec), {
    renderer: 'none',
  });
  try {
    const svg = await view.toSVG();
    // Inline SVG in HTML needs no namespace declarations; dropping them keeps the page free of URLs.
    const clean = svg.replace(/\s+xmlns(:xlink)?="[^"]*"/g, '');
    return `<figure class="chart" role="img" aria-label="${e(title)}"><figcaption>${e(title)}</figcaption>${clean}</figure>`;
  } finally {
    view.finalize();
  }
};

const weeksChart = (r: MonthlyReport) =>
  chart(
    'Jangkauan (Instagram) dan tayangan (X) per minggu',
    {
      width: 480,
      height: 220,
      data: {
        values: r.weeks.map((w) => ({
          minggu: w.weekStart,
          platform: platformName(w.platform),
          nilai: w.reachOrImpressions,
        })),
      },
      mark: { type: 'bar' },
      encoding: {
        x: { field: 'minggu', type: 'ordinal', title: 'Minggu mulai (Senin)', axis: { labelAngle: -30 } },
        xOffset: { field: 'platform' },
        y: { field: 'nilai', type: 'quantitative', title: 'Jangkauan / tayangan' },
        color: { field: 'platform', type: 'nominal', title: 'Platform' },
      },
    },
    r.weeks.some((w) => w.reachOrImpressions > 0),
  );

const trendChart = (r: MonthlyReport) => {
  const thisName = monthTitle(r.month);
  const prevName = monthTitle(r.complaintTrend.previousMonth);
  // Order by a number rather than a list of names: category names come from records.
  const values = r.complaintTrend.rows.flatMap((row, urutan) => [
    { kategori: categoryName(row.category), periode: prevName, jumlah: row.previousMonth, urutan },
    { kategori: categoryName(row.category), periode: thisName, jumlah: row.thisMonth, urutan },
  ]);
  return chart(
    `Keluhan per kategori: ${prevName} dan ${thisName}`,
    {
      width: 420,
      height: { step: 14 },
      data: { values },
      mark: { type: 'bar' },
      encoding: {
        y: {
          field: 'kategori',
          type: 'nominal',
          title: null,
          sort: { field: 'urutan', op: 'min' },
        },
        yOffset: { field: 'periode', sort: [prevName, thisName] },
        x: { field: 'jumlah', type: 'quantitative', title: 'Jumlah keluhan', axis: { tickMinStep: 1 } },
        color: {
          field: 'periode',
          type: 'nominal',
          title: 'Bulan',
          sort: [prevName, thisName],
          // Not the platform colours: these are months.
          scale: { domain: [prevName, thisName], range: ['#9aa5b1', '#00796b'] },
        },
      },
    },
    r.complaintTrend.rows.length > 0,
  );
};

const labelsChart = (r: MonthlyReport) =>
  chart(
    'Tanggapan warga per jenis',
    {
      width: 420,
      height: { step: 24 },
      data: {
        values: Object.entries(r.feedback.byLabel).map(([label, count]) => ({
          jenis: labelName(label),
          jumlah: count,
        })),
      },
      mark: { type: 'bar', color: '#00796b' },
      encoding: {
        y: {
          field: 'jenis',
          type: 'nominal',
          title: null,
          sort: Object.values(LABEL_NAMES),
          scale: { paddingInner: 0.3 },
        },
        x: { field: 'jumlah', type: 'quantitative', title: 'Jumlah', axis: { tickMinStep: 1 } },
      },
    },
    r.feedback.total > 0,
  );

const STYLE = `
  body { font-family: system-ui, -apple-system, "Segoe UI", Roboto, sans-serif; color: #1f2933; margin: 0 auto;
    max-width: 860px; padding: 12px; line-height: 1.45; }
  h1 { font-size: 1.4rem; margin: 0.2em 0; } h2 { font-size: 1.15rem; margin-top: 1.6em; border-bottom: 2px solid #00796b; }
  h3 { font-size: 1rem; }
  .meta { color: #52606d; font-size: 0.9rem; }
  .cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(150px, 1fr)); gap: 8px; margin: 12px 0; }
  .card { border: 1px solid #d9e2ec; border-radius: 6px; padding: 8px; }
  .card b { display: block; font-size: 1.3rem; } .card span { font-size: 0.85rem; color: #52606d; }
${STACK_CSS}
  small { color: #52606d; word-break: break-word; }
  figure.chart { margin: 12px 0; } figcaption { font-weight: 600; margin-bottom: 4px; }
  figure.chart svg { max-width: 100%; height: auto; }
  .empty { color: #52606d; font-style: italic; border: 1px dashed #bcccdc; padding: 12px; }
  .up { color: #b42318; } .down { color: #2e7d32; }
  @media print { body { max-width: none; } h2, figure, table { break-inside: avoid; }
    a { color: inherit; } }
`;

const pairText = (side: { label: string; category: string | null }): string =>
  side.category ? `${labelName(side.label)} (${categoryName(side.category)})` : labelName(side.label);

/** How often staff corrected the classifier this month; reports stored before corrections existed have none. */
const correctionsHtml = (r: MonthlyReport): string => {
  const c = r.labelCorrections;
  if (!c) return '<p class="empty">Laporan ini dibuat sebelum koreksi label dicatat.</p>';
  const common = c.mostCommon
    ? `${e(pairText(c.mostCommon.from))} → ${e(pairText(c.mostCommon.to))} (${num(c.mostCommon.count)} kali)`
    : '–';
  return table(
    ['Ukuran', 'Nilai'],
    [
      ['Koreksi bulan ini', num(c.corrections)],
      [
        'Pesan bulan ini yang dikoreksi',
        `${num(c.messagesCorrected)} dari ${num(c.messages)} (${e(pct(c.shareCorrected))})`,
      ],
      ['Koreksi paling sering', common],
    ],
  );
};

/** The report as one HTML page in Bahasa Indonesia, times in the report's zone. */
export const renderReportHtml = async (r: MonthlyReport): Promise<string> => {
  const tz = r.timeZone;
  const title = `Laporan Evaluasi Bulanan Humas — ${monthTitle(r.month)}`;
  const p = r.publishing;
  const rt = r.responseTimes;
  const fu = r.followUps;
  const endDay = new Date(Date.parse(r.window.end) - 1).toISOString();

  const cards = [
    [num(p.itemsPublished), 'konten terbit'],
    [num(p.postsByPlatform.instagram), 'unggahan Instagram'],
    [num(p.postsByPlatform.x), 'unggahan X'],
    [num(p.totals.instagram.reachOrImpressions), 'jangkauan Instagram'],
    [num(p.totals.x.reachOrImpressions), 'tayangan X'],
    [num(r.feedback.total), 'tanggapan warga'],
    [num(r.feedback.byLabel.complaint), 'keluhan'],
    [num(r.feedback.urgent), 'tanggapan mendesak'],
    [minutesText(rt.medianMinutes), 'median waktu respons'],
    [num(fu.overdueAtNow), 'tindak lanjut terlambat'],
  ]
    .map(([v, l]) => `<div class="card"><b>${e(v ?? '')}</b><span>${e(l ?? '')}</span></div>`)
    .join('');

  const postRows = p.posts.map((post) => {
    const url = safeUrl(post.url);
    const metrics = namedMetrics(post.metrics)
      .map(([k, v]) => `${k}: ${num(v)}`)
      .join(' · ');
    return [
      e(shortLocal(post.publishedAt, tz)),
      `${e(post.title)}${metrics ? `<br><small>${e(metrics)}${post.metricsReadAt ? ` (dibaca ${e(shortLocal(post.metricsReadAt, tz))})` : ''}</small>` : '<br><small>Belum ada metrik</small>'}`,
      e(platformName(post.platform)),
      num(post.reachOrImpressions),
      num(post.interactions),
      e(pct(post.engagementRate)),
      url ? `<a href="${e(url)}">buka</a>` : '–',
    ];
  });

  const weekRows = [...new Set(r.weeks.map((w) => w.weekStart))].map((weekStart) => {
    const of = (platform: Platform) =>
      r.weeks.find((w) => w.weekStart === weekStart && w.platform === platform);
    const ig = of('instagram');
    const x = of('x');
    return [
      e(weekStart),
      num(ig?.posts ?? 0),
      num(ig?.reachOrImpressions ?? 0),
      num(ig?.interactions ?? 0),
      num(x?.posts ?? 0),
      num(x?.reachOrImpressions ?? 0),
      num(x?.interactions ?? 0),
    ];
  });

  const labelRows = Object.entries(r.feedback.byLabel).map(([label, count]) => [
    e(labelName(label)),
    num(count),
  ]);
  const categoryRows = r.feedback.complaintsByCategory.map((c) => [
    e(categoryName(c.category)),
    num(c.count),
  ]);
  const trendRows = r.complaintTrend.rows.map((row) => [
    e(categoryName(row.category)),
    num(row.previousMonth),
    num(row.thisMonth),
    `<span class="${row.difference > 0 ? 'up' : row.difference < 0 ? 'down' : ''}">${e(signed(row.difference))}</span>`,
  ]);
  const t = r.complaintTrend.totals;
  if (trendRows.length)
    trendRows.push([
      '<b>Jumlah</b>',
      `<b>${num(t.previousMonth)}</b>`,
      `<b>${num(t.thisMonth)}</b>`,
      `<b>${e(signed(t.difference))}</b>`,
    ]);

  const unitRows = fu.byUnit.map((u) => [
    e(u.unit),
    num(u.opened),
    num(u.resolved),
    num(u.open),
    num(u.overdue),
  ]);
  const overdueRows = fu.overdue.map((o) => [
    e(o.unit),
    e(categoryName(o.category)),
    e(shortLocal(o.dueAt, tz)),
    `${num(o.daysOverdue, 1)} hari`,
    `<small>${e(o.id)}</small>`,
  ]);
  const failedRows = p.failed.publications.map((f) => [e(f.title), e(platformName(f.platform))]);

  const [weeksSvg, trendSvg, labelsSvg] = await Promise.all([weeksChart(r), trendChart(r), labelsChart(r)]);

  return `<!doctype html>
<html lang="id">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${e(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<header>
<h1>${e(title)}</h1>
<p class="meta">Periode ${e(localDay(r.window.start, tz))} – ${e(localDay(endDay, tz))} (${e(zoneName(tz))}, ${e(tz)}).
Dibuat ${e(formatLocal(r.generatedAt, tz))}. Semua waktu dalam ${e(zoneName(tz))}.</p>
</header>

<section>
<h2>Ringkasan</h2>
<div class="cards">${cards}</div>
</section>

<section>
<h2>Publikasi</h2>
<p>${num(p.itemsPublished)} konten terbit dalam ${num(p.postsTotal)} unggahan (Instagram ${num(p.postsByPlatform.instagram)}, X ${num(p.postsByPlatform.x)}).
Publikasi gagal: ${num(p.failed.total)} (Instagram ${num(p.failed.byPlatform.instagram)}, X ${num(p.failed.byPlatform.x)}).</p>
${table(['Terbit', 'Judul', 'Platform', 'Jangkauan/tayangan', 'Interaksi', ENGAGEMENT_RATE_NAME, 'Tautan'], postRows, 'Belum ada unggahan bulan ini')}
<p><small>Jangkauan: orang yang melihat unggahan Instagram; tayangan: berapa kali unggahan X dilihat. ${ENGAGEMENT_RATE_NAME} = interaksi ÷ jangkauan/tayangan, dari pembacaan metrik terakhir.</small></p>
${failedRows.length ? `<h3>Publikasi gagal</h3>${table(['Judul', 'Platform'], failedRows)}` : ''}
</section>

<section>
<h2>Jangkauan dan interaksi per minggu</h2>
${weeksSvg}
${table(['Minggu mulai', 'IG unggahan', 'IG jangkauan', 'IG interaksi', 'X unggahan', 'X tayangan', 'X interaksi'], weekRows)}
</section>

<section>
<h2>Tanggapan warga</h2>
<p>${num(r.feedback.total)} tanggapan (Instagram ${num(r.feedback.byPlatform.instagram)}, X ${num(r.feedback.byPlatform.x)}), ${num(r.feedback.urgent)} mendesak.</p>
${labelsSvg}
${table(['Jenis', 'Jumlah'], labelRows)}
<h3>Keluhan per kategori</h3>
${table(['Kategori', 'Jumlah'], categoryRows, 'Tidak ada keluhan bulan ini')}
</section>

<section>
<h2>Tren keluhan</h2>
${trendSvg}
${table(['Kategori', monthTitle(r.complaintTrend.previousMonth), monthTitle(r.month), 'Selisih'], trendRows, 'Tidak ada keluhan dalam dua bulan ini')}
</section>

<section>
<h2>Koreksi label oleh staf</h2>
${correctionsHtml(r)}
</section>

<section>
<h2>Waktu respons</h2>
${table(
  ['Ukuran', 'Nilai'],
  [
    ['Tanggapan yang dibalas', num(rt.replied)],
    ['Median waktu balasan pertama', e(minutesText(rt.medianMinutes))],
    ['Persentil ke-90 (nearest-rank)', e(minutesText(rt.p90Minutes))],
    ['Dibalas dalam 24 jam', `${num(rt.answeredWithin24h)} (${e(pct(rt.shareWithin24h))})`],
    ['Pertanyaan belum dijawab', num(rt.unansweredQuestions)],
    ['… di antaranya lebih dari 24 jam', num(rt.unansweredQuestionsOver24h)],
  ],
)}
</section>

<section>
<h2>Tindak lanjut unit</h2>
<p>Dibuka ${num(fu.opened)}, selesai ${num(fu.resolved)} bulan ini; masih terbuka ${num(fu.openAtNow)}, terlambat ${num(fu.overdueAtNow)} saat laporan dibuat.
Median waktu penyelesaian: ${fu.medianDaysToResolve === null ? '–' : `${num(fu.medianDaysToResolve, 1)} hari`}.</p>
${table(['Unit', 'Dibuka', 'Selesai', 'Masih terbuka', 'Terlambat'], unitRows, 'Belum ada tindak lanjut')}
${overdueRows.length ? `<h3>Tindak lanjut terlambat</h3>${table(['Unit', 'Kategori', 'Batas waktu', 'Terlambat', 'ID'], overdueRows)}` : ''}
</section>

<footer>
<p><small>Cara menghitung: unggahan dihitung menurut waktu terbit; publikasi gagal menurut tanggal konten dibuat;
tanggapan menurut waktu dibuat; minggu dimulai hari Senin. "Saat laporan dibuat" = ${e(shortLocal(r.generatedAt, tz))}.</small></p>
</footer>
</body>
</html>
`;
};

/**
 * CSV layout: one block per table, blocks separated by an empty line. Each block starts with a one-cell row
 * naming it ("# summary", "# posts", ...) followed by its header row and data rows, so each block can be
 * selected and turned into a table in a spreadsheet. "# summary" holds every single figure as key,value
 * with the key being its path in the MonthlyReport JSON (e.g. publishing.postsByPlatform.instagram).
 * Numbers are written unrounded with a dot as decimal separator; missing values are empty cells.
 * A UTF-8 byte-order mark opens the file so Excel reads titles with non-ASCII letters correctly.
 */
type Cell = CsvCell;

const block = (name: string, header: string[], rows: Cell[][]): string[] => [
  `# ${name}`,
  header.join(','),
  ...rows.map((r) => r.map(csvCell).join(',')),
];

export const renderReportCsv = (r: MonthlyReport): string => {
  const p = r.publishing;
  const summary: [string, Cell][] = [
    ['month', r.month],
    ['timeZone', r.timeZone],
    ['window.start', r.window.start],
    ['window.end', r.window.end],
    ['generatedAt', r.generatedAt],
    ['publishing.itemsPublished', p.itemsPublished],
    ['publishing.postsTotal', p.postsTotal],
    ['publishing.postsByPlatform.instagram', p.postsByPlatform.instagram],
    ['publishing.postsByPlatform.x', p.postsByPlatform.x],
    ['publishing.failed.total', p.failed.total],
    ['publishing.failed.byPlatform.instagram', p.failed.byPlatform.instagram],
    ['publishing.failed.byPlatform.x', p.failed.byPlatform.x],
    ['publishing.totals.instagram.reachOrImpressions', p.totals.instagram.reachOrImpressions],
    ['publishing.totals.instagram.interactions', p.totals.instagram.interactions],
    ['publishing.totals.x.reachOrImpressions', p.totals.x.reachOrImpressions],
    ['publishing.totals.x.interactions', p.totals.x.interactions],
    ['feedback.total', r.feedback.total],
    ...Object.entries(r.feedback.byLabel).map(([k, v]): [string, Cell] => [`feedback.byLabel.${k}`, v]),
    ['feedback.byPlatform.instagram', r.feedback.byPlatform.instagram],
    ['feedback.byPlatform.x', r.feedback.byPlatform.x],
    ['feedback.urgent', r.feedback.urgent],
    ['complaintTrend.previousMonth', r.complaintTrend.previousMonth],
    ['complaintTrend.totals.thisMonth', r.complaintTrend.totals.thisMonth],
    ['complaintTrend.totals.previousMonth', r.complaintTrend.totals.previousMonth],
    ['complaintTrend.totals.difference', r.complaintTrend.totals.difference],
    ...Object.entries(r.responseTimes).map(([k, v]): [string, Cell] => [`responseTimes.${k}`, v]),
    ['labelCorrections.corrections', r.labelCorrections?.corrections],
    ['labelCorrections.messages', r.labelCorrections?.messages],
    ['labelCorrections.messagesCorrected', r.labelCorrections?.messagesCorrected],
    ['labelCorrections.shareCorrected', r.labelCorrections?.shareCorrected],
    ['labelCorrections.mostCommon.from.label', r.labelCorrections?.mostCommon?.from.label],
    ['labelCorrections.mostCommon.from.category', r.labelCorrections?.mostCommon?.from.category],
    ['labelCorrections.mostCommon.to.label', r.labelCorrections?.mostCommon?.to.label],
    ['labelCorrections.mostCommon.to.category', r.labelCorrections?.mostCommon?.to.category],
    ['labelCorrections.mostCommon.count', r.labelCorrections?.mostCommon?.count],
    ['followUps.opened', r.followUps.opened],
    ['followUps.resolved', r.followUps.resolved],
    ['followUps.openAtNow', r.followUps.openAtNow],
    ['followUps.overdueAtNow', r.followUps.overdueAtNow],
    ['followUps.medianDaysToResolve', r.followUps.medianDaysToResolve],
  ];
  const lines = [
    ...block('summary', ['key', 'value'], summary),
    '',
    ...block(
      'posts',
      [
        'itemId',
        'title',
        'platform',
        'publishedAt',
        'url',
        'metricsReadAt',
        'reachOrImpressions',
        'interactions',
        'engagementRate',
      ],
      p.posts.map((x) => [
        x.itemId,
        x.title,
        x.platform,
        x.publishedAt,
        x.url,
        x.metricsReadAt,
        x.reachOrImpressions,
        x.interactions,
        x.engagementRate,
      ]),
    ),
    '',
    ...block(
      'failedPublications',
      ['itemId', 'title', 'platform'],
      p.failed.publications.map((f) => [f.itemId, f.title, f.platform]),
    ),
    '',
    ...block(
      'weeks',
      ['weekStart', 'platform', 'posts', 'reachOrImpressions', 'interactions'],
      r.weeks.map((w) => [w.weekStart, w.platform, w.posts, w.reachOrImpressions, w.interactions]),
    ),
    '',
    ...block(
      'complaintsByCategory',
      ['category', 'count'],
      r.feedback.complaintsByCategory.map((c) => [c.category, c.count]),
    ),
    '',
    ...block(
      'complaintTrend',
      ['category', 'thisMonth', 'previousMonth', 'difference'],
      r.complaintTrend.rows.map((t) => [t.category, t.thisMonth, t.previousMonth, t.difference]),
    ),
    '',
    ...block(
      'followUpsByUnit',
      ['unit', 'opened', 'resolved', 'open', 'overdue'],
      r.followUps.byUnit.map((u) => [u.unit, u.opened, u.resolved, u.open, u.overdue]),
    ),
    '',
    ...block(
      'overdueFollowUps',
      ['id', 'feedbackId', 'unit', 'category', 'dueAt', 'daysOverdue'],
      r.followUps.overdue.map((o) => [o.id, o.feedbackId, o.unit, o.category, o.dueAt, o.daysOverdue]),
    ),
  ];
  return `\uFEFF${lines.join('\r\n')}\r\n`;
};
