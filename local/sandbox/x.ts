import { createHash, timingSafeEqual } from 'node:crypto';
import twitterText from 'twitter-text';
import { parseAuthorizationHeader, sign, signatureBaseString } from '../../functions/adapters/x-oauth1';
import { dispatch, type Route, readBody, type SandboxRequest, send } from './routes';
import { type Fault, newId, type SandboxPost, type SandboxStore, sleep, syntheticMetrics } from './state';

/**
 * The sandbox X API v2 under `<sandbox>/x`: chunked media upload (initialize, append, finalize, status,
 * alt text), posts and replies, the account's timeline and a post's public metrics, behind OAuth 1.0a or a
 * bearer token, answered with X's problem bodies and rate-limit headers.
 */

const xProblem = (status: number, title: string, detail: string) => ({
  title,
  detail,
  type: 'about:blank',
  status,
});

const invalid = (detail: string) => xProblem(400, 'Invalid Request', detail);

/** An authorized X call: its body (read for POST) and the rate-limit headers every answer carries. */
interface XRequest extends SandboxRequest {
  readonly headers: Record<string, string>;
  readonly json: () => Record<string, unknown>;
  readonly raw: Buffer;
  /** Takes the operation's fault; unless it is to be applied after the call, it has been answered. */
  readonly respondFault: (operation: string) => Fault | undefined;
}

export class XApi {
  /** How X calls authenticated since start (GET /_sandbox/auth), for tests and the curious. */
  readonly auth = { oauth1: 0, bearer: 0, refused: 0 };
  private readonly nonces = new Map<string, number>();
  private readonly routes: readonly Route<XRequest>[] = [
    { method: 'GET', pattern: /^\/2\/users\/me$/, handler: (r) => this.me(r) },
    { method: 'POST', pattern: /^\/2\/media\/upload\/initialize$/, handler: (r) => this.initialize(r) },
    {
      method: 'POST',
      pattern: /^\/2\/media\/upload\/(\d+)\/append$/,
      handler: (r, [id]) => this.append(r, id),
    },
    {
      method: 'POST',
      pattern: /^\/2\/media\/upload\/(\d+)\/finalize$/,
      handler: (r, [id]) => this.finalize(r, id),
    },
    { method: 'GET', pattern: /^\/2\/media\/upload$/, handler: (r) => this.uploadStatus(r) },
    { method: 'POST', pattern: /^\/2\/media\/metadata$/, handler: (r) => this.metadata(r) },
    { method: 'POST', pattern: /^\/2\/tweets$/, handler: (r) => this.post(r) },
    { method: 'GET', pattern: /^\/2\/users\/(\d+)\/tweets$/, handler: (r) => this.timeline(r) },
    { method: 'GET', pattern: /^\/2\/tweets\/(\d+)$/, handler: (r, [id]) => this.metrics(r, id ?? '') },
  ];

  constructor(private readonly store: SandboxStore) {}

  private get state() {
    return this.store.state;
  }

  /** Handles `<path>`, the path after `/x`. */
  async handle(request: SandboxRequest, path: string): Promise<void> {
    const { method, req, res } = request;
    const headers = rateHeaders();
    if (!this.authorized(method, request.req) || this.state.tokens.xRevoked) {
      return send(res, 401, xProblem(401, 'Unauthorized', 'Unauthorized'), headers);
    }
    const raw = method === 'POST' ? await readBody(req) : Buffer.alloc(0);
    const x: XRequest = {
      ...request,
      headers,
      raw,
      json: () => {
        try {
          return JSON.parse(raw.toString('utf8') || '{}') as Record<string, unknown>;
        } catch {
          return {};
        }
      },
      respondFault: (operation) => {
        const f = this.store.takeFault('x', operation);
        if (f && !f.afterSuccess) {
          send(res, f.status, f.body ?? xProblem(f.status, 'Service Unavailable', 'Service Unavailable'), {
            ...headers,
            ...f.headers,
          });
        }
        return f;
      },
    };
    if (!(await dispatch(this.routes, method, path, x)))
      send(res, 404, xProblem(404, 'Not Found', `No route ${method} ${path}`), headers);
  }

  /**
   * X accepts an OAuth 2.0 user-context bearer token, or a request signed with OAuth 1.0a: the right
   * consumer key and token, a timestamp within five minutes, a nonce not seen before, and an HMAC-SHA1
   * signature over the method, the URL as requested and its query.
   */
  private authorized(method: string, req: SandboxRequest['req']): boolean {
    const ok = this.authorization(method, req);
    this.auth[ok ?? 'refused'] += 1;
    return ok !== undefined;
  }

  private authorization(method: string, req: SandboxRequest['req']): 'oauth1' | 'bearer' | undefined {
    const options = this.store.options;
    const header = req.headers.authorization ?? '';
    if (header === `Bearer ${options.xToken}`) return 'bearer';
    const p = parseAuthorizationHeader(header);
    if (!p?.oauth_signature || !p.oauth_nonce) return undefined;
    if (p.oauth_consumer_key !== options.xConsumerKey || p.oauth_token !== options.xToken) return undefined;
    if (p.oauth_signature_method !== 'HMAC-SHA1' || (p.oauth_version && p.oauth_version !== '1.0'))
      return undefined;
    const now = Math.floor(Date.now() / 1000);
    if (!/^\d{1,12}$/.test(p.oauth_timestamp ?? '') || Math.abs(now - Number(p.oauth_timestamp)) > 300)
      return undefined;
    for (const [nonce, at] of this.nonces) if (now - at > 600) this.nonces.delete(nonce);
    if (this.nonces.has(p.oauth_nonce)) return undefined;
    const url = new URL(req.url ?? '/', `http://${req.headers.host ?? '127.0.0.1'}`);
    const expected = Buffer.from(
      sign(signatureBaseString(method, url, p), options.xConsumerSecret, options.xTokenSecret),
    );
    const given = Buffer.from(p.oauth_signature);
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return undefined;
    this.nonces.set(p.oauth_nonce, now);
    return 'oauth1';
  }

  private me({ res, headers }: XRequest) {
    send(
      res,
      200,
      {
        data: {
          id: this.store.options.xUserId,
          username: 'dinkeskota_sandbox',
          name: 'Dinkes Kota (sandbox)',
        },
      },
      headers,
    );
  }

  private async initialize({ res, headers, json, respondFault }: XRequest) {
    this.store.count('x.upload');
    const f = respondFault('upload');
    if (f && !f.afterSuccess) return this.store.save();
    const b = json();
    const total = Number(b.total_bytes);
    if (!Number.isInteger(total) || total <= 0 || typeof b.media_type !== 'string') {
      return send(res, 400, invalid('media_type and total_bytes are required'), headers);
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
    await this.store.save();
    return send(res, 200, { data: { id, media_key: `3_${id}`, expires_after_secs: 86400 } }, headers);
  }

  private async append({ req, res, headers, raw }: XRequest, id: string | undefined) {
    const upload = this.state.uploads[id ?? ''];
    if (!upload) return send(res, 400, invalid('unknown media id'), headers);
    const form = await new Response(raw, {
      headers: { 'content-type': req.headers['content-type'] ?? '' },
    }).formData();
    const media = form.get('media');
    if (!(media instanceof Blob)) return send(res, 400, invalid('media is required'), headers);
    const bytes = Buffer.from(await media.arrayBuffer());
    upload.received += bytes.length;
    upload.sha256 = createHash('sha256').update(bytes).digest('hex');
    await this.store.save();
    return send(res, 200, { data: { expires_at: Math.floor(Date.now() / 1000) + 86400 } }, headers);
  }

  private async finalize({ res, headers }: XRequest, id: string | undefined) {
    const upload = this.state.uploads[id ?? ''];
    if (!upload) return send(res, 400, invalid('unknown media id'), headers);
    if (upload.received !== upload.totalBytes) {
      return send(res, 400, invalid(`received ${upload.received} of ${upload.totalBytes} bytes`), headers);
    }
    upload.finalized = true;
    const slow = this.store.takeFault('x', 'media-processing');
    if (slow?.inProgressPolls) upload.pendingPolls = slow.inProgressPolls;
    await this.store.save();
    return send(
      res,
      200,
      {
        data: {
          id: upload.id,
          media_key: `3_${upload.id}`,
          size: upload.totalBytes,
          expires_after_secs: 86400,
          ...(upload.pendingPolls ? { processing_info: { state: 'in_progress', check_after_secs: 1 } } : {}),
        },
      },
      headers,
    );
  }

  private async uploadStatus({ url, res, headers }: XRequest) {
    const upload = this.state.uploads[url.searchParams.get('media_id') ?? ''];
    if (!upload) return send(res, 400, invalid('unknown media id'), headers);
    const stillProcessing = (upload.pendingPolls ?? 0) > 0;
    if (stillProcessing) {
      upload.pendingPolls = (upload.pendingPolls ?? 1) - 1;
      await this.store.save();
    }
    return send(
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

  private async metadata({ res, headers, json }: XRequest) {
    const b = json() as { id?: string; metadata?: { alt_text?: { text?: string } } };
    const upload = this.state.uploads[b.id ?? ''];
    if (!upload) return send(res, 400, invalid('unknown media id'), headers);
    upload.altText = b.metadata?.alt_text?.text;
    await this.store.save();
    return send(res, 200, { data: { id: upload.id, associated_metadata: b.metadata } }, headers);
  }

  private async post({ res, headers, json, respondFault }: XRequest) {
    this.store.count('x.post');
    const f = respondFault('post');
    if (f && !f.afterSuccess) return this.store.save();
    const b = json() as {
      text?: string;
      media?: { media_ids?: string[] };
      reply?: { in_reply_to_tweet_id?: string };
    };
    const text = b.text ?? '';
    if (!text && !b.media?.media_ids?.length)
      return send(res, 400, invalid('text or media is required'), headers);
    if (twitterText.parseTweet(text).weightedLength > 280) {
      return send(res, 400, invalid('Your Tweet text is too long.'), headers);
    }
    if (this.state.posts.some((p) => p.platform === 'x' && p.text === text)) {
      return send(
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
      return send(res, 400, invalid('Your media IDs are invalid.'), headers);
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
    await this.store.save();
    if (f?.delayMs) await sleep(f.delayMs);
    if (f?.afterSuccess)
      return send(
        res,
        f.status,
        f.body ?? xProblem(f.status, 'Service Unavailable', 'Service Unavailable'),
        headers,
      );
    return send(res, 201, { data: { id: post.id, text, edit_history_tweet_ids: [post.id] } }, headers);
  }

  private timeline({ url, res, headers }: XRequest) {
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
    send(
      res,
      200,
      { data, meta: { result_count: data.length, newest_id: data[0]?.id, oldest_id: data.at(-1)?.id } },
      headers,
    );
  }

  private metrics({ res, headers, respondFault }: XRequest, id: string) {
    this.store.count('x.metrics');
    const f = respondFault('metrics');
    if (f && !f.afterSuccess) return this.store.save();
    const post = this.state.posts.find((p) => p.platform === 'x' && p.id === id);
    if (!post)
      return send(
        res,
        200,
        { errors: [{ detail: `Could not find tweet with id: [${id}].`, title: 'Not Found Error' }] },
        headers,
      );
    const m = syntheticMetrics(post);
    return send(
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
}

const rateHeaders = (): Record<string, string> => ({
  'x-rate-limit-limit': '100',
  'x-rate-limit-remaining': '99',
  'x-rate-limit-reset': String(Math.floor(Date.now() / 1000) + 900),
});
