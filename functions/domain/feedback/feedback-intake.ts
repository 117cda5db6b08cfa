import { createHash } from 'node:crypto';
import { enqueueFeedback } from '../../adapters/feedback-queue';
import { processingState, putNewFeedback } from '../../adapters/feedback-repo';
import { putObject } from '../../adapters/media-store';
import { putMetric } from '../../common/metrics';
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
    if (await putNewFeedback(id, ev, { receivedAt, rawKey })) {
      stored += 1;
      putMetric('WebhookEvents', 1, { Platform: ev.platform, EventType: ev.kind });
      toQueue.add(id);
      continue;
    }
    duplicates += 1;
    const e = await processingState(id);
    if (!e?.processedAt || (e.urgent && !e.urgentNotifiedAt)) toQueue.add(id);
  }
  await enqueueFeedback([...toQueue]);
  return { stored, duplicates, queued: toQueue.size };
};
