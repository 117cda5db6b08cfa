import { config, requireSetting } from '../common/config';
import { ConfigError, PlatformRejectedError, TransientError } from '../common/errors';
import { findSecret, getSecret } from '../common/secrets';
import { failOnStatus, type PlatformResponse, platformCall } from './platform-http';
import { authorizationHeader } from './x-oauth1';

/**
 * X API v2 over plain fetch. Base URL from config. Requests are signed with OAuth 1.0a (user context)
 * when the consumer key and the access token secret are configured, the console-issued credentials
 * that do not expire; otherwise X_ACCESS_TOKEN is sent as an OAuth 2.0 user-context bearer token.
 */

export class DuplicateContentError extends PlatformRejectedError {}

interface XProblem {
  detail?: string;
  title?: string;
  errors?: { message?: string }[];
}

const detailOf = (body: unknown): string => {
  const p = body as XProblem;
  return p.detail ?? p.errors?.[0]?.message ?? p.title ?? 'no detail';
};

const check = (r: PlatformResponse): void => {
  if (r.status < 400) return;
  const detail = detailOf(r.body);
  if (r.status === 403 && /duplicate/i.test(detail))
    throw new DuplicateContentError(`X refused duplicate content: ${detail}`);
  failOnStatus('X', r, detail);
};

const base = () => config().SEBAR_X_API_BASE.replace(/\/$/, '');

/** How X calls authenticate: OAuth 1.0a when its four credentials are configured, else a bearer token. */
export const xAuthMode = async (): Promise<'oauth1' | 'bearer'> => {
  const [consumerKey, tokenSecret] = await Promise.all([
    findSecret('X_CONSUMER_KEY'),
    findSecret('X_ACCESS_TOKEN_SECRET'),
  ]);
  if (consumerKey && tokenSecret) return 'oauth1';
  // Half of the OAuth 1.0a pair would send an OAuth 1.0a token as a bearer token and earn a puzzling 401.
  if (consumerKey || tokenSecret)
    throw new ConfigError(
      `X_CONSUMER_KEY and X_ACCESS_TOKEN_SECRET go together (OAuth 1.0a); only ${consumerKey ? 'X_CONSUMER_KEY' : 'X_ACCESS_TOKEN_SECRET'} is set`,
    );
  return 'bearer';
};

const authorization = async (method: string, url: URL): Promise<string> => {
  const token = await getSecret('X_ACCESS_TOKEN');
  if ((await xAuthMode()) === 'bearer') return `Bearer ${token}`;
  return authorizationHeader(method, url, {
    consumerKey: await getSecret('X_CONSUMER_KEY'),
    consumerSecret: await getSecret('X_CONSUMER_SECRET'),
    token,
    tokenSecret: await getSecret('X_ACCESS_TOKEN_SECRET'),
  });
};

const call = async (
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  query: Record<string, string> = {},
) => {
  const url = new URL(`${base()}${path}`);
  for (const [k, v] of Object.entries(query)) url.searchParams.set(k, v);
  const headers: Record<string, string> = { authorization: await authorization(method, url) };
  let payload: RequestInit['body'];
  if (body instanceof FormData) payload = body;
  else if (body !== undefined) {
    headers['content-type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  const r = await platformCall(url.toString(), { method, headers, body: payload });
  check(r);
  return r.body as { data?: Record<string, unknown> & { id?: string } };
};

const requireId = (body: { data?: { id?: string } }, what: string): string => {
  const id = body.data?.id;
  if (!id) throw new TransientError(`X answered ${what} without an id`);
  return id;
};

export interface MediaState {
  readonly id: string;
  readonly state: 'pending' | 'in_progress' | 'succeeded' | 'failed';
}

const processingState = (data: Record<string, unknown> | undefined): MediaState['state'] => {
  const info = data?.processing_info as { state?: MediaState['state'] } | undefined;
  return info?.state ?? 'succeeded';
};

export const x = {
  /** Chunked upload: initialize, append (one segment for images), finalize. */
  uploadMedia: async (bytes: Buffer, mediaType: string): Promise<MediaState> => {
    const init = await call('POST', '/2/media/upload/initialize', {
      media_type: mediaType,
      total_bytes: bytes.length,
      media_category: 'tweet_image',
    });
    const id = requireId(init, 'media initialize');
    const form = new FormData();
    form.set('segment_index', '0');
    form.set('media', new Blob([new Uint8Array(bytes)], { type: mediaType }), 'media');
    await call('POST', `/2/media/upload/${id}/append`, form);
    const fin = await call('POST', `/2/media/upload/${id}/finalize`);
    return { id, state: processingState(fin.data) };
  },

  mediaStatus: async (mediaId: string): Promise<MediaState> => {
    const body = await call('GET', '/2/media/upload', undefined, { command: 'STATUS', media_id: mediaId });
    return { id: mediaId, state: processingState(body.data) };
  },

  setAltText: async (mediaId: string, text: string): Promise<void> => {
    await call('POST', '/2/media/metadata', {
      id: mediaId,
      metadata: { alt_text: { text: text.slice(0, 1000) } },
    });
  },

  post: async (
    text: string,
    opts: { mediaIds?: readonly string[]; replyTo?: string } = {},
  ): Promise<string> =>
    requireId(
      await call('POST', '/2/tweets', {
        text,
        ...(opts.mediaIds?.length ? { media: { media_ids: opts.mediaIds } } : {}),
        ...(opts.replyTo ? { reply: { in_reply_to_tweet_id: opts.replyTo } } : {}),
      }),
      'post',
    ),

  /** The account's recent posts, with the post each one replies to (threads are matched by it too). */
  recentPosts: async (since: string): Promise<{ id: string; text: string; replyTo?: string }[]> => {
    const body = (await call('GET', `/2/users/${requireSetting('X_USER_ID')}/tweets`, undefined, {
      max_results: '20',
      start_time: since,
      'tweet.fields': 'referenced_tweets',
    })) as unknown as {
      data?: { id: string; text: string; referenced_tweets?: { type: string; id: string }[] }[];
    };
    return (body.data ?? []).map((t) => ({
      id: t.id,
      text: t.text,
      replyTo: t.referenced_tweets?.find((r) => r.type === 'replied_to')?.id,
    }));
  },

  publicMetrics: async (postId: string): Promise<Record<string, number>> => {
    const body = await call('GET', `/2/tweets/${postId}`, undefined, { 'tweet.fields': 'public_metrics' });
    const metrics = (body.data?.public_metrics ?? {}) as Record<string, number>;
    return Object.fromEntries(Object.entries(metrics).map(([k, v]) => [k, Number(v)]));
  },

  postUrl: (postId: string) => `https://x.com/i/web/status/${postId}`,

  /** The account behind the token (`GET /2/users/me`): 401 when the token is invalid or revoked. */
  whoAmI: async (): Promise<{ id: string; username?: string }> => {
    const body = await call('GET', '/2/users/me');
    return { id: requireId(body, 'users/me'), username: body.data?.username as string | undefined };
  },
};
