import { randomBytes } from 'node:crypto';
import { dynamo, PutCommand, QueryCommand } from '../common/aws/dynamo';
import { config } from '../common/config';
import { isConditionalCheckFailed } from '../common/errors';

export interface AuditEntry {
  readonly itemId: string;
  readonly action: string;
  readonly actor: string;
  readonly at?: string;
  readonly detail?: Record<string, unknown>;
  /**
   * Makes the entry idempotent: written again with the same `at` and key (a retried step, a decision
   * delivered again), it is the same row, and the second write is a no-op. Without a key every call adds a row.
   */
  readonly key?: string;
}

/** Append-only audit trail: who did what to which item, when and from where. */
export const audit = async (entry: AuditEntry): Promise<void> => {
  const { key, ...row } = entry;
  const at = row.at ?? new Date().toISOString();
  try {
    await dynamo.send(
      new PutCommand({
        TableName: config().AUDIT_TABLE,
        Item: { ...row, at, sk: `${at}#${key ?? randomBytes(4).toString('hex')}` },
        ConditionExpression: 'attribute_not_exists(sk)',
      }),
    );
  } catch (error) {
    // A keyed entry that is already there was written by an earlier attempt of the same action.
    if (!(key && isConditionalCheckFailed(error))) throw error;
  }
};

export const auditTrail = async (itemId: string): Promise<AuditEntry[]> => {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: config().AUDIT_TABLE,
      KeyConditionExpression: 'itemId = :i',
      ExpressionAttributeValues: { ':i': itemId },
    }),
  );
  return (out.Items ?? []) as AuditEntry[];
};

/**
 * The newest entry of one kind (`action`) in a partition, or undefined. Reads newest first a small page
 * at a time, so a partition that grows by a row or two a day answers from its first page.
 */
export const latestAuditEntry = async (itemId: string, action: string): Promise<AuditEntry | undefined> => {
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: config().AUDIT_TABLE,
        KeyConditionExpression: 'itemId = :i',
        FilterExpression: '#a = :a',
        ExpressionAttributeNames: { '#a': 'action' },
        ExpressionAttributeValues: { ':i': itemId, ':a': action },
        ScanIndexForward: false,
        Limit: 10,
        ExclusiveStartKey: start,
      }),
    );
    const found = out.Items?.[0] as AuditEntry | undefined;
    if (found) return found;
    start = out.LastEvaluatedKey;
  } while (start);
  return undefined;
};
