import {
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
} from '@aws-sdk/lib-dynamodb';
import { dynamo } from '../common/aws';

/**
 * Every item a Scan returns, page by page (DynamoDB stops at 1 MB a page). One office's tables hold
 * thousands of records, not millions, so filtered scans serve the inbox, follow-ups and reports; `max`
 * bounds what one request may read.
 */
export const scanAll = async <T = Record<string, unknown>>(
  input: Omit<ScanCommandInput, 'ExclusiveStartKey'>,
  max = Number.POSITIVE_INFINITY,
): Promise<T[]> => {
  const rows: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(new ScanCommand({ ...input, ExclusiveStartKey: start }));
    rows.push(...((out.Items ?? []) as T[]));
    start = out.LastEvaluatedKey;
  } while (start && rows.length < max);
  return rows;
};

/** Every item a Query returns, page by page, up to `max` (a page may carry a few more). */
export const queryAll = async <T = Record<string, unknown>>(
  input: Omit<QueryCommandInput, 'ExclusiveStartKey'>,
  max = Number.POSITIVE_INFINITY,
): Promise<T[]> => {
  const rows: T[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await dynamo.send(new QueryCommand({ ...input, ExclusiveStartKey: start }));
    rows.push(...((out.Items ?? []) as T[]));
    start = out.LastEvaluatedKey;
  } while (start && rows.length < max);
  return rows;
};
