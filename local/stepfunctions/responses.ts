import { ServiceError } from './errors';
import type { ExecutionRecord } from './store';

/** The read side of the API: executions and their history in the shapes the AWS SDK and CLI expect. */

/** One page of a list, with AWS-style opaque next tokens (here: the offset, base64url). */
export const paginate = <T>(
  all: readonly T[],
  maxResults: number | undefined,
  nextToken: string | undefined,
  fallback: number,
) => {
  const start = nextToken ? Number(Buffer.from(nextToken, 'base64url').toString()) : 0;
  if (!Number.isInteger(start) || start < 0) throw new ServiceError('InvalidToken', 'Invalid Token');
  const size = maxResults && maxResults > 0 ? Math.min(maxResults, 1000) : fallback;
  const end = start + size;
  return {
    page: all.slice(start, end),
    next: end < all.length ? { nextToken: Buffer.from(String(end)).toString('base64url') } : {},
  };
};

export const describeExecution = (r: ExecutionRecord) => ({
  executionArn: r.executionArn,
  stateMachineArn: r.stateMachineArn,
  name: r.name,
  status: r.status,
  startDate: r.startDate,
  ...(r.stopDate !== undefined ? { stopDate: r.stopDate } : {}),
  input: r.input,
  inputDetails: { included: true },
  ...(r.output !== undefined ? { output: r.output, outputDetails: { included: true } } : {}),
  ...(r.error !== undefined ? { error: r.error } : {}),
  ...(r.cause !== undefined ? { cause: r.cause } : {}),
});

export interface ListExecutionsInput {
  stateMachineArn?: string;
  statusFilter?: string;
  maxResults?: number;
  nextToken?: string;
}

/** Newest first, optionally of one status, a page at a time. */
export const listExecutions = (records: readonly ExecutionRecord[], input: ListExecutionsInput) => {
  const all = records
    .filter((r) => !input.statusFilter || r.status === input.statusFilter)
    .sort((a, b) => b.startDate - a.startDate);
  const { page, next } = paginate(all, input.maxResults, input.nextToken, 100);
  return {
    executions: page.map((r) => ({
      executionArn: r.executionArn,
      stateMachineArn: r.stateMachineArn,
      name: r.name,
      status: r.status,
      startDate: r.startDate,
      ...(r.stopDate !== undefined ? { stopDate: r.stopDate } : {}),
    })),
    ...next,
  };
};

export interface HistoryInput {
  executionArn: string;
  maxResults?: number;
  nextToken?: string;
  reverseOrder?: boolean;
}

export const executionHistory = (r: ExecutionRecord, input: HistoryInput) => {
  const events = input.reverseOrder ? [...r.history].reverse() : r.history;
  const { page, next } = paginate(events, input.maxResults, input.nextToken, 1000);
  return { events: page, ...next };
};
