import type { FeedbackRecord } from '../feedback/inbox';
import { CATEGORY_NAMES, LABEL_NAMES, platformName } from '../support/display-names';
import { escapeHtml as e } from '../support/html';
import { formatLocal } from '../support/time';
import { audience } from './engagement';
import { ENGAGEMENT_RATE_NAME, INTERACTIONS_NAME, namedMetrics } from './metric-names';
import { UNCATEGORISED } from './monthly-report';
import { STACK_CSS, stackTable } from './stack-table';

/**
 * An item's evaluation built from the records as they are now, and its page. Pure: evaluation.ts loads the
 * item, its publications (with every metrics reading), its feedback and follow-ups and passes `now`, so the
 * page read on Friday shows Friday's comments and follow-ups, not those of the day it was first written.
 */

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
  const questionRows = q.items.map((x) => [
    e(platformName(x.platform)),
    e(x.text),
    e(when(x.createdAt)),
    x.olderThan24h ? '<strong>lebih dari 24 jam</strong>' : `${String(x.ageHours).replace('.', ',')} jam`,
  ]);
  const followUpRows = followUps.map((f) => [
    e(f.unit),
    e(STATUS_NAMES[f.status] ?? f.status),
    `${e(when(f.dueAt))}${f.overdue ? ' <strong>(terlambat)</strong>' : ''}`,
    e(f.category ? (CATEGORY_NAMES[f.category] ?? f.category) : '–'),
    e(f.resolutionNote ?? '–'),
  ]);
  return `<h2>Tanggapan warga</h2>
<p>Jumlah: ${analysis.total}; mendesak: ${analysis.urgent}.</p>
${listOf(Object.entries(analysis.byLabel), LABEL_NAMES, 'Belum ada tanggapan')}
<h3>Keluhan per kategori</h3>
${listOf(Object.entries(analysis.complaintsByCategory), CATEGORY_NAMES, 'Tidak ada keluhan')}
<h3>Pertanyaan belum dijawab</h3>
<p>${q.count} pertanyaan belum dijawab; ${q.olderThan24h} di antaranya lebih dari 24 jam.</p>
${q.items.length ? stackTable(['Platform', 'Pertanyaan', 'Ditulis', 'Menunggu'], questionRows) : ''}
<h2>Tindak lanjut</h2>
${
  followUpsError
    ? '<p>Data tindak lanjut tidak dapat dibaca saat evaluasi ini dibuat.</p>'
    : followUps.length
      ? stackTable(['Unit', 'Status', 'Tenggat', 'Kategori', 'Catatan penyelesaian'], followUpRows)
      : '<p>Belum ada tindak lanjut.</p>'
}`;
};

// ---- The whole evaluation --------------------------------------------------------------------------------

export interface EvaluationPublication {
  readonly platform: string;
  readonly state: string;
  readonly url?: string;
  readonly error?: string;
  readonly publishedAt?: string;
  readonly metrics?: readonly { at: string; values: Record<string, number> }[];
}

export interface EvaluationInput {
  readonly item: { readonly id: string; readonly title: string };
  readonly publications: readonly EvaluationPublication[];
  readonly feedback: readonly AnalysedFeedback[];
  readonly followUps: readonly EvaluationFollowUp[];
  readonly followUpsError?: string;
  /** 1: the first evaluation; 2: after the late metrics reading. */
  readonly pass: 1 | 2;
  readonly now: Date;
}

/** The evaluation's JSON (stored as evaluation.json; the shape the first version wrote, plus updatedAt). */
export const buildEvaluation = (input: EvaluationInput) => {
  const platforms = input.publications.map((p) => {
    const metrics = p.metrics?.at(-1)?.values ?? {};
    return {
      platform: p.platform,
      state: p.state,
      url: p.url,
      error: p.error,
      metrics,
      metricsReadAt: p.metrics?.at(-1)?.at,
      readings: p.metrics ?? [],
      engagementRate: audience(p.platform, metrics).engagementRate,
    };
  });
  const analysis = analyseFeedback(input.feedback, input.now);
  return {
    itemId: input.item.id,
    title: input.item.title,
    publishedAt: input.publications
      .map((p) => p.publishedAt)
      .filter((x): x is string => Boolean(x))
      .sort()[0],
    evaluatedAt: input.now.toISOString(),
    pass: input.pass,
    platforms,
    // Label → count, as before (the same figures as feedbackAnalysis.byLabel).
    feedback: analysis.byLabel,
    feedbackAnalysis: analysis,
    followUps: [...input.followUps],
    ...(input.followUpsError ? { followUpsError: input.followUpsError } : {}),
  };
};

export type Evaluation = ReturnType<typeof buildEvaluation>;

const PUBLICATION_STATES: Record<string, string> = {
  published: 'Terbit',
  failed: 'Gagal',
  pending: 'Belum terbit',
};

const number = (n: number) => new Intl.NumberFormat('id-ID').format(n);
const percent = (rate: number | undefined) =>
  rate === undefined
    ? '–'
    : `${new Intl.NumberFormat('id-ID', { minimumFractionDigits: 2, maximumFractionDigits: 2 }).format(rate * 100)}%`;
const webLink = (url: string | undefined) => (url && /^https?:\/\/[^\s"'<>]+$/i.test(url) ? url : undefined);

/** The evaluation page: figures per platform with Indonesian metric names, then what citizens said. */
export const renderEvaluationHtml = (ev: Evaluation, timeZone: string): string => {
  const when = (iso: string | undefined) =>
    iso && Number.isFinite(Date.parse(iso)) ? formatLocal(iso, timeZone) : '–';
  const readAt = ev.platforms
    .map((p) => p.metricsReadAt)
    .filter((x): x is string => Boolean(x))
    .sort()
    .at(-1);
  const rows = ev.platforms.map((p) => {
    const a = audience(p.platform, p.metrics);
    const details = namedMetrics(p.metrics)
      .map(([k, v]) => `${e(k)}: ${number(v)}`)
      .join('<br>');
    const url = webLink(p.url);
    return [
      e(platformName(p.platform)),
      `${e(PUBLICATION_STATES[p.state] ?? p.state)}${p.error ? `<br><small>${e(p.error)}</small>` : ''}`,
      number(a.reachOrImpressions),
      number(a.interactions),
      e(percent(p.engagementRate)),
      details || 'Belum ada metrik',
      url ? `<a href="${e(url)}">Buka unggahan</a>` : '–',
    ];
  });
  const pass =
    ev.pass === 1
      ? 'evaluasi pertama (metrik dibaca lagi nanti, karena angka platform masih bertambah)'
      : 'metrik sudah dibaca ulang';
  return `<!doctype html><html lang="id"><head><meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1"><title>Evaluasi: ${e(ev.title)}</title>
<style>body{font-family:system-ui,sans-serif;max-width:860px;margin:auto;padding:12px;line-height:1.45;color:#1b1f24}
h1{font-size:1.4em}h2{font-size:1.15em;margin-top:1.6em;border-bottom:2px solid #0f766e}.muted{color:#57606a;font-size:.9em}
small{color:#57606a}.empty{color:#52606d;font-style:italic}${STACK_CSS}</style></head>
<body><h1>Evaluasi: ${e(ev.title)}</h1>
<p class="muted">Terbit ${e(when(ev.publishedAt))} · metrik dibaca ${e(when(readAt))} · ${e(pass)}.</p>
<p class="muted">Diperbarui ${e(when(ev.evaluatedAt))}: tanggapan warga dan tindak lanjut di halaman ini adalah keadaan saat itu.</p>
<h2>Kinerja per platform</h2>
${stackTable(['Platform', 'Status', 'Jangkauan/tayangan', INTERACTIONS_NAME, ENGAGEMENT_RATE_NAME, 'Rincian metrik', 'Tautan'], rows, 'Belum ada publikasi')}
<p><small>Jangkauan: orang yang melihat unggahan Instagram; tayangan: berapa kali unggahan X dilihat. ${e(ENGAGEMENT_RATE_NAME)} = interaksi ÷ jangkauan/tayangan.</small></p>
${renderFeedbackSections(ev.feedbackAnalysis, ev.followUps, timeZone, ev.followUpsError)}
</body></html>`;
};
