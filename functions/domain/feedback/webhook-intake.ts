import type { z } from 'zod';
import { findFeedback, markFeedbackDeleted } from '../../adapters/feedback-repo';
import { PayloadTooLargeError, UnauthorizedError, ValidationError } from '../../common/errors';
import { log } from '../../common/logger';
import { putMetric } from '../../common/metrics';
import { keepRecord } from '../archive/records';
import type { Platform } from '../content/content';
import { archiveRaw, type FeedbackEvent, feedbackId, storeFeedback } from './feedback-intake';
import type { FeedbackDeletion } from './webhook-payloads';

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * The shared intake path for signed deliveries: size check, signature check (before parsing anything),
 * schema check, then archive the raw body, store each event once and mark deleted posts deleted. Anything
 * refused stores nothing. A signed delivery of event types Sebar ignores (likes, follows, story insights)
 * is archived and answered 200 with nothing stored: platforms disable webhooks that keep failing.
 */
export const intake = async <S extends z.ZodType>(opts: {
  platform: Platform;
  raw: Buffer;
  signatureValid: (raw: Buffer) => boolean;
  schema: S;
  events: (payload: z.output<S>) => FeedbackEvent[];
  deletions?: (payload: z.output<S>) => FeedbackDeletion[];
}): Promise<{
  stored: number;
  duplicates: number;
  deleted: number;
  ignored: boolean;
  archivedAs: string;
}> => {
  if (opts.raw.length > MAX_WEBHOOK_BYTES) throw new PayloadTooLargeError('Webhook body is over 1 MiB');
  if (!opts.signatureValid(opts.raw)) throw new UnauthorizedError('Missing or wrong webhook signature');
  let json: unknown;
  try {
    json = JSON.parse(opts.raw.toString('utf8'));
  } catch {
    throw new ValidationError('Webhook body is not JSON');
  }
  const parsed = opts.schema.safeParse(json);
  if (!parsed.success) throw new ValidationError('Webhook body is not a delivery this endpoint understands');
  const events = opts.events(parsed.data);
  const deletions = opts.deletions?.(parsed.data) ?? [];
  const ignored = events.length === 0 && deletions.length === 0;
  const receivedAt = new Date().toISOString();
  const archivedAs = await archiveRaw(opts.platform, opts.raw, receivedAt);
  const result = await storeFeedback(events, archivedAs, receivedAt);
  let deleted = 0;
  for (const d of deletions) {
    const id = feedbackId(opts.platform, d.platformId);
    if (await markFeedbackDeleted(id, { at: receivedAt, rawKey: archivedAs, authorId: d.authorId })) {
      deleted += 1;
      putMetric('WebhookEvents', 1, { Platform: opts.platform, EventType: 'deletion' });
    }
    // Recorded from the stored mark, so a redelivery (after a failed write) writes the same record.
    const marked = await findFeedback<{ deletedAt?: string; deletedRawKey?: string; authorId?: string }>(id);
    if (marked?.deletedAt && marked.deletedRawKey)
      await keepRecord({
        kind: 'platform-event',
        id: `deleted-${id}`,
        at: marked.deletedAt,
        action: 'deleted',
        platform: opts.platform,
        feedbackId: id,
        platformId: d.platformId,
        rawKey: marked.deletedRawKey,
        ...(marked.authorId ? { authorId: marked.authorId } : {}),
      });
  }
  log.info('webhook received', {
    platform: opts.platform,
    events: events.length,
    ...result,
    deleted,
    ignored,
  });
  return { ...result, deleted, ignored, archivedAs };
};
