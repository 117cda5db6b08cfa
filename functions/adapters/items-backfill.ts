import { type DocumentClient, ScanCommand, UpdateCommand } from '../common/aws/dynamo';
import { publishMonthOf } from '../domain/content/calendar';

/**
 * Items written before the calendar index existed have no `publishMonth`, so the index does not see them.
 * This writes it on every item that lacks it (a filtered scan, page by page, each update conditional on the
 * attribute still missing: safe to run twice, or beside the live API). The local runtime runs it at every
 * start; on AWS run `npx tsx scripts/backfill-publish-month.ts` once after deploying the index.
 */
export const backfillPublishMonths = async (client: DocumentClient, tableName: string): Promise<number> => {
  let updated = 0;
  let start: Record<string, unknown> | undefined;
  do {
    const page = await client.send(
      new ScanCommand({
        TableName: tableName,
        FilterExpression: 'attribute_exists(publishAt) AND attribute_not_exists(publishMonth)',
        ProjectionExpression: 'id, publishAt',
        ExclusiveStartKey: start,
      }),
    );
    for (const row of (page.Items ?? []) as { id: string; publishAt: string }[]) {
      try {
        await client.send(
          new UpdateCommand({
            TableName: tableName,
            Key: { id: row.id },
            UpdateExpression: 'SET publishMonth = :m',
            ConditionExpression: 'publishAt = :p AND attribute_not_exists(publishMonth)',
            ExpressionAttributeValues: { ':m': publishMonthOf(row.publishAt), ':p': row.publishAt },
          }),
        );
        updated += 1;
      } catch (error) {
        // Rescheduled meanwhile: the reschedule wrote the month itself.
        if (!(error instanceof Error && error.name === 'ConditionalCheckFailedException')) throw error;
      }
    }
    start = page.LastEvaluatedKey;
  } while (start);
  return updated;
};
