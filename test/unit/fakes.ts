import type { AuditEntry } from '../../functions/adapters/audit-repo';
import type { RescheduleEntry, Transition } from '../../functions/adapters/items-repo';
import { NotFoundError } from '../../functions/common/errors';
import type { ContentItem } from '../../functions/domain/content/content';

/**
 * In-memory stand-ins shared by the use-case unit tests: a content item, the items table and the audit
 * trail. Each test builds its own, so nothing is shared between tests.
 */

export const T0 = new Date('2026-11-20T02:00:00.000Z');

/** A fixed clock that tests can move forward. */
export const clock = (start = T0) => {
  let now = start.getTime();
  return {
    now: () => new Date(now),
    advance: (ms: number) => {
      now += ms;
    },
  };
};

export const contentItem = (overrides: Partial<ContentItem> = {}): ContentItem => ({
  id: 'c00000000000000000001',
  kind: 'item',
  title: 'Waspada DBD',
  caption: 'Cegah DBD dengan 3M Plus: menguras, menutup, mendaur ulang.',
  platforms: ['instagram', 'x'],
  publishAt: '2026-11-27T01:00:00.000Z',
  evaluateAfter: 'P3D',
  sources: [{ url: 'https://dinkes.example.go.id/dbd', title: 'Data DBD' }],
  media: [{ key: 'media/c1/r1/1.jpg', contentType: 'image/jpeg', bytes: 1000, altText: 'Poster 3M Plus' }],
  approvers: ['kepala.dinas@dinkes.example.go.id'],
  approvalRule: 'any',
  approvalLanguage: 'id',
  approvalDeadline: '2026-11-22T02:00:00.000Z',
  revisionHash: 'hash-r1',
  revision: 1,
  status: 'scheduled',
  statusRank: 40,
  createdAt: T0.toISOString(),
  createdBy: 'staff@dinkes.example.go.id',
  updatedAt: T0.toISOString(),
  stages: { submitted: { at: T0.toISOString() } },
  ...overrides,
});

/** The items table: getItem as the repo answers it, and every transition asked for, in order. */
export const fakeItems = (...items: ContentItem[]) => {
  const rows = new Map(items.map((i) => [i.id, i]));
  const transitions: { id: string; t: Transition }[] = [];
  return {
    transitions,
    getItem: async (id: string): Promise<ContentItem> => {
      const item = rows.get(id);
      if (!item) throw new NotFoundError(`Content item ${id} does not exist`);
      return item;
    },
    transition: async (id: string, t: Transition): Promise<boolean> => {
      transitions.push({ id, t });
      const item = rows.get(id);
      if (!item) return false;
      rows.set(id, { ...item, status: t.status });
      return true;
    },
    /** The repo's rule: only while the item still has the status and publish time the caller read. */
    reschedule: async (
      id: string,
      expected: Pick<ContentItem, 'status' | 'publishAt'>,
      entry: RescheduleEntry,
    ): Promise<boolean> => {
      const item = rows.get(id);
      if (!item || item.status !== expected.status || item.publishAt !== expected.publishAt) return false;
      rows.set(id, { ...item, publishAt: entry.to, reschedules: [...(item.reschedules ?? []), entry] });
      return true;
    },
  };
};

/** The audit trail with the repo's rule: a keyed entry written again with the same time is the same row. */
export const fakeAudit = () => {
  const entries: AuditEntry[] = [];
  return {
    entries,
    audit: async (entry: AuditEntry): Promise<void> => {
      if (entry.key && entries.some((e) => e.key === entry.key && e.at === entry.at)) return;
      entries.push(entry);
    },
  };
};
