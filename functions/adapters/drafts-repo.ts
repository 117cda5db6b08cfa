import { DeleteCommand, dynamo, GetCommand, PutCommand, QueryCommand } from '../common/aws/dynamo';
import { requireSetting } from '../common/config';
import type { DraftRecord, DraftStore } from '../domain/content/drafts';
import { writeIf } from './conditional-write';

/**
 * The drafts table: one record per draft, keyed by `id`, listed newest first through `by-updated`
 * (`kind = draft`, `updatedAt`). Writes are conditional on the version read, so two people editing the
 * same draft cannot overwrite each other silently.
 */
const table = () => requireSetting('DRAFTS_TABLE');

export const draftStore: DraftStore = {
  create: async (draft) => {
    await dynamo.send(
      new PutCommand({ TableName: table(), Item: draft, ConditionExpression: 'attribute_not_exists(id)' }),
    );
  },
  get: async (id) => {
    const out = await dynamo.send(new GetCommand({ TableName: table(), Key: { id }, ConsistentRead: true }));
    return out.Item as DraftRecord | undefined;
  },
  replace: async (draft, expectedVersion) => {
    return writeIf(
      new PutCommand({
        TableName: table(),
        Item: draft,
        ConditionExpression: 'attribute_exists(id) AND version = :v',
        ExpressionAttributeValues: { ':v': expectedVersion },
      }),
    );
  },
  remove: async (id) => {
    const out = await dynamo.send(
      new DeleteCommand({ TableName: table(), Key: { id }, ReturnValues: 'ALL_OLD' }),
    );
    return out.Attributes !== undefined;
  },
  list: async (limit) => {
    const out = await dynamo.send(
      new QueryCommand({
        TableName: table(),
        IndexName: 'by-updated',
        KeyConditionExpression: 'kind = :k',
        ExpressionAttributeValues: { ':k': 'draft' },
        ScanIndexForward: false,
        Limit: limit,
      }),
    );
    return (out.Items ?? []) as DraftRecord[];
  },
};
