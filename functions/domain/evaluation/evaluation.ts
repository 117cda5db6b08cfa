import { feedbackForItem } from '../../adapters/feedback-repo';
import { instagram } from '../../adapters/instagram-client';
import { addStage, getItem } from '../../adapters/items-repo';
import { putObject } from '../../adapters/media-store';
import { appendMetrics, listPublications, type Publication } from '../../adapters/publications-repo';
import { x } from '../../adapters/x-client';
import { config } from '../../common/config';
import { log } from '../../common/logger';
import { followUpsForItem } from '../feedback/follow-ups';
import type { FeedbackRecord } from '../feedback/inbox';
import { CATEGORY_NAMES, LABEL_NAMES, platformName } from '../support/display-names';
import { escapeHtml as e } from '../support/html';
import { formatLocal } from '../support/time';
import { engagementRate } from './engagement';
import { UNCATEGORISED } from './monthly-report';

export const INSTAGRAM_METRICS = ['reach', 'likes', 'comments', 'shares', 'saved', 'views'] as const;

/** Reads each published post's metrics and stores the reading with its time. A platform that fails is logged, not fatal. */
export const collectMetrics = async (itemId: string): Promise<{ collectedAt: string; readings: number }> => {
  const collectedAt = new Date().toISOString();
  let readings = 0;
  for (const pub of await listPublications(itemId)) {
    if (pub.state !== 'published' || !pub.postId) continue;
    try {
      const values =
        pub.platform === 'instagram'
          ? await instagram.insights(pub.postId, INSTAGRAM_METRICS)
          : await x.publicMetrics(pub.postId);
      await appendMetrics(pub, { at: collectedAt, values });
      readings += 1;
    } catch (error) {
      log.warn('metrics could not be read', { itemId, platform: pub.platform, error });
    }
  }
  return { collectedAt, readings };
};

const latest = (p: Publication) => p.metrics?.at(-1)?.values ?? {};

export { engagementRate } from './engagement';

/** The item's feedback records (feedback table, `by-item` index), every page, in the index's order. */
const itemFeedback = (itemId: string): Promise<FeedbackRecord[]> =>
  feedbackForItem<FeedbackRecord>(itemId, { oldestFirst: true });

/** A question is overdue for an answer once it has waited this long. */
export const UNANSWERED_AFTER_HOURS = 24;
/** At most this many unanswered questions are listed (all are counted). */
export const UNANSWERED_LISTED = 100;

export interface UnansweredQuestion {
  readonly id: string;
  readonly platform: string;
  readonly text: string;
  readonly createdAt: string;
  readonly ageHours: number;
  readonly olderThan24h: boolean;
}

export interface FeedbackAnalysis {
  readonly total: number;
  /** Label → count; feedback without a label counts as `unclassified`. */
  readonly byLabel: Record<string, number>;
  /** Complaint category → count; a complaint without one counts as `uncategorised`. */
  readonly complaintsByCategory: Record<string, number>;
  readonly urgent: number;
  readonly unansweredQuestions: {
    readonly count: number;
    readonly olderThan24h: number;
    /** Oldest first. */
    readonly items: readonly UnansweredQuestion[];
  };
}

type AnalysedFeedback = Pick<
  FeedbackRecord,
  'id' | 'platform' | 'text' | 'status' | 'createdAt' | 'receivedAt'
> &
  Partial<Pick<FeedbackRecord, 'label' | 'category' | 'urgent'>>;

const count = (into: Record<string, number>, key: string) => {
  into[key] = (Object.hasOwn(into, key) ? (into[key] ?? 0) : 0) + 1;
};

/** What citizens said about one item, at `now`. Pure. */
export const analyseFeedback = (records: readonly AnalysedFeedback[], now: Date): FeedbackAnalysis => {
  const byLabel: Record<string, number> = {};
  const complaintsByCategory: Record<string, number> = {};
  let urgent = 0;
  const questions: UnansweredQuestion[] = [];
  for (const f of records) {
    const label = f.label ? String(f.label) : 'unclassified';
    count(byLabel, label);
    if (label === 'complaint') count(complaintsByCategory, f.category ? String(f.category) : UNCATEGORISED);
    if (f.urgent === true) urgent += 1;
    if (label === 'question' && f.status === 'open') {
      // The citizen's wait runs from when they wrote; the receipt time stands in for an unreadable one.
      const written = Date.parse(f.createdAt);
      const since = Number.isFinite(written) ? written : Date.parse(f.receivedAt);
      const ageHours = Number.isFinite(since) ? Math.max(0, (now.getTime() - since) / 3_600_000) : 0;
      questions.push({
        id: f.id,
        platform: f.platform,
        text: f.text,
        createdAt: Number.isFinite(written) ? f.createdAt : f.receivedAt,
        ageHours: Math.round(ageHours * 10) / 10,
        olderThan24h: ageHours > UNANSWERED_AFTER_HOURS,
      });
    }
  }
  questions.sort((a, b) => b.ageHours - a.ageHours || a.id.localeCompare(b.id));
  return {
    total: records.length,
    byLabel,
    complaintsByCategory,
    urgent,
    unansweredQuestions: {
      count: questions.length,
      olderThan24h: questions.filter((q) => q.olderThan24h).length,
      items: questions.slice(0, UNANSWERED_LISTED),
    },
  };
};

/** A follow-up as the evaluation shows it. */
export interface EvaluationFollowUp {
  readonly id: string;
  readonly feedbackId: string;
  readonly unit: string;
  readonly status: string;
  readonly dueAt: string;
  readonly overdue: boolean;
  readonly category?: string;
  readonly resolvedAt?: string;
  readonly resolutionNote?: string;
}

const evaluationFollowUps = async (
  itemId: string,
  now: Date,
): Promise<{ followUps: EvaluationFollowUp[]; error?: string }> => {
  try {
    const rows = await followUpsForItem(itemId, now);
    return {
      followUps: rows.map((f) => ({
        id: f.id,
        feedbackId: f.feedbackId,
        unit: f.unit,
        status: f.status,
        dueAt: f.dueAt,
        overdue: f.overdue,
        ...(f.category ? { category: f.category } : {}),
        ...(f.resolvedAt ? { resolvedAt: f.resolvedAt } : {}),
        ...(f.resolutionNote ? { resolutionNote: f.resolutionNote } : {}),
      })),
    };
  } catch (error) {
    // The report is still worth writing without them; say so in it rather than fail the evaluation.
    log.warn('follow-ups could not be read for the evaluation', { itemId, error });
    return { followUps: [], error: 'follow-ups could not be read' };
  }
};

const STATUS_NAMES: Record<string, string> = {
  open: 'Terbuka',
  in_progress: 'Sedang ditangani',
  resolved: 'Selesai',
};

const listOf = (entries: [string, number][], names: Record<string, string>, empty: string): string =>
  entries.length
    ? `<ul>${entries.map(([k, v]) => `<li>${e(names[k] ?? k)}: ${v}</li>`).join('')}</ul>`
    : `<p>${e(empty)}</p>`;

/** The citizens' side of the evaluation page: what they said, what is unanswered, what was followed up. */
export const renderFeedbackSections = (
  analysis: FeedbackAnalysis,
  followUps: readonly EvaluationFollowUp[],
  timeZone: string,
  followUpsError?: string,
): string => {
  const when = (iso: string | undefined) =>
    iso && Number.isFinite(Date.parse(iso)) ? formatLocal(iso, timeZone) : '–';
  const q = analysis.unansweredQuestions;
  const questionRows = q.items
    .map(
      (x) =>
        `<tr><td>${e(platformName(x.platform))}</td><td>${e(x.text)}</td><td>${e(when(x.createdAt))}</td><td>${
          x.olderThan24h ? '<strong>lebih dari 24 jam</strong>' : `${x.ageHours} jam`
        }</td></tr>`,
    )
    .join('');
  const followUpRows = followUps
    .map(
      (f) =>
        `<tr><td>${e(f.unit)}</td><td>${e(STATUS_NAMES[f.status] ?? f.status)}</td><td>${e(when(f.dueAt))}${
          f.overdue ? ' <strong>(terlambat)</strong>' : ''
        }</td><td>${e(f.category ? (CATEGORY_NAMES[f.category] ?? f.category) : '–')}</td><td>${e(f.resolutionNote ?? '–')}</td></tr>`,
    )
    .join('');
  return `<h2>Tanggapan warga</h2>
<p>Jumlah: ${analysis.total}; mendesak: ${analysis.urgent}.</p>
${listOf(Object.entries(analysis.byLabel), LABEL_NAMES, 'Belum ada tanggapan')}
<h3>Keluhan per kategori</h3>
${listOf(Object.entries(analysis.complaintsByCategory), CATEGORY_NAMES, 'Tidak ada keluhan')}
<h3>Pertanyaan belum dijawab</h3>
<p>${q.count} pertanyaan belum dijawab; ${q.olderThan24h} di antaranya lebih dari 24 jam.</p>
${
  q.items.length
    ? `<table><tr><th>Platform</th><th>Pertanyaan</th><th>Ditulis</th><th>Menunggu</th></tr>${questionRows}</table>`
    : ''
}
<h2>Tindak lanjut</h2>
${
  followUpsError
    ? '<p>Data tindak lanjut tidak dapat dibaca saat evaluasi ini dibuat.</p>'
    : followUps.length
      ? `<table><tr><th>Unit</th><th>Status</th><th>Tenggat</th><th>Kategori</th><th>Catatan penyelesaian</th></tr>${followUpRows}</table>`
      : '<p>Belum ada tindak lanjut.</p>'
}`;
};

/**
 * Writes the item's evaluation (JSON and a readable HTML page) to S3 and returns where. Pass 2 runs after
 * the late metrics reading and rewrites the report with every reading; the item's timeline records it.
 */
export const evaluateItem = async (
  itemId: string,
  pass: 1 | 2 = 1,
): Promise<{ reportKey: string; htmlKey: string }> => {
  const item = await getItem(itemId);
  const pubs = await listPublications(itemId);
  const platforms = pubs.map((p) => ({
    platform: p.platform,
    state: p.state,
    url: p.url,
    error: p.error,
    metrics: latest(p),
    metricsReadAt: p.metrics?.at(-1)?.at,
    readings: p.metrics ?? [],
    engagementRate: engagementRate(p.platform, latest(p)),
  }));
  const now = new Date();
  const analysis = analyseFeedback(await itemFeedback(itemId), now);
  const followUps = await evaluationFollowUps(itemId, now);
  const report = {
    itemId,
    title: item.title,
    publishedAt: pubs
      .map((p) => p.publishedAt)
      .filter(Boolean)
      .sort()[0],
    evaluatedAt: now.toISOString(),
    pass,
    platforms,
    // Label → count, as before (the same figures as feedbackAnalysis.byLabel).
    feedback: analysis.byLabel,
    feedbackAnalysis: analysis,
    followUps: followUps.followUps,
    ...(followUps.error ? { followUpsError: followUps.error } : {}),
  };
  const reportKey = `reports/items/${itemId}/evaluation.json`;
  const htmlKey = `reports/items/${itemId}/evaluation.html`;
  await putObject(reportKey, JSON.stringify(report, null, 2), 'application/json');
  const rows = platforms
    .map(
      (p) =>
        `<tr><td>${e(p.platform)}</td><td>${e(p.state)}</td><td>${p.engagementRate === undefined ? '–' : `${(p.engagementRate * 100).toFixed(2)}%`}</td><td>${e(
          Object.entries(p.metrics)
            .map(([k, v]) => `${k}: ${v}`)
            .join(', '),
        )}</td></tr>`,
    )
    .join('');
  const tz = config().DISPLAY_TIME_ZONE;
  const readAt = platforms
    .map((p) => p.metricsReadAt)
    .filter(Boolean)
    .sort()
    .at(-1);
  const html = `<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Evaluasi: ${e(item.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:760px;margin:auto;padding:12px;line-height:1.45;color:#1b1f24}
table{border-collapse:collapse;width:100%;font-size:.92em;overflow-wrap:anywhere}th,td{border:1px solid #ccd3db;padding:6px;text-align:left;vertical-align:top}
th{background:#eef2f6}h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:2px solid #0f766e}.muted{color:#57606a;font-size:.9em}</style></head>
<body><h1>Evaluasi: ${e(item.title)}</h1>
<p class="muted">Terbit ${report.publishedAt ? e(formatLocal(report.publishedAt, tz)) : '–'} · metrik dibaca ${readAt ? e(formatLocal(readAt, tz)) : '–'} · evaluasi ke-${pass}${pass === 1 ? ' (metrik dibaca lagi nanti, karena angka platform masih bertambah)' : ''}</p>
<h2>Kinerja per platform</h2>
<table><tr><th>Platform</th><th>Status</th><th>Engagement</th><th>Metrik</th></tr>${rows}</table>
${renderFeedbackSections(analysis, followUps.followUps, config().DISPLAY_TIME_ZONE, followUps.error)}
</body></html>`;
  await putObject(htmlKey, html, 'text/html; charset=utf-8');
  if (pass === 2)
    await addStage(itemId, 'reevaluated', `metrics read again; ${platforms.length} platform(s)`);
  return { reportKey, htmlKey };
};
