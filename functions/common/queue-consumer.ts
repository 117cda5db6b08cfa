import middy from '@middy/core';
import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import type * as z from 'zod';
import { log } from './logger';
import { observability } from './observability';

/**
 * An SQS consumer with partial batch responses: each message is parsed with the schema and handled on its
 * own; only the ones that failed go back to the queue (and, after the queue's tries, to its dead-letter queue).
 */
export const queueConsumer = <S extends z.ZodType>(
  what: string,
  schema: S,
  handle: (message: z.output<S>) => Promise<unknown>,
) =>
  middy<SQSEvent, SQSBatchResponse>()
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
          const parsed = schema.safeParse(body);
          if (!parsed.success) throw new Error(`not a ${what} message`);
          await handle(parsed.data);
        } catch (error) {
          log.warn(`${what} failed`, {
            messageId: record.messageId,
            receiveCount: record.attributes.ApproximateReceiveCount,
            error,
          });
          batchItemFailures.push({ itemIdentifier: record.messageId });
        }
      }
      return { batchItemFailures };
    });
