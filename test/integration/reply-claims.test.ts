import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type LocalAws, startLocalAws, uniqueId } from '../helpers/local-aws';

/**
 * The feedback repository's inbox writes against the local DynamoDB: one reply claim at a time (a stale
 * one may be taken over), a release that leaves someone else's claim alone, corrections and assignments
 * only from what the caller saw.
 */
let aws: LocalAws;
let repo: typeof import('../../functions/adapters/feedback-repo');

beforeAll(async () => {
  aws = await startLocalAws();
  repo = await import('../../functions/adapters/feedback-repo');
});
afterAll(async () => {
  await aws?.stop();
});

const stored = async () => {
  const id = `instagram-${uniqueId('1790')}`;
  const platformId = id.slice('instagram-'.length);
  expect(
    await repo.putNewFeedback(
      id,
      {
        platform: 'instagram',
        platformId,
        kind: 'comment',
        authorHandle: 'warga',
        text: 'Posyandu buka hari apa?',
        createdAt: '2026-12-01T01:00:00.000Z',
      },
      { receivedAt: '2026-12-01T01:00:01.000Z', rawKey: 'raw/x.json' },
    ),
  ).toBe(true);
  return id;
};

const now = '2026-12-01T02:00:00.000Z';
const twoMinutesAgo = '2026-12-01T01:58:00.000Z';

describe('reply claims', () => {
  it('one claim wins; a fresh claim holds, a stale one is taken over', async () => {
    const id = await stored();
    const a = { token: 'a', by: 'rina@x.id', at: now };
    const b = { token: 'b', by: 'budi@x.id', at: now };
    const results = await Promise.all([
      repo.claimReply(id, a, 0, twoMinutesAgo),
      repo.claimReply(id, b, 0, twoMinutesAgo),
    ]);
    expect(results.filter(Boolean)).toHaveLength(1);
    // Three minutes later, the claim counts as stale.
    const later = { token: 'c', by: 'budi@x.id', at: '2026-12-01T02:03:00.000Z' };
    expect(await repo.claimReply(id, later, 0, '2026-12-01T02:01:00.000Z')).toBe(true);
    expect((await repo.findFeedback(id))?.replyClaim).toEqual(later);
  });

  it('a claim needs the reply count the sender saw, and a record that is not closed', async () => {
    const id = await stored();
    await repo.recordReply(id, { text: 'Rabu', at: now, by: 'rina@x.id', platformReplyId: 'r1' });
    expect(await repo.claimReply(id, { token: 'x', by: 'budi@x.id', at: now }, 0, twoMinutesAgo)).toBe(false);
    expect(await repo.claimReply(id, { token: 'y', by: 'budi@x.id', at: now }, 1, twoMinutesAgo)).toBe(true);
    await repo.releaseReplyClaim(id, 'y', { by: 'budi@x.id', at: now, reason: 'X refused' });
    await repo.closeFeedbackRecord(id, { note: 'Selesai', at: now, by: 'rina@x.id' });
    expect(await repo.claimReply(id, { token: 'z', by: 'budi@x.id', at: now }, 1, twoMinutesAgo)).toBe(false);
    expect(
      await repo.claimReply(`instagram-${uniqueId('0')}`, { token: 'q', by: 'b', at: now }, 0, now),
    ).toBe(false);
  });

  it('a release or a recorded reply lets go only of its own claim', async () => {
    const id = await stored();
    expect(await repo.claimReply(id, { token: 'mine', by: 'rina@x.id', at: now }, 0, twoMinutesAgo)).toBe(
      true,
    );
    await repo.releaseReplyClaim(id, 'not-mine', { by: 'budi@x.id', at: now, reason: 'timeout' });
    const held = await repo.findFeedback(id);
    expect(held?.replyClaim?.token).toBe('mine');
    expect(held?.lastReplyError).toBe('timeout');
    await repo.releaseReplyClaim(id, 'mine', { by: 'rina@x.id', at: now, reason: 'X refused' });
    const released = await repo.findFeedback(id);
    expect(released?.replyClaim).toBeUndefined();
    expect(released?.replyFailures).toEqual([{ by: 'rina@x.id', at: now, reason: 'X refused' }]);
    expect(released?.status).toBe('open');

    expect(await repo.claimReply(id, { token: 't2', by: 'rina@x.id', at: now }, 0, twoMinutesAgo)).toBe(true);
    await repo.recordReply(id, { text: 'Rabu', at: now, by: 'rina@x.id', platformReplyId: 'r1' }, 't2');
    const answered = await repo.findFeedback(id);
    expect(answered).toMatchObject({ status: 'answered', replies: [{ text: 'Rabu' }] });
    expect(answered?.replyClaim).toBeUndefined();
    expect(answered?.lastReplyError).toBeUndefined();
  });
});

describe('corrections and assignments', () => {
  it('a correction applies only from the label and category the staff member saw', async () => {
    const id = await stored();
    const first = {
      by: 'rina@x.id',
      at: now,
      from: { label: null, category: null },
      to: { label: 'complaint', category: 'facility' },
    };
    expect(await repo.correctLabel(id, first)).toBe(true);
    // A second correction from the same stale view loses.
    expect(
      await repo.correctLabel(id, { ...first, by: 'budi@x.id', to: { label: 'question', category: null } }),
    ).toBe(false);
    const r = await repo.findFeedback(id);
    expect(r).toMatchObject({ label: 'complaint', category: 'facility', corrections: [first] });
  });

  it('an assignment applies only from the assignee the caller saw', async () => {
    const id = await stored();
    expect(await repo.assignFeedback(id, { by: 'a@x.id', at: now, to: 'b@x.id' }, null)).toBe(true);
    expect(await repo.assignFeedback(id, { by: 'c@x.id', at: now, to: 'c@x.id' }, null)).toBe(false);
    expect(await repo.assignFeedback(id, { by: 'b@x.id', at: now, to: null }, 'b@x.id')).toBe(true);
    const r = await repo.findFeedback(id);
    expect(r?.assignedTo).toBeUndefined();
    expect(r?.assignments).toHaveLength(2);
  });
});
