import { createHash, createHmac, randomBytes, randomInt, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { join } from 'node:path';
import sharp from 'sharp';
import twitterText from 'twitter-text';
import { z } from 'zod';
import { parseAuthorizationHeader, sign, signatureBaseString } from '../functions/adapters/x-oauth1';
import { readBody as readRequestBody } from './http-body';

/**
 * A sandbox Instagram (Graph API) and X (API v2) on one HTTP server, reached by base URL:
 * `<sandbox>/instagram` and `<sandbox>/x`. It keeps what was posted on disk, answers with the platforms'
 * shapes (including their error bodies and rate-limit headers), fetches Instagram image URLs as Meta does,
 * sends signed webhooks for comments, and can be told to inject faults. `GET /_sandbox/posts` lists posts.
 */

export interface SandboxOptions {
  readonly dataDir: string;
  readonly instagramToken: string;
  readonly xToken: string;
  readonly instagramUserId: string;
  readonly xUserId: string;
  readonly metaAppSecret: string;
  readonly xConsumerSecret: string;
  /** OAuth 1.0a: the app's consumer key and the account's access token secret (X_ACCESS_TOKEN is the token). */
  readonly xConsumerKey: string;
  readonly xTokenSecret: string;
  /** Where webhooks are delivered (the gateway's base URL). */
  readonly webhookBaseUrl: () => string;
}

interface SandboxPost {
  platform: 'instagram' | 'x';
  id: string;
  text: string;
  media: {
    id: string;
    bytes: number;
    contentType?: string;
    altText?: string;
    sha256: string;
    width?: number;
    height?: number;
  }[];
  createdAt: string;
  replyTo?: string;
  permalink?: string;
}

interface Container {
  id: string;
  status: 'IN_PROGRESS' | 'FINISHED' | 'ERROR' | 'EXPIRED' | 'PUBLISHED';
  caption?: string;
  altText?: string;
  children?: string[];
  image?: { bytes: number; sha256: string; contentType: string; width?: number; height?: number };
  createdAt: string;
  /** Fault injection: answer IN_PROGRESS this many more times. */
  pendingPolls?: number;
}

interface XUpload {
  id: string;
  mediaType: string;
  totalBytes: number;
  received: number;
  sha256: string;
  altText?: string;
  finalized: boolean;
  /** STATUS polls still to answer `in_progress` (fault `media-processing` with `inProgressPolls`). */
  pendingPolls?: number;
}

interface Comment {
  platform: 'instagram' | 'x';
  id: string;
  postId: string;
  text: string;
  author: string;
  createdAt: string;
  replyTo?: string;
}

const fault = z.object({
  platform: z.enum(['instagram', 'x']),
  /**
   * Which call: instagram create-container | container-status | publish | insights | refresh-token;
   * x upload | post | metrics | media-processing (with inProgressPolls: X reports the media in_progress).
   */
  operation: z.string().min(1),
  status: z.number().int().min(200).max(599).default(500),
  /** Carry out the operation, then answer with the fault (an outcome the caller cannot see). */
  afterSuccess: z.boolean().default(false),
  times: z.number().int().min(1).max(1000).default(1),
  /** Let this many matching calls through first (e.g. fail the second post of a thread). */
  skip: z.number().int().min(0).max(100).default(0),
  body: z.record(z.string(), z.unknown()).optional(),
  headers: z.record(z.string(), z.string()).optional(),
  /** For create-container: report IN_PROGRESS this many times, then FINISHED. */
  inProgressPolls: z.number().int().min(0).max(100).optional(),
  /** For create-container: the new container reports this status (EXPIRED, ERROR). */
  containerStatus: z.enum(['EXPIRED', 'ERROR']).optional(),
  /** With afterSuccess: hold the answer this long after carrying the call out (a timeout, seen from the caller). */
  delayMs: z.number().int().min(0).max(120_000).optional(),
});
type Fault = z.infer<typeof fault>;

/** `POST /_sandbox/tokens`: make the Instagram tokens expire in N days (or revoke them), or revoke X's. */
const tokenControl = z.object({
  platform: z.enum(['instagram', 'x']),
  expiresInDays: z.number().min(-60).max(60).optional(),
  revoked: z.boolean().optional(),
});

interface State {
  posts: SandboxPost[];
  containers: Record<string, Container>;
  uploads: Record<string, XUpload>;
  comments: Comment[];
  faults: Fault[];
  calls: Record<string, number>;
  /** Instagram tokens the sandbox accepts, with their expiry; X's token can be revoked. */
  tokens: { instagram: Record<string, string>; instagramSeen?: boolean; xRevoked: boolean };
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

const emptyState = (): State => ({
  posts: [],
  containers: {},
  uploads: {},
  comments: [],
  faults: [],
  calls: {},
  tokens: { instagram: {}, xRevoked: false },
});

const newId = (digits = 17): string =>
  `${randomInt(1, 10)}${Array.from({ length: digits - 1 }, () => randomInt(0, 10)).join('')}`;
const shortcode = (): string => Buffer.from(newId(9)).toString('base64url').slice(0, 11);

const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const body = await readRequestBody(req, 16 * 1024 * 1024);
  if (body === 'too-large') throw new Error('request body too large for the sandbox');
  return body;
};

const graphError = (message: string, code: number, type = 'OAuthException', subcode?: number) => ({
  error: {
    message,
    type,
    code,
    ...(subcode ? { error_subcode: subcode } : {}),
    fbtrace_id: `sandbox${newId(8)}`,
  },
});

const xProblem = (status: number, title: string, detail: string) => ({
  title,
  detail,
  type: 'about:blank',
  status,
});

/** Deterministic, plausible metrics that grow with the post's age. */
const syntheticMetrics = (post: SandboxPost): Record<string, number> => {
  const seed = createHash('sha256').update(post.id).digest().readUInt32BE(0);
  const ageMinutes = Math.max(1, (Date.now() - new Date(post.createdAt).getTime()) / 60_000);
  const reach = Math.round(200 + (seed % 800) + Math.log2(1 + ageMinutes) * 40);
  const pct = (n: number) => Math.max(0, Math.round(reach * n));
  return {
    reach,
    views: Math.round(reach * 1.4),
    likes: pct(0.06),
    comments: pct(0.008),
    shares: pct(0.01),
    saved: pct(0.012),
    impression_count: Math.round(reach * 1.6),
    like_count: pct(0.03),
    retweet_count: pct(0.006),
    reply_count: pct(0.004),
    quote_count: pct(0.001),
    bookmark_count: pct(0.003),
  };
};

export class Sandbox {
  private state: State = emptyState();
  private readonly file: string;
  private saving: Promise<void> = Promise.resolve();
  readonly server: Server;

  constructor(private readonly options: SandboxOptions) {
    this.file = join(options.dataDir, 'sandbox', 'state.json');
    this.server = createServer((req, res) => {
      this.handle(req, res).catch((error: unknown) => {
        if (!res.headersSent) this.send(res, 500, { error: 'sandbox failure', detail: String(error) });
      });
    });
  }

  async load(): Promise<void> {
    await mkdir(join(this.options.dataDir, 'sandbox'), { recursive: true });
    try {
      this.state = { ...emptyState(), ...(JSON.parse(await readFile(this.file, 'utf8')) as Partial<State>) };
    } catch {
      this.state = emptyState();
    }
  }

  private save(): Promise<void> {
    const snapshot = JSON.stringify(this.state);
    this.saving = this.saving.then(async () => {
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, snapshot);
      await rename(tmp, this.file);
    });
    return this.saving;
  }

  get posts(): readonly SandboxPost[] {
    return this.state.posts;
  }

  private send(
    res: ServerResponse,
    status: number,
    body: unknown,
    headers: Record<string, string> = {},
  ): void {
    if (status === 204) {
      res.writeHead(204, headers);
      res.end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(typeof body === 'string' ? body : JSON.stringify(body));
  }

  /** Takes the next matching fault, if any, counting it down. */
  private takeFault(platform: 'instagram' | 'x', operation: string): Fault | undefined {
    const f = this.state.faults.find((x) => x.platform === platform && x.operation === operation);
    if (!f) return undefined;
    if (f.skip > 0) {
      f.skip -= 1;
      return undefined;
    }
    f.times -= 1;
    if (f.times <= 0) this.state.faults = this.state.faults.filter((x) => x !== f);
    return f;
  }

  private count(name: string): void {
    this.state.calls[name] = (this.state.calls[name] ?? 0) + 1;
  }

  private async handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://sandbox.local');
    const path = url.pathname;
    const method = req.method ?? 'GET';
    if (path.startsWith('/_sandbox/')) return this.control(method, path, url, req, res);
    if (path.startsWith('/instagram/') || path.startsWith('/x/')) {
      // Every platform call, by route shape (ids folded), for benchmarks and tests.
      this.count(`${method} ${path.replace(/\/\d{5,}(?=\/|$)/g, '/{id}')}`);
    }
    if (path.startsWith('/instagram/'))
      return this.instagram(method, path.slice('/instagram'.length), url, req, res);
    if (path.startsWith('/x/')) return this.x(method, path.slice('/x'.length), url, req, res);
    this.send(res, 404, { error: 'not found' });
  }

  // ---- control endpoints -------------------------------------------------------------------------

  private async control(method: string, path: string, url: URL, req: IncomingMessage, res: ServerResponse) {
    if (method === 'GET' && path === '/_sandbox/posts') {
      const platform = url.searchParams.get('platform');
      return this.send(res, 200, {
        posts: this.state.posts.filter((p) => !platform || p.platform === platform),
      });
    }
    if (method === 'GET' && path === '/_sandbox/comments')
      return this.send(res, 200, { comments: this.state.comments });
    if (method === 'GET' && path === '/_sandbox/auth') return this.send(res, 200, { x: this.xAuth });
    if (method === 'GET' && path === '/_sandbox/calls')
      return this.send(res, 200, { calls: this.state.calls });
    if (method === 'POST' && path === '/_sandbox/faults') {
      const parsed = fault.safeParse(JSON.parse((await readBody(req)).toString('utf8') || '{}'));
      if (!parsed.success)
        return this.send(res, 400, { error: 'invalid fault', issues: parsed.error.issues });
      this.state.faults.push(parsed.data);
      await this.save();
      return this.send(res, 201, { faults: this.state.faults });
    }
    if (method === 'DELETE' && path === '/_sandbox/faults') {
      this.state.faults = [];
      await this.save();
      return this.send(res, 204, {});
    }
    if (method === 'POST' && path === '/_sandbox/comments') return this.citizenComment(req, res);
    if (method === 'POST' && path === '/_sandbox/tokens') {
      const parsed = tokenControl.safeParse(JSON.parse((await readBody(req)).toString('utf8') || '{}'));
      if (!parsed.success) return this.send(res, 400, { error: parsed.error.issues[0]?.message });
      const t = parsed.data;
      if (t.platform === 'x') this.state.tokens.xRevoked = t.revoked ?? false;
      else {
        this.instagramTokenExpiry(this.options.instagramToken);
        for (const token of Object.keys(this.state.tokens.instagram)) {
          if (t.revoked) delete this.state.tokens.instagram[token];
          else if (t.expiresInDays !== undefined)
            this.state.tokens.instagram[token] = new Date(
              Date.now() + t.expiresInDays * 86_400_000,
            ).toISOString();
        }
      }
      await this.save();
      return this.send(res, 200, { tokens: Object.keys(this.state.tokens.instagram).length });
    }
    this.send(res, 404, { error: 'no such sandbox control' });
  }

  private async citizenComment(req: IncomingMessage, res: ServerResponse) {
    const schema = z.object({
      platform: z.enum(['instagram', 'x']),
      postId: z.string().min(1),
      text: z.string().min(1).max(2200),
      author: z.string().min(1).max(50).default('warga_bandung'),
      deliveries: z.number().int().min(1).max(5).default(1),
    });
    const parsed = schema.safeParse(JSON.parse((await readBody(req)).toString('utf8') || '{}'));
    if (!parsed.success)
      return this.send(res, 400, { error: 'invalid comment', issues: parsed.error.issues });
    const c = parsed.data;
    if (!this.state.posts.some((p) => p.platform === c.platform && p.id === c.postId)) {
      return this.send(res, 404, { error: `no ${c.platform} post ${c.postId}` });
    }
    const comment: Comment = {
      platform: c.platform,
      id: c.platform === 'x' ? newId(19) : newId(17),
      postId: c.postId,
      text: c.text,
      author: c.author,
      createdAt: new Date().toISOString(),
    };
    this.state.comments.push(comment);
    await this.save();
    const statuses: number[] = [];
    for (let i = 0; i < c.deliveries; i++) statuses.push(await this.deliverWebhook(comment));
    this.send(res, 201, { comment, deliveries: statuses });
  }

  /** Delivers a comment as the platform would: its payload shape, signed with the shared secret. */
  private async deliverWebhook(c: Comment): Promise<number> {
    const base = this.options.webhookBaseUrl().replace(/\/$/, '');
    let body: string;
    let headers: Record<string, string>;
    if (c.platform === 'instagram') {
      body = JSON.stringify({
        object: 'instagram',
        entry: [
          {
            id: this.options.instagramUserId,
            time: Math.floor(Date.now() / 1000),
            changes: [
              {
                field: 'comments',
                value: {
                  from: { id: newId(17), username: c.author },
                  media: { id: c.postId, media_product_type: 'FEED' },
                  id: c.id,
                  text: c.text,
                },
              },
            ],
          },
        ],
      });
      headers = {
        'x-hub-signature-256': `sha256=${createHmac('sha256', this.options.metaAppSecret).update(body).digest('hex')}`,
      };
    } else {
      body = JSON.stringify({
        for_user_id: this.options.xUserId,
        tweet_create_events: [
          {
            id_str: c.id,
            text: c.text,
            created_at: new Date(c.createdAt).toUTCString(),
            in_reply_to_status_id_str: c.postId,
            user: { id_str: newId(19), screen_name: c.author },
          },
        ],
      });
      headers = {
        'x-twitter-webhooks-signature': `sha256=${createHmac('sha256', this.options.xConsumerSecret).update(body).digest('base64')}`,
      };
    }
    try {
      const r = await fetch(`${base}/webhooks/${c.platform}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body,
        signal: AbortSignal.timeout(10_000),
      });
      return r.status;
    } catch {
      return 0;
    }
  }

  // ---- Instagram Graph API ------------------------------------------------------------------------

  /**
   * When an Instagram token expires (undefined: not a token we know). The configured token is known from
   * the first call on, valid for 60 days, like a freshly issued long-lived token.
   */
  private instagramTokenExpiry(token: string | null | undefined): string | undefined {
    if (!token) return undefined;
    const known = this.state.tokens.instagram[token];
    if (known) return known;
    if (token !== this.options.instagramToken || this.state.tokens.instagramSeen) return undefined;
    this.state.tokens.instagramSeen = true;
    const expiry = new Date(Date.now() + 60 * 86_400_000).toISOString();
    this.state.tokens.instagram[token] = expiry;
    return expiry;
  }

  /** `GET /refresh_access_token?grant_type=ig_refresh_token`: a new long-lived token, 60 more days. */
  private refreshInstagramToken(url: URL, res: ServerResponse) {
    const token = url.searchParams.get('access_token');
    const expiry = this.instagramTokenExpiry(token);
    if (url.searchParams.get('grant_type') !== 'ig_refresh_token')
      return this.send(res, 400, graphError('Unsupported grant_type', 100));
    const f = this.takeFault('instagram', 'refresh-token');
    if (f) return this.send(res, f.status, f.body ?? graphError('An unexpected error has occurred.', 2));
    if (!token || !expiry || expiry <= new Date().toISOString())
      return this.send(
        res,
        400,
        graphError('Error validating access token: Session has expired', 190, 'OAuthException', 463),
      );
    const next = `IGQ${randomBytes(24).toString('base64url')}`;
    const expiresIn = 60 * 86_400;
    this.state.tokens.instagram[next] = new Date(Date.now() + expiresIn * 1000).toISOString();
    void this.save();
    return this.send(res, 200, { access_token: next, token_type: 'bearer', expires_in: expiresIn });
  }

  private async instagram(method: string, rest: string, url: URL, req: IncomingMessage, res: ServerResponse) {
    const parts = rest.split('/').filter(Boolean);
    if (method === 'GET' && parts.length === 1 && parts[0] === 'refresh_access_token')
      return this.refreshInstagramToken(url, res);
    const [version, ...segments] = parts;
    if (!version || !/^v\d+\.\d+$/.test(version))
      return this.send(res, 400, graphError('Unknown path components', 2500));
    const body =
      method === 'POST' ? new URLSearchParams((await readBody(req)).toString('utf8')) : new URLSearchParams();
    const token =
      req.headers.authorization?.replace(/^Bearer\s+/i, '') ??
      url.searchParams.get('access_token') ??
      body.get('access_token');
    const expiry = this.instagramTokenExpiry(token);
    if (!expiry) {
      return this.send(res, 400, graphError('Invalid OAuth access token - Cannot parse access token', 190));
    }
    if (expiry <= new Date().toISOString()) {
      return this.send(
        res,
        400,
        graphError('Error validating access token: Session has expired', 190, 'OAuthException', 463),
      );
    }
    const param = (k: string) => body.get(k) ?? url.searchParams.get(k) ?? undefined;
    const [first, second] = segments;
    const user = this.options.instagramUserId;
    const respondFault = (operation: string): Fault | undefined => {
      const f = this.takeFault('instagram', operation);
      // A slow container is not an error answer: it is applied to the container created below.
      if (f && (f.inProgressPolls !== undefined || f.containerStatus))
        return { ...f, afterSuccess: true, status: 200 };
      if (f && !f.afterSuccess) {
        this.send(
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
    };

    if (method === 'GET' && first === 'me' && !second) {
      return this.send(res, 200, { id: user, username: 'dinkes.kota.sandbox' });
    }
    if (method === 'POST' && first === user && second === 'media') {
      this.count('instagram.create-container');
      const f = respondFault('create-container');
      if (f && !f.afterSuccess) return this.save();
      const container = await this.createContainer(
        param('image_url'),
        param('caption'),
        param('alt_text'),
        param('media_type'),
        param('children'),
      );
      if ('error' in container) return this.send(res, 400, container);
      if (f?.inProgressPolls) container.pendingPolls = f.inProgressPolls;
      if (f?.containerStatus) container.status = f.containerStatus;
      this.state.containers[container.id] = container;
      await this.save();
      if (f?.afterSuccess && f.status >= 400)
        return this.send(res, f.status, f.body ?? graphError('Service temporarily unavailable', 2));
      return this.send(res, 200, { id: container.id });
    }
    if (method === 'POST' && first === user && second === 'media_publish') {
      this.count('instagram.publish');
      const f = respondFault('publish');
      if (f && !f.afterSuccess) return this.save();
      const container = this.state.containers[param('creation_id') ?? ''];
      if (!container)
        return this.send(res, 400, graphError('Invalid parameter', 100, 'OAuthException', 2207001));
      if (container.status === 'PUBLISHED') {
        return this.send(
          res,
          400,
          graphError('The media has already been published', 9007, 'OAuthException', 2207006),
        );
      }
      if (container.status !== 'FINISHED') {
        return this.send(res, 400, graphError('Media ID is not available', 9007, 'OAuthException', 2207027));
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
      await this.save();
      if (f?.delayMs) await sleep(f.delayMs);
      if (f?.afterSuccess)
        return this.send(res, f.status, f.body ?? graphError('Service temporarily unavailable', 2));
      return this.send(res, 200, { id: post.id });
    }
    if (method === 'GET' && first === user && second === 'media') {
      const data = this.state.posts
        .filter((p) => p.platform === 'instagram')
        .slice()
        .reverse()
        .slice(0, Number(url.searchParams.get('limit') ?? 25))
        .map((p) => ({ id: p.id, caption: p.text, permalink: p.permalink, timestamp: p.createdAt }));
      return this.send(res, 200, { data });
    }
    if (method === 'GET' && first === user && second === 'content_publishing_limit') {
      const since = Date.now() - 86_400_000;
      const used = this.state.posts.filter(
        (p) => p.platform === 'instagram' && new Date(p.createdAt).getTime() > since,
      ).length;
      return this.send(res, 200, {
        data: [{ quota_usage: used, config: { quota_total: 50, quota_duration: 86400 } }],
      });
    }
    if (method === 'GET' && first && !second) {
      const container = this.state.containers[first];
      if (container) {
        this.count('instagram.container-status');
        const f = respondFault('container-status');
        if (f && !f.afterSuccess) return this.save();
        if (container.pendingPolls && container.pendingPolls > 0) {
          container.pendingPolls -= 1;
          await this.save();
          return this.send(res, 200, { status_code: 'IN_PROGRESS', id: container.id });
        }
        return this.send(res, 200, { status_code: container.status, id: container.id });
      }
      const post = this.state.posts.find((p) => p.platform === 'instagram' && p.id === first);
      if (post)
        return this.send(res, 200, {
          id: post.id,
          permalink: post.permalink,
          caption: post.text,
          timestamp: post.createdAt,
        });
      return this.send(
        res,
        400,
        graphError(
          `Unsupported get request. Object with ID '${first}' does not exist`,
          100,
          'GraphMethodException',
          33,
        ),
      );
    }
    if (method === 'GET' && first && second === 'insights') {
      this.count('instagram.insights');
      const f = respondFault('insights');
      if (f && !f.afterSuccess) return this.save();
      const post = this.state.posts.find((p) => p.platform === 'instagram' && p.id === first);
      if (!post) return this.send(res, 400, graphError('Invalid media id', 100));
      const metrics = syntheticMetrics(post);
      const names = (url.searchParams.get('metric') ?? '').split(',').filter(Boolean);
      return this.send(res, 200, {
        data: names.map((name) => ({
          name,
          period: 'lifetime',
          values: [{ value: metrics[name] ?? 0 }],
          title: name,
          id: `${post.id}/insights/${name}/lifetime`,
        })),
      });
    }
    if (method === 'POST' && first && second === 'replies') {
      const parent = this.state.comments.find((c) => c.platform === 'instagram' && c.id === first);
      if (!parent) return this.send(res, 400, graphError('Invalid comment id', 100));
      const reply: Comment = {
        platform: 'instagram',
        id: newId(17),
        postId: parent.postId,
        text: param('message') ?? '',
        author: 'dinkes_sandbox',
        createdAt: new Date().toISOString(),
        replyTo: first,
      };
      this.state.comments.push(reply);
      await this.save();
      return this.send(res, 200, { id: reply.id });
    }
    this.send(res, 400, graphError('Unsupported request', 100, 'GraphMethodException'));
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

  // ---- X API v2 ------------------------------------------------------------------------------------

  private rateHeaders(): Record<string, string> {
    return {
      'x-rate-limit-limit': '100',
      'x-rate-limit-remaining': '99',
      'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900),
    };
  }

  private readonly xNonces = new Map<string, number>();
  /** How X calls authenticated since start (GET /_sandbox/auth), for tests and the curious. */
  private readonly xAuth = { oauth1: 0, bearer: 0, refused: 0 };

  /**
   * X accepts an OAuth 2.0 user-context bearer token, or a request signed with OAuth 1.0a: the right
   * consumer key and token, a timestamp within five minutes, a nonce not seen before, and an HMAC-SHA1
   * signature over the method, the URL as requested and its query.
   */
  private xAuthorized(method: string, req: IncomingMessage): boolean {
    const ok = this.xAuthorization(method, req);
    this.xAuth[ok ?? 'refused'] += 1;
    return ok !== undefined;
  }

  private xAuthorization(method: string, req: IncomingMessage): 'oauth1' | 'bearer' | undefined {
    const header = req.headers.authorization ?? '';
    if (header === `Bearer ${this.options.xToken}`) return 'bearer';
    const p = parseAuthorizationHeader(header);
    if (!p?.oauth_signature || !p.oauth_nonce) return undefined;
    if (p.oauth_consumer_key !== this.options.xConsumerKey || p.oauth_token !== this.options.xToken)
      return undefined;
    if (p.oauth_signature_method !== 'HMAC-SHA1' || (p.oauth_version && p.oauth_version !== '1.0'))
      return undefined;
    const now = Math.floor(Date.now() / 1000);
    if (!/^\d{1,12}$/.test(p.oauth_timestamp ?? '') || Math.abs(now - Number(p.oauth_timestamp)) > 300)
      return undefined;
    for (const [nonce, at] of this.xNonces) if (now - at > 600) this.xNonces.delete(nonce);
    if (this.xNonces.has(p.oauth_nonce)) return undefined;
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const expected = Buffer.from(
      sign(signatureBaseString(method, url, p), this.options.xConsumerSecret, this.options.xTokenSecret),
    );
    const given = Buffer.from(p.oauth_signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    this.xNonces.set(p.oauth_nonce, now);
    return 'oauth1';
  }

  private async x(method: string, path: string, url: URL, req: IncomingMessage, res: ServerResponse) {
    const headers = this.rateHeaders();
    if (!this.xAuthorized(method, req) || this.state.tokens.xRevoked) {
      return this.send(res, 401, xProblem(401, 'Unauthorized', 'Unauthorized'), headers);
    }
    if (method === 'GET' && path === '/2/users/me') {
      return this.send(
        res,
        200,
        { data: { id: this.options.xUserId, username: 'dinkeskota_sandbox', name: 'Dinkes Kota (sandbox)' } },
        headers,
      );
    }
    const respondFault = (operation: string): Fault | undefined => {
      const f = this.takeFault('x', operation);
      if (f && !f.afterSuccess) {
        this.send(res, f.status, f.body ?? xProblem(f.status, 'Service Unavailable', 'Service Unavailable'), {
          ...headers,
          ...f.headers,
        });
      }
      return f;
    };
    const raw = method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    const json = (): Record<string, unknown> => {
      try {
        return JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
      } catch {
        return {};
      }
    };

    if (method === 'POST' && path === '/2/media/upload/initialize') {
      this.count('x.upload');
      const f = respondFault('upload');
      if (f && !f.afterSuccess) return this.save();
      const b = json();
      const total = Number(b.total_bytes);
      if (!Number.isInteger(total) || total <= 0 || typeof b.media_type !== 'string') {
        return this.send(
          res,
          400,
          xProblem(400, 'Invalid Request', 'media_type and total_bytes are required'),
          headers,
        );
      }
      const id = newId(19);
      this.state.uploads[id] = {
        id,
        mediaType: b.media_type,
        totalBytes: total,
        received: 0,
        sha256: '',
        finalized: false,
      };
      await this.save();
      return this.send(res, 200, { data: { id, media_key: `3_${id}`, expires_after_secs: 86400 } }, headers);
    }
    const append = /^\/2\/media\/upload\/(\d+)\/append$/.exec(path);
    if (method === 'POST' && append) {
      const upload = this.state.uploads[append[1] ?? ''];
      if (!upload) return this.send(res, 400, xProblem(400, 'Invalid Request', 'unknown media id'), headers);
      const form = await new Response(raw, {
        headers: { 'content-type': req.headers['content-type'] ?? '' },
      }).formData();
      const media = form.get('media');
      if (!(media instanceof Blob))
        return this.send(res, 400, xProblem(400, 'Invalid Request', 'media is required'), headers);
      const bytes = Buffer.from(await media.arrayBuffer());
      upload.received += bytes.length;
      upload.sha256 = createHash('sha256').update(bytes).digest('hex');
      await this.save();
      return this.send(res, 200, { data: { expires_at: Math.floor(Date.now() / 1000) + 86400 } }, headers);
    }
    const finalize = /^\/2\/media\/upload\/(\d+)\/finalize$/.exec(path);
    if (method === 'POST' && finalize) {
      const upload = this.state.uploads[finalize[1] ?? ''];
      if (!upload) return this.send(res, 400, xProblem(400, 'Invalid Request', 'unknown media id'), headers);
      if (upload.received !== upload.totalBytes) {
        return this.send(
          res,
          400,
          xProblem(400, 'Invalid Request', `received ${upload.received} of ${upload.totalBytes} bytes`),
          headers,
        );
      }
      upload.finalized = true;
      const slow = this.takeFault('x', 'media-processing');
      if (slow?.inProgressPolls) upload.pendingPolls = slow.inProgressPolls;
      await this.save();
      return this.send(
        res,
        200,
        {
          data: {
            id: upload.id,
            media_key: `3_${upload.id}`,
            size: upload.totalBytes,
            expires_after_secs: 86400,
            ...(upload.pendingPolls
              ? { processing_info: { state: 'in_progress', check_after_secs: 1 } }
              : {}),
          },
        },
        headers,
      );
    }
    if (method === 'GET' && path === '/2/media/upload') {
      const upload = this.state.uploads[url.searchParams.get('media_id') ?? ''];
      if (!upload) return this.send(res, 400, xProblem(400, 'Invalid Request', 'unknown media id'), headers);
      const stillProcessing = (upload.pendingPolls ?? 0) > 0;
      if (stillProcessing) {
        upload.pendingPolls = (upload.pendingPolls ?? 1) - 1;
        await this.save();
      }
      return this.send(
        res,
        200,
        {
          data: {
            id: upload.id,
            processing_info: {
              state: !upload.finalized ? 'pending' : stillProcessing ? 'in_progress' : 'succeeded',
            },
          },
        },
        headers,
      );
    }
    if (method === 'POST' && path === '/2/media/metadata') {
      const b = json() as { id?: string; metadata?: { alt_text?: { text?: string } } };
      const upload = this.state.uploads[b.id ?? ''];
      if (!upload) return this.send(res, 400, xProblem(400, 'Invalid Request', 'unknown media id'), headers);
      upload.altText = b.metadata?.alt_text?.text;
      await this.save();
      return this.send(res, 200, { data: { id: upload.id, associated_metadata: b.metadata } }, headers);
    }
    if (method === 'POST' && path === '/2/tweets') {
      this.count('x.post');
      const f = respondFault('post');
      if (f && !f.afterSuccess) return this.save();
      const b = json() as {
        text?: string;
        media?: { media_ids?: string[] };
        reply?: { in_reply_to_tweet_id?: string };
      };
      const text = b.text ?? '';
      if (!text && !b.media?.media_ids?.length)
        return this.send(res, 400, xProblem(400, 'Invalid Request', 'text or media is required'), headers);
      if (twitterText.parseTweet(text).weightedLength > 280) {
        return this.send(res, 400, xProblem(400, 'Invalid Request', 'Your Tweet text is too long.'), headers);
      }
      if (this.state.posts.some((p) => p.platform === 'x' && p.text === text)) {
        return this.send(
          res,
          403,
          xProblem(403, 'Forbidden', 'You are not allowed to create a Tweet with duplicate content.'),
          headers,
        );
      }
      const media = (b.media?.media_ids ?? []).map((id) => {
        const u = this.state.uploads[id];
        return {
          id,
          bytes: u?.totalBytes ?? 0,
          contentType: u?.mediaType,
          altText: u?.altText,
          sha256: u?.sha256 ?? '',
        };
      });
      if (media.some((m) => !this.state.uploads[m.id]?.finalized)) {
        return this.send(res, 400, xProblem(400, 'Invalid Request', 'Your media IDs are invalid.'), headers);
      }
      const replyTo = b.reply?.in_reply_to_tweet_id;
      const post: SandboxPost = {
        platform: 'x',
        id: newId(19),
        text,
        media,
        createdAt: new Date().toISOString(),
        ...(replyTo ? { replyTo } : {}),
      };
      this.state.posts.push(post);
      if (replyTo && this.state.comments.some((c) => c.platform === 'x' && c.id === replyTo)) {
        this.state.comments.push({
          platform: 'x',
          id: post.id,
          postId: replyTo,
          text,
          author: 'dinkes_sandbox',
          createdAt: post.createdAt,
          replyTo,
        });
      }
      await this.save();
      if (f?.delayMs) await sleep(f.delayMs);
      if (f?.afterSuccess)
        return this.send(
          res,
          f.status,
          f.body ?? xProblem(f.status, 'Service Unavailable', 'Service Unavailable'),
          headers,
        );
      return this.send(res, 201, { data: { id: post.id, text, edit_history_tweet_ids: [post.id] } }, headers);
    }
    const timeline = /^\/2\/users\/(\d+)\/tweets$/.exec(path);
    if (method === 'GET' && timeline) {
      const since = url.searchParams.get('start_time');
      const max = Math.min(100, Number(url.searchParams.get('max_results') ?? 10));
      const data = this.state.posts
        .filter((p) => p.platform === 'x' && (!since || p.createdAt >= since))
        .slice()
        .reverse()
        .slice(0, max)
        .map((p) => ({
          id: p.id,
          text: p.text,
          edit_history_tweet_ids: [p.id],
          ...(p.replyTo && url.searchParams.get('tweet.fields')?.includes('referenced_tweets')
            ? { referenced_tweets: [{ type: 'replied_to', id: p.replyTo }] }
            : {}),
        }));
      return this.send(
        res,
        200,
        { data, meta: { result_count: data.length, newest_id: data[0]?.id, oldest_id: data.at(-1)?.id } },
        headers,
      );
    }
    const tweet = /^\/2\/tweets\/(\d+)$/.exec(path);
    if (method === 'GET' && tweet) {
      this.count('x.metrics');
      const f = respondFault('metrics');
      if (f && !f.afterSuccess) return this.save();
      const post = this.state.posts.find((p) => p.platform === 'x' && p.id === tweet[1]);
      if (!post)
        return this.send(
          res,
          200,
          { errors: [{ detail: `Could not find tweet with id: [${tweet[1]}].`, title: 'Not Found Error' }] },
          headers,
        );
      const m = syntheticMetrics(post);
      return this.send(
        res,
        200,
        {
          data: {
            id: post.id,
            text: post.text,
            public_metrics: {
              retweet_count: m.retweet_count,
              reply_count: m.reply_count,
              like_count: m.like_count,
              quote_count: m.quote_count,
              bookmark_count: m.bookmark_count,
              impression_count: m.impression_count,
            },
          },
        },
        headers,
      );
    }
    this.send(res, 404, xProblem(404, 'Not Found', `No route ${method} ${path}`), headers);
  }
}
