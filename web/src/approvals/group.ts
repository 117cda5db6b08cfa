/**
 * Persetujuan: pending approvals grouped by approver, each group's approvals by deadline (soonest first), and
 * the groups by their soonest deadline, so what is closest to running out comes first.
 */

export interface PendingApproval {
  readonly approvalId: string;
  readonly itemId: string;
  readonly itemTitle: string;
  readonly itemStatus: string;
  readonly approver: string;
  readonly status: string;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly emailSentAt?: string;
  readonly remindersSent: number;
}

export interface ApproverGroup {
  readonly approver: string;
  readonly approvals: PendingApproval[];
}

const byDeadline = (a: PendingApproval, b: PendingApproval) =>
  Date.parse(a.expiresAt) - Date.parse(b.expiresAt) || a.itemTitle.localeCompare(b.itemTitle);

export const groupByApprover = (approvals: readonly PendingApproval[]): ApproverGroup[] => {
  const groups = new Map<string, PendingApproval[]>();
  for (const a of approvals) {
    const key = a.approver.trim().toLowerCase();
    const list = groups.get(key) ?? [];
    list.push(a);
    groups.set(key, list);
  }
  return [...groups.values()]
    .map((list) => {
      const sorted = [...list].sort(byDeadline);
      return { approver: sorted[0]?.approver ?? '', approvals: sorted };
    })
    .sort(
      (a, b) =>
        byDeadline(a.approvals[0] as PendingApproval, b.approvals[0] as PendingApproval) ||
        a.approver.localeCompare(b.approver),
    );
};

/** True when the deadline has passed ("lewat batas"). */
export const isPastDeadline = (deadline: string, now: Date = new Date()): boolean =>
  Date.parse(deadline) <= now.getTime();
