import { dynamo, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '../common/aws/dynamo';
import { requireSetting } from '../common/config';
import { isConditionalCheckFailed } from '../common/errors';
import { writeIf } from './conditional-write';
import { scanAll } from './scan';

/**
 * The follow-ups table: one record per follow-up, keyed by `id`, with the `by-feedback` index
 * (feedbackId, createdAt). One office holds hundreds of follow-ups, so lists are filtered scans.
 */

export type FollowUpStatus = 'open' | 'in_progress' | 'resolved';

export interface FollowUpHistoryEntry {
  readonly at: string;
  readonly by: string;
  readonly from?: FollowUpStatus;
  readonly to: FollowUpStatus;
  readonly note?: string;
}

/** Field names are read by the monthly report and the daily digest: keep them. */
export interface FollowUpRecord {
  readonly id: string;
  readonly feedbackId: string;
  readonly itemId?: string;
  readonly unit: string;
  readonly status: FollowUpStatus;
  readonly createdAt: string;
  readonly updatedAt: string;
  /** UTC ISO instant, so that string order is time order. */
  readonly dueAt: string;
  readonly resolvedAt?: string;
  readonly resolutionNote?: string;
  readonly category?: string;
  readonly label?: string;
  readonly summary: string;
  readonly createdBy: string;
  readonly history: readonly FollowUpHistoryEntry[];
}

const table = () => requireSetting('FOLLOWUPS_TABLE');

export const getFollowUpRecord = async (id: string): Promise<FollowUpRecord | undefined> => {
  const out = await dynamo.send(new GetCommand({ TableName: table(), Key: { id }, ConsistentRead: true }));
  return out.Item as FollowUpRecord | undefined;
};

/** Writes a new follow-up; false when the id is already taken (nothing written). */
export const putNewFollowUp = async (record: FollowUpRecord): Promise<boolean> => {
  return writeIf(
    new PutCommand({ TableName: table(), Item: record, ConditionExpression: 'attribute_not_exists(id)' }),
  );
};

/** Every follow-up of one feedback record, oldest first (the `by-feedback` index). */
export const followUpsOfFeedback = async (feedbackId: string): Promise<FollowUpRecord[]> => {
  const rows: FollowUpRecord[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'by-feedback',
        KeyConditionExpression: 'feedbackId = :f',
        ExpressionAttributeValues: { ':f': feedbackId },
        ExclusiveStartKey: start,
      }),
    );
    rows.push(...((out.Items ?? []) as FollowUpRecord[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return rows;
};

export interface ScanFilter {
  readonly status?: FollowUpStatus;
  /** Only records not resolved whose dueAt is before this instant (UTC ISO). */
  readonly dueBefore?: string;
  readonly itemId?: string;
}

/** A filtered scan of the whole table (hundreds of records for one office). */
export const scanFollowUps = async (filter: ScanFilter = {}): Promise<FollowUpRecord[]> => {
  const filters: string[] = [];
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  if (filter.status) {
    names['#status'] = 'status';
    values[':status'] = filter.status;
    filters.push('#status = :status');
  }
  if (filter.dueBefore) {
    names['#status'] = 'status';
    values[':resolved'] = 'resolved';
    values[':dueBefore'] = filter.dueBefore;
    filters.push('#status <> :resolved AND dueAt < :dueBefore');
  }
  if (filter.itemId) {
    values[':itemId'] = filter.itemId;
    filters.push('itemId = :itemId');
  }
  const rows = await scanAll<FollowUpRecord>({
    TableName: table(),
    ...(filters.length
      ? {
          FilterExpression: filters.join(' AND '),
          ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
          ExpressionAttributeValues: values,
        }
      : {}),
  });
  return rows;
};

export interface StatusChange {
  readonly from: FollowUpStatus;
  readonly to: FollowUpStatus;
  readonly entry: FollowUpHistoryEntry;
  readonly resolution?: { readonly at: string; readonly note: string };
}

/**
 * Moves a follow-up from one status to another only if it still has the status the caller read, so two
 * staff changing it at once cannot both win. Returns the new record, or undefined when the condition failed.
 */
export const changeFollowUpStatus = async (
  id: string,
  change: StatusChange,
): Promise<FollowUpRecord | undefined> => {
  const sets = [
    '#status = :to',
    'updatedAt = :at',
    'history = list_append(if_not_exists(history, :none), :entry)',
  ];
  const values: Record<string, unknown> = {
    ':to': change.to,
    ':from': change.from,
    ':at': change.entry.at,
    ':none': [],
    ':entry': [change.entry],
  };
  if (change.resolution) {
    sets.push('resolvedAt = :resolvedAt', 'resolutionNote = :note');
    values[':resolvedAt'] = change.resolution.at;
    values[':note'] = change.resolution.note;
  }
  try {
    const out = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: { id },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: 'attribute_exists(id) AND #status = :from',
        ExpressionAttributeNames: { '#status': 'status' },
        ExpressionAttributeValues: values,
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes as FollowUpRecord;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return undefined;
    throw error;
  }
};
