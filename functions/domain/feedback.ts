import { createHash } from 'node:crypto';
import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { putObject } from '../adapters/media-store';
import { findPublicationByPost } from '../adapters/publications-repo';
import { dynamo } from '../common/aws';
import { config } from '../common/config';
import { isConditionalCheckFailed } from '../common/errors';
import { classify } from './classifier';
import type { Platform } from './content';

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

/** Stores each event once: platforms redeliver, and a conditional write makes the second copy a no-op. */
export const storeFeedback = async (
  events: readonly FeedbackEvent[],
  rawKey: string,
  receivedAt: string,
): Promise<{ stored: number; duplicates: number }> => {
  let stored = 0;
  let duplicates = 0;
  for (const ev of events) {
    const pub = ev.postId ? await findPublicationByPost(ev.platform, ev.postId) : undefined;
    try {
      await dynamo.send(
        new PutCommand({
          TableName: config().FEEDBACK_TABLE,
          Item: {
            id: feedbackId(ev.platform, ev.platformId),
            ...ev,
            // label, category and urgent: what staff sort the inbox by
            ...classify(ev.text),
            ...(pub ? { itemId: pub.itemId } : {}),
            status: 'open',
            receivedAt,
            rawKey,
          },
          ConditionExpression: 'attribute_not_exists(id)',
        }),
      );
      stored += 1;
    } catch (error) {
      if (!isConditionalCheckFailed(error)) throw error;
      duplicates += 1;
    }
  }
  return { stored, duplicates };
};
