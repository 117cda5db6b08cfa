import {
  claimUrgentNotice,
  findFeedback,
  markUrgentNotified,
  recordClassification,
} from '../../adapters/feedback-repo';
import { sendEmail } from '../../adapters/mailer';
import { findPublicationByPost } from '../../adapters/publications-repo';
import { config } from '../../common/config';
import { NotFoundError } from '../../common/errors';
import { putMetric } from '../../common/metrics';
import { platformName } from '../support/display-names';
import { escapeHtml } from '../support/html';
import { formatLocal } from '../support/time';
import { classify } from './classifier';
import type { FeedbackEvent } from './feedback-intake';
import { watchesIn } from './watches';

/**
 * An urgent message (someone unconscious, chest pain, mass poisoning) is emailed to the on-duty officer
 * at once, exactly once: the sender first claims the notification with a conditional write (two
 * deliveries of one comment arrive together; only one wins), and marks it sent afterwards. A claim whose
 * email never went out (the function died) goes stale after two minutes, so a redelivery retries it.
 */
const CLAIM_STALE_MS = 2 * 60_000;

const notifyUrgent = async (id: string, ev: FeedbackEvent, itemId?: string): Promise<void> => {
  if (!(await claimUrgentNotice(id, new Date(), CLAIM_STALE_MS))) return;
  const cfg = config();
  const when = formatLocal(ev.createdAt, cfg.DISPLAY_TIME_ZONE);
  const platform = platformName(ev.platform);
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
  await markUrgentNotified(id, new Date().toISOString());
};

/**
 * Processing, from the queue: classify the text (label, complaint category, urgent), link the record to
 * the Sebar item whose post it answers, and tell the on-duty officer about an urgent message. Safe to run
 * again for the same record (a queue delivers at least once).
 */
export const processFeedback = async (
  id: string,
): Promise<{ label: string; urgent: boolean; itemId?: string }> => {
  const record = await findFeedback<FeedbackEvent & { id: string; processedAt?: string }>(id);
  if (!record) throw new NotFoundError(`Feedback ${id} does not exist`);
  const pub = record.postId ? await findPublicationByPost(record.platform, record.postId) : undefined;
  const labels = classify(record.text);
  const watches = watchesIn(record.text, config().WATCH_KEYWORDS);
  if (!record.processedAt) {
    await recordClassification(id, {
      label: labels.label,
      category: labels.category,
      urgent: labels.urgent,
      at: new Date().toISOString(),
      ...(pub ? { itemId: pub.itemId } : {}),
      watches,
    });
    putMetric('FeedbackLabel', 1, { Label: labels.label }, { feedbackId: id });
  }
  if (labels.urgent) await notifyUrgent(id, record, pub?.itemId);
  return {
    label: labels.label,
    urgent: labels.urgent,
    ...(pub ? { itemId: pub.itemId } : {}),
    ...(watches.length ? { watches } : {}),
  };
};

export { archiveRaw, type FeedbackEvent, feedbackId, storeFeedback } from './feedback-intake';
