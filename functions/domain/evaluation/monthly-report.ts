import * as z from 'zod';
import { localFields, localMidnight } from '../support/zoned-time';
import { audience } from './engagement';
import {
  type LabelCorrection,
  type LabelCorrectionsSummary,
  summariseLabelCorrections,
} from './label-corrections';

/**
 * The monthly evaluation report for the head of the office: publishing, reach, citizens' feedback, response
 * times and follow-ups for one calendar month in the office's time zone. Pure: the caller loads the records
 * and passes `now`, so every figure can be recomputed by hand from the same records.
 */

export type Platform = 'instagram' | 'x';
export const PLATFORMS: readonly Platform[] = ['instagram', 'x'];

export interface ReportItem {
  id: string;
  title: string;
  status: string;
  createdAt: string;
  platforms: ('instagram' | 'x')[];
}
export interface ReportPublication {
  itemId: string;
  platform: 'instagram' | 'x';
  state: 'pending' | 'published' | 'failed';
  publishedAt?: string;
  url?: string;
  metrics?: { at: string; values: Record<string, number> }[];
}
export interface ReportFeedback {
  id: string;
  platform: 'instagram' | 'x';
  itemId?: string;
  label?: string;
  category?: string | null;
  urgent?: boolean;
  status: 'open' | 'answered' | 'closed';
  createdAt: string;
  receivedAt: string;
  replies?: { at: string }[];
  /** Staff corrections of the label or category, oldest first (written by the inbox). */
  corrections?: LabelCorrection[];
}
export interface ReportFollowUp {
  id: string;
  feedbackId: string;
  unit: string;
  status: 'open' | 'in_progress' | 'resolved';
  createdAt: string;
  dueAt: string;
  resolvedAt?: string;
  category?: string | null;
}
export interface ReportInput {
  items: ReportItem[];
  publications: ReportPublication[];
  feedback: ReportFeedback[];
  followUps: ReportFollowUp[];
}

/** The classifier's labels plus 'unclassified' for feedback the classifier has not labelled. */
export const REPORT_LABELS = ['complaint', 'question', 'appreciation', 'other', 'unclassified'] as const;
export type ReportLabel = (typeof REPORT_LABELS)[number];
export const UNCATEGORISED = 'uncategorised';

export type PlatformCounts = Record<Platform, number>;

/** Instants are UTC ISO strings; `window` is half-open [start, end). */
export interface TimeWindow {
  start: string;
  end: string;
}

/** One post (a publication) published in the window, with its latest metrics reading. */
export interface PostRow {
  itemId: string;
  /** The item's title; the item id when the item is not in the input. */
  title: string;
  platform: Platform;
  publishedAt: string;
  url?: string;
  /** When the latest reading (at or before `now`) was taken; undefined when the post has no reading. */
  metricsReadAt?: string;
  /** The latest reading's raw values, as the platform reported them. Empty without a reading. */
  metrics: Record<string, number>;
  /** Instagram `reach` or X `impression_count` (people/impressions); 0 without a reading. */
  reachOrImpressions: number;
  /** Instagram likes+comments+shares+saved; X like+retweet+reply+quote+bookmark counts. */
  interactions: number;
  /** interactions / reachOrImpressions, rounded to 4 decimals; undefined when the base is 0. */
  engagementRate: number | undefined;
}

/** One platform's posts published in one week (Monday to Sunday in the office's zone) of the month. */
export interface WeekRow {
  /** The Monday's local date (YYYY-MM-DD); the first week may start in the previous month. */
  weekStart: string;
  platform: Platform;
  posts: number;
  reachOrImpressions: number;
  interactions: number;
}

export interface TrendRow {
  category: string;
  thisMonth: number;
  previousMonth: number;
  /** thisMonth − previousMonth: positive means more complaints than the month before. */
  difference: number;
}

export interface UnitRow {
  unit: string;
  /** Follow-ups created in the window. */
  opened: number;
  /** Follow-ups resolved in the window. */
  resolved: number;
  /** Not resolved at `now`, whenever created. */
  open: number;
  /** Not resolved and past their due time at `now`. */
  overdue: number;
}

export interface OverdueRow {
  id: string;
  feedbackId: string;
  unit: string;
  category: string;
  /** The due time used (normalised to UTC ISO). */
  dueAt: string;
  /** Days from dueAt to `now`, unrounded. */
  daysOverdue: number;
}

export interface MonthlyReport {
  /** YYYY-MM */
  month: string;
  /** IANA zone the month, weeks and displayed times are read in. */
  timeZone: string;
  window: TimeWindow;
  /** opts.now: the instant every "at now" figure refers to. */
  generatedAt: string;
  publishing: {
    /** Distinct items with at least one publication published (by publishedAt) in the window. */
    itemsPublished: number;
    /** Publications published in the window, per platform. */
    postsByPlatform: PlatformCounts;
    postsTotal: number;
    /**
     * Failed publications of items created in the window (a failed publication has no publishedAt, so the
     * item's createdAt places it in a month). Publications whose item is not in the input are not counted.
     */
    failed: {
      total: number;
      byPlatform: PlatformCounts;
      publications: { itemId: string; title: string; platform: Platform }[];
    };
    /** Sums over `posts`, per platform. */
    totals: Record<Platform, { reachOrImpressions: number; interactions: number }>;
    /** Sorted by publishedAt, then itemId, then platform. */
    posts: PostRow[];
  };
  /** Every week overlapping the month × every platform, zero rows included; sorted by weekStart, platform. */
  weeks: WeekRow[];
  /** Feedback created (createdAt) in the window. */
  feedback: {
    total: number;
    byLabel: Record<ReportLabel, number>;
    byPlatform: PlatformCounts;
    urgent: number;
    /** Complaints only; missing category → 'uncategorised'. Sorted by count desc, then category. */
    complaintsByCategory: { category: string; count: number }[];
  };
  complaintTrend: {
    previousMonth: string;
    previousWindow: TimeWindow;
    /** Union of both months' categories; sorted by thisMonth desc, previousMonth desc, category. */
    rows: TrendRow[];
    totals: { thisMonth: number; previousMonth: number; difference: number };
  };
  /** Feedback created in the window; a reply counts when taken at or before `now`. */
  responseTimes: {
    /** Feedback with at least one reply. */
    replied: number;
    /** Minutes from createdAt to the first reply, unrounded; null without replies. */
    medianMinutes: number | null;
    /** Nearest-rank 90th percentile, minutes; null without replies. */
    p90Minutes: number | null;
    /** Replied within 24 h (≤ 1440 minutes). */
    answeredWithin24h: number;
    /** answeredWithin24h / replied, unrounded; null without replies. */
    shareWithin24h: number | null;
    /** Questions created in the window whose status is still open. */
    unansweredQuestions: number;
    /** Of those, created more than 24 h before `now`. */
    unansweredQuestionsOver24h: number;
  };
  /** Staff corrections of the classifier's labels made in the window (label-corrections.ts). */
  labelCorrections: LabelCorrectionsSummary;
  followUps: {
    /** Created in the window. */
    opened: number;
    /** Status resolved with resolvedAt in the window. */
    resolved: number;
    /** Not resolved at `now`, whenever created (all follow-ups in the input). */
    openAtNow: number;
    /**
     * Not resolved and dueAt < now. opts.followUpOverdueDays, when given, sets the due time (createdAt + that
     * many days) of a record whose dueAt is missing or unreadable; such a record is never overdue otherwise.
     */
    overdueAtNow: number;
    /** Median of (resolvedAt − createdAt) in days, unrounded, over those resolved in the window. */
    medianDaysToResolve: number | null;
    /** Sorted by unit. */
    byUnit: UnitRow[];
    /** Sorted by dueAt, then id. */
    overdue: OverdueRow[];
  };
}

export const monthSchema = z
  .string()
  .regex(/^\d{4}-\d{2}$/, 'month must be written YYYY-MM, e.g. 2026-11')
  .refine((m) => {
    const year = Number(m.slice(0, 4));
    const month = Number(m.slice(5, 7));
    return year >= 2000 && year <= 2100 && month >= 1 && month <= 12;
  }, 'month must be YYYY-MM with a year from 2000 to 2100 and a month from 01 to 12');

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const parseMonth = (month: string): { year: number; month: number } => {
  const m = monthSchema.parse(month);
  return { year: Number(m.slice(0, 4)), month: Number(m.slice(5, 7)) };
};

export const shiftMonth = (year: number, month: number, by: number): { year: number; month: number } => {
  const index = year * 12 + (month - 1) + by;
  return { year: Math.floor(index / 12), month: (index % 12) + 1 };
};

export const monthText = (year: number, month: number): string => `${year}-${String(month).padStart(2, '0')}`;

/** The calendar month in the zone as UTC instants [start, end). */
export const monthWindow = (month: string, timeZone: string): TimeWindow => {
  const m = parseMonth(month);
  const next = shiftMonth(m.year, m.month, 1);
  return {
    start: new Date(localMidnight(m.year, m.month, 1, timeZone)).toISOString(),
    end: new Date(localMidnight(next.year, next.month, 1, timeZone)).toISOString(),
  };
};

/** The instant's calendar date in the zone, YYYY-MM-DD. */
export const localDate = (iso: string, timeZone: string): string => {
  const l = localFields(Date.parse(iso), timeZone);
  return `${l.year}-${String(l.month).padStart(2, '0')}-${String(l.day).padStart(2, '0')}`;
};

/** The Monday on or before a calendar date (pure date arithmetic: no zone involved). */
const mondayOf = (date: string): string => {
  const ms = Date.parse(`${date}T00:00:00.000Z`);
  const sinceMonday = (new Date(ms).getUTCDay() + 6) % 7;
  return new Date(ms - sinceMonday * DAY).toISOString().slice(0, 10);
};

/** Mondays of every week overlapping the month. */
const weeksOfMonth = (year: number, month: number): string[] => {
  const first = `${monthText(year, month)}-01`;
  const lastDay = new Date(Date.UTC(year, month, 0)).getUTCDate();
  const last = `${monthText(year, month)}-${String(lastDay).padStart(2, '0')}`;
  const out: string[] = [];
  for (let ms = Date.parse(`${mondayOf(first)}T00:00:00.000Z`); ; ms += 7 * DAY) {
    const monday = new Date(ms).toISOString().slice(0, 10);
    if (monday > last) break;
    out.push(monday);
  }
  return out;
};

const inWindow = (iso: string | undefined, w: { start: number; end: number }): boolean => {
  if (!iso) return false;
  const t = Date.parse(iso);
  return t >= w.start && t < w.end;
};

/** Median of the values; the mean of the two middle values for an even count. */
export const median = (values: readonly number[]): number | null => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const mid = Math.floor(s.length / 2);
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
};

/** Nearest-rank percentile: the smallest value with at least p% of the values at or below it. */
export const percentileNearestRank = (values: readonly number[], p: number): number | null => {
  if (values.length === 0) return null;
  const s = [...values].sort((a, b) => a - b);
  const rank = Math.max(1, Math.ceil((p / 100) * s.length));
  return s[rank - 1]!;
};

const labelOf = (f: ReportFeedback): ReportLabel => {
  if (!f.label) return 'unclassified';
  // An unknown label still counts, as 'other', so the labels add up to the total.
  return (REPORT_LABELS as readonly string[]).includes(f.label) ? (f.label as ReportLabel) : 'other';
};

const categoryOf = (c: string | null | undefined): string => (c ? c : UNCATEGORISED);

const countBy = <T>(rows: readonly T[], key: (row: T) => string): Map<string, number> => {
  const out = new Map<string, number>();
  for (const r of rows) out.set(key(r), (out.get(key(r)) ?? 0) + 1);
  return out;
};

const zeroPlatforms = (): PlatformCounts => ({ instagram: 0, x: 0 });

const byText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

export const computeMonthlyReport = (
  input: ReportInput,
  month: string,
  opts: { timeZone: string; now: string; followUpOverdueDays?: number },
): MonthlyReport => {
  const { timeZone } = opts;
  const now = Date.parse(opts.now);
  if (Number.isNaN(now)) throw new Error(`now is not an ISO instant: ${opts.now}`);
  const m = parseMonth(month);
  const window = monthWindow(month, timeZone);
  const w = { start: Date.parse(window.start), end: Date.parse(window.end) };
  const prev = shiftMonth(m.year, m.month, -1);
  const previousMonth = monthText(prev.year, prev.month);
  const previousWindow = monthWindow(previousMonth, timeZone);
  const pw = { start: Date.parse(previousWindow.start), end: Date.parse(previousWindow.end) };

  const items = new Map(input.items.map((i) => [i.id, i]));
  const titleOf = (itemId: string) => items.get(itemId)?.title ?? itemId;

  // Publishing
  const published = input.publications.filter((p) => p.state === 'published' && inWindow(p.publishedAt, w));
  const posts: PostRow[] = published.map((p) => {
    // The latest reading taken by `now`; a later one would not have existed when the report was due.
    let latest: { at: string; values: Record<string, number> } | undefined;
    for (const r of p.metrics ?? []) {
      if (Date.parse(r.at) > now) continue;
      if (!latest || Date.parse(r.at) >= Date.parse(latest.at)) latest = r;
    }
    const values = latest?.values ?? {};
    return {
      itemId: p.itemId,
      title: titleOf(p.itemId),
      platform: p.platform,
      publishedAt: p.publishedAt!,
      url: p.url,
      metricsReadAt: latest?.at,
      metrics: { ...values },
      ...audience(p.platform, values),
    };
  });
  posts.sort(
    (a, b) =>
      Date.parse(a.publishedAt) - Date.parse(b.publishedAt) ||
      byText(a.itemId, b.itemId) ||
      byText(a.platform, b.platform),
  );
  const postsByPlatform = zeroPlatforms();
  const totals = {
    instagram: { reachOrImpressions: 0, interactions: 0 },
    x: { reachOrImpressions: 0, interactions: 0 },
  };
  for (const p of posts) {
    postsByPlatform[p.platform] += 1;
    totals[p.platform].reachOrImpressions += p.reachOrImpressions;
    totals[p.platform].interactions += p.interactions;
  }
  const failedPubs = input.publications
    .filter((p) => p.state === 'failed' && inWindow(items.get(p.itemId)?.createdAt, w))
    .map((p) => ({ itemId: p.itemId, title: titleOf(p.itemId), platform: p.platform }))
    .sort((a, b) => byText(a.itemId, b.itemId) || byText(a.platform, b.platform));
  const failedByPlatform = zeroPlatforms();
  for (const f of failedPubs) failedByPlatform[f.platform] += 1;

  // Weeks
  const weekRows = new Map<string, WeekRow>();
  for (const weekStart of weeksOfMonth(m.year, m.month))
    for (const platform of PLATFORMS)
      weekRows.set(`${weekStart}|${platform}`, {
        weekStart,
        platform,
        posts: 0,
        reachOrImpressions: 0,
        interactions: 0,
      });
  for (const p of posts) {
    const row = weekRows.get(`${mondayOf(localDate(p.publishedAt, timeZone))}|${p.platform}`);
    if (!row) continue; // unreachable: every post in the window falls in a week of the month
    row.posts += 1;
    row.reachOrImpressions += p.reachOrImpressions;
    row.interactions += p.interactions;
  }
  const weeks = [...weekRows.values()];

  // Feedback
  const monthFeedback = input.feedback.filter((f) => inWindow(f.createdAt, w));
  const byLabel = Object.fromEntries(REPORT_LABELS.map((l) => [l, 0])) as Record<ReportLabel, number>;
  const feedbackByPlatform = zeroPlatforms();
  let urgent = 0;
  for (const f of monthFeedback) {
    byLabel[labelOf(f)] += 1;
    feedbackByPlatform[f.platform] += 1;
    if (f.urgent) urgent += 1;
  }
  const complaintCounts = (rows: readonly ReportFeedback[]) =>
    countBy(
      rows.filter((f) => labelOf(f) === 'complaint'),
      (f) => categoryOf(f.category),
    );
  const thisComplaints = complaintCounts(monthFeedback);
  const prevComplaints = complaintCounts(input.feedback.filter((f) => inWindow(f.createdAt, pw)));
  const complaintsByCategory = [...thisComplaints]
    .map(([category, count]) => ({ category, count }))
    .sort((a, b) => b.count - a.count || byText(a.category, b.category));
  const trendRows: TrendRow[] = [...new Set([...thisComplaints.keys(), ...prevComplaints.keys()])]
    .map((category) => {
      const thisMonth = thisComplaints.get(category) ?? 0;
      const previousMonthCount = prevComplaints.get(category) ?? 0;
      return {
        category,
        thisMonth,
        previousMonth: previousMonthCount,
        difference: thisMonth - previousMonthCount,
      };
    })
    .sort(
      (a, b) =>
        b.thisMonth - a.thisMonth || b.previousMonth - a.previousMonth || byText(a.category, b.category),
    );
  const trendThis = trendRows.reduce((s, r) => s + r.thisMonth, 0);
  const trendPrev = trendRows.reduce((s, r) => s + r.previousMonth, 0);

  // Response times
  const responseMinutes: number[] = [];
  for (const f of monthFeedback) {
    const replies = (f.replies ?? []).map((r) => Date.parse(r.at)).filter((t) => t <= now);
    if (replies.length === 0) continue;
    responseMinutes.push((Math.min(...replies) - Date.parse(f.createdAt)) / MINUTE);
  }
  const answeredWithin24h = responseMinutes.filter((mins) => mins <= 24 * 60).length;
  const unanswered = monthFeedback.filter((f) => f.status === 'open' && labelOf(f) === 'question');

  // Follow-ups
  const isResolvedInWindow = (u: ReportFollowUp) => u.status === 'resolved' && inWindow(u.resolvedAt, w);
  const isOpen = (u: ReportFollowUp) => u.status !== 'resolved';
  // dueAt decides; followUpOverdueDays only stands in for a record whose dueAt is missing or unreadable.
  const dueOf = (u: ReportFollowUp): number => {
    const due = Date.parse(u.dueAt);
    if (!Number.isNaN(due) || opts.followUpOverdueDays === undefined) return due;
    return Date.parse(u.createdAt) + opts.followUpOverdueDays * DAY;
  };
  const isOverdue = (u: ReportFollowUp) => isOpen(u) && dueOf(u) < now;
  const units = new Map<string, UnitRow>();
  const unitRow = (unit: string): UnitRow => {
    let row = units.get(unit);
    if (!row) {
      row = { unit, opened: 0, resolved: 0, open: 0, overdue: 0 };
      units.set(unit, row);
    }
    return row;
  };
  let opened = 0;
  let resolved = 0;
  let openAtNow = 0;
  let overdueAtNow = 0;
  const daysToResolve: number[] = [];
  const overdue: OverdueRow[] = [];
  for (const u of input.followUps) {
    const counts = {
      opened: inWindow(u.createdAt, w),
      resolved: isResolvedInWindow(u),
      open: isOpen(u),
      overdue: isOverdue(u),
    };
    // A unit appears only when it has something to report this month.
    if (!counts.opened && !counts.resolved && !counts.open) continue;
    const row = unitRow(u.unit);
    if (counts.opened) {
      opened += 1;
      row.opened += 1;
    }
    if (counts.resolved) {
      resolved += 1;
      row.resolved += 1;
      daysToResolve.push((Date.parse(u.resolvedAt!) - Date.parse(u.createdAt)) / DAY);
    }
    if (counts.open) {
      openAtNow += 1;
      row.open += 1;
    }
    if (counts.overdue) {
      overdueAtNow += 1;
      row.overdue += 1;
      overdue.push({
        id: u.id,
        feedbackId: u.feedbackId,
        unit: u.unit,
        category: categoryOf(u.category),
        dueAt: new Date(dueOf(u)).toISOString(),
        daysOverdue: (now - dueOf(u)) / DAY,
      });
    }
  }
  overdue.sort((a, b) => byText(a.dueAt, b.dueAt) || byText(a.id, b.id));

  return {
    month: monthText(m.year, m.month),
    timeZone,
    window,
    generatedAt: opts.now,
    publishing: {
      itemsPublished: new Set(published.map((p) => p.itemId)).size,
      postsByPlatform,
      postsTotal: posts.length,
      failed: { total: failedPubs.length, byPlatform: failedByPlatform, publications: failedPubs },
      totals,
      posts,
    },
    weeks,
    feedback: {
      total: monthFeedback.length,
      byLabel,
      byPlatform: feedbackByPlatform,
      urgent,
      complaintsByCategory,
    },
    complaintTrend: {
      previousMonth,
      previousWindow,
      rows: trendRows,
      totals: { thisMonth: trendThis, previousMonth: trendPrev, difference: trendThis - trendPrev },
    },
    responseTimes: {
      replied: responseMinutes.length,
      medianMinutes: median(responseMinutes),
      p90Minutes: percentileNearestRank(responseMinutes, 90),
      answeredWithin24h,
      shareWithin24h: responseMinutes.length ? answeredWithin24h / responseMinutes.length : null,
      unansweredQuestions: unanswered.length,
      unansweredQuestionsOver24h: unanswered.filter((f) => now - Date.parse(f.createdAt) > DAY).length,
    },
    labelCorrections: summariseLabelCorrections(input.feedback, window),
    followUps: {
      opened,
      resolved,
      openAtNow,
      overdueAtNow,
      medianDaysToResolve: median(daysToResolve),
      byUnit: [...units.values()].sort((a, b) => byText(a.unit, b.unit)),
      overdue,
    },
  };
};
