import { QueryCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FeedbackEvent } from '../../functions/domain/feedback/process-feedback';
import { type LocalAws, startLocalAws, uniqueId } from '../helpers/local-aws';

let aws: LocalAws;
let feedback: typeof import('../../functions/domain/feedback/process-feedback');
let publications: typeof import('../../functions/adapters/publications-repo');
let store: typeof import('../../functions/adapters/media-store');
let dynamo: typeof import('../../functions/common/aws')['dynamo'];

beforeAll(async () => {
  aws = await startLocalAws();
  feedback = await import('../../functions/domain/feedback/process-feedback');
  publications = await import('../../functions/adapters/publications-repo');
  store = await import('../../functions/adapters/media-store');
  ({ dynamo } = await import('../../functions/common/aws'));
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
