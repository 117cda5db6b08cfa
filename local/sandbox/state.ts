import { createHash, randomInt } from 'node:crypto';
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';

/** What the sandbox platforms hold and how they are configured; kept on disk between runs. */

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

export interface SandboxPost {
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

export interface Container {
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

export interface XUpload {
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

export interface Comment {
  platform: 'instagram' | 'x';
  id: string;
  postId: string;
  text: string;
  author: string;
  createdAt: string;
  replyTo?: string;
}

export const faultSchema = z.object({
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
export type Fault = z.infer<typeof faultSchema>;

export interface State {
  posts: SandboxPost[];
  containers: Record<string, Container>;
  uploads: Record<string, XUpload>;
  comments: Comment[];
  faults: Fault[];
  calls: Record<string, number>;
  /** Instagram tokens the sandbox accepts, with their expiry; X's token can be revoked. */
  tokens: { instagram: Record<string, string>; instagramSeen?: boolean; xRevoked: boolean };
}

const emptyState = (): State => ({
  posts: [],
  containers: {},
  uploads: {},
  comments: [],
  faults: [],
  calls: {},
  tokens: { instagram: {}, xRevoked: false },
});

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A numeric id of the given length, as both platforms hand out (never starting with 0). */
export const newId = (digits = 17): string =>
  `${randomInt(1, 10)}${Array.from({ length: digits - 1 }, () => randomInt(0, 10)).join('')}`;
export const shortcode = (): string => Buffer.from(newId(9)).toString('base64url').slice(0, 11);

/** Deterministic, plausible metrics that grow with the post's age. */
export const syntheticMetrics = (post: SandboxPost): Record<string, number> => {
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

/** The sandbox's state with its file: saved whole after every change, one write at a time. */
export class SandboxStore {
  state: State = emptyState();
  private readonly file: string;
  private saving: Promise<void> = Promise.resolve();

  constructor(readonly options: SandboxOptions) {
    this.file = join(options.dataDir, 'sandbox', 'state.json');
  }

  async load(): Promise<void> {
    await mkdir(join(this.options.dataDir, 'sandbox'), { recursive: true });
    try {
      this.state = { ...emptyState(), ...(JSON.parse(await readFile(this.file, 'utf8')) as Partial<State>) };
    } catch {
      this.state = emptyState();
    }
  }

  save(): Promise<void> {
    const snapshot = JSON.stringify(this.state);
    this.saving = this.saving.then(async () => {
      const tmp = `${this.file}.tmp`;
      await writeFile(tmp, snapshot);
      await rename(tmp, this.file);
    });
    return this.saving;
  }

  /** Takes the next matching fault, if any, counting it down. */
  takeFault(platform: 'instagram' | 'x', operation: string): Fault | undefined {
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

  count(name: string): void {
    this.state.calls[name] = (this.state.calls[name] ?? 0) + 1;
  }
}
