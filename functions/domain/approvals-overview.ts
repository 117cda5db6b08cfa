import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import {
  type Approval,
  type ApprovalStatus,
  approvalsForItem,
  getApproval,
  markReminded,
} from '../adapters/approvals-repo';
import { audit } from '../adapters/audit-repo';
import { getItem } from '../adapters/items-repo';
import { dynamo } from '../common/aws';
import { config } from '../common/config';
import { ConflictError, NotFoundError } from '../common/errors';
import { getSecret } from '../common/secrets';
import { isFinal } from './content';
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

/** What waits on whom: approvals by status (oldest first), with the item's title. */
export const listApprovals = async (status: ApprovalStatus, limit: number) => {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config().APPROVALS_TABLE,
      IndexName: 'by-status',
      KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': status },
      Limit: limit,
    }),
  );
  const approvals = (out.Items ?? []) as Approval[];
  const titles = new Map<string, { title: string; status: string; revision: number }>();
  for (const id of new Set(approvals.map((a) => a.itemId))) {
    const item = await getItem(id).catch(() => undefined);
    if (item) titles.set(id, { title: item.title, status: item.status, revision: item.revision });
  }
  return approvals
    .filter((a) => status !== 'pending' || titles.get(a.itemId)?.revision === a.revision)
    .map((a) => ({
      ...approvalView(a),
      itemTitle: titles.get(a.itemId)?.title,
      itemStatus: titles.get(a.itemId)?.status,
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
  if (approval.status !== 'pending' || approval.revision !== item.revision || isFinal(item.status)) {
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
