import { createHmac } from 'node:crypto';
import { z } from 'zod';
import type { InstagramApi } from './instagram';
import { dispatch, type Route, readJson, type SandboxRequest, send } from './routes';
import { type Comment, faultSchema, newId, type SandboxStore } from './state';
import type { XApi } from './x';

/**
 * The sandbox's own endpoints under `/_sandbox/`, for tests, the demo and curious people: what it holds,
 * faults to inject, token expiry, and citizens' comments, which it delivers as signed webhooks.
 */

/** `POST /_sandbox/tokens`: make the Instagram tokens expire in N days (or revoke them), or revoke X's. */
const tokenControl = z.object({
  platform: z.enum(['instagram', 'x']),
  expiresInDays: z.number().min(-60).max(60).optional(),
  revoked: z.boolean().optional(),
});

const citizenComment = z.object({
  platform: z.enum(['instagram', 'x']),
  postId: z.string().min(1),
  text: z.string().min(1).max(2200),
  author: z.string().min(1).max(50).default('warga_bandung'),
  deliveries: z.number().int().min(1).max(5).default(1),
});

export class SandboxControl {
  private readonly routes: readonly Route<SandboxRequest>[] = [
    { method: 'GET', pattern: /^\/_sandbox\/posts$/, handler: (r) => this.listPosts(r) },
    {
      method: 'GET',
      pattern: /^\/_sandbox\/comments$/,
      handler: ({ res }) => send(res, 200, { comments: this.store.state.comments }),
    },
    {
      method: 'GET',
      pattern: /^\/_sandbox\/auth$/,
      handler: ({ res }) => send(res, 200, { x: this.x.auth }),
    },
    {
      method: 'GET',
      pattern: /^\/_sandbox\/calls$/,
      handler: ({ res }) => send(res, 200, { calls: this.store.state.calls }),
    },
    { method: 'POST', pattern: /^\/_sandbox\/faults$/, handler: (r) => this.addFault(r) },
    { method: 'DELETE', pattern: /^\/_sandbox\/faults$/, handler: (r) => this.clearFaults(r) },
    { method: 'POST', pattern: /^\/_sandbox\/comments$/, handler: (r) => this.comment(r) },
    { method: 'POST', pattern: /^\/_sandbox\/tokens$/, handler: (r) => this.tokens(r) },
  ];

  constructor(
    private readonly store: SandboxStore,
    private readonly instagram: InstagramApi,
    private readonly x: XApi,
  ) {}

  async handle(request: SandboxRequest, path: string): Promise<void> {
    if (!(await dispatch(this.routes, request.method, path, request)))
      send(request.res, 404, { error: 'no such sandbox control' });
  }

  private listPosts({ url, res }: SandboxRequest) {
    const platform = url.searchParams.get('platform');
    send(res, 200, { posts: this.store.state.posts.filter((p) => !platform || p.platform === platform) });
  }

  private async addFault({ req, res }: SandboxRequest) {
    const parsed = faultSchema.safeParse(await readJson(req));
    if (!parsed.success) return send(res, 400, { error: 'invalid fault', issues: parsed.error.issues });
    this.store.state.faults.push(parsed.data);
    await this.store.save();
    return send(res, 201, { faults: this.store.state.faults });
  }

  private async clearFaults({ res }: SandboxRequest) {
    this.store.state.faults = [];
    await this.store.save();
    send(res, 204, {});
  }

  private async tokens({ req, res }: SandboxRequest) {
    const parsed = tokenControl.safeParse(await readJson(req));
    if (!parsed.success) return send(res, 400, { error: parsed.error.issues[0]?.message });
    const t = parsed.data;
    const tokens = this.store.state.tokens;
    if (t.platform === 'x') tokens.xRevoked = t.revoked ?? false;
    else {
      // The configured token becomes known (60 days) before it is changed, as on a first call.
      this.instagram.tokenExpiry(this.store.options.instagramToken);
      for (const token of Object.keys(tokens.instagram)) {
        if (t.revoked) delete tokens.instagram[token];
        else if (t.expiresInDays !== undefined)
          tokens.instagram[token] = new Date(Date.now() + t.expiresInDays * 86_400_000).toISOString();
      }
    }
    await this.store.save();
    return send(res, 200, { tokens: Object.keys(tokens.instagram).length });
  }

  private async comment({ req, res }: SandboxRequest) {
    const parsed = citizenComment.safeParse(await readJson(req));
    if (!parsed.success) return send(res, 400, { error: 'invalid comment', issues: parsed.error.issues });
    const c = parsed.data;
    if (!this.store.state.posts.some((p) => p.platform === c.platform && p.id === c.postId)) {
      return send(res, 404, { error: `no ${c.platform} post ${c.postId}` });
    }
    const comment: Comment = {
      platform: c.platform,
      id: c.platform === 'x' ? newId(19) : newId(17),
      postId: c.postId,
      text: c.text,
      author: c.author,
      createdAt: new Date().toISOString(),
    };
    this.store.state.comments.push(comment);
    await this.store.save();
    const statuses: number[] = [];
    for (let i = 0; i < c.deliveries; i++) statuses.push(await this.deliverWebhook(comment));
    send(res, 201, { comment, deliveries: statuses });
  }

  /** Delivers a comment as the platform would: its payload shape, signed with the shared secret. */
  private async deliverWebhook(c: Comment): Promise<number> {
    const options = this.store.options;
    const base = options.webhookBaseUrl().replace(/\/$/, '');
    let body: string;
    let headers: Record<string, string>;
    if (c.platform === 'instagram') {
      body = JSON.stringify({
        object: 'instagram',
        entry: [
          {
            id: options.instagramUserId,
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
        'x-hub-signature-256': `sha256=${createHmac('sha256', options.metaAppSecret).update(body).digest('hex')}`,
      };
    } else {
      body = JSON.stringify({
        for_user_id: options.xUserId,
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
        'x-twitter-webhooks-signature': `sha256=${createHmac('sha256', options.xConsumerSecret).update(body).digest('base64')}`,
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
}
