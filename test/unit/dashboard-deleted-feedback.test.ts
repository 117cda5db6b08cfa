import { describe, expect, it } from 'vitest';
import { buildDashboard, type DashboardSources } from '../../functions/domain/content/dashboard';
import type { FeedbackRecord } from '../../functions/domain/feedback/inbox';

/** Beranda's urgent messages leave out what the author deleted on the platform (the record stays stored). */
const urgent = (id: string, over: Partial<FeedbackRecord> = {}): FeedbackRecord =>
  ({
    id,
    platform: 'instagram',
    platformId: id,
    kind: 'comment',
    authorHandle: 'warga',
    text: 'Ada yang pingsan di antrean puskesmas',
    label: 'complaint',
    urgent: true,
    status: 'open',
    createdAt: '2026-11-10T01:00:00.000Z',
    receivedAt: '2026-11-10T01:00:00.000Z',
    ...over,
  }) as FeedbackRecord;

const sources = (feedback: FeedbackRecord[]): DashboardSources => ({
  itemsPublishing: async () => [],
  itemsCreatedSince: async () => [],
  approvalsForItem: async () => [],
  publications: async () => [],
  urgentOpenFeedback: async () => feedback,
  overdueFollowUps: async () => [],
  lateQuestions: async () => [],
  accounts: async () => [],
});

describe('the dashboard and deleted messages', () => {
  it('lists urgent open messages but not those deleted on the platform', async () => {
    const d = await buildDashboard(
      sources([
        urgent('live'),
        urgent('deleted', { deletedAt: '2026-11-10T02:00:00.000Z', receivedAt: '2026-11-10T01:30:00.000Z' }),
      ]),
      new Date('2026-11-10T03:00:00.000Z'),
      7,
    );
    expect(d.urgent.map((u) => u.id)).toEqual(['live']);
  });
});
