import type { z } from 'zod';
import { PayloadTooLargeError, UnauthorizedError, ValidationError } from '../../common/errors';
import { log } from '../../common/logger';
import type { Platform } from '../content/content';
import { archiveRaw, type FeedbackEvent, storeFeedback } from './feedback-intake';

export const MAX_WEBHOOK_BYTES = 1024 * 1024;

/**
 * The shared intake path for signed deliveries: size check, signature check (before parsing anything),
 * schema check, then archive the raw body and store each event once. Anything refused stores nothing.
 */
export const intake = async <S extends z.ZodType>(opts: {
  platform: Platform;
  raw: Buffer;
  signatureValid: (raw: Buffer) => boolean;
  schema: S;
  events: (payload: z.output<S>) => FeedbackEvent[];
  known: (payload: z.output<S>, events: FeedbackEvent[]) => boolean;
}): Promise<{ stored: number; duplicates: number; archivedAs: string }> => {
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
  if (!opts.known(parsed.data, events))
    throw new ValidationError('Webhook carries no event type Sebar handles');
  const receivedAt = new Date().toISOString();
  const archivedAs = await archiveRaw(opts.platform, opts.raw, receivedAt);
  const result = await storeFeedback(events, archivedAs, receivedAt);
  log.info('webhook received', { platform: opts.platform, events: events.length, ...result });
  return { ...result, archivedAs };
};
