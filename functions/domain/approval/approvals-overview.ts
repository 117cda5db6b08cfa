import {
  type Approval,
  type ApprovalStatus,
  approvalsForItem,
  approvalsWithStatus,
  getApproval,
  markReminded,
} from '../../adapters/approvals-repo';
import { audit } from '../../adapters/audit-repo';
import { getItem } from '../../adapters/items-repo';
import { ConflictError, NotFoundError } from '../../common/errors';
import { getSecret } from '../../common/secrets';
import type { ContentItem } from '../content/content';
import { isClosed } from './decide-approval';
import { emailApprover } from './request-approval';

/** An approval as staff see it: never the task token. */
export const approvalView = (a: Approval) => ({
  approvalId: a.approvalId,
  itemId: a.itemId,
  revision: a.revision,
  approver: a.approver,
  status: a.status,
  createdAt: a.createdAt,
  expiresAt: a.expiresAt,
  emailSentAt: a.emailSentAt,
  decidedAt: a.decidedAt,
  comment: a.comment || undefined,
  remindersSent: a.remindersSent ?? 0,
});

/**
 * What waits on whom: approvals by status (oldest first), with the item's title. Pending approvals nobody
 * waits for any more (the item moved on, another approver decided, a newer revision) are left out, and
 * pages are read until the list is full.
 */
export const listApprovals = async (status: ApprovalStatus, limit: number) => {
  const items = new Map<string, ContentItem | undefined>();
  const itemOf = async (id: string) => {
    if (!items.has(id)) items.set(id, await getItem(id).catch(() => undefined));
    return items.get(id);
  };
  const rows: { approval: Approval; item: ContentItem }[] = [];
  let start: Record<string, unknown> | undefined;
  for (let page = 0; page < 20 && rows.length < limit; page++) {
    const out = await approvalsWithStatus(status, limit, start);
    for (const approval of out.approvals) {
      const item = await itemOf(approval.itemId);
      if (!item || (status === 'pending' && isClosed(approval, item))) continue;
      if (rows.length < limit) rows.push({ approval, item });
    }
    start = out.next;
    if (!start) break;
  }
  return rows.map(({ approval, item }) => ({
    ...approvalView(approval),
    itemTitle: item.title,
    itemStatus: item.status,
  }));
};

/** Every approval of one item, all revisions and statuses, oldest first (the approvals' by-item index). */
export const listItemApprovals = async (itemId: string) => {
  const item = await getItem(itemId).catch(() => undefined);
  if (!item) throw new NotFoundError(`Content item ${itemId} does not exist`);
  return (await approvalsForItem(itemId)).map((approval) => ({
    ...approvalView(approval),
    itemTitle: item.title,
    itemStatus: item.status,
  }));
};

/**
 * Scheduled reminder: emails every approver of this revision who has not decided yet. Does nothing once
 * the item has moved on (decided, revised or closed), so a late schedule is harmless.
 */
export const sendScheduledReminders = async (
  itemId: string,
  revision: number,
): Promise<{ reminded: string[] }> => {
  const item = await getItem(itemId);
  if (item.revision !== revision || item.status !== 'awaiting-approval') return { reminded: [] };
  const key = await getSecret('APPROVAL_SIGNING_KEY');
  const reminded: string[] = [];
  for (const approval of await approvalsForItem(itemId)) {
    if (approval.revision !== revision || approval.status !== 'pending') continue;
    if (new Date(approval.expiresAt).getTime() <= Date.now()) continue;
    await emailApprover(item, approval, key, { reminder: true });
    await markReminded(approval.approvalId, new Date().toISOString());
    await audit({
      itemId,
      action: 'approval.reminded',
      actor: 'sebar',
      detail: { approvalId: approval.approvalId, approver: approval.approver, scheduled: true },
    });
    reminded.push(approval.approver);
  }
  return { reminded };
};

/** Sends the approver their link again, by hand. Only for a pending approval of the current revision. */
export const remindApprover = async (approvalId: string, actor: string, baseUrl?: string) => {
  const approval = await getApproval(approvalId);
  if (!approval) throw new NotFoundError(`Approval ${approvalId} does not exist`);
  const item = await getItem(approval.itemId);
  if (approval.status !== 'pending' || isClosed(approval, item)) {
    throw new ConflictError('This approval is no longer waiting for a decision');
  }
  if (new Date(approval.expiresAt).getTime() <= Date.now())
    throw new ConflictError('This approval has expired');
  await emailApprover(item, approval, await getSecret('APPROVAL_SIGNING_KEY'), { reminder: true, baseUrl });
  await markReminded(approvalId, new Date().toISOString());
  await audit({
    itemId: item.id,
    action: 'approval.reminded',
    actor,
    detail: { approvalId, approver: approval.approver },
  });
  return { approvalId, approver: approval.approver, reminded: true };
};
