import * as z from 'zod';
import { queueConsumer } from '../common/queue-consumer';
import { processFeedback } from '../domain/feedback/process-feedback';

const message = z.object({ feedbackId: z.string().regex(/^(instagram|x)-[0-9A-Za-z_]{1,64}$/) });

/**
 * Consumes the feedback queue (SQS event source with partial batch responses): each record is processed
 * on its own; only the ones that failed go back to the queue, and after five tries to the dead-letter
 * queue, where staff can see them (the record itself is already in the inbox, unclassified).
 */
export const handler = queueConsumer('feedback processing', message, (m) => processFeedback(m.feedbackId));
