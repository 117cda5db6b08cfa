import { createHash } from 'node:crypto';
import { GetCommand, PutCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { enqueueFeedback } from '../adapters/feedback-queue';
import { sendEmail } from '../adapters/mailer';
import { putObject } from '../adapters/media-store';
import { findPublicationByPost } from '../adapters/publications-repo';
import { dynamo } from '../common/aws';
import { config } from '../common/config';
import { isConditionalCheckFailed, NotFoundError } from '../common/errors';
import { classify } from './classifier';
import type { Platform } from './content';
import { escapeHtml } from './mime';
import { formatLocal } from './time';
import { watchesIn } from './watches';

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
 * An urgent message (someone unconscious, chest pain, mass poisoning) is emailed to the on-duty officer
 * at once, exactly once: the sender first claims the notification with a conditional write (two
 * deliveries of one comment arrive together; only one wins), and marks it sent afterwards. A claim whose
 * email never went out (the function died) goes stale after two minutes, so a redelivery retries it.
 */
const CLAIM_STALE_MS = 2 * 60_000;

const claimUrgentNotice = async (id: string): Promise<boolean> => {
  const now = Date.now();
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: config().FEEDBACK_TABLE,
        Key: { id },
        UpdateExpression: 'SET urgentClaimedAt = :now',
        ConditionExpression:
          'attribute_exists(id) AND attribute_not_exists(urgentNotifiedAt) AND ' +
          '(attribute_not_exists(urgentClaimedAt) OR urgentClaimedAt < :stale)',
        ExpressionAttributeValues: {
          ':now': new Date(now).toISOString(),
          ':stale': new Date(now - CLAIM_STALE_MS).toISOString(),
        },
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
};

const notifyUrgent = async (id: string, ev: FeedbackEvent, itemId?: string): Promise<void> => {
  if (!(await claimUrgentNotice(id))) return;
  const cfg = config();
  const when = formatLocal(ev.createdAt, cfg.DISPLAY_TIME_ZONE);
  const platform = ev.platform === 'instagram' ? 'Instagram' : 'X';
  const text = [
    `Pesan DARURAT dari warga di ${platform} (@${ev.authorHandle}), ${when}:`,
    '',
    ev.text,
    '',
    itemId ? `Menanggapi konten ${itemId}.` : 'Tidak terkait konten Sebar.',
    `Buka di kotak masuk: GET /feedback/${id}`,
    'Segera tindak lanjuti (hubungi 119 / PSC bila perlu) dan balas warga.',
  ].join('\n');
  await sendEmail({
    from: cfg.MAIL_FROM,
    to: [cfg.ON_DUTY_EMAIL],
    subject: `[DARURAT] Laporan warga di ${platform}: @${ev.authorHandle}`,
    text,
    html: `<pre style="font-family:sans-serif;white-space:pre-wrap">${escapeHtml(text)}</pre>`,
    headers: { 'X-Sebar-Feedback': id, 'X-Priority': '1' },
  });
  await dynamo.send(
    new UpdateCommand({
      TableName: cfg.FEEDBACK_TABLE,
      Key: { id },
      UpdateExpression: 'SET urgentNotifiedAt = :at',
      ExpressionAttributeValues: { ':at': new Date().toISOString() },
    }),
  );
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

/**
 * Processing, from the queue: classify the text (label, complaint category, urgent), link the record to
 * the Sebar item whose post it answers, and tell the on-duty officer about an urgent message. Safe to run
 * again for the same record (a queue delivers at least once).
 */
export const processFeedback = async (
  id: string,
): Promise<{ label: string; urgent: boolean; itemId?: string }> => {
  const out = await dynamo.send(
    new GetCommand({ TableName: config().FEEDBACK_TABLE, Key: { id }, ConsistentRead: true }),
  );
  const record = out.Item as (FeedbackEvent & { id: string; processedAt?: string }) | undefined;
  if (!record) throw new NotFoundError(`Feedback ${id} does not exist`);
  const pub = record.postId ? await findPublicationByPost(record.platform, record.postId) : undefined;
  const labels = classify(record.text);
  const watches = watchesIn(record.text, config().WATCH_KEYWORDS);
  if (!record.processedAt) {
    await dynamo.send(
      new UpdateCommand({
        TableName: config().FEEDBACK_TABLE,
        Key: { id },
        UpdateExpression: `SET #label = :label, category = :category, urgent = :urgent, processedAt = :at${pub ? ', itemId = :item' : ''}${watches.length ? ', watches = :watches' : ''}`,
        ExpressionAttributeNames: { '#label': 'label' },
        ExpressionAttributeValues: {
          ':label': labels.label,
          ':category': labels.category,
          ':urgent': labels.urgent,
          ':at': new Date().toISOString(),
          ...(pub ? { ':item': pub.itemId } : {}),
          ...(watches.length ? { ':watches': watches } : {}),
        },
      }),
    );
  }
  if (labels.urgent) await notifyUrgent(id, record, pub?.itemId);
  return {
    label: labels.label,
    urgent: labels.urgent,
    ...(pub ? { itemId: pub.itemId } : {}),
    ...(watches.length ? { watches } : {}),
  };
};
