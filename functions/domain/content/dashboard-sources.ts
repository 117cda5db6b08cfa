import { approvalsForItem } from '../../adapters/approvals-repo';
import { Filter, feedbackWithStatus } from '../../adapters/feedback-repo';
import { itemsCreatedSince, itemsPublishingBetween } from '../../adapters/items-repo';
import { listPublications } from '../../adapters/publications-repo';
import { overdueFollowUps } from '../feedback/follow-ups';
import type { FeedbackRecord } from '../feedback/inbox';
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
  accounts: lastAccountStatus,
};
