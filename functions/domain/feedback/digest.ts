import { Filter, feedbackReceivedSince, feedbackWithStatus } from '../../adapters/feedback-repo';
import { sendEmail } from '../../adapters/mailer';
import { config } from '../../common/config';
import { categoryName } from '../support/display-names';
import { escapeHtml as e } from '../support/html';
import { type Digest, type DigestEntry, digestText } from './digest-text';
import { overdueFollowUps } from './follow-ups';
import type { FeedbackRecord } from './inbox';
import { officeCalendar, responseRules } from './office-calendar';
import { isResponseOverdue, responseDue, responseWorkingDaysLate } from './response-deadline';

/**
 * The morning digest for the PR team: what citizens complained about in the last 24 hours (by
 * category), questions still unanswered past the office's response time (RESPONSE_WORKING_DAYS working days), urgent messages, keyword-watch hits, overdue
 * follow-ups and anything the queue could not classify. Emailed every day at 07:00 WIB; staff can ask
 * for it any time (`POST /digest`).
 */

const HOUR = 3_600_000;
/** Listed per section in the email; the counts are always complete. */
const LIST_LIMIT = 20;
/** How far back messages are read for the day's sections and for ones never classified. Open questions are read whatever their age. */
const LOOKBACK_DAYS = 30;

type Row = FeedbackRecord & { readonly processedAt?: string };

const entry = (r: Row): DigestEntry => ({
  id: r.id,
  platform: r.platform,
  author: r.authorHandle,
  text: r.text.length > 280 ? `${r.text.slice(0, 277)}...` : r.text,
  createdAt: r.createdAt,
  ...(r.itemId ? { itemId: r.itemId } : {}),
  status: r.status,
});
const oldestFirst = (a: Row, b: Row) => a.createdAt.localeCompare(b.createdAt);

export const buildDigest = async (now = new Date()): Promise<Digest> => {
  const since = new Date(now.getTime() - 24 * HOUR).toISOString();
  const lookback = new Date(now.getTime() - LOOKBACK_DAYS * 24 * HOUR).toISOString();
  const calendar = await officeCalendar();
  const rules = await responseRules(calendar);
  const [stored, open] = await Promise.all([
    feedbackReceivedSince<Row>(lookback),
    // Unanswered questions of any age: a question open for two weeks belongs in the digest most of all.
    feedbackWithStatus<Row>('open', { filter: new Filter().equals('label', 'question') }),
  ]);
  // A message its author deleted on the platform stays stored, but is not counted: nobody can read it
  // there or answer it. (The queue's health below still counts every stored message.)
  const rows = stored.filter((r) => !r.deletedAt);
  const openQuestions = open.filter((r) => !r.deletedAt);
  const recent = rows.filter((r) => r.receivedAt >= since);

  const byCategory = new Map<string, Row[]>();
  for (const r of recent.filter((r) => r.label === 'complaint')) {
    const c = r.category ?? 'uncategorised';
    byCategory.set(c, [...(byCategory.get(c) ?? []), r]);
  }
  const unanswered = openQuestions.filter((r) => isResponseOverdue(r, rules, now)).sort(oldestFirst);
  const urgent = recent.filter((r) => r.urgent).sort(oldestFirst);
  const watches = config()
    .WATCH_KEYWORDS.map((keyword) => ({
      keyword,
      hits: recent.filter((r) => r.watches?.includes(keyword)).sort(oldestFirst),
    }))
    .filter((w) => w.hits.length > 0);
  const overdue = await overdueFollowUps(now, calendar);
  const stale = new Date(now.getTime() - 15 * 60_000).toISOString();

  return {
    generatedAt: now.toISOString(),
    since,
    newFeedback: recent.length,
    complaintsByCategory: [...byCategory.entries()]
      .sort((a, b) => b[1].length - a[1].length || a[0].localeCompare(b[0]))
      .map(([category, list]) => ({
        category,
        name: categoryName(category),
        count: list.length,
        examples: list.sort(oldestFirst).slice(0, 3).map(entry),
      })),
    unansweredQuestions: {
      count: unanswered.length,
      workingDays: rules.workingDays,
      entries: unanswered.slice(0, LIST_LIMIT).map((r) => ({
        ...entry(r),
        dueDay: responseDue(r, rules).day,
        workingDaysLate: responseWorkingDaysLate(r, rules, now),
      })),
    },
    urgent: { count: urgent.length, entries: urgent.slice(0, LIST_LIMIT).map(entry) },
    watches: watches.map((w) => ({
      keyword: w.keyword,
      count: w.hits.length,
      entries: w.hits.slice(0, LIST_LIMIT).map(entry),
    })),
    overdueFollowUps: {
      count: overdue.length,
      entries: overdue.slice(0, LIST_LIMIT).map((f) => ({
        id: f.id,
        unit: f.unit,
        dueAt: f.dueAt,
        dueDay: f.dueDay,
        workingDaysLate: f.workingDaysLate,
        status: f.status,
        summary: f.summary,
        feedbackId: f.feedbackId,
      })),
    },
    unprocessed: stored.filter((r) => !r.processedAt && r.receivedAt < stale).length,
  };
};

/** Builds the digest and, when asked, emails it to the PR team's address. */
export const runDigest = async (opts: { send: boolean; now?: Date }): Promise<Digest & { sent: boolean }> => {
  const cfg = config();
  const digest = await buildDigest(opts.now ?? new Date());
  if (!opts.send) return { ...digest, sent: false };
  const text = digestText(digest, cfg.DISPLAY_TIME_ZONE);
  const day = new Intl.DateTimeFormat('id-ID', { dateStyle: 'long', timeZone: cfg.DISPLAY_TIME_ZONE }).format(
    new Date(digest.generatedAt),
  );
  await sendEmail({
    from: cfg.MAIL_FROM,
    to: [cfg.STAFF_EMAIL],
    subject: `Ringkasan harian Humas — ${day}${digest.urgent.count ? ` (${digest.urgent.count} darurat)` : ''}`,
    text,
    html: `<!doctype html><html lang="id"><body style="font-family:sans-serif;max-width:760px"><h1 style="font-size:1.2em">Ringkasan harian Humas — ${e(day)}</h1><pre style="font-family:inherit;white-space:pre-wrap">${e(text)}</pre></body></html>`,
    headers: { 'X-Sebar-Digest': digest.generatedAt.slice(0, 10) },
  });
  return { ...digest, sent: true };
};
