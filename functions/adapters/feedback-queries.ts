import { config } from '../common/config';
import { queryAll } from './scan';

/**
 * Reading the feedback table through its `by-status` index (status, receivedAt): the inbox, the digest
 * and fact-finding ask for "open, newest first" or "received since", never for the whole table.
 */

export const FEEDBACK_STATUSES = ['open', 'answered', 'closed'] as const;
export type FeedbackStatus = (typeof FEEDBACK_STATUSES)[number];

/** A filter expression built from conditions; placeholders are prefixed so they never meet the key's. */
export class Filter {
  private readonly parts: string[] = [];
  private readonly names: Record<string, string> = {};
  private readonly values: Record<string, unknown> = {};

  equals(field: string, value: unknown): this {
    this.names[`#f_${field}`] = field;
    this.values[`:f_${field}`] = value;
    this.parts.push(`#f_${field} = :f_${field}`);
    return this;
  }

  oneOf(field: string, options: readonly string[]): this {
    this.names[`#f_${field}`] = field;
    const placeholders = options.map((o, i) => {
      this.values[`:f_${field}${i}`] = o;
      return `:f_${field}${i}`;
    });
    this.parts.push(`#f_${field} IN (${placeholders.join(', ')})`);
    return this;
  }

  contains(field: string, value: unknown): this {
    this.names[`#f_${field}`] = field;
    this.values[`:f_${field}`] = value;
    this.parts.push(`contains(#f_${field}, :f_${field})`);
    return this;
  }

  get isEmpty(): boolean {
    return this.parts.length === 0;
  }

  /** The request fields, merged with the key condition's own names and values. */
  apply(names: Record<string, string>, values: Record<string, unknown>) {
    const allNames = { ...names, ...this.names };
    const allValues = { ...values, ...this.values };
    // DynamoDB refuses an empty map, so an unused one is left out.
    return {
      ...(this.parts.length ? { FilterExpression: this.parts.join(' AND ') } : {}),
      ...(Object.keys(allNames).length ? { ExpressionAttributeNames: allNames } : {}),
      ...(Object.keys(allValues).length ? { ExpressionAttributeValues: allValues } : {}),
    };
  }
}

/** Feedback with one status, newest first; only what arrived at or after `since` when given. */
export const feedbackWithStatus = <T = Record<string, unknown>>(
  status: FeedbackStatus,
  options: { since?: string; filter?: Filter; max?: number; pageSize?: number; maxPages?: number } = {},
): Promise<T[]> =>
  queryAll<T>(
    {
      TableName: config().FEEDBACK_TABLE,
      IndexName: 'by-status',
      KeyConditionExpression: options.since
        ? '#status = :status AND receivedAt >= :since'
        : '#status = :status',
      ScanIndexForward: false,
      ...(options.filter ?? new Filter()).apply(
        { '#status': 'status' },
        { ':status': status, ...(options.since ? { ':since': options.since } : {}) },
      ),
    },
    options.max,
    { pageSize: options.pageSize, maxPages: options.maxPages },
  );

/** Everything received at or after `since`, whatever its status (three index queries). */
export const feedbackReceivedSince = async <T = Record<string, unknown>>(
  since: string,
  options: { filter?: Filter; max?: number } = {},
): Promise<T[]> =>
  (
    await Promise.all(FEEDBACK_STATUSES.map((status) => feedbackWithStatus<T>(status, { since, ...options })))
  ).flat();

/** One item's feedback, newest first (the `by-item` index). */
export const feedbackForItem = <T = Record<string, unknown>>(
  itemId: string,
  options: { filter?: Filter; max?: number } = {},
): Promise<T[]> =>
  queryAll<T>(
    {
      TableName: config().FEEDBACK_TABLE,
      IndexName: 'by-item',
      KeyConditionExpression: 'itemId = :itemId',
      ScanIndexForward: false,
      ...(options.filter ?? new Filter()).apply({}, { ':itemId': itemId }),
    },
    options.max,
  );
