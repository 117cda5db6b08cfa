// Item statuses and their order. No Node-only imports: the staff console uses these too.

/**
 * Item statuses in the order an item moves through them within one revision. The stored rank
 * (`rankOf`) only grows: revision × 1000 + the status's place, and final statuses above every revision.
 * A transition to a lower or equal rank is ignored, which makes every status write idempotent under
 * retries and restarts, while a new revision (after changes were requested) can start again.
 */
export const statusOrder = {
  submitted: 0,
  'fact-checked': 10,
  /** Excluded information found: waits for a revision or a supervisor's override. */
  blocked: 15,
  'awaiting-approval': 20,
  'changes-requested': 25,
  scheduled: 30,
  published: 40,
  evaluated: 100,
  'evaluation-failed': 100,
  rejected: 100,
  expired: 100,
  failed: 100,
  cancelled: 100,
} as const;
export type ItemStatus = keyof typeof statusOrder;
export const finalStatuses: readonly ItemStatus[] = (Object.keys(statusOrder) as ItemStatus[]).filter(
  (s) => statusOrder[s] === 100,
);
const FINAL_RANK = 1_000_000_000;
export const rankOf = (status: ItemStatus, revision: number): number =>
  statusOrder[status] === 100 ? FINAL_RANK : revision * 1000 + statusOrder[status];
export const isFinal = (status: ItemStatus): boolean => statusOrder[status] === 100;

/** Statuses in which an item has not started publishing: it can still be rescheduled or cancelled. */
export const openStatuses: readonly ItemStatus[] = (Object.keys(statusOrder) as ItemStatus[]).filter(
  (s) => statusOrder[s] < statusOrder.published,
);
export const isOpen = (status: string): status is ItemStatus =>
  (openStatuses as readonly string[]).includes(status);
