import { SendMessageCommand } from '@aws-sdk/client-sqs';
import { sqs } from '../common/aws/sqs';
import { requireSetting } from '../common/config';

/** The archive exports queue: one message per export, consumed by archive-export (docs/decisions/0025). */
export const enqueueExport = async (exportId: string): Promise<void> => {
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: requireSetting('ARCHIVE_EXPORTS_QUEUE_URL'),
      MessageBody: JSON.stringify({ exportId }),
    }),
  );
};
