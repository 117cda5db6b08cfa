import { dynamo, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '../common/aws/dynamo';
import { config } from '../common/config';
import { isConditionalCheckFailed } from '../common/errors';
import type { LateApproval } from '../domain/approval/late-approval';
import { writeIf } from './conditional-write';

export type ApprovalStatus = 'pending' | 'approved' | 'rejected' | 'changes-requested';

export interface Approval {
  readonly approvalId: string;
  readonly itemId: string;
  readonly revision: number;
  readonly approver: string;
  /** The Step Functions task token. Stays here; it never appears in a link or a page. */
  readonly taskToken: string;
  readonly status: ApprovalStatus;
  readonly createdAt: string;
  readonly expiresAt: string;
  readonly emailSentAt?: string;
  readonly decidedAt?: string;
  readonly comment?: string;
  /** True once Step Functions has accepted the decision. */
  readonly delivered?: boolean;
  readonly remindersSent?: number;
  /** An approval given after the publish time: what the approver chose (docs/decisions/0017). */
  readonly late?: LateApproval;
  /**
   * Where the decision came from, stored with it: a decision delivered again later (its first hand-over
   * failed) writes the same audit entry and archive record as the first attempt would have.
   */
  readonly decidedFrom?: { readonly ip: string; readonly userAgent: string };
}

const table = () => config().APPROVALS_TABLE;

/** Creates the approval, or refreshes the task token of an existing pending one (a re-run of the same step). */
export const upsertApproval = async (a: Approval): Promise<Approval> => {
  try {
    await dynamo.send(
      new PutCommand({
        TableName: table(),
        Item: a,
        ConditionExpression: 'attribute_not_exists(approvalId)',
      }),
    );
    return a;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
  const out = await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { approvalId: a.approvalId },
      UpdateExpression: 'SET taskToken = :t',
      ExpressionAttributeValues: { ':t': a.taskToken },
      ReturnValues: 'ALL_NEW',
    }),
  );
  return out.Attributes as Approval;
};

export const markEmailSent = async (approvalId: string, at: string): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { approvalId },
      UpdateExpression: 'SET emailSentAt = :at',
      ExpressionAttributeValues: { ':at': at },
    }),
  );
};

export const getApproval = async (approvalId: string): Promise<Approval | undefined> => {
  const out = await dynamo.send(
    new GetCommand({ TableName: table(), Key: { approvalId }, ConsistentRead: true }),
  );
  return out.Item as Approval | undefined;
};

export const approvalsForItem = async (itemId: string): Promise<Approval[]> => {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'by-item',
      KeyConditionExpression: 'itemId = :i',
      ExpressionAttributeValues: { ':i': itemId },
    }),
  );
  return (out.Items ?? []) as Approval[];
};

/** The first valid decision wins: a conditional write from pending. Returns false if already decided. */
export const decide = async (
  approvalId: string,
  decision: Exclude<ApprovalStatus, 'pending'>,
  comment: string | undefined,
  at: string,
  /** A late approval's choice, written with the decision so a re-delivery honours the same choice. */
  late?: LateApproval,
  from?: { readonly ip: string; readonly userAgent: string },
): Promise<boolean> => {
  return writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { approvalId },
      UpdateExpression: `SET #s = :d, decidedAt = :at, #c = :c, delivered = :f${late ? ', late = :late' : ''}${from ? ', decidedFrom = :from' : ''}`,
      ConditionExpression: '#s = :pending',
      ExpressionAttributeNames: { '#s': 'status', '#c': 'comment' },
      ExpressionAttributeValues: {
        ':d': decision,
        ':at': at,
        ':c': comment ?? '',
        ':f': false,
        ':pending': 'pending',
        ...(late ? { ':late': late } : {}),
        ...(from ? { ':from': from } : {}),
      },
    }),
  );
};

export const markDelivered = async (approvalId: string): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { approvalId },
      UpdateExpression: 'SET delivered = :t',
      ExpressionAttributeValues: { ':t': true },
    }),
  );
};

export const markReminded = async (approvalId: string, at: string): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { approvalId },
      UpdateExpression:
        'SET remindersSent = if_not_exists(remindersSent, :zero) + :one, lastReminderAt = :at',
      ExpressionAttributeValues: { ':zero': 0, ':one': 1, ':at': at },
    }),
  );
};

/** One page of approvals with a status (the `by-status` index); `next` continues where it stopped. */
export const approvalsWithStatus = async (
  status: ApprovalStatus,
  limit: number,
  start?: Record<string, unknown>,
): Promise<{ approvals: Approval[]; next?: Record<string, unknown> }> => {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'by-status',
      KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': status },
      Limit: limit,
      ExclusiveStartKey: start,
    }),
  );
  return { approvals: (out.Items ?? []) as Approval[], next: out.LastEvaluatedKey };
};
