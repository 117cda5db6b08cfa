import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { RecordExistsError } from '../../functions/adapters/archive-store';
import type { AuditEntry } from '../../functions/adapters/audit-repo';
import type { Publication } from '../../functions/adapters/publications-repo';
import { DuplicateContentError } from '../../functions/adapters/x-client';
import { PlatformRejectedError, TransientError } from '../../functions/common/errors';
import { keepRecord, type PublicationRecord } from '../../functions/domain/archive/records';
import type { ContentItem, Platform } from '../../functions/domain/content/content';
import { CONVERSION_VERSION } from '../../functions/domain/publishing/instagram-media';
import { type PublishDeps, publishToInstagram, publishToX } from '../../functions/domain/publishing/publish';
import { splitForX } from '../../functions/domain/publishing/x-thread';
import { clock, contentItem, fakeAudit, fakeItems } from './fakes';

/**
 * Publishing's exactly-once branches, against in-memory platforms and tables: what each platform ends
 * up holding, and what the publication record says, after each kind of trouble.
 */

type Call = string;

/** The publications table, with beginAttempt's rules: create pending, count attempts, keep a finished one. */
const fakePublications = (now: () => Date, calls: Call[]) => {
  const rows = new Map<string, Publication>();
  const keyOf = (itemId: string, platform: Platform, revision: number) =>
    `${itemId}|${platform}#r${revision}`;
  const update = (p: Pick<Publication, 'itemId' | 'key'>, change: Partial<Publication>) => {
    const id = `${p.itemId}|${p.key}`;
    const row = rows.get(id);
    if (!row) throw new Error(`no publication ${id}`);
    rows.set(id, { ...row, ...change });
  };
  return {
    rows,
    get: (itemId: string, platform: Platform, revision = 1) => rows.get(keyOf(itemId, platform, revision)),
    seed: (p: Publication) => rows.set(`${p.itemId}|${p.key}`, p),
    deps: {
      beginAttempt: async (itemId: string, platform: Platform, revision: number) => {
        calls.push(`beginAttempt:${platform}`);
        const id = keyOf(itemId, platform, revision);
        const existing = rows.get(id);
        if (existing && existing.state !== 'pending') return existing;
        const next: Publication = {
          ...(existing ?? {
            itemId,
            key: `${platform}#r${revision}`,
            platform,
            revision,
            state: 'pending',
            startedAt: now().toISOString(),
            attempts: 0,
          }),
          attempts: (existing?.attempts ?? 0) + 1,
        };
        rows.set(id, next);
        return next;
      },
      getPublication: async (itemId: string, platform: Platform, revision: number) =>
        rows.get(keyOf(itemId, platform, revision)),
      recordContainer: async (p: Publication, containerId: string) => update(p, { containerId }),
      recordMedia: async (p: Publication, mediaIds: readonly string[]) =>
        update(p, { mediaIds: [...mediaIds] }),
      recordThreadParts: async (p: Publication, threadIds: readonly string[]) =>
        update(p, { threadIds: [...threadIds] }),
      recordPublished: async (
        p: Pick<Publication, 'itemId' | 'key' | 'platform'>,
        post: { postId: string; url: string; warning?: string; publishedAt?: string },
      ) => {
        calls.push(`recordPublished:${p.platform}:${post.postId}`);
        update(p, {
          state: 'published',
          postId: post.postId,
          url: post.url,
          warning: post.warning,
          publishedAt: post.publishedAt,
        });
      },
      recordFailed: async (p: Pick<Publication, 'itemId' | 'key'>, reason: string) => {
        const row = rows.get(`${p.itemId}|${p.key}`);
        if (row?.state !== 'published') update(p, { state: 'failed', error: reason });
      },
    },
  };
};

/** X as a list of posts; `next` makes the coming post calls misbehave, one entry per call. */
const fakeX = (calls: Call[]) => {
  const posts: { id: string; text: string; replyTo?: string; mediaIds?: readonly string[] }[] = [];
  const next: ('duplicate' | 'timeout-after-send' | 'refuse')[] = [];
  let seq = 0;
  let uploads = 0;
  const alts: string[] = [];
  const client: PublishDeps['x'] = {
    recentPosts: async () => {
      calls.push('x.recentPosts');
      return posts.map((p) => ({ id: p.id, text: p.text, replyTo: p.replyTo }));
    },
    post: async (text, opts = {}) => {
      calls.push('x.post');
      const trouble = next.shift();
      if (trouble === 'duplicate') throw new DuplicateContentError('X refused a duplicate post');
      if (trouble === 'refuse') throw new PlatformRejectedError('X refused the access token: revoked');
      seq += 1;
      const id = `x-${seq}`;
      posts.push({ id, text, replyTo: opts.replyTo, mediaIds: opts.mediaIds });
      if (trouble === 'timeout-after-send') throw new TransientError('No answer from api.x.com: timeout');
      return id;
    },
    uploadMedia: async () => ({ id: `m-${++uploads}`, state: 'succeeded' as const }),
    setAltText: async (_id, text) => {
      alts.push(text);
    },
    mediaStatus: async () => ({ id: 'm', state: 'succeeded' as const }),
    postUrl: (id) => `https://x.example/${id}`,
  };
  return { posts, next, alts, client };
};

/** Instagram's containers and published media; `statuses` answers containerStatus call by call. */
const fakeInstagram = (calls: Call[]) => {
  const media: { id: string; caption: string; timestamp: string }[] = [];
  const containers: string[] = [];
  const imageUrls: string[] = [];
  const statuses: string[] = [];
  const trouble: { createContainer?: Error } = {};
  const client: PublishDeps['instagram'] = {
    recentMedia: async () => {
      calls.push('ig.recentMedia');
      return media.map((m) => ({ ...m, permalink: `https://instagram.example/p/${m.id}` }));
    },
    permalink: async (id) => `https://instagram.example/p/${id}`,
    containerStatus: async () => (statuses.shift() ?? 'FINISHED') as 'FINISHED',
    publishingQuota: async () => ({ used: 0, total: 50 }),
    createImageContainer: async (url) => {
      calls.push('ig.createContainer');
      imageUrls.push(url);
      if (trouble.createContainer) throw trouble.createContainer;
      containers.push(`ct-${containers.length + 1}`);
      return containers.at(-1) ?? '';
    },
    createCarouselContainer: async () => 'carousel',
    publish: async (containerId) => {
      calls.push(`ig.publish:${containerId}`);
      const id = `ig-${media.length + 1}`;
      media.push({ id, caption: item().caption, timestamp: '2026-11-27T01:00:00+0000' });
      return id;
    },
  };
  return { media, containers, imageUrls, statuses, trouble, client };
};

const item = (overrides: Partial<ContentItem> = {}) => contentItem(overrides);

const world = (it: ContentItem = item()) => {
  const calls: Call[] = [];
  const time = clock();
  const pubs = fakePublications(time.now, calls);
  const xs = fakeX(calls);
  const ig = fakeInstagram(calls);
  const audit = fakeAudit();
  const deps: PublishDeps = {
    getItem: fakeItems(it).getItem,
    ...pubs.deps,
    audit: audit.audit,
    instagram: ig.client,
    x: xs.client,
    getObjectBytes: async () => Buffer.from('image'),
    // Every image is already prepared for Instagram: no conversion in these tests.
    headObject: async () => ({ bytes: 1000, contentType: 'image/jpeg' }),
    presignedGetUrl: async (key) => `https://bucket.example/${key}`,
    putObject: async () => undefined,
    now: time.now,
    afterPlatformPost: (platform) => calls.push(`afterPlatformPost:${platform}`),
  };
  return { calls, time, pubs, xs, ig, audit, deps, item: it };
};

const req = { itemId: item().id, revision: 1 };

describe('publishing to X', () => {
  it('a duplicate refusal means our earlier post: it is found and recorded, not posted again', async () => {
    const w = world();
    // An attempt we never heard back from left the post on X.
    w.xs.posts.push({ id: 'x-earlier', text: w.item.caption });
    w.xs.next.push('duplicate');
    const out = await publishToX(req, w.deps);
    expect(out).toMatchObject({ outcome: 'published', postId: 'x-earlier' });
    expect(w.xs.posts).toHaveLength(1);
    expect(w.pubs.get(w.item.id, 'x')).toMatchObject({ state: 'published', postId: 'x-earlier' });
  });

  it('an unknown outcome (timeout after sending) is reconciled before any retry', async () => {
    const w = world();
    w.xs.next.push('timeout-after-send');
    await expect(publishToX(req, w.deps)).rejects.toBeInstanceOf(TransientError);
    expect(w.xs.posts).toHaveLength(1);
    expect(w.pubs.get(w.item.id, 'x')).toMatchObject({ state: 'pending', attempts: 1 });

    w.calls.length = 0;
    const out = await publishToX(req, w.deps);
    expect(out).toMatchObject({ outcome: 'published', postId: 'x-1' });
    // The retry looked first and found the post; it never posted.
    expect(w.calls).not.toContain('x.post');
    expect(w.calls.indexOf('x.recentPosts')).toBeLessThan(w.calls.indexOf('recordPublished:x:x-1'));
    expect(w.xs.posts).toHaveLength(1);
    expect(w.pubs.get(w.item.id, 'x')).toMatchObject({ state: 'published', postId: 'x-1', attempts: 2 });
  });

  it('a permanent refusal marks X failed with its reason, and a later attempt does not call X', async () => {
    const w = world();
    w.xs.next.push('refuse');
    await expect(publishToX(req, w.deps)).rejects.toThrow('X refused the access token: revoked');
    expect(w.pubs.get(w.item.id, 'x')).toMatchObject({
      state: 'failed',
      error: 'X refused the access token: revoked',
    });
    w.calls.length = 0;
    await expect(publishToX(req, w.deps)).rejects.toBeInstanceOf(PlatformRejectedError);
    expect(w.calls.filter((c) => c.startsWith('x.'))).toEqual([]);
    // The other platform is not affected.
    expect(await publishToInstagram(req, w.deps)).toMatchObject({ outcome: 'published' });
  });

  describe('a thread resumed mid-way', () => {
    const sentence = 'Gejala DBD: demam tinggi mendadak, nyeri otot, bintik merah pada kulit. ';
    const longCaption = sentence.repeat(9).trim();
    const parts = splitForX(longCaption);

    it('posts only the parts not posted yet, each answering the one before', async () => {
      expect(parts.length).toBeGreaterThanOrEqual(3);
      const w = world(item({ caption: longCaption }));
      // The first attempt posted the first two parts, recorded them, and stopped.
      w.xs.posts.push(
        { id: 'x-head', text: parts[0] ?? '' },
        { id: 'x-two', text: parts[1] ?? '', replyTo: 'x-head' },
      );
      w.pubs.seed({
        itemId: w.item.id,
        key: 'x#r1',
        platform: 'x',
        revision: 1,
        state: 'pending',
        attempts: 1,
        startedAt: w.time.now().toISOString(),
        threadIds: ['x-head', 'x-two'],
      });
      const out = await publishToX(req, w.deps);
      expect(out).toMatchObject({ outcome: 'published', postId: 'x-head' });
      expect(w.xs.posts.map((p) => p.text)).toEqual(parts);
      // One chain: every part answers the part before it.
      for (const [i, p] of w.xs.posts.entries()) if (i > 0) expect(p.replyTo).toBe(w.xs.posts[i - 1]?.id);
      expect(w.pubs.get(w.item.id, 'x')?.threadIds).toEqual(w.xs.posts.map((p) => p.id));
    });

    it('a part that went out unrecorded is found, not posted twice', async () => {
      const w = world(item({ caption: longCaption }));
      w.xs.posts.push(
        { id: 'x-head', text: parts[0] ?? '' },
        { id: 'x-two', text: parts[1] ?? '', replyTo: 'x-head' },
        // Sent, but the answer was lost: the record stops at part 2.
        { id: 'x-three', text: parts[2] ?? '', replyTo: 'x-two' },
      );
      w.pubs.seed({
        itemId: w.item.id,
        key: 'x#r1',
        platform: 'x',
        revision: 1,
        state: 'pending',
        attempts: 1,
        startedAt: w.time.now().toISOString(),
        threadIds: ['x-head', 'x-two'],
      });
      await publishToX(req, w.deps);
      expect(w.xs.posts.map((p) => p.text)).toEqual(parts);
      expect(w.pubs.get(w.item.id, 'x')?.threadIds?.slice(0, 3)).toEqual(['x-head', 'x-two', 'x-three']);
    });
  });

  it('calls the afterPlatformPost hook once the platform has the post, before recording it', async () => {
    const w = world();
    await publishToX(req, w.deps);
    expect(w.calls.indexOf('afterPlatformPost:x')).toBeGreaterThan(w.calls.indexOf('x.post'));
    expect(w.calls.indexOf('afterPlatformPost:x')).toBeLessThan(w.calls.indexOf('recordPublished:x:x-1'));
  });
});

describe('publishing to Instagram', () => {
  it('a media container still processing answers wait, and the next attempt publishes that container', async () => {
    const w = world();
    w.ig.statuses.push('IN_PROGRESS');
    const out = await publishToInstagram(req, w.deps);
    expect(out).toEqual({
      outcome: 'wait',
      postId: null,
      url: null,
      // Five seconds after the first attempt, by the injected clock.
      waitUntil: '2026-11-20T02:00:05Z',
      reason: 'Instagram container ct-1 is still processing',
    });
    expect(w.pubs.get(w.item.id, 'instagram')).toMatchObject({ state: 'pending', containerId: 'ct-1' });
    expect(w.ig.media).toHaveLength(0);

    const done = await publishToInstagram(req, w.deps);
    expect(done).toMatchObject({ outcome: 'published', postId: 'ig-1' });
    expect(w.ig.containers).toEqual(['ct-1']);
    expect(w.calls).toContain('ig.publish:ct-1');
  });

  it('a permanent refusal marks Instagram failed with its reason', async () => {
    const w = world();
    w.ig.trouble.createContainer = new PlatformRejectedError(
      'Instagram refused the request (400): bad image',
    );
    await expect(publishToInstagram(req, w.deps)).rejects.toThrow('bad image');
    expect(w.pubs.get(w.item.id, 'instagram')).toMatchObject({
      state: 'failed',
      error: 'Instagram refused the request (400): bad image',
    });
    expect(await publishToX(req, w.deps)).toMatchObject({ outcome: 'published' });
  });

  it('an unknown outcome is reconciled before any retry: the published media is found', async () => {
    const w = world();
    const publish = w.ig.client.publish;
    w.deps = {
      ...w.deps,
      instagram: {
        ...w.ig.client,
        // Instagram publishes, but its answer never arrives.
        publish: async (id) => {
          await publish(id);
          throw new TransientError('No answer from graph.facebook.com: timeout');
        },
      },
    };
    await expect(publishToInstagram(req, w.deps)).rejects.toBeInstanceOf(TransientError);
    w.calls.length = 0;
    w.deps = { ...w.deps, instagram: w.ig.client };
    const out = await publishToInstagram(req, w.deps);
    expect(out).toMatchObject({ outcome: 'published', postId: 'ig-1' });
    expect(w.calls[1]).toBe('ig.recentMedia');
    expect(w.calls.filter((c) => c.startsWith('ig.publish') || c === 'ig.createContainer')).toEqual([]);
    expect(w.ig.media).toHaveLength(1);
  });

  it('publishes nothing for a cancelled item', async () => {
    const w = world(item({ status: 'cancelled' }));
    await expect(publishToInstagram(req, w.deps)).rejects.toMatchObject({ name: 'ItemClosedError' });
    expect(w.calls).toEqual([]);
  });
});

describe('images meant for one platform', () => {
  const media = [
    {
      key: 'media/c1/r1/1.jpg',
      contentType: 'image/jpeg',
      bytes: 1000,
      altText: 'Potret',
      platforms: ['instagram'],
    },
    {
      key: 'media/c1/r1/2.jpg',
      contentType: 'image/jpeg',
      bytes: 1000,
      altText: 'Lanskap',
      platforms: ['x'],
    },
    { key: 'media/c1/r1/3.jpg', contentType: 'image/jpeg', bytes: 1000, altText: 'Untuk keduanya' },
  ] satisfies ContentItem['media'];

  it('Instagram gets its portrait and the shared image, never the X landscape', async () => {
    const w = world(item({ media }));
    await publishToInstagram(req, w.deps);
    // Every image goes through the converted-copy key of its own S3 key (the fake store has them all).
    const converted = (key: string) =>
      `https://bucket.example/media/instagram/${createHash('sha256').update(`${CONVERSION_VERSION}:${key}`).digest('hex').slice(0, 32)}.jpg`;
    expect(w.ig.imageUrls).toEqual([converted('media/c1/r1/1.jpg'), converted('media/c1/r1/3.jpg')]);
  });

  it('X gets its landscape and the shared image, with their alt texts', async () => {
    const w = world(item({ media }));
    await publishToX(req, w.deps);
    expect(w.xs.posts[0]?.mediaIds).toHaveLength(2);
    expect(w.xs.alts).toEqual(['Lanskap', 'Untuk keduanya']);
  });
});

/** The archive as the adapter behaves: one record per key; the same bytes again are fine, others refused. */
const fakeArchive = () => {
  const stored = new Map<string, Buffer>();
  let failuresLeft = 0;
  const write = async (key: string, bytes: Buffer | string): Promise<boolean> => {
    if (failuresLeft > 0) {
      failuresLeft -= 1;
      throw new Error('S3 is not answering');
    }
    const b = Buffer.from(bytes);
    const old = stored.get(key);
    if (old?.equals(b)) return false;
    if (old) throw new RecordExistsError(key);
    stored.set(key, b);
    return true;
  };
  return {
    stored,
    failNext: (n: number) => {
      failuresLeft = n;
    },
    records: () => [...stored.values()].map((b) => JSON.parse(b.toString('utf8')) as PublicationRecord),
    deps: (approvals: AuditEntry[]) => ({
      keepRecord: (r: Parameters<typeof keepRecord>[0]) => keepRecord(r, write),
      auditTrail: async () => approvals,
    }),
  };
};

describe('the archive record of a post', () => {
  const approval = {
    itemId: item().id,
    action: 'approval.approved',
    actor: 'kepala.dinas@dinkes.example.go.id',
    at: '2026-11-20T01:00:00.000Z',
    detail: { revision: 1, comment: 'Setuju', ip: '10.1.2.3', userAgent: 'Outlook' },
  };

  it('holds every part of an X thread as posted, the media hash and the approval with where it came from', async () => {
    const caption = `${'Demam berdarah bisa dicegah dengan 3M Plus di rumah dan sekolah. '.repeat(7)}Salam sehat.`;
    const w = world(item({ caption }));
    const archive = fakeArchive();
    const out = await publishToX(req, { ...w.deps, archive: archive.deps([approval]) });
    expect(out.outcome).toBe('published');
    const [record, ...others] = archive.records();
    expect(others).toEqual([]);
    expect(record).toMatchObject({
      kind: 'publication',
      platform: 'x',
      postId: out.postId,
      itemId: w.item.id,
      texts: splitForX(caption),
      media: [
        {
          key: w.item.media[0]?.key,
          sha256: createHash('sha256').update('image').digest('hex'),
          bytes: 5,
        },
      ],
      approvals: [
        { by: approval.actor, decision: 'approved', comment: 'Setuju', ip: '10.1.2.3', userAgent: 'Outlook' },
      ],
    });
    expect(record?.texts.length).toBeGreaterThan(1);
    expect(record?.threadIds).toHaveLength(record?.texts.length ?? 0);
    expect([...archive.stored.keys()]).toEqual([`records/2026/11/20/publication/${w.item.id}-r1-x.json`]);
  });

  it('a failed record write fails the step (to be retried); the retry writes the same record, not a second post', async () => {
    const w = world();
    const archive = fakeArchive();
    const deps = { ...w.deps, archive: archive.deps([approval]) };
    archive.failNext(1);
    await expect(publishToInstagram(req, deps)).rejects.toMatchObject({ name: 'TransientError' });
    expect(archive.stored.size).toBe(0);
    w.time.advance(30_000);
    const again = await publishToInstagram(req, deps);
    expect(again.outcome).toBe('published');
    expect(w.ig.media).toHaveLength(1);
    expect(archive.records()).toEqual([
      expect.objectContaining({ postId: again.postId, at: w.pubs.get(w.item.id, 'instagram')?.publishedAt }),
    ]);
    // A third run (a redelivered step) finds the record there and changes nothing.
    await publishToInstagram(req, deps);
    expect(archive.stored.size).toBe(1);
  });

  it('a post that went out is never reported failed because its record could not be written on the retry', async () => {
    const w = world();
    const archive = fakeArchive();
    const deps = { ...w.deps, archive: archive.deps([approval]) };
    archive.failNext(2);
    await expect(publishToInstagram(req, deps)).rejects.toMatchObject({ name: 'TransientError' });
    await expect(publishToInstagram(req, deps)).resolves.toMatchObject({ outcome: 'published' });
    expect(archive.stored.size).toBe(0);
  });
});
