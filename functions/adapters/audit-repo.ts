import { randomBytes } from 'node:crypto';
import { PutCommand, QueryCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../common/aws';
import { config } from '../common/config';

export interface AuditEntry {
  readonly itemId: string;
  readonly action: string;
  readonly actor: string;
  readonly at?: string;
  readonly detail?: Record<string, unknown>;
}

/** Append-only audit trail: who did what to which item, when and from where. */
export const audit = async (entry: AuditEntry): Promise<void> => {
  const at = entry.at ?? new Date().toISOString();
  await dynamo.send(
    new PutCommand({
      TableName: config().AUDIT_TABLE,
      Item: { ...entry, at, sk: `${at}#${randomBytes(4).toString('hex')}` },
      ConditionExpression: 'attribute_not_exists(sk)',
    }),
  );
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
