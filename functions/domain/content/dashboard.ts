import type { Approval } from '../../adapters/approvals-repo';
import type { Publication } from '../../adapters/publications-repo';
import type { FeedbackRecord } from '../feedback/inbox';
import { type CalendarEntry, calendarEntry, wibDayStart } from './calendar';
import type { ContentItem, ItemStatus, Platform } from './content';
import { failureReasonInIndonesian, screeningReasonInIndonesian, tokenMessage } from './staff-words';
import { isOpen } from './statuses';

/**
 * The console's home page (Beranda) in one answer: what publishes today and in the seven days after
 * (WIB days, whatever the server's zone), what waits on which approver, blocked items with their reasons,
 * publications that failed in the last two weeks, open urgent messages, overdue follow-ups and the
 * platform tokens. Words staff read are Indonesian; the machine fields keep the API's values.
 */

const DAY = 86_400_000;
/** How far back failed publications and blocked or waiting items are looked for. */
export const FAILED_LOOKBACK_DAYS = 14;
export const OPEN_LOOKBACK_DAYS = 90;
const LIST_LIMIT = 50;
/** Statuses that will not go out: left off today's and the week's lists (the calendar still shows them). */
const NOT_GOING_OUT: readonly ItemStatus[] = ['cancelled', 'rejected', 'expired'];

export interface AccountState {
  readonly platform: Platform;
  readonly ok: boolean;
  readonly daysLeft?: number;
}

export interface OverdueFollowUp {
  readonly id: string;
  readonly unit: string;
  readonly dueAt: string;
  readonly summary: string;
}

/** A citizen's question still unanswered past the office's response time (feedback/response-deadline.ts). */
export interface LateQuestion {
  readonly id: string;
  readonly platform: Platform;
  readonly author: string;
  readonly text: string;
  readonly createdAt: string;
  readonly workingDaysLate: number;
}

/** What the dashboard reads; the adapters in production, fakes in unit tests. */
export interface DashboardSources {
  /** Items publishing between two instants (the calendar index). */
  itemsPublishing(from: Date, to: Date): Promise<ContentItem[]>;
  /** Items created at or after an instant. */
  itemsCreatedSince(since: Date): Promise<ContentItem[]>;
  approvalsForItem(itemId: string): Promise<Approval[]>;
  publications(itemId: string): Promise<Publication[]>;
  urgentOpenFeedback(): Promise<FeedbackRecord[]>;
  overdueFollowUps(now: Date): Promise<OverdueFollowUp[]>;
  /** Open questions past the response time (RESPONSE_WORKING_DAYS working days), oldest first. */
  lateQuestions(now: Date): Promise<LateQuestion[]>;
  /** The last recorded account check per platform (absent when never checked). */
  accounts(): Promise<AccountState[]>;
}

export interface Dashboard {
  readonly now: string;
  readonly today: CalendarEntry[];
  readonly week: CalendarEntry[];
  readonly awaitingApproval: {
    itemId: string;
    title: string;
    approvers: { email: string; status: string }[];
    deadline: string;
  }[];
  readonly blocked: { id: string; title: string; reasons: string[] }[];
  readonly failed: { itemId: string; title: string; platform: Platform; reason: string; at: string }[];
  readonly urgent: { id: string; platform: Platform; author: string; text: string; receivedAt: string }[];
  readonly overdueFollowUps: OverdueFollowUp[];
  readonly lateQuestions: { count: number; entries: LateQuestion[] };
  readonly tokens: { platform: Platform; ok: boolean; daysLeft: number | null; message: string }[];
}

/** Today and the seven WIB days after it, as [start, end) instants. */
export const dashboardDays = (now: Date) => {
  const todayStart = wibDayStart(now);
  return {
    todayStart,
    tomorrowStart: new Date(todayStart.getTime() + DAY),
    weekEnd: new Date(todayStart.getTime() + 8 * DAY),
  };
};

const byPublishAt = (a: CalendarEntry, b: CalendarEntry) =>
  a.publishAt.localeCompare(b.publishAt) || a.id.localeCompare(b.id);

const failuresOf = async (items: ContentItem[], sources: DashboardSources, now: Date) => {
  const since = now.getTime() - FAILED_LOOKBACK_DAYS * DAY;
  const candidates = items.filter(
    (i) => !isOpen(i.status) && Date.parse(i.publishAt) >= since && i.status !== 'cancelled',
  );
  const failed: Dashboard['failed'] = [];
  for (const item of candidates) {
    const pubs = (await sources.publications(item.id)).filter((p) => p.revision === item.revision);
    const at = item.stages.failed?.at ?? item.stages.published?.at ?? item.updatedAt;
    for (const p of pubs.filter((p) => p.state === 'failed')) {
      failed.push({
        itemId: item.id,
        title: item.title,
        platform: p.platform,
        reason: failureReasonInIndonesian(p.error),
        at,
      });
    }
    // A failure before any platform was tried (the workflow could not start or publish): one row per platform.
    if (item.status === 'failed' && !pubs.some((p) => p.state === 'failed')) {
      for (const platform of item.platforms.filter(
        (pl) => !pubs.some((p) => p.platform === pl && p.state === 'published'),
      )) {
        failed.push({
          itemId: item.id,
          title: item.title,
          platform,
          reason: failureReasonInIndonesian(item.statusReason),
          at,
        });
      }
    }
  }
  return failed.sort((a, b) => b.at.localeCompare(a.at)).slice(0, LIST_LIMIT);
};

export const buildDashboard = async (
  sources: DashboardSources,
  now: Date,
  tokenWarningDays: number,
): Promise<Dashboard> => {
  const { todayStart, tomorrowStart, weekEnd } = dashboardDays(now);
  const lookback = new Date(todayStart.getTime() - FAILED_LOOKBACK_DAYS * DAY);
  const [publishing, recent, urgent, overdue, late, accounts] = await Promise.all([
    sources.itemsPublishing(lookback, new Date(weekEnd.getTime() - 1)),
    sources.itemsCreatedSince(new Date(now.getTime() - OPEN_LOOKBACK_DAYS * DAY)),
    sources.urgentOpenFeedback(),
    sources.overdueFollowUps(now),
    sources.lateQuestions(now),
    sources.accounts(),
  ]);
  const goingOut = publishing.filter((i) => !NOT_GOING_OUT.includes(i.status));
  const within = (i: ContentItem, from: Date, to: Date) => {
    const t = Date.parse(i.publishAt);
    return t >= from.getTime() && t < to.getTime();
  };

  const waiting = recent
    .filter((i) => i.status === 'awaiting-approval')
    .sort((a, b) => a.approvalDeadline.localeCompare(b.approvalDeadline));
  const awaitingApproval: Dashboard['awaitingApproval'] = [];
  for (const item of waiting.slice(0, LIST_LIMIT)) {
    const approvals = (await sources.approvalsForItem(item.id)).filter((a) => a.revision === item.revision);
    awaitingApproval.push({
      itemId: item.id,
      title: item.title,
      approvers: approvals.map((a) => ({ email: a.approver, status: a.status })),
      deadline: item.approvalDeadline,
    });
  }

  return {
    now: now.toISOString(),
    today: goingOut
      .filter((i) => within(i, todayStart, tomorrowStart))
      .map(calendarEntry)
      .sort(byPublishAt),
    week: goingOut
      .filter((i) => within(i, tomorrowStart, weekEnd))
      .map(calendarEntry)
      .sort(byPublishAt),
    awaitingApproval,
    blocked: recent
      .filter((i) => i.status === 'blocked')
      .sort((a, b) => b.updatedAt.localeCompare(a.updatedAt))
      .slice(0, LIST_LIMIT)
      .map((i) => ({
        id: i.id,
        title: i.title,
        reasons: (i.screening?.reasons ?? i.factFinding?.reasons ?? []).map(screeningReasonInIndonesian),
      })),
    failed: await failuresOf(publishing, sources, now),
    // A message its author deleted on the platform stays stored but is no longer urgent work.
    urgent: urgent
      .filter((f) => !f.deletedAt)
      .sort((a, b) => b.receivedAt.localeCompare(a.receivedAt))
      .slice(0, LIST_LIMIT)
      .map((f) => ({
        id: f.id,
        platform: f.platform,
        author: f.authorHandle,
        text: f.text,
        receivedAt: f.receivedAt,
      })),
    overdueFollowUps: overdue
      .slice(0, LIST_LIMIT)
      .map((f) => ({ id: f.id, unit: f.unit, dueAt: f.dueAt, summary: f.summary })),
    lateQuestions: { count: late.length, entries: late.slice(0, LIST_LIMIT) },
    tokens: (['instagram', 'x'] as const).map((platform) => {
      const state = accounts.find((a) => a.platform === platform);
      return {
        platform,
        ok: state?.ok ?? false,
        daysLeft: state?.daysLeft ?? null,
        message: tokenMessage(
          platform,
          { ok: state?.ok ?? false, daysLeft: state?.daysLeft, checked: state !== undefined },
          tokenWarningDays,
        ),
      };
    }),
  };
};
