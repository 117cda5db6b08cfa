import { isOpen } from '../../../functions/domain/content/statuses';

/**
 * Which schedule actions an item's status allows: the server's own rule (functions/domain/content/statuses.ts),
 * an item that has not started publishing can be rescheduled or cancelled. The server also refuses once a
 * publication has begun; the console shows that refusal in words.
 */
export interface ScheduleActionsAllowed {
  readonly reschedule: boolean;
  readonly cancel: boolean;
}

export const allowedActions = (status: string): ScheduleActionsAllowed => {
  const open = isOpen(status);
  return { reschedule: open, cancel: open };
};
