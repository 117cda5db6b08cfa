import { DeleteCommand, dynamo, PutCommand, ScanCommand, UpdateCommand } from '../common/aws/dynamo';
import { requireSetting } from '../common/config';
import { writeIf } from './conditional-write';

/**
 * The saved-replies table: the answers staff reuse (opening hours, where to register, how to complain),
 * one record per reply, keyed by id. A team keeps tens of them, so the list is one scan. Edits carry the
 * version they were based on: a stale edit or delete is refused, never an overwrite.
 */

export interface SavedReply {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly version: number;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

const table = () => requireSetting('SAVED_REPLIES_TABLE');

export const listSavedReplyRecords = async (): Promise<SavedReply[]> => {
  const rows: SavedReply[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(new ScanCommand({ TableName: table(), ExclusiveStartKey: start }));
    rows.push(...((out.Items ?? []) as SavedReply[]));
    start = out.LastEvaluatedKey;
  } while (start && rows.length < 1000);
  return rows;
};

/** Stores a new saved reply; false when the id exists already. */
export const putNewSavedReply = (reply: SavedReply): Promise<boolean> =>
  writeIf(
    new PutCommand({ TableName: table(), Item: reply, ConditionExpression: 'attribute_not_exists(id)' }),
  );

/** Changes a saved reply's title and text, only from the version the editor saw. False: missing or stale. */
export const updateSavedReply = (
  id: string,
  change: { title: string; text: string; at: string; by: string },
  version: number,
): Promise<boolean> =>
  writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression:
        'SET title = :title, #text = :text, updatedAt = :at, updatedBy = :by, version = :next',
      ConditionExpression: 'attribute_exists(id) AND version = :version',
      ExpressionAttributeNames: { '#text': 'text' },
      ExpressionAttributeValues: {
        ':title': change.title,
        ':text': change.text,
        ':at': change.at,
        ':by': change.by,
        ':version': version,
        ':next': version + 1,
      },
    }),
  );

/** Deletes a saved reply, only the version the staff member saw. False: missing or changed meanwhile. */
export const deleteSavedReply = (id: string, version: number): Promise<boolean> =>
  writeIf(
    new DeleteCommand({
      TableName: table(),
      Key: { id },
      ConditionExpression: 'attribute_exists(id) AND version = :version',
      ExpressionAttributeValues: { ':version': version },
    }),
  );
