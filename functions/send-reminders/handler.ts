import * as z from 'zod';
import { taskHandler } from '../common/task';
import { sendScheduledReminders } from '../domain/approval/approvals-overview';

/** Invoked by the reminder schedule that request-approval creates for each revision. */
export const handler = taskHandler(
  'send-reminders',
  z.object({ itemId: z.string().min(1), revision: z.number().int().min(1) }),
  (input) => sendScheduledReminders(input.itemId, input.revision),
);
