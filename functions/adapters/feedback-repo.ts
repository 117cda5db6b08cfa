import { dynamo, GetCommand, PutCommand, UpdateCommand } from '../common/aws/dynamo';
import { config } from '../common/config';
import { isConditionalCheckFailed } from '../common/errors';
import type { FeedbackEvent } from '../domain/feedback/feedback-intake';
import type { FeedbackRecord } from '../domain/feedback/inbox';
import { writeIf } from './conditional-write';
import { queryAll } from './scan';

/**
 * The feedback table: one record per citizen comment, reply, mention or message, keyed by
 * `<platform>-<platform id>`. Every read and write of it goes through here. Lists are read through the
 * `by-status` index (status, receivedAt) — the inbox, the digest and fact-finding ask for "open, newest
 * first" or "received since", never for the whole table — and one item's feedback through `by-item`.
 */

const table = () => config().FEEDBACK_TABLE;

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

  /** The field is not set (e.g. messages assigned to nobody). */
  missing(field: string): this {
    this.names[`#f_${field}`] = field;
    this.parts.push(`attribute_not_exists(#f_${field})`);
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
      TableName: table(),
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

/** One item's feedback, newest first unless `oldestFirst` (the `by-item` index), every page unless `max`. */
export const feedbackForItem = <T = Record<string, unknown>>(
  itemId: string,
  options: { filter?: Filter; max?: number; oldestFirst?: boolean } = {},
): Promise<T[]> =>
  queryAll<T>(
    {
      TableName: table(),
      IndexName: 'by-item',
      KeyConditionExpression: 'itemId = :itemId',
      ScanIndexForward: options.oldestFirst === true,
      ...(options.filter ?? new Filter()).apply({}, { ':itemId': itemId }),
    },
    options.max,
  );

// ---- One record -----------------------------------------------------------------------------------------

/** A stored feedback record, read consistently; undefined when there is none. */
export const findFeedback = async <T = FeedbackRecord>(id: string): Promise<T | undefined> => {
  const out = await dynamo.send(new GetCommand({ TableName: table(), Key: { id }, ConsistentRead: true }));
  return out.Item as T | undefined;
};

/**
 * Stores a newly received event as an open record. Exactly once per platform id: the write is
 * conditional on the id being new, so a platform's redelivery of the same event stores nothing and
 * answers false.
 */
export const putNewFeedback = async (
  id: string,
  ev: FeedbackEvent,
  received: { receivedAt: string; rawKey: string },
): Promise<boolean> => {
  return writeIf(
    new PutCommand({
      TableName: table(),
      Item: { id, ...ev, status: 'open', receivedAt: received.receivedAt, rawKey: received.rawKey },
      ConditionExpression: 'attribute_not_exists(id)',
    }),
  );
};

/** How far a stored record's processing got: what intake needs to decide whether to queue it again. */
export const processingState = async (
  id: string,
): Promise<{ processedAt?: string; urgent?: boolean; urgentNotifiedAt?: string } | undefined> => {
  const out = await dynamo.send(
    new GetCommand({
      TableName: table(),
      Key: { id },
      ConsistentRead: true,
      ProjectionExpression: 'processedAt, urgent, urgentNotifiedAt',
    }),
  );
  return out.Item;
};

export interface Classification {
  readonly label: string;
  readonly category: string | null;
  readonly urgent: boolean;
  readonly at: string;
  /** The Sebar item whose post the feedback answers. */
  readonly itemId?: string;
  /** Keyword watches the text matched; left unwritten when none. */
  readonly watches?: readonly string[];
}

/** Writes what processing found (label, category, urgent, item link, watches) and when. */
export const recordClassification = async (id: string, c: Classification): Promise<void> => {
  const watches = c.watches?.length ? [...c.watches] : undefined;
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: `SET #label = :label, category = :category, urgent = :urgent, processedAt = :at${c.itemId ? ', itemId = :item' : ''}${watches ? ', watches = :watches' : ''}`,
      ExpressionAttributeNames: { '#label': 'label' },
      ExpressionAttributeValues: {
        ':label': c.label,
        ':category': c.category,
        ':urgent': c.urgent,
        ':at': c.at,
        ...(c.itemId ? { ':item': c.itemId } : {}),
        ...(watches ? { ':watches': watches } : {}),
      },
    }),
  );
};

/**
 * Claims the urgent notice of one record, so the on-duty officer is emailed exactly once: two deliveries
 * of the same comment arrive together and only one conditional write wins. A claim older than `staleMs`
 * whose email was never marked sent (the function died in between) may be claimed again. False: lost.
 */
export const claimUrgentNotice = async (id: string, now: Date, staleMs: number): Promise<boolean> => {
  return writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: 'SET urgentClaimedAt = :now',
      ConditionExpression:
        'attribute_exists(id) AND attribute_not_exists(urgentNotifiedAt) AND ' +
        '(attribute_not_exists(urgentClaimedAt) OR urgentClaimedAt < :stale)',
      ExpressionAttributeValues: {
        ':now': now.toISOString(),
        ':stale': new Date(now.getTime() - staleMs).toISOString(),
      },
    }),
  );
};

/** The urgent notice went out: no later claim succeeds. */
export const markUrgentNotified = async (id: string, at: string): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: 'SET urgentNotifiedAt = :at',
      ExpressionAttributeValues: { ':at': at },
    }),
  );
};

export interface FeedbackReply {
  readonly text: string;
  readonly at: string;
  readonly by: string;
  readonly platformReplyId: string;
}

/** Who holds the right to answer a message while their reply is on its way to the platform. */
export interface ReplyClaim {
  readonly token: string;
  readonly by: string;
  readonly at: string;
}

/**
 * Claims the reply to one message before the platform is called: the one place two staff answering the same
 * citizen at once are told apart. Wins only while the record exists, is not closed or deleted, holds exactly
 * the `seenReplies` replies the sender saw, and no one else's claim stands (a claim older than `staleBefore`
 * is from a reply that died half way and may be taken over). False: someone else answered or is answering.
 */
export const claimReply = async (
  id: string,
  claim: ReplyClaim,
  seenReplies: number,
  staleBefore: string,
): Promise<boolean> =>
  writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: 'SET replyClaim = :claim',
      ConditionExpression:
        'attribute_exists(id) AND #status <> :closed AND attribute_not_exists(deletedAt) AND ' +
        `${seenReplies === 0 ? '(attribute_not_exists(replies) OR size(replies) = :seen)' : 'size(replies) = :seen'} AND ` +
        '(attribute_not_exists(replyClaim) OR replyClaim.#at < :stale)',
      ExpressionAttributeNames: { '#status': 'status', '#at': 'at' },
      ExpressionAttributeValues: {
        ':claim': claim,
        ':closed': 'closed',
        ':seen': seenReplies,
        ':stale': staleBefore,
      },
    }),
  );

/**
 * Appends a reply posted on the platform, marks the record answered and lets go of the claim that allowed
 * it (clearing a failed attempt's error). The reply is on the platform already, so it is recorded even when
 * the claim was taken over meanwhile (then the other claim is left standing).
 */
export const recordReply = async (id: string, reply: FeedbackReply, claimToken?: string): Promise<void> => {
  const append = {
    TableName: table(),
    Key: { id },
    ExpressionAttributeNames: { '#status': 'status' },
  };
  if (claimToken) {
    const released = await writeIf(
      new UpdateCommand({
        ...append,
        UpdateExpression:
          'SET replies = list_append(if_not_exists(replies, :none), :r), #status = :answered REMOVE lastReplyError, replyClaim',
        ConditionExpression: 'replyClaim.#token = :token',
        ExpressionAttributeNames: { ...append.ExpressionAttributeNames, '#token': 'token' },
        ExpressionAttributeValues: {
          ':none': [],
          ':r': [reply],
          ':answered': 'answered',
          ':token': claimToken,
        },
      }),
    );
    if (released) return;
  }
  await dynamo.send(
    new UpdateCommand({
      ...append,
      UpdateExpression:
        'SET replies = list_append(if_not_exists(replies, :none), :r), #status = :answered REMOVE lastReplyError',
      ExpressionAttributeValues: { ':none': [], ':r': [reply], ':answered': 'answered' },
    }),
  );
};

export interface ReplyFailure {
  readonly by: string;
  readonly at: string;
  readonly reason: string;
}

/**
 * The platform refused or never answered: keeps why (the last error, and the attempt in the history) and
 * releases the claim, so the message is open to answer again. Leaves a claim someone else took over alone.
 */
export const releaseReplyClaim = async (
  id: string,
  claimToken: string,
  failure: ReplyFailure,
): Promise<void> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: { id },
        UpdateExpression:
          'SET lastReplyError = :e, replyFailures = list_append(if_not_exists(replyFailures, :none), :f) REMOVE replyClaim',
        ConditionExpression: 'replyClaim.#token = :token',
        ExpressionAttributeNames: { '#token': 'token' },
        ExpressionAttributeValues: {
          ':e': failure.reason,
          ':none': [],
          ':f': [failure],
          ':token': claimToken,
        },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    await recordReplyError(id, failure.reason);
  }
};

/** Keeps why the last reply could not be posted, for staff to see. */
export const recordReplyError = async (id: string, reason: string): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: 'SET lastReplyError = :e',
      ExpressionAttributeValues: { ':e': reason },
    }),
  );
};

/** A staff member's correction of the classifier, kept on the record (the classifier and reports read it). */
export interface LabelCorrection {
  readonly by: string;
  readonly at: string;
  readonly from: { readonly label: string | null; readonly category: string | null };
  readonly to: { readonly label: string; readonly category: string | null };
}

/**
 * Sets the label and category staff chose and appends the correction, only while the record still has the
 * label and category the staff member saw (`from`): two corrections at once never overwrite each other
 * silently. False: the record is missing or was relabelled meanwhile.
 */
export const correctLabel = async (id: string, c: LabelCorrection): Promise<boolean> => {
  const was = (field: '#label' | 'category', placeholder: string, value: string | null) =>
    value === null ? `(attribute_not_exists(${field}) OR ${field} = :null)` : `${field} = ${placeholder}`;
  return writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression:
        'SET #label = :toLabel, category = :toCategory, corrections = list_append(if_not_exists(corrections, :none), :c)',
      ConditionExpression: `attribute_exists(id) AND ${was('#label', ':fromLabel', c.from.label)} AND ${was('category', ':fromCategory', c.from.category)}`,
      ExpressionAttributeNames: { '#label': 'label' },
      ExpressionAttributeValues: {
        ':toLabel': c.to.label,
        ':toCategory': c.to.category,
        ':none': [],
        ':c': [c],
        ...(c.from.label === null || c.from.category === null ? { ':null': null } : {}),
        ...(c.from.label === null ? {} : { ':fromLabel': c.from.label }),
        ...(c.from.category === null ? {} : { ':fromCategory': c.from.category }),
      },
    }),
  );
};

export interface Assignment {
  readonly by: string;
  readonly at: string;
  /** The colleague's email; null when the message is given back to nobody. */
  readonly to: string | null;
}

/**
 * Gives a message to a colleague (or to nobody) and appends it to the record's assignments, only while it is
 * assigned as the caller saw it (`previous`). False: the record is missing or was reassigned meanwhile.
 */
export const assignFeedback = async (id: string, a: Assignment, previous: string | null): Promise<boolean> =>
  writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: `${a.to === null ? 'REMOVE assignedTo ' : ''}SET ${a.to === null ? '' : 'assignedTo = :to, '}assignments = list_append(if_not_exists(assignments, :none), :a)`,
      ConditionExpression: `attribute_exists(id) AND ${previous === null ? 'attribute_not_exists(assignedTo)' : 'assignedTo = :previous'}`,
      ExpressionAttributeValues: {
        ':none': [],
        ':a': [a],
        ...(a.to === null ? {} : { ':to': a.to }),
        ...(previous === null ? {} : { ':previous': previous }),
      },
    }),
  );

/**
 * A staff member is writing a reply: their lease (`writers.<email>` = until when) is renewed, or dropped
 * when `until` is undefined. Answers everyone's leases as stored afterwards; undefined when the record is
 * missing.
 */
export const leaseWriting = async (
  id: string,
  actor: string,
  until: string | undefined,
): Promise<Record<string, string> | undefined> => {
  // A map must exist before one of its keys is set; the first writer creates it.
  if (until) {
    await writeIf(
      new UpdateCommand({
        TableName: table(),
        Key: { id },
        UpdateExpression: 'SET writers = :empty',
        ConditionExpression: 'attribute_exists(id) AND attribute_not_exists(writers)',
        ExpressionAttributeValues: { ':empty': {} },
      }),
    );
  }
  try {
    const out = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: { id },
        UpdateExpression: until ? 'SET writers.#who = :until' : 'REMOVE writers.#who',
        // DynamoDB refuses a path under a map that is not there, for SET and REMOVE alike.
        ConditionExpression: 'attribute_exists(writers)',
        ExpressionAttributeNames: { '#who': actor },
        ...(until ? { ExpressionAttributeValues: { ':until': until } } : {}),
        ReturnValues: 'ALL_NEW',
      }),
    );
    return (out.Attributes?.writers ?? {}) as Record<string, string>;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    // No map: nobody is writing (or there is no such record, when it is missing altogether).
    const found = await dynamo.send(
      new GetCommand({ TableName: table(), Key: { id }, ConsistentRead: true, ProjectionExpression: 'id' }),
    );
    return found.Item ? {} : undefined;
  }
};

/** Closes an existing record with a note. False when there is no such record or it is closed already. */
export const closeFeedbackRecord = async (
  id: string,
  close: { note: string; at: string; by: string },
): Promise<boolean> => {
  return writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: 'SET #status = :closed, closedNote = :n, closedAt = :at, closedBy = :by',
      ConditionExpression: 'attribute_exists(id) AND #status <> :closed',
      ExpressionAttributeNames: { '#status': 'status' },
      ExpressionAttributeValues: {
        ':closed': 'closed',
        ':n': close.note,
        ':at': close.at,
        ':by': close.by,
      },
    }),
  );
};

/**
 * Marks a record its author deleted on the platform: `deletedAt` and the archived delivery that said so.
 * Nothing is erased (the office keeps what citizens sent). Only an existing record not marked already, and
 * only when the deletion names the record's own author (when both are known). False otherwise.
 */
export const markFeedbackDeleted = async (
  id: string,
  deletion: { at: string; rawKey: string; authorId?: string },
): Promise<boolean> => {
  const byAuthor = deletion.authorId !== undefined;
  return writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { id },
      UpdateExpression: 'SET deletedAt = :at, deletedRawKey = :raw',
      ConditionExpression: `attribute_exists(id) AND attribute_not_exists(deletedAt)${
        byAuthor ? ' AND (attribute_not_exists(authorId) OR authorId = :author)' : ''
      }`,
      ExpressionAttributeValues: {
        ':at': deletion.at,
        ':raw': deletion.rawKey,
        ...(byAuthor ? { ':author': deletion.authorId } : {}),
      },
    }),
  );
};

/**
 * Points the feedback at a new follow-up, only if it still points where the caller read it (`previous`,
 * or nowhere). The one place two staff creating a follow-up for the same feedback at once are told
 * apart: exactly one wins. False: the record is missing or someone else's claim came first.
 */
export const claimFollowUpLink = async (
  feedbackId: string,
  next: string,
  previous: string | undefined,
): Promise<boolean> => {
  return writeIf(
    new UpdateCommand({
      TableName: table(),
      Key: { id: feedbackId },
      UpdateExpression: 'SET followUpId = :next',
      ConditionExpression: previous
        ? 'attribute_exists(id) AND followUpId = :previous'
        : 'attribute_exists(id) AND attribute_not_exists(followUpId)',
      ExpressionAttributeValues: { ':next': next, ...(previous ? { ':previous': previous } : {}) },
    }),
  );
};

/** Undoes a claim whose follow-up could not be written, only while the claim still stands. */
export const releaseFollowUpLink = async (
  feedbackId: string,
  claimed: string,
  previous: string | undefined,
): Promise<void> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: { id: feedbackId },
        UpdateExpression: previous ? 'SET followUpId = :previous' : 'REMOVE followUpId',
        ConditionExpression: 'followUpId = :claimed',
        ExpressionAttributeValues: { ':claimed': claimed, ...(previous ? { ':previous': previous } : {}) },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
};

// ---- Staff corrections of the classifier (classifier-corrections.ts) ------------------------------------

/**
 * Every record staff have corrected (it carries a `corrections` list), whatever its status: the by-status
 * index, filtered on the list's presence. When it was corrected is inside the list, so the caller filters
 * on that; one office has thousands of records, and an export is an occasional operator's request.
 */
export const feedbackWithCorrections = async <T = Record<string, unknown>>(): Promise<T[]> =>
  (
    await Promise.all(
      FEEDBACK_STATUSES.map((status) =>
        queryAll<T>({
          TableName: table(),
          IndexName: 'by-status',
          KeyConditionExpression: '#status = :status',
          FilterExpression: 'attribute_exists(corrections)',
          ExpressionAttributeNames: { '#status': 'status' },
          ExpressionAttributeValues: { ':status': status },
        }),
      ),
    )
  ).flat();
