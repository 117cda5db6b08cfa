import { GetCommand, PutCommand, QueryCommand, UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../common/aws';
import { config } from '../common/config';
import { isConditionalCheckFailed, NotFoundError } from '../common/errors';
import type { ContentItem, ItemStatus } from '../domain/content/content';
import { rankOf } from '../domain/content/content';
import { queryAll } from './scan';

const table = () => config().ITEMS_TABLE;

export const putNewItem = async (item: ContentItem): Promise<void> => {
  await dynamo.send(
    new PutCommand({ TableName: table(), Item: item, ConditionExpression: 'attribute_not_exists(id)' }),
  );
};

export const findItem = async (id: string): Promise<ContentItem | undefined> => {
  const out = await dynamo.send(new GetCommand({ TableName: table(), Key: { id }, ConsistentRead: true }));
  return out.Item as ContentItem | undefined;
};

export const getItem = async (id: string): Promise<ContentItem> => {
  const item = await findItem(id);
  if (!item) throw new NotFoundError(`Content item ${id} does not exist`);
  return item;
};

export const listItems = async (
  limit: number,
  cursor?: Record<string, unknown>,
): Promise<{ items: ContentItem[]; next?: Record<string, unknown> }> => {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'by-created',
      KeyConditionExpression: 'kind = :k',
      ExpressionAttributeValues: { ':k': 'item' },
      ScanIndexForward: false,
      Limit: limit,
      ExclusiveStartKey: cursor,
    }),
  );
  return { items: (out.Items ?? []) as ContentItem[], next: out.LastEvaluatedKey };
};

export interface Transition {
  readonly status: ItemStatus;
  /** The item revision this transition belongs to (default 1). */
  readonly revision?: number;
  /** Stage name for the timeline; written once (the first time wins), so re-runs keep the original time. */
  readonly stage: string;
  readonly note?: string;
  readonly reason?: string;
  readonly set?: Record<string, unknown>;
  readonly at?: string;
  /** Move only from one of these statuses (cancelling must not overtake a publish that just began). */
  readonly onlyFrom?: readonly ItemStatus[];
}

/**
 * Moves an item forward. Returns false (and changes nothing) when the item is already at or past the
 * target status, so retried and re-run steps are harmless.
 */
export const transition = async (id: string, t: Transition): Promise<boolean> => {
  const at = t.at ?? new Date().toISOString();
  const names: Record<string, string> = { '#status': 'status', '#rank': 'statusRank', '#stage': t.stage };
  const values: Record<string, unknown> = {
    ':status': t.status,
    ':rank': rankOf(t.status, t.revision ?? 1),
    ':at': at,
    ':entry': t.note ? { at, note: t.note } : { at },
  };
  const sets = [
    '#status = :status',
    '#rank = :rank',
    'updatedAt = :at',
    'stages.#stage = if_not_exists(stages.#stage, :entry)',
  ];
  if (t.reason !== undefined) {
    sets.push('statusReason = :reason');
    values[':reason'] = t.reason;
  }
  Object.entries(t.set ?? {}).forEach(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:f${i}`] = v;
    sets.push(`#f${i} = :f${i}`);
  });
  let condition = 'attribute_exists(id) AND #rank < :rank';
  if (t.onlyFrom?.length) {
    t.onlyFrom.forEach((from, i) => {
      values[`:from${i}`] = from;
    });
    condition += ` AND #status IN (${t.onlyFrom.map((_, i) => `:from${i}`).join(', ')})`;
  }
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: { id },
        UpdateExpression: `SET ${sets.join(', ')}`,
        ConditionExpression: condition,
        ExpressionAttributeNames: names,
        ExpressionAttributeValues: values,
      }),
    );
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
};

/** Sets fields without changing status (for example the execution ARN, or a first-computed time). */
export const setFields = async (
  id: string,
  fields: Record<string, unknown>,
  onlyIfAbsent: readonly string[] = [],
): Promise<ContentItem> => {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = { ':now': new Date().toISOString() };
  const sets = ['updatedAt = :now'];
  Object.entries(fields).forEach(([k, v], i) => {
    names[`#f${i}`] = k;
    values[`:f${i}`] = v;
    sets.push(onlyIfAbsent.includes(k) ? `#f${i} = if_not_exists(#f${i}, :f${i})` : `#f${i} = :f${i}`);
  });
  const out = await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: 'attribute_exists(id)',
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
      ReturnValues: 'ALL_NEW',
    }),
  );
  return out.Attributes as ContentItem;
};

/** Adds a timeline entry without touching the status (for steps after the final status, such as re-evaluation). */
export const addStage = async (id: string, stage: string, note?: string): Promise<void> => {
  const at = new Date().toISOString();
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: 'SET stages.#stage = if_not_exists(stages.#stage, :entry), updatedAt = :at',
      ConditionExpression: 'attribute_exists(id)',
      ExpressionAttributeNames: { '#stage': stage },
      ExpressionAttributeValues: { ':entry': note ? { at, note } : { at }, ':at': at },
    }),
  );
};

/** Items publishing in one WIB month between two instants (UTC ISO), through the calendar index. */
export const itemsPublishingBetween = async (
  month: string,
  from: string,
  to: string,
): Promise<ContentItem[]> =>
  queryAll<ContentItem>({
    TableName: table(),
    IndexName: 'by-publish-month',
    KeyConditionExpression: 'publishMonth = :m AND publishAt BETWEEN :from AND :to',
    ExpressionAttributeValues: { ':m': month, ':from': from, ':to': to },
  });

/** Items created at or after an instant, newest first (the `by-created` index). */
export const itemsCreatedSince = async (since: string): Promise<ContentItem[]> =>
  queryAll<ContentItem>({
    TableName: table(),
    IndexName: 'by-created',
    KeyConditionExpression: 'kind = :k AND createdAt >= :since',
    ExpressionAttributeValues: { ':k': 'item', ':since': since },
    ScanIndexForward: false,
  });
