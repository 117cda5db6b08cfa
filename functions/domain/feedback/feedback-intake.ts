import { createHash } from 'node:crypto';
import { GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { enqueueFeedback } from '../../adapters/feedback-queue';
import { putObject } from '../../adapters/media-store';
import { dynamo } from '../../common/aws';
import { config } from '../../common/config';
import { isConditionalCheckFailed } from '../../common/errors';
import type { Platform } from '../content/content';

/*
 * What the webhook functions need, and nothing more: they store and queue, and leave classification
 * (the stemmer and the lexicon, slow to load) to the queue consumer in feedback.ts.
 */

/** One comment, reply, mention or message, the same shape whatever platform it came from. */
export interface FeedbackEvent {
  readonly platform: Platform;
  /** The platform's own id for the comment or post: the deduplication key. */
  readonly platformId: string;
  readonly kind: 'comment' | 'reply' | 'mention' | 'message';
  readonly authorHandle: string;
  readonly authorId?: string;
  readonly text: string;
  readonly createdAt: string;
  /** The platform post it answers, used to link it to a Sebar item. */
  readonly postId?: string;
}

/** A feedback record's id: the platform and its own id, safe in a URL path. */
export const feedbackId = (platform: Platform, platformId: string): string => `${platform}-${platformId}`;

/** Archives the raw payload (the office must be able to show what citizens sent), keyed by its hash. */
export const archiveRaw = async (platform: Platform, raw: Buffer, receivedAt: string): Promise<string> => {
  const hash = createHash('sha256').update(raw).digest('hex');
  const key = `webhooks/${platform}/${receivedAt.slice(0, 10)}/${hash}.json`;
  await putObject(key, raw, 'application/json');
  return key;
};

/**
 * Intake: stores each event once (platforms redeliver, and a conditional write makes the second copy a
 * no-op) and queues it for processing, so the webhook answers fast. A copy that is already stored but was
 * never processed (the function stopped between the write and the queue) is queued again: processing is
 * idempotent, so nothing is lost and nothing is done twice.
 */
export const storeFeedback = async (
  events: readonly FeedbackEvent[],
  rawKey: string,
  receivedAt: string,
): Promise<{ stored: number; duplicates: number; queued: number }> => {
  let stored = 0;
  let duplicates = 0;
  const toQueue = new Set<string>();
  for (const ev of events) {
    const id = feedbackId(ev.platform, ev.platformId);
    try {
      await dynamo.send(
        new PutCommand({
          TableName: config().FEEDBACK_TABLE,
          Item: { id, ...ev, status: 'open', receivedAt, rawKey },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
      stored += 1;
      toQueue.add(id);
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      duplicates += 1;
      const existing = await dynamo.send(
        new GetCommand({
          TableName: config().FEEDBACK_TABLE,
          Key: { id },
          ConsistentRead: true,
          ProjectionExpression: 'processedAt, urgent, urgentNotifiedAt',
        }),
      );
      const e = existing.Item;
      if (!e?.processedAt || (e.urgent && !e.urgentNotifiedAt)) toQueue.add(id);
    }
  }
  await enqueueFeedback([...toQueue]);
  return { stored, duplicates, queued: toQueue.size };
};
