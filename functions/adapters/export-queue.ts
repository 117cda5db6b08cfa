import { sqsSendMessage } from '../common/aws/sqs';
import { requireSetting } from '../common/config';

/** The archive exports queue: one message per export, consumed by archive-export (docs/decisions/0025). */
export const enqueueExport = async (exportId: string): Promise<void> => {
  await sqsSendMessage(requireSetting('ARCHIVE_EXPORTS_QUEUE_URL'), JSON.stringify({ exportId }));
};
