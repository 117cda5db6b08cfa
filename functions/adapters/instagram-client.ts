import { config, requireSetting } from '../common/config';
import { PlatformRejectedError, RateLimitedError, TransientError } from '../common/errors';
import { getSecret } from '../common/secrets';
import { failOnStatus, type PlatformResponse, platformCall } from './platform-http';

/** Instagram Graph API (business account) over plain fetch. Base URL and version come from config. */

interface GraphError {
  error?: { message?: string; code?: number; error_subcode?: number; is_transient?: boolean; type?: string };
}

const RATE_LIMIT_CODES = new Set([4, 17, 32, 613]);

const check = (r: PlatformResponse): void => {
  if (r.status < 400) return;
  const err = (r.body as GraphError).error;
  const detail = err?.message ?? 'no detail';
  if (err?.code === 190)
    throw new PlatformRejectedError(`Instagram access token is invalid or expired: ${detail}`);
  if (err?.code !== undefined && RATE_LIMIT_CODES.has(err.code)) {
    // Graph API rate limits carry no reset time; try again in a few minutes.
    throw new RateLimitedError(
      `Instagram rate limit (code ${err.code}): ${detail}`,
      new Date(Date.now() + 5 * 60_000),
    );
  }
  if (err?.is_transient)
    throw new TransientError(`Instagram asked to try later (code ${err.code}): ${detail}`);
  failOnStatus('Instagram', r, detail);
};

const call = async (
  method: 'GET' | 'POST',
  path: string,
  params: Record<string, string> = {},
): Promise<unknown> => {
  const cfg = config();
  const token = await getSecret('INSTAGRAM_ACCESS_TOKEN');
  const url = new URL(
    `${cfg.SEBAR_INSTAGRAM_API_BASE.replace(/\/$/, '')}/${cfg.INSTAGRAM_API_VERSION}${path}`,
  );
  const headers: Record<string, string> = { authorization: `Bearer ${token}` };
  let body: string | undefined;
  if (method === 'GET') for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
  else {
    headers['content-type'] = 'application/x-www-form-urlencoded';
    body = new URLSearchParams(params).toString();
  }
  const r = await platformCall(url.toString(), { method, headers, body });
  check(r);
  return r.body;
};

const idOf = (body: unknown): string => {
  const id = (body as { id?: unknown }).id;
  if (typeof id !== 'string' || !id) throw new TransientError('Instagram answered without an id');
  return id;
};

export type ContainerStatus = 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';

export const instagram = {
  createImageContainer: async (
    imageUrl: string,
    opts: { caption?: string; altText?: string; carouselItem?: boolean },
  ) =>
    idOf(
      await call('POST', `/${requireSetting('INSTAGRAM_USER_ID')}/media`, {
        image_url: imageUrl,
        ...(opts.caption !== undefined ? { caption: opts.caption } : {}),
        ...(opts.altText ? { alt_text: opts.altText } : {}),
        ...(opts.carouselItem ? { is_carousel_item: 'true' } : {}),
      }),
    ),

  createCarouselContainer: async (children: readonly string[], caption: string) =>
    idOf(
      await call('POST', `/${requireSetting('INSTAGRAM_USER_ID')}/media`, {
        media_type: 'CAROUSEL',
        children: children.join(','),
        caption,
      }),
    ),

  containerStatus: async (containerId: string): Promise<ContainerStatus> => {
    const body = (await call('GET', `/${containerId}`, { fields: 'status_code' })) as {
      status_code?: string;
    };
    return (body.status_code ?? 'IN_PROGRESS') as ContainerStatus;
  },

  publish: async (containerId: string) =>
    idOf(
      await call('POST', `/${requireSetting('INSTAGRAM_USER_ID')}/media_publish`, {
        creation_id: containerId,
      }),
    ),

  permalink: async (mediaId: string): Promise<string> => {
    const body = (await call('GET', `/${mediaId}`, { fields: 'permalink' })) as { permalink?: string };
    return body.permalink ?? `https://www.instagram.com/`;
  },

  recentMedia: async (): Promise<
    { id: string; caption?: string; permalink?: string; timestamp?: string }[]
  > => {
    const body = (await call('GET', `/${requireSetting('INSTAGRAM_USER_ID')}/media`, {
      fields: 'id,caption,permalink,timestamp',
      limit: '25',
    })) as { data?: { id: string; caption?: string; permalink?: string; timestamp?: string }[] };
    return body.data ?? [];
  },

  /** How many posts the account may still publish in the rolling 24 hours (read, not assumed). */
  publishingQuota: async (): Promise<{ used: number; total: number }> => {
    const body = (await call('GET', `/${requireSetting('INSTAGRAM_USER_ID')}/content_publishing_limit`, {
      fields: 'quota_usage,config',
    })) as { data?: { quota_usage?: number; config?: { quota_total?: number } }[] };
    const row = body.data?.[0];
    return { used: Number(row?.quota_usage ?? 0), total: Number(row?.config?.quota_total ?? 50) };
  },

  insights: async (mediaId: string, metrics: readonly string[]): Promise<Record<string, number>> => {
    const body = (await call('GET', `/${mediaId}/insights`, { metric: metrics.join(',') })) as {
      data?: { name: string; values?: { value?: number }[]; total_value?: { value?: number } }[];
    };
    return Object.fromEntries(
      (body.data ?? []).map((d) => [d.name, Number(d.values?.[0]?.value ?? d.total_value?.value ?? 0)]),
    );
  },

  replyToComment: async (commentId: string, message: string) =>
    idOf(await call('POST', `/${commentId}/replies`, { message })),

  /** Whose token this is: a cheap call that fails with code 190 when the token is invalid or expired. */
  whoAmI: async (): Promise<{ id: string; username?: string }> => {
    const body = (await call('GET', '/me', { fields: 'id,username' })) as { id?: string; username?: string };
    return { id: idOf(body), username: body.username };
  },

  /**
   * Refreshes a long-lived Instagram user token (at least 24 hours old, not yet expired) for another
   * 60 days: `GET /refresh_access_token?grant_type=ig_refresh_token` on the Instagram auth host.
   */
  refreshToken: async (): Promise<{ token: string; expiresAt: string }> => {
    const cfg = config();
    const url = new URL(`${cfg.SEBAR_INSTAGRAM_AUTH_BASE.replace(/\/$/, '')}/refresh_access_token`);
    url.searchParams.set('grant_type', 'ig_refresh_token');
    url.searchParams.set('access_token', await getSecret('INSTAGRAM_ACCESS_TOKEN'));
    const r = await platformCall(url.toString(), { method: 'GET' });
    check(r);
    const body = r.body as { access_token?: unknown; expires_in?: unknown };
    if (typeof body.access_token !== 'string' || !body.access_token || typeof body.expires_in !== 'number')
      throw new TransientError('Instagram answered the token refresh without a token');
    return {
      token: body.access_token,
      expiresAt: new Date(Date.now() + body.expires_in * 1000).toISOString(),
    };
  },
};
