import { type AwsService, awsJsonCall } from './signed-request';

/** SQS's two sends, as signed JSON-protocol requests (./signed-request.ts). */
const SQS: AwsService = {
  signingName: 'sqs',
  endpointVariable: 'SQS',
  host: (r) => `sqs.${r}.amazonaws.com`,
};

export const sqsSendMessage = (queueUrl: string, body: string): Promise<{ MessageId?: string }> =>
  awsJsonCall(SQS, 'AmazonSQS.SendMessage', '1.0', { QueueUrl: queueUrl, MessageBody: body });

export interface SqsBatchResult {
  readonly Successful?: readonly { Id: string; MessageId?: string }[];
  readonly Failed?: readonly { Id: string; Code?: string; Message?: string; SenderFault?: boolean }[];
}

/** At most ten entries, as SQS allows. */
export const sqsSendMessageBatch = (
  queueUrl: string,
  entries: readonly { Id: string; MessageBody: string }[],
): Promise<SqsBatchResult> =>
  awsJsonCall(SQS, 'AmazonSQS.SendMessageBatch', '1.0', { QueueUrl: queueUrl, Entries: entries });
