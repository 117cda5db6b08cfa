import { sqsSendMessageBatch } from '../common/aws/sqs';
import { requireSetting } from '../common/config';
import { TransientError } from '../common/errors';

/** The feedback processing queue (SQS on AWS, the local SQS on one machine): one message per record id. */
export const enqueueFeedback = async (ids: readonly string[]): Promise<void> => {
  const queueUrl = requireSetting('FEEDBACK_QUEUE_URL');
  for (let i = 0; i < ids.length; i += 10) {
    const batch = ids.slice(i, i + 10);
    const out = await sqsSendMessageBatch(
      queueUrl,
      batch.map((id, n) => ({ Id: String(n), MessageBody: JSON.stringify({ feedbackId: id }) })),
    );
    // The webhook answers 5xx so the platform redelivers; the stored record is queued again then.
    if (out.Failed?.length)
      throw new TransientError(`${out.Failed.length} feedback records could not be queued for processing`);
  }
};
