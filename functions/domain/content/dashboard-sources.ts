import { approvalsForItem } from '../../adapters/approvals-repo';
import { Filter, feedbackWithStatus } from '../../adapters/feedback-repo';
import { itemsCreatedSince, itemsPublishingBetween } from '../../adapters/items-repo';
import { listPublications } from '../../adapters/publications-repo';
import { overdueFollowUps } from '../feedback/follow-ups';
import type { FeedbackRecord } from '../feedback/inbox';
import { responseRules } from '../feedback/office-calendar';
import { isResponseOverdue, responseWorkingDaysLate } from '../feedback/response-deadline';
import { lastAccountStatus } from '../publishing/accounts';
import { readPublishing } from './calendar';
import type { DashboardSources } from './dashboard';

/** The dashboard's reads, through the tables' indexes (no scans but the follow-ups', see ADR 0002). */
export const dashboardSources: DashboardSources = {
  itemsPublishing: (from, to) => readPublishing(from, to, itemsPublishingBetween),
  itemsCreatedSince: (since) => itemsCreatedSince(since.toISOString()),
  approvalsForItem,
  publications: listPublications,
  urgentOpenFeedback: () =>
    feedbackWithStatus<FeedbackRecord>('open', { filter: new Filter().equals('urgent', true), max: 200 }),
  overdueFollowUps,
  lateQuestions: async (now) => {
    const [rules, open] = await Promise.all([
      responseRules(),
      feedbackWithStatus<FeedbackRecord>('open', {
        filter: new Filter().equals('label', 'question'),
        max: 2000,
      }),
    ]);
    return open
      .filter((f) => !f.deletedAt && isResponseOverdue(f, rules, now))
      .sort((a, b) => a.createdAt.localeCompare(b.createdAt))
      .map((f) => ({
        id: f.id,
        platform: f.platform,
        author: f.authorHandle,
        text: f.text,
        createdAt: f.createdAt,
        workingDaysLate: responseWorkingDaysLate(f, rules, now),
      }));
  },
  accounts: lastAccountStatus,
};
