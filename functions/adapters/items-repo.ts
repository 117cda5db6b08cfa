import { dynamo, GetCommand, PutCommand, QueryCommand, UpdateCommand } from '../common/aws/dynamo';
import { config } from '../common/config';
import { NotFoundError } from '../common/errors';
import type { ContentItem, ItemStatus } from '../domain/content/content';
import { rankOf } from '../domain/content/statuses';
import { writeIf } from './conditional-write';
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
  return writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: `SET ${sets.join(', ')}`,
      ConditionExpression: condition,
      ExpressionAttributeNames: names,
      ExpressionAttributeValues: values,
    }),
  );
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

export interface RevisionWrite {
  /** The revision being replaced: the write happens only while the item is still at it. */
  readonly fromRevision: number;
  readonly revision: number;
  readonly title: string;
  readonly caption: string;
  readonly media: ContentItem['media'];
  readonly sources: ContentItem['sources'];
  readonly publishAt: string;
  /** The WIB month of publishAt (`YYYY-MM`), the calendar index's partition. */
  readonly publishMonth: string;
  readonly revisionHash: string;
  readonly approvalDeadline: string;
  readonly at: string;
  /** The timeline note of the `revised#r<n>` stage. */
  readonly note: string;
  /** The entry appended to the item's `revisions` list. */
  readonly entry: NonNullable<ContentItem['revisions']>[number];
}

/**
 * Saves a new revision and puts the item back to `submitted` (its screening and status reason cleared).
 * At most once per revision: the write is conditional on the item still being at `fromRevision` with
 * changes requested or blocked, so two staff revising at once get one revision, not two. False: lost.
 */
export const saveRevision = async (id: string, r: RevisionWrite): Promise<boolean> => {
  return writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression:
        'SET revision = :rev, title = :title, caption = :caption, media = :media, sources = :sources, publishAt = :publishAt, publishMonth = :month, revisionHash = :hash, approvalDeadline = :deadline, #status = :submitted, statusRank = :rank, updatedAt = :at, stages.#stage = :entry, revisions = list_append(if_not_exists(revisions, :none), :entry2) REMOVE statusReason, screening',
      ConditionExpression: 'revision = :old AND #status IN (:changes, :blocked)',
      ExpressionAttributeNames: { '#status': 'status', '#stage': `revised#r${r.revision}` },
      ExpressionAttributeValues: {
        ':rev': r.revision,
        ':old': r.fromRevision,
        ':title': r.title,
        ':caption': r.caption,
        ':media': r.media,
        ':sources': r.sources,
        ':publishAt': r.publishAt,
        ':month': r.publishMonth,
        ':hash': r.revisionHash,
        ':deadline': r.approvalDeadline,
        ':submitted': 'submitted',
        ':rank': rankOf('submitted', r.revision),
        ':changes': 'changes-requested',
        ':blocked': 'blocked',
        ':at': r.at,
        ':entry': { at: r.at, note: r.note },
        ':none': [],
        ':entry2': [r.entry],
      },
    }),
  );
};

/** Forgets the workflow's task token once the workflow has taken this revision (only at that revision). */
export const clearRevisionToken = async (id: string, revision: number): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: 'REMOVE revisionToken',
      ConditionExpression: 'revision = :r',
      ExpressionAttributeValues: { ':r': revision },
    }),
  );
};

export interface RescheduleEntry {
  readonly from: string;
  readonly to: string;
  readonly at: string;
  readonly by: string;
  readonly note?: string;
}

/**
 * Moves the publish time and appends the change to `reschedules`, only if the item still has the status
 * and publish time the caller read. False: it changed meanwhile.
 */
export const reschedule = async (
  id: string,
  expected: Pick<ContentItem, 'status' | 'publishAt'>,
  entry: RescheduleEntry,
  /** The WIB month of `entry.to` (`YYYY-MM`): the calendar index's partition moves with the time. */
  publishMonth: string,
): Promise<boolean> => {
  return writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression:
        'SET publishAt = :p, publishMonth = :month, updatedAt = :at, reschedules = list_append(if_not_exists(reschedules, :none), :e)',
      ConditionExpression: '#status = :status AND publishAt = :old',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':p': entry.to,
        ':month': publishMonth,
        ':at': entry.at,
        ':none': [],
        ':e': [entry],
        ':status': expected.status,
        ':old': expected.publishAt,
      },
    }),
  );
};

/**
 * Stores a supervisor's override of a blocked revision, with the approval deadline it gives the
 * approvers. Only while the item is still blocked at that revision. False: it changed meanwhile.
 */
export const saveScreeningOverride = async (
  id: string,
  override: NonNullable<ContentItem['screeningOverride']>,
  approvalDeadline: string,
): Promise<boolean> => {
  return writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: 'SET screeningOverride = :o, approvalDeadline = :deadline, updatedAt = :at',
      ConditionExpression: '#status = :blocked AND revision = :rev',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':o': override,
        ':deadline': approvalDeadline,
        ':at': override.at,
        ':blocked': 'blocked',
        ':rev': override.revision,
      },
    }),
  );
};
