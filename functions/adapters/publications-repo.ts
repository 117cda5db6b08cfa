import { dynamo, GetCommand, QueryCommand, UpdateCommand } from '../common/aws/dynamo';
import { config } from '../common/config';
import { isConditionalCheckFailed } from '../common/errors';
import type { Platform } from '../domain/content/content';

export interface MetricsReading {
  readonly at: string;
  readonly values: Record<string, number>;
}

export interface Publication {
  readonly itemId: string;
  /** `<platform>#r<revision>`: one publication per platform per approved revision. */
  readonly key: string;
  readonly platform: Platform;
  readonly revision: number;
  readonly state: 'pending' | 'published' | 'failed';
  readonly attempts: number;
  readonly startedAt: string;
  readonly postId?: string;
  readonly postKey?: string;
  readonly url?: string;
  readonly publishedAt?: string;
  readonly error?: string;
  readonly containerId?: string;
  /** Published, but not all of it (an X thread cut short); says what is missing. */
  readonly warning?: string;
  /** X: media uploaded for the post (kept while X processes them, so a later attempt polls, not re-uploads). */
  readonly mediaIds?: string[];
  /** X: the ids of the thread's posts made so far (the first is the post itself). */
  readonly threadIds?: string[];
  readonly metrics?: MetricsReading[];
}

const table = () => config().PUBLICATIONS_TABLE;
export const publicationKey = (platform: Platform, revision: number) => `${platform}#r${revision}`;

export const getPublication = async (
  itemId: string,
  platform: Platform,
  revision: number,
): Promise<Publication | undefined> => {
  const out = await dynamo.send(
    new GetCommand({
      TableName: table(),
      Key: { itemId, key: publicationKey(platform, revision) },
      ConsistentRead: true,
    }),
  );
  return out.Item as Publication | undefined;
};

export const listPublications = async (itemId: string): Promise<Publication[]> => {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      KeyConditionExpression: 'itemId = :i',
      ExpressionAttributeValues: { ':i': itemId },
      ConsistentRead: true,
    }),
  );
  return (out.Items ?? []) as Publication[];
};

/**
 * Claims the publication slot before any platform call. Creates it as `pending`, or counts another
 * attempt on a pending one. Returns the record as it stands, so the caller can see if a previous
 * attempt already finished (or may have reached the platform).
 */
export const beginAttempt = async (
  itemId: string,
  platform: Platform,
  revision: number,
): Promise<Publication> => {
  const now = new Date().toISOString();
  try {
    const out = await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: { itemId, key: publicationKey(platform, revision) },
        UpdateExpression:
          'SET platform = :p, revision = :r, #state = if_not_exists(#state, :pending), startedAt = if_not_exists(startedAt, :now), attempts = if_not_exists(attempts, :zero) + :one',
        ConditionExpression: 'attribute_not_exists(#state) OR #state = :pending',
        ExpressionAttributeNames: { '#state': 'state' },
        ExpressionAttributeValues: {
          ':p': platform,
          ':r': revision,
          ':pending': 'pending',
          ':now': now,
          ':zero': 0,
          ':one': 1,
        },
        ReturnValues: 'ALL_NEW',
      }),
    );
    return out.Attributes as Publication;
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
    const existing = await getPublication(itemId, platform, revision);
    if (!existing) throw error;
    return existing;
  }
};

export const recordContainer = async (p: Publication, containerId: string): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { itemId: p.itemId, key: p.key },
      UpdateExpression: 'SET containerId = :c',
      ExpressionAttributeValues: { ':c': containerId },
    }),
  );
};

/** X media uploaded for this publication (alt text set), in the item's order. */
export const recordMedia = async (p: Publication, mediaIds: readonly string[]): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { itemId: p.itemId, key: p.key },
      UpdateExpression: 'SET mediaIds = :m',
      ExpressionAttributeValues: { ':m': [...mediaIds] },
    }),
  );
};

/** The X posts of a thread made so far, in order: a retry continues after the last one. */
export const recordThreadParts = async (p: Publication, threadIds: readonly string[]): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { itemId: p.itemId, key: p.key },
      UpdateExpression: 'SET threadIds = :t',
      ExpressionAttributeValues: { ':t': [...threadIds] },
    }),
  );
};

export const recordPublished = async (
  p: Pick<Publication, 'itemId' | 'key' | 'platform'>,
  post: { postId: string; url: string; publishedAt?: string; warning?: string },
): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { itemId: p.itemId, key: p.key },
      UpdateExpression: `SET #state = :s, postId = :id, postKey = :pk, #url = :u, publishedAt = :at${post.warning ? ', warning = :w' : ''} REMOVE #error`,
      ExpressionAttributeNames: { '#state': 'state', '#url': 'url', '#error': 'error' },
      ExpressionAttributeValues: {
        ...(post.warning ? { ':w': post.warning } : {}),
        ':s': 'published',
        ':id': post.postId,
        ':pk': `${p.platform}#${post.postId}`,
        ':u': post.url,
        ':at': post.publishedAt ?? new Date().toISOString(),
      },
    }),
  );
};

/** Marks a publication failed, unless it was recorded as published meanwhile: a post that went out stays published. */
export const recordFailed = async (p: Pick<Publication, 'itemId' | 'key'>, reason: string): Promise<void> => {
  try {
    await dynamo.send(
      new UpdateCommand({
        TableName: table(),
        Key: { itemId: p.itemId, key: p.key },
        UpdateExpression: 'SET #state = :f, #error = :e',
        ConditionExpression: '#state <> :published',
        ExpressionAttributeNames: { '#state': 'state', '#error': 'error' },
        ExpressionAttributeValues: { ':f': 'failed', ':e': reason, ':published': 'published' },
      }),
    );
  } catch (error) {
    if (!isConditionalCheckFailed(error)) throw error;
  }
};

export const appendMetrics = async (p: Publication, reading: MetricsReading): Promise<void> => {
  await dynamo.send(
    new UpdateCommand({
      TableName: table(),
      Key: { itemId: p.itemId, key: p.key },
      // METRICS is a DynamoDB reserved word: it must go through a name placeholder.
      UpdateExpression: 'SET #metrics = list_append(if_not_exists(#metrics, :empty), :r)',
      ExpressionAttributeNames: { '#metrics': 'metrics' },
      ExpressionAttributeValues: { ':empty': [], ':r': [reading] },
    }),
  );
};

export const findPublicationByPost = async (
  platform: Platform,
  postId: string,
): Promise<Publication | undefined> => {
  const out = await dynamo.send(
    new QueryCommand({
      TableName: table(),
      IndexName: 'by-post',
      KeyConditionExpression: 'postKey = :k',
      ExpressionAttributeValues: { ':k': `${platform}#${postId}` },
      Limit: 1,
    }),
  );
  return out.Items?.[0] as Publication | undefined;
};
