/**
 * Which schedule actions an item's status allows, mirroring the server (schedule-content.ts): an item that
 * has not started publishing can be rescheduled or cancelled. The server also refuses once a publication has
 * begun; the console shows that refusal in words.
 */
export const OPEN_STATUSES = [
  'submitted',
  'fact-checked',
  'blocked',
  'awaiting-approval',
  'changes-requested',
  'scheduled',
] as const;

export interface ScheduleActionsAllowed {
  readonly reschedule: boolean;
  readonly cancel: boolean;
}

export const allowedActions = (status: string): ScheduleActionsAllowed => {
  const open = (OPEN_STATUSES as readonly string[]).includes(status);
  return { reschedule: open, cancel: open };
};
