import { createHash, randomBytes } from 'node:crypto';
import sharp from 'sharp';
import { dispatch, type Route, readBody, type SandboxRequest, send } from './routes';
import {
  type Comment,
  type Container,
  type Fault,
  newId,
  type SandboxPost,
  type SandboxStore,
  shortcode,
  sleep,
  syntheticMetrics,
} from './state';

/**
 * The sandbox Instagram Graph API under `<sandbox>/instagram`: containers (single images fetched from their
 * URL as Meta does, and carousels), publishing, the publishing limit, insights, comment replies and the
 * long-lived token refresh, with Meta's error bodies.
 */

export const graphError = (message: string, code: number, type = 'OAuthException', subcode?: number) => ({
  error: {
    message,
    type,
    code,
    ...(subcode ? { error_subcode: subcode } : {}),
    fbtrace_id: `sandbox${newId(8)}`,
  },
});

const sessionExpired = () =>
  graphError('Error validating access token: Session has expired', 190, 'OAuthException', 463);

/** A versioned Graph API call whose token checked out. */
interface GraphRequest extends SandboxRequest {
  /** A parameter from the form body or the query string. */
  readonly param: (name: string) => string | undefined;
  /** Takes the operation's fault; unless it is to be applied after the call, it has been answered. */
  readonly respondFault: (operation: string) => Fault | undefined;
}

export class InstagramApi {
  private readonly routes: readonly Route<GraphRequest>[];

  constructor(private readonly store: SandboxStore) {
    const user = store.options.instagramUserId.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    // Graph paths are read as `<first>/<second>` (further segments are ignored, as they always were here).
    this.routes = [
      { method: 'GET', pattern: /^me$/, handler: ({ res }) => send(res, 200, this.me()) },
      { method: 'POST', pattern: new RegExp(`^${user}/media$`), handler: (r) => this.createMedia(r) },
      { method: 'POST', pattern: new RegExp(`^${user}/media_publish$`), handler: (r) => this.publish(r) },
      { method: 'GET', pattern: new RegExp(`^${user}/media$`), handler: (r) => this.listMedia(r) },
      {
        method: 'GET',
        pattern: new RegExp(`^${user}/content_publishing_limit$`),
        handler: ({ res }) => send(res, 200, this.publishingLimit()),
      },
      { method: 'GET', pattern: /^([^/]+)$/, handler: (r, [id]) => this.readObject(r, id ?? '') },
      { method: 'GET', pattern: /^([^/]+)\/insights$/, handler: (r, [id]) => this.insights(r, id ?? '') },
      { method: 'POST', pattern: /^([^/]+)\/replies$/, handler: (r, [id]) => this.reply(r, id ?? '') },
    ];
  }

  private get state() {
    return this.store.state;
  }

  /**
   * When an Instagram token expires (undefined: not a token we know). The configured token is known from
   * the first call on, valid for 60 days, like a freshly issued long-lived token.
   */
  tokenExpiry(token: string | null | undefined): string | undefined {
    if (!token) return undefined;
    const known = this.state.tokens.instagram[token];
    if (known) return known;
    if (token !== this.store.options.instagramToken || this.state.tokens.instagramSeen) return undefined;
    this.state.tokens.instagramSeen = true;
    const expiry = new Date(Date.now() + 60 * 86_400_000).toISOString();
    this.state.tokens.instagram[token] = expiry;
    return expiry;
  }

  /** Handles `<rest>`, the path after `/instagram`. */
  async handle(request: SandboxRequest, rest: string): Promise<void> {
    const { method, url, req, res } = request;
    const parts = rest.split('/').filter(Boolean);
    if (method === 'GET' && parts.length === 1 && parts[0] === 'refresh_access_token')
      return this.refreshToken(url, res);
    const [version, ...segments] = parts;
    if (!version || !/^v\d+\.\d+$/.test(version))
      return send(res, 400, graphError('Unknown path components', 2500));
    const body =
      method === 'POST' ? new URLSearchParams((await readBody(req)).toString('utf8')) : new URLSearchParams();
    const token =
      req.headers.authorization?.replace(/^Bearer\s+/i, '') ??
      url.searchParams.get('access_token') ??
      body.get('access_token');
    const expiry = this.tokenExpiry(token);
    if (!expiry) {
      return send(res, 400, graphError('Invalid OAuth access token - Cannot parse access token', 190));
    }
    if (expiry <= new Date().toISOString()) return send(res, 400, sessionExpired());
    const graph: GraphRequest = {
      ...request,
      param: (k) => body.get(k) ?? url.searchParams.get(k) ?? undefined,
      respondFault: (operation) => this.respondFault(res, operation),
    };
    const path = segments.slice(0, 2).join('/');
    if (!(await dispatch(this.routes, method, path, graph)))
      send(res, 400, graphError('Unsupported request', 100, 'GraphMethodException'));
  }

  private respondFault(res: SandboxRequest['res'], operation: string): Fault | undefined {
    const f = this.store.takeFault('instagram', operation);
    // A slow container is not an error answer: it is applied to the container created below.
    if (f && (f.inProgressPolls !== undefined || f.containerStatus))
      return { ...f, afterSuccess: true, status: 200 };
    if (f && !f.afterSuccess) {
      send(
        res,
        f.status,
        f.body ??
          graphError(
            'An unexpected error has occurred. Please retry your request later.',
            2,
            'OAuthException',
          ),
        f.headers,
      );
    }
    return f;
  }

  /** `GET /refresh_access_token?grant_type=ig_refresh_token`: a new long-lived token, 60 more days. */
  private refreshToken(url: URL, res: SandboxRequest['res']) {
    const token = url.searchParams.get('access_token');
    const expiry = this.tokenExpiry(token);
    if (url.searchParams.get('grant_type') !== 'ig_refresh_token')
      return send(res, 400, graphError('Unsupported grant_type', 100));
    const f = this.store.takeFault('instagram', 'refresh-token');
    if (f) return send(res, f.status, f.body ?? graphError('An unexpected error has occurred.', 2));
    if (!token || !expiry || expiry <= new Date().toISOString()) return send(res, 400, sessionExpired());
    const next = `IGQ${randomBytes(24).toString('base64url')}`;
    const expiresIn = 60 * 86_400;
    this.state.tokens.instagram[next] = new Date(Date.now() + expiresIn * 1000).toISOString();
    void this.store.save();
    return send(res, 200, { access_token: next, token_type: 'bearer', expires_in: expiresIn });
  }

  private me() {
    return { id: this.store.options.instagramUserId, username: 'dinkes.kota.sandbox' };
  }

  private async createMedia({ res, param, respondFault }: GraphRequest) {
    this.store.count('instagram.create-container');
    const f = respondFault('create-container');
    if (f && !f.afterSuccess) return this.store.save();
    const container = await this.createContainer(
      param('image_url'),
      param('caption'),
      param('alt_text'),
      param('media_type'),
      param('children'),
    );
    if ('error' in container) return send(res, 400, container);
    if (f?.inProgressPolls) container.pendingPolls = f.inProgressPolls;
    if (f?.containerStatus) container.status = f.containerStatus;
    this.state.containers[container.id] = container;
    await this.store.save();
    if (f?.afterSuccess && f.status >= 400)
      return send(res, f.status, f.body ?? graphError('Service temporarily unavailable', 2));
    return send(res, 200, { id: container.id });
  }

  private async publish({ res, param, respondFault }: GraphRequest) {
    this.store.count('instagram.publish');
    const f = respondFault('publish');
    if (f && !f.afterSuccess) return this.store.save();
    const container = this.state.containers[param('creation_id') ?? ''];
    if (!container) return send(res, 400, graphError('Invalid parameter', 100, 'OAuthException', 2207001));
    if (container.status === 'PUBLISHED') {
      return send(
        res,
        400,
        graphError('The media has already been published', 9007, 'OAuthException', 2207006),
      );
    }
    if (container.status !== 'FINISHED') {
      return send(res, 400, graphError('Media ID is not available', 9007, 'OAuthException', 2207027));
    }
    const media = (container.children ?? [container.id])
      .map((id) => this.state.containers[id]?.image)
      .filter((m): m is NonNullable<Container['image']> => Boolean(m))
      .map((m, i) => ({
        id: `${container.id}-${i}`,
        bytes: m.bytes,
        contentType: m.contentType,
        sha256: m.sha256,
        width: m.width,
        height: m.height,
        altText: container.altText,
      }));
    const post: SandboxPost = {
      platform: 'instagram',
      id: newId(17),
      text: container.caption ?? '',
      media,
      createdAt: new Date().toISOString(),
      permalink: `https://www.instagram.com/p/${shortcode()}/`,
    };
    container.status = 'PUBLISHED';
    this.state.posts.push(post);
    await this.store.save();
    if (f?.delayMs) await sleep(f.delayMs);
    if (f?.afterSuccess)
      return send(res, f.status, f.body ?? graphError('Service temporarily unavailable', 2));
    return send(res, 200, { id: post.id });
  }

  private listMedia({ url, res }: GraphRequest) {
    const data = this.state.posts
      .filter((p) => p.platform === 'instagram')
      .slice()
      .reverse()
      .slice(0, Number(url.searchParams.get('limit') ?? 25))
      .map((p) => ({ id: p.id, caption: p.text, permalink: p.permalink, timestamp: p.createdAt }));
    send(res, 200, { data });
  }

  private publishingLimit() {
    const since = Date.now() - 86_400_000;
    const used = this.state.posts.filter(
      (p) => p.platform === 'instagram' && new Date(p.createdAt).getTime() > since,
    ).length;
    return { data: [{ quota_usage: used, config: { quota_total: 50, quota_duration: 86400 } }] };
  }

  /** `GET /{id}`: a container's status, or a published post. */
  private async readObject({ res, respondFault }: GraphRequest, id: string) {
    const container = this.state.containers[id];
    if (container) {
      this.store.count('instagram.container-status');
      const f = respondFault('container-status');
      if (f && !f.afterSuccess) return this.store.save();
      if (container.pendingPolls && container.pendingPolls > 0) {
        container.pendingPolls -= 1;
        await this.store.save();
        return send(res, 200, { status_code: 'IN_PROGRESS', id: container.id });
      }
      return send(res, 200, { status_code: container.status, id: container.id });
    }
    const post = this.state.posts.find((p) => p.platform === 'instagram' && p.id === id);
    if (post)
      return send(res, 200, {
        id: post.id,
        permalink: post.permalink,
        caption: post.text,
        timestamp: post.createdAt,
      });
    return send(
      res,
      400,
      graphError(
        `Unsupported get request. Object with ID '${id}' does not exist`,
        100,
        'GraphMethodException',
        33,
      ),
    );
  }

  private insights({ url, res, respondFault }: GraphRequest, id: string) {
    this.store.count('instagram.insights');
    const f = respondFault('insights');
    if (f && !f.afterSuccess) return this.store.save();
    const post = this.state.posts.find((p) => p.platform === 'instagram' && p.id === id);
    if (!post) return send(res, 400, graphError('Invalid media id', 100));
    const metrics = syntheticMetrics(post);
    const names = (url.searchParams.get('metric') ?? '').split(',').filter(Boolean);
    return send(res, 200, {
      data: names.map((name) => ({
        name,
        period: 'lifetime',
        values: [{ value: metrics[name] ?? 0 }],
        title: name,
        id: `${post.id}/insights/${name}/lifetime`,
      })),
    });
  }

  /** `POST /{comment-id}/replies`: the office answers a citizen's comment. */
  private async reply({ res, param }: GraphRequest, commentId: string) {
    const parent = this.state.comments.find((c) => c.platform === 'instagram' && c.id === commentId);
    if (!parent) return send(res, 400, graphError('Invalid comment id', 100));
    const reply: Comment = {
      platform: 'instagram',
      id: newId(17),
      postId: parent.postId,
      text: param('message') ?? '',
      author: 'dinkes_sandbox',
      createdAt: new Date().toISOString(),
      replyTo: commentId,
    };
    this.state.comments.push(reply);
    await this.store.save();
    return send(res, 200, { id: reply.id });
  }

  private async createContainer(
    imageUrl: string | undefined,
    caption: string | undefined,
    altText: string | undefined,
    mediaType: string | undefined,
    children: string | undefined,
  ): Promise<Container | ReturnType<typeof graphError>> {
    const id = newId(17);
    const createdAt = new Date().toISOString();
    if (mediaType === 'CAROUSEL') {
      const ids = (children ?? '').split(',').filter(Boolean);
      if (ids.length < 2 || ids.length > 10 || ids.some((c) => !this.state.containers[c])) {
        return graphError('Invalid carousel children', 100, 'OAuthException', 2207028);
      }
      const ok = ids.every((c) => this.state.containers[c]?.status === 'FINISHED');
      return { id, status: ok ? 'FINISHED' : 'ERROR', caption, children: ids, createdAt };
    }
    if (!imageUrl) return graphError('The parameter image_url is required', 100);
    if ((caption?.length ?? 0) > 2200)
      return graphError('The caption is too long', 100, 'OAuthException', 2207010);
    // Meta downloads the image itself; so does the sandbox.
    let bytes: Buffer;
    try {
      const r = await fetch(imageUrl, { signal: AbortSignal.timeout(10_000) });
      if (!r.ok) throw new Error(String(r.status));
      bytes = Buffer.from(await r.arrayBuffer());
    } catch {
      return graphError(
        "Media download has failed. The media URI doesn't meet our requirements.",
        9004,
        'OAuthException',
        2207052,
      );
    }
    const isJpeg = bytes[0] === 0xff && bytes[1] === 0xd8;
    const meta = isJpeg
      ? await sharp(bytes)
          .metadata()
          .catch(() => undefined)
      : undefined;
    if (isJpeg) {
      // Instagram refuses feed images outside 4:5 to 1.91:1 when it reads them (error 36003).
      const ratio = meta?.width && meta.height ? meta.width / meta.height : 0;
      if (ratio < 0.799 || ratio > 1.911) {
        return graphError(
          `The submitted image with aspect ratio (${meta?.width ?? '?'}/${meta?.height ?? '?'}) cannot be published. Please submit an image with a valid aspect ratio.`,
          36003,
          'OAuthException',
          2207009,
        );
      }
    }
    return {
      id,
      status: isJpeg ? 'FINISHED' : 'ERROR',
      caption,
      altText,
      image: {
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        contentType: isJpeg ? 'image/jpeg' : 'unknown',
        width: meta?.width,
        height: meta?.height,
      },
      createdAt,
    };
  }
}
