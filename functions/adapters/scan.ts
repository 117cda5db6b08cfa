import {
  dynamo,
  QueryCommand,
  type QueryCommandInput,
  ScanCommand,
  type ScanCommandInput,
} from '../common/aws/dynamo';

/**
 * Every item a Scan returns, page by page (DynamoDB stops at 1 MB a page). One office's tables hold
 * thousands of records, not millions, so filtered scans serve the follow-up lists and the monthly report
 * (the inbox reads through the feedback table's by-status index); `max` bounds what one request may read.
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

/**
 * The items a Query returns, page by page, until `max` are collected (a page may carry a few more).
 * `pageSize` sets DynamoDB's Limit, which counts items read before any filter; `maxPages` bounds how many
 * pages a filtered query may read before it answers with what it found.
 */
export const queryAll = async <T = Record<string, unknown>>(
  input: Omit<QueryCommandInput, 'ExclusiveStartKey' | 'Limit'>,
  max = Number.POSITIVE_INFINITY,
  paging: { pageSize?: number; maxPages?: number } = {},
): Promise<T[]> => {
  const rows: T[] = [];
  let start: Record<string, unknown> | undefined;
  let pages = 0;
  do {
    const out = await dynamo.send(
      new QueryCommand({
        ...input,
        ExclusiveStartKey: start,
        ...(paging.pageSize ? { Limit: paging.pageSize } : {}),
      }),
    );
    rows.push(...((out.Items ?? []) as T[]));
    start = out.LastEvaluatedKey;
    pages += 1;
  } while (start && rows.length < max && pages < (paging.maxPages ?? Number.POSITIVE_INFINITY));
  return rows;
};
