import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QueryCommand, ScanCommand } from '../../functions/common/aws/dynamo';
import type { FeedbackEvent } from '../../functions/domain/feedback/process-feedback';
import { type LocalAws, startLocalAws, uniqueId } from '../helpers/local-aws';

let aws: LocalAws;
let feedback: typeof import('../../functions/domain/feedback/process-feedback');
let publications: typeof import('../../functions/adapters/publications-repo');
let store: typeof import('../../functions/adapters/media-store');
let dynamo: typeof import('../../functions/common/aws/dynamo')['dynamo'];

beforeAll(async () => {
  aws = await startLocalAws();
  feedback = await import('../../functions/domain/feedback/process-feedback');
  publications = await import('../../functions/adapters/publications-repo');
  store = await import('../../functions/adapters/media-store');
  ({ dynamo } = await import('../../functions/common/aws/dynamo'));
});

afterAll(async () => {
  await aws?.stop();
});

const event = (overrides: Partial<FeedbackEvent> = {}): FeedbackEvent => ({
  platform: 'instagram',
  platformId: uniqueId('17900'),
  kind: 'comment',
  authorHandle: 'warga.bandung',
  authorId: '9001',
  text: 'Puskesmas mana saja yang buka hari Sabtu?',
  createdAt: '2026-11-27T01:00:00.000Z',
  ...overrides,
});

const recordsFor = async (id: string) => {
  const out = await dynamo.send(
    new ScanCommand({
      TableName: 'sebar-feedback',
      FilterExpression: 'id = :id',
      ExpressionAttributeValues: { ':id': id },
      ConsistentRead: true,
    }),
  );
  return out.Items ?? [];
};

describe('storeFeedback and processFeedback against real local DynamoDB and SQS', () => {
  it('stores the same event once when it is delivered twice, and queues it until processed', async () => {
    const ev = event();
    const receivedAt = '2026-11-27T01:00:01.000Z';
    const depth = aws.sqs.depth('sebar-feedback');
    expect(await feedback.storeFeedback([ev], 'webhooks/instagram/a.json', receivedAt)).toEqual({
      stored: 1,
      duplicates: 0,
      queued: 1,
    });
    // Not processed yet (the function may have stopped after the write): a redelivery queues it again.
    expect(
      await feedback.storeFeedback([ev], 'webhooks/instagram/b.json', '2026-11-27T01:05:00.000Z'),
    ).toEqual({ stored: 0, duplicates: 1, queued: 1 });
    expect(aws.sqs.depth('sebar-feedback')).toBe(depth + 2);
    expect(await feedback.processFeedback(`instagram-${ev.platformId}`)).toEqual({
      label: 'question',
      urgent: false,
    });
    // Processed: a third delivery changes nothing and queues nothing.
    expect(
      await feedback.storeFeedback([ev], 'webhooks/instagram/c.json', '2026-11-27T01:06:00.000Z'),
    ).toEqual({ stored: 0, duplicates: 1, queued: 0 });

    const records = await recordsFor(`instagram-${ev.platformId}`);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      ...ev,
      status: 'open',
      receivedAt,
      rawKey: 'webhooks/instagram/a.json',
      label: 'question',
    });
    expect(records[0]?.processedAt).toEqual(expect.any(String));
  });

  it('refuses to process a record that does not exist, so the queue retries it', async () => {
    await expect(feedback.processFeedback('instagram-nope')).rejects.toThrow(/does not exist/);
  });

  it('counts duplicates within one delivery', async () => {
    const ev = event();
    expect(
      await feedback.storeFeedback([ev, ev], 'webhooks/instagram/c.json', '2026-11-27T01:00:01.000Z'),
    ).toEqual({
      stored: 1,
      duplicates: 1,
      queued: 1,
    });
    expect(await recordsFor(`instagram-${ev.platformId}`)).toHaveLength(1);
  });

  it('keeps the same platform id on different platforms apart', async () => {
    const platformId = uniqueId('same');
    const result = await feedback.storeFeedback(
      [event({ platformId }), event({ platform: 'x', platformId })],
      'k',
      '2026-11-27T01:00:01.000Z',
    );
    expect(result).toEqual({ stored: 2, duplicates: 0, queued: 2 });
    expect(await recordsFor(`instagram-${platformId}`)).toHaveLength(1);
    expect(await recordsFor(`x-${platformId}`)).toHaveLength(1);
  });

  it('links feedback to the Sebar item whose post it answers', async () => {
    const itemId = uniqueId('c');
    const postId = uniqueId('18000');
    const p = await publications.beginAttempt(itemId, 'instagram', 1);
    await publications.recordPublished(p, { postId, url: 'https://www.instagram.com/p/abc/' });

    const linked = event({ postId });
    const unlinked = event({ postId: uniqueId('other-post') });
    await feedback.storeFeedback([linked, unlinked], 'k', '2026-11-27T01:00:01.000Z');
    expect((await feedback.processFeedback(`instagram-${linked.platformId}`)).itemId).toBe(itemId);
    expect(await feedback.processFeedback(`instagram-${unlinked.platformId}`)).not.toHaveProperty('itemId');

    expect((await recordsFor(`instagram-${linked.platformId}`))[0]?.itemId).toBe(itemId);
    expect((await recordsFor(`instagram-${unlinked.platformId}`))[0]).not.toHaveProperty('itemId');

    const byItem = await dynamo.send(
      new QueryCommand({
        TableName: 'sebar-feedback',
        IndexName: 'by-item',
        KeyConditionExpression: 'itemId = :i',
        ExpressionAttributeValues: { ':i': itemId },
      }),
    );
    expect(byItem.Items?.map((i) => i.platformId)).toEqual([linked.platformId]);
  });

  it('archiveRaw stores the raw payload under a key derived from its hash and the day', async () => {
    const raw = Buffer.from(JSON.stringify({ object: 'instagram', entry: [{ id: uniqueId('e') }] }));
    const key = await feedback.archiveRaw('instagram', raw, '2026-11-27T01:00:01.000Z');
    expect(key).toMatch(/^webhooks\/instagram\/2026-11-27\/[0-9a-f]{64}\.json$/);
    expect((await store.getObjectBytes(key)).equals(raw)).toBe(true);
    expect(await feedback.archiveRaw('instagram', raw, '2026-11-27T09:00:00.000Z')).toBe(key);
  });
});

describe('feedback-repo writes against a real local DynamoDB', () => {
  let repo: typeof import('../../functions/adapters/feedback-repo');
  beforeAll(async () => {
    repo = await import('../../functions/adapters/feedback-repo');
  });

  const stored = async () => {
    const ev = event();
    const id = `instagram-${ev.platformId}`;
    expect(await repo.putNewFeedback(id, ev, { receivedAt: '2026-11-27T01:00:01.000Z', rawKey: 'k' })).toBe(
      true,
    );
    return id;
  };

  it('putNewFeedback stores an event once', async () => {
    const ev = event();
    const id = `instagram-${ev.platformId}`;
    const received = { receivedAt: '2026-11-27T01:00:01.000Z', rawKey: 'k1' };
    expect(await repo.putNewFeedback(id, ev, received)).toBe(true);
    expect(await repo.putNewFeedback(id, { ...ev, text: 'changed' }, { ...received, rawKey: 'k2' })).toBe(
      false,
    );
    expect(await repo.findFeedback(id)).toMatchObject({ text: ev.text, rawKey: 'k1', status: 'open' });
  });

  it('claimUrgentNotice: one claim wins; a stale claim without a notice can be taken again; a sent notice never', async () => {
    const id = await stored();
    const now = new Date('2026-11-27T01:00:00.000Z');
    expect(await repo.claimUrgentNotice(id, now, 120_000)).toBe(true);
    expect(await repo.claimUrgentNotice(id, new Date(now.getTime() + 60_000), 120_000)).toBe(false);
    const later = new Date(now.getTime() + 180_000);
    expect(await repo.claimUrgentNotice(id, later, 120_000)).toBe(true);
    await repo.markUrgentNotified(id, later.toISOString());
    expect(await repo.claimUrgentNotice(id, new Date(later.getTime() + 600_000), 120_000)).toBe(false);
    expect(await repo.claimUrgentNotice('instagram-missing', now, 120_000)).toBe(false);
  });

  it('closeFeedbackRecord closes once and refuses a missing record', async () => {
    const id = await stored();
    const close = { note: 'Dijawab lewat telepon', at: '2026-11-27T02:00:00.000Z', by: 'staff-1' };
    expect(await repo.closeFeedbackRecord(id, close)).toBe(true);
    expect(await repo.closeFeedbackRecord(id, close)).toBe(false);
    expect(await repo.closeFeedbackRecord('instagram-missing', close)).toBe(false);
    expect(await repo.findFeedback(id)).toMatchObject({
      status: 'closed',
      closedNote: close.note,
      closedBy: 'staff-1',
    });
  });

  it('claimFollowUpLink: of two claims on the same reading one wins; release undoes only its own claim', async () => {
    const id = await stored();
    expect(await repo.claimFollowUpLink(id, 'fu-first', undefined)).toBe(true);
    expect(await repo.claimFollowUpLink(id, 'fu-second', undefined)).toBe(false);
    await repo.releaseFollowUpLink(id, 'fu-second', undefined);
    expect((await repo.findFeedback(id))?.followUpId).toBe('fu-first');
    expect(await repo.claimFollowUpLink(id, 'fu-third', 'fu-first')).toBe(true);
    await repo.releaseFollowUpLink(id, 'fu-third', 'fu-first');
    expect((await repo.findFeedback(id))?.followUpId).toBe('fu-first');
    await repo.releaseFollowUpLink(id, 'fu-first', undefined);
    expect(await repo.findFeedback(id)).not.toHaveProperty('followUpId');
  });

  it('recordReply appends the reply, marks the record answered and clears the last error', async () => {
    const id = await stored();
    await repo.recordReplyError(id, 'X refused the reply');
    expect((await repo.findFeedback(id))?.lastReplyError).toBe('X refused the reply');
    const reply = {
      text: 'Terima kasih',
      at: '2026-11-27T02:00:00.000Z',
      by: 'staff-1',
      platformReplyId: 'r1',
    };
    await repo.recordReply(id, reply);
    await repo.recordReply(id, { ...reply, platformReplyId: 'r2' });
    const record = await repo.findFeedback(id);
    expect(record?.status).toBe('answered');
    expect(record?.replies?.map((r) => r.platformReplyId)).toEqual(['r1', 'r2']);
    expect(record).not.toHaveProperty('lastReplyError');
  });
});
