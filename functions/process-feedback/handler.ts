import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { log } from '../common/logger';
import { observability } from '../common/observability';
import { processFeedback } from '../domain/feedback/process-feedback';

const message = z.object({ feedbackId: z.string().regex(/^(instagram|x)-[0-9A-Za-z_]{1,64}$/) });

/**
 * Consumes the feedback queue (SQS event source with partial batch responses): each record is processed
 * on its own; only the ones that failed go back to the queue, and after five tries to the dead-letter
 * queue, where staff can see them (the record itself is already in the inbox, unclassified).
 */
export const handler = middy<SQSEvent, SQSBatchResponse>()
  .use(observability((_event, context) => ({ requestId: context.awsRequestId })))
  .handler(async (event) => {
    const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
    for (const record of event.Records) {
      try {
        let body: unknown;
        try {
          body = JSON.parse(record.body);
        } catch {
          body = undefined;
        }
        const parsed = message.safeParse(body);
        if (!parsed.success) throw new Error('not a feedback message');
        await processFeedback(parsed.data.feedbackId);
      } catch (error) {
        log.warn('feedback processing failed', {
          messageId: record.messageId,
          receiveCount: record.attributes.ApproximateReceiveCount,
          error,
        });
        batchItemFailures.push({ itemIdentifier: record.messageId });
      }
    }
    return { batchItemFailures };
  });
