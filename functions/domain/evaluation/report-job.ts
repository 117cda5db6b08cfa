import * as z from 'zod';
import { audit } from '../../adapters/audit-repo';
import { sendEmail } from '../../adapters/mailer';
import { getObjectBytes, headObject, presignedGetUrl, putObject } from '../../adapters/media-store';
import { loadReportInput } from '../../adapters/report-source';
import { config } from '../../common/config';
import { NotFoundError, ValidationError } from '../../common/errors';
import { log } from '../../common/logger';
import { parseInput } from '../../common/validation';
import { monthTitle } from '../support/display-names';
import { escapeHtml } from '../support/html';
import { formatLocal } from '../support/time';
import { localFields } from '../support/zoned-time';
import {
  computeMonthlyReport,
  type MonthlyReport,
  monthSchema,
  monthText,
  monthWindow,
  type ReportLabel,
  shiftMonth,
} from './monthly-report';

/**
 * The monthly evaluation report as a job: loads every record the report needs (report-source.ts), computes it
 * (monthly-report.ts), renders HTML and CSV (report-render.ts), stores all three in S3 under
 * reports/monthly/<month>/ and, when asked, emails the head of the office. Run by the monthly schedule
 * (scheduled-jobs) and on demand (POST /reports, `npx sebar report`). Re-running a month overwrites its
 * files with figures as of the new run.
 */

/** 'previous' (the calendar month before now, in the office's zone) or a month written YYYY-MM. */
export const reportMonthSchema = z
  .string()
  .trim()
  .superRefine((value, ctx) => {
    if (value === 'previous') return;
    const parsed = monthSchema.safeParse(value);
    if (!parsed.success)
      for (const issue of parsed.error.issues)
        ctx.addIssue({ code: 'custom', message: `${issue.message}; or 'previous' for last month` });
  });

export interface ReportKeys {
  readonly html: string;
  readonly csv: string;
  readonly json: string;
}

export const reportKeys = (month: string): ReportKeys => {
  const prefix = `reports/monthly/${month}`;
  return { html: `${prefix}/report.html`, csv: `${prefix}/report.csv`, json: `${prefix}/report.json` };
};

/** The key figures: what the email's text part, the API answer and the CLI show at a glance. */
export interface ReportFigures {
  readonly itemsPublished: number;
  readonly posts: { instagram: number; x: number; total: number };
  readonly failedPublications: number;
  readonly feedback: {
    total: number;
    byLabel: Record<ReportLabel, number>;
    urgent: number;
    /** Feedback of the month with at least one reply. */
    replied: number;
  };
  readonly complaints: { total: number; byCategory: { category: string; count: number }[] };
  readonly followUps: { opened: number; resolved: number; openAtNow: number; overdue: number };
}

export interface MonthlyReportResult {
  readonly month: string;
  readonly generatedAt: string;
  readonly keys: ReportKeys;
  /** Presigned GET links; they expire after MEDIA_URL_TTL_SECONDS. */
  readonly links: { html: string; csv: string };
  readonly linksExpireInSeconds: number;
  readonly figures: ReportFigures;
  /** Stored records left out because they could not be read (logged with their ids). */
  readonly skippedRecords: number;
  readonly emailed: boolean;
  readonly emailedTo?: readonly string[];
  /** Why the email did not go out, when it was asked for; the report is stored regardless. */
  readonly emailError?: string;
}

export const reportFigures = (r: MonthlyReport): ReportFigures => ({
  itemsPublished: r.publishing.itemsPublished,
  posts: { ...r.publishing.postsByPlatform, total: r.publishing.postsTotal },
  failedPublications: r.publishing.failed.total,
  feedback: {
    total: r.feedback.total,
    byLabel: { ...r.feedback.byLabel },
    urgent: r.feedback.urgent,
    replied: r.responseTimes.replied,
  },
  complaints: {
    total: r.feedback.byLabel.complaint,
    byCategory: r.feedback.complaintsByCategory.map((c) => ({ ...c })),
  },
  followUps: {
    opened: r.followUps.opened,
    resolved: r.followUps.resolved,
    openAtNow: r.followUps.openAtNow,
    overdue: r.followUps.overdueAtNow,
  },
});

/** Validates the month and turns 'previous' into the calendar month before `now` in the zone. */
export const resolveReportMonth = (month: string, now: Date, timeZone: string): string => {
  const { month: given } = parseInput(z.object({ month: reportMonthSchema }), { month }, 'month');
  if (given !== 'previous') return given;
  const l = localFields(now.getTime(), timeZone);
  const previous = shiftMonth(l.year, l.month, -1);
  return monthText(previous.year, previous.month);
};

// ---- The email -------------------------------------------------------------------------------------------

const LABEL_TEXT: Record<ReportLabel, string> = {
  complaint: 'keluhan',
  question: 'pertanyaan',
  appreciation: 'apresiasi',
  other: 'lainnya',
  unclassified: 'belum diklasifikasi',
};

const minutes = (m: number | null): string => {
  if (m === null) return '–';
  if (m < 1) return 'kurang dari 1 menit';
  if (m < 60) return `${Math.round(m)} menit`;
  return `${(m / 60).toFixed(1).replace('.', ',')} jam`;
};

const reportEmailText = (
  r: MonthlyReport,
  f: ReportFigures,
  links: { html: string; csv: string },
  ttlSeconds: number,
): string => {
  const tz = r.timeZone;
  const labels = (Object.keys(LABEL_TEXT) as ReportLabel[])
    .filter((l) => l !== 'unclassified' || f.feedback.byLabel[l] > 0)
    .map((l) => `${LABEL_TEXT[l]} ${f.feedback.byLabel[l]}`)
    .join(', ');
  const categories = f.complaints.byCategory.map((c) => `${c.category} ${c.count}`).join(', ');
  return [
    `Laporan evaluasi bulanan Humas — ${monthTitle(r.month)}`,
    `Dibuat ${formatLocal(r.generatedAt, tz)}; angka "saat ini" berlaku pada waktu itu.`,
    '',
    `Konten terbit: ${f.itemsPublished} (unggahan Instagram ${f.posts.instagram}, X ${f.posts.x})`,
    `Publikasi gagal: ${f.failedPublications}`,
    `Tanggapan warga: ${f.feedback.total} (${labels}); mendesak ${f.feedback.urgent}`,
    `Keluhan: ${f.complaints.total}${categories ? ` — ${categories}` : ''}`,
    `Dibalas: ${f.feedback.replied}; median waktu respons ${minutes(r.responseTimes.medianMinutes)}`,
    `Tindak lanjut unit: dibuka ${f.followUps.opened}, selesai ${f.followUps.resolved}, masih terbuka ${f.followUps.openAtNow}, terlambat ${f.followUps.overdue}`,
    '',
    'Laporan lengkap dengan grafik ada di bagian HTML email ini. Unduh:',
    `- HTML: ${links.html}`,
    `- CSV (untuk spreadsheet): ${links.csv}`,
    '',
    `Tautan unduhan berlaku ${Math.round(ttlSeconds / 60)} menit. Staf Humas selalu dapat mengambil laporan ini lagi dengan: npx sebar report --month ${r.month}`,
  ].join('\n');
};

/** The report page itself, with a short note on top linking the downloads. */
const reportEmailHtml = (
  reportHtml: string,
  month: string,
  links: { html: string; csv: string },
  ttlSeconds: number,
): string => {
  const note = `<p style="font-family:sans-serif;font-size:13px;background:#f4f6f8;padding:8px 12px;border-radius:4px">
Unduh laporan: <a href="${escapeHtml(links.html)}">HTML</a> · <a href="${escapeHtml(links.csv)}">CSV (spreadsheet)</a>.
Tautan berlaku ${Math.round(ttlSeconds / 60)} menit; staf Humas dapat mengambilnya lagi dengan <code>npx sebar report --month ${escapeHtml(month)}</code>.</p>`;
  return /<body[^>]*>/i.test(reportHtml)
    ? reportHtml.replace(/<body[^>]*>/i, (body) => `${body}\n${note}`)
    : `${note}\n${reportHtml}`;
};

const errorText = (error: unknown) => (error instanceof Error ? error.message : String(error));

// ---- The job -----------------------------------------------------------------------------------------

export interface GenerateOptions {
  /** Email the head of the office (and the PR team's address). Default false. */
  readonly email?: boolean;
  /** The instant the report is as of (default: now). */
  readonly now?: Date;
  /** Who asked, for the audit trail (default: 'sebar', the schedule). */
  readonly actor?: string;
}

export const generateMonthlyReport = async (
  month: string | 'previous',
  opts: GenerateOptions = {},
): Promise<MonthlyReportResult> => {
  const cfg = config();
  const tz = cfg.DISPLAY_TIME_ZONE;
  const now = opts.now ?? new Date();
  const resolved = resolveReportMonth(month, now, tz);
  if (Date.parse(monthWindow(resolved, tz).start) > now.getTime()) {
    throw new ValidationError(`Month ${resolved} has not started yet`, [
      { path: 'month', message: 'a report covers the current month or one before it' },
    ]);
  }

  const { input, skipped } = await loadReportInput();
  const report = computeMonthlyReport(input, resolved, { timeZone: tz, now: now.toISOString() });
  // Loaded here, not at start-up: vega takes most of a second to load, and the other operations
  // (account checks, the digest) share these functions' cold starts.
  const { renderReportCsv, renderReportHtml } = await import('./report-render');
  const [html, csv] = [await renderReportHtml(report), renderReportCsv(report)];

  const keys = reportKeys(resolved);
  await putObject(keys.html, html, 'text/html; charset=utf-8');
  await putObject(keys.csv, csv, 'text/csv; charset=utf-8');
  await putObject(keys.json, `${JSON.stringify(report, null, 2)}\n`, 'application/json');
  const links = { html: await presignedGetUrl(keys.html), csv: await presignedGetUrl(keys.csv) };
  const figures = reportFigures(report);
  const ttl = cfg.MEDIA_URL_TTL_SECONDS;

  let emailed = false;
  let emailError: string | undefined;
  const to = [...new Set([cfg.HEAD_OF_OFFICE_EMAIL, cfg.STAFF_EMAIL])];
  if (opts.email) {
    try {
      await sendEmail({
        from: cfg.MAIL_FROM,
        to,
        subject: `Laporan evaluasi bulanan Humas — ${monthTitle(resolved)}`,
        text: reportEmailText(report, figures, links, ttl),
        html: reportEmailHtml(html, resolved, links, ttl),
        headers: { 'X-Sebar-Report': resolved },
      });
      emailed = true;
    } catch (error) {
      // The files are stored either way; the caller decides whether a missing email is a failure.
      emailError = errorText(error);
      log.warn('monthly report email failed', { month: resolved, error });
    }
  }

  await audit({
    itemId: 'report#monthly',
    action: 'report.generated',
    actor: opts.actor ?? 'sebar',
    detail: { month: resolved, keys, emailed, ...(emailError ? { emailError } : {}), figures },
  });
  log.info('monthly report generated', { month: resolved, emailed, skippedRecords: skipped });
  return {
    month: resolved,
    generatedAt: report.generatedAt,
    keys,
    links,
    linksExpireInSeconds: ttl,
    figures,
    skippedRecords: skipped,
    emailed,
    ...(opts.email ? { emailedTo: emailed ? to : [] } : {}),
    ...(emailError ? { emailError } : {}),
  };
};

export type StoredMonthlyReport = Omit<
  MonthlyReportResult,
  'emailed' | 'emailedTo' | 'emailError' | 'skippedRecords'
> & {
  /** Every figure of the report (report.json), for the console's charts and tables. */
  readonly report: MonthlyReport;
};

/** A stored report: its keys, fresh links, key figures and the whole report; 404 (saying how to make it) when there is none. */
export const getMonthlyReport = async (month: string): Promise<StoredMonthlyReport> => {
  const { month: m } = parseInput(z.object({ month: monthSchema }), { month }, 'path');
  const keys = reportKeys(m);
  const heads = await Promise.all([headObject(keys.html), headObject(keys.csv), headObject(keys.json)]);
  if (heads.some((h) => h === undefined)) {
    throw new NotFoundError(
      `No monthly report for ${m} yet. Generate it with POST /reports {"month": "${m}"} or: npx sebar report --month ${m}`,
    );
  }
  const report = JSON.parse((await getObjectBytes(keys.json)).toString('utf8')) as MonthlyReport;
  return {
    month: m,
    generatedAt: report.generatedAt,
    keys,
    links: { html: await presignedGetUrl(keys.html), csv: await presignedGetUrl(keys.csv) },
    linksExpireInSeconds: config().MEDIA_URL_TTL_SECONDS,
    figures: reportFigures(report),
    report,
  };
};

/** A stored report's CSV (for a download through the staff API); 404 when the month has none. */
export const getMonthlyReportCsv = async (month: string): Promise<{ month: string; csv: Buffer }> => {
  const { month: m } = parseInput(z.object({ month: monthSchema }), { month }, 'path');
  const key = reportKeys(m).csv;
  if (!(await headObject(key))) {
    throw new NotFoundError(
      `No monthly report for ${m} yet. Generate it with POST /reports {"month": "${m}"} or: npx sebar report --month ${m}`,
    );
  }
  return { month: m, csv: await getObjectBytes(key) };
};
