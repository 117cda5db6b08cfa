import { createHash } from 'node:crypto';
import { audit, auditTrail } from '../../adapters/audit-repo';
import { instagram as instagramClient } from '../../adapters/instagram-client';
import { getItem } from '../../adapters/items-repo';
import { getObjectBytes, headObject, presignedGetUrl, putObject } from '../../adapters/media-store';
import {
  beginAttempt,
  getPublication,
  type Publication,
  recordContainer,
  recordFailed,
  recordMedia,
  recordPublished,
  recordThreadParts,
} from '../../adapters/publications-repo';
import { DuplicateContentError, x as xClient } from '../../adapters/x-client';
import { NotReadyError, PlatformRejectedError, RateLimitedError, ValidationError } from '../../common/errors';
import { log } from '../../common/logger';
import { keepRecord } from '../archive/records';
import type { ContentItem, MediaRef } from '../content/content';
import { mediaFor, type Platform } from '../content/platforms';
import { isFinal } from '../content/statuses';
import { CONVERSION_VERSION, prepareForInstagram } from './instagram-media';
import { publicationRecord } from './publication-record';
import { ItemClosedError } from './record-status';
import { splitForX } from './x-thread';

/** What publishing calls: the repositories, both platforms' clients, the media store and a clock. */
export interface PublishDeps {
  readonly getItem: typeof getItem;
  /** Claims the publication slot before any platform call (see publications-repo). */
  readonly beginAttempt: typeof beginAttempt;
  readonly getPublication: typeof getPublication;
  readonly recordContainer: typeof recordContainer;
  readonly recordMedia: typeof recordMedia;
  readonly recordThreadParts: typeof recordThreadParts;
  readonly recordPublished: typeof recordPublished;
  /** Never overwrites a publication recorded as published (see publications-repo). */
  readonly recordFailed: typeof recordFailed;
  readonly audit: typeof audit;
  readonly instagram: Pick<
    typeof instagramClient,
    | 'recentMedia'
    | 'permalink'
    | 'containerStatus'
    | 'publishingQuota'
    | 'createImageContainer'
    | 'createCarouselContainer'
    | 'publish'
  >;
  readonly x: Pick<
    typeof xClient,
    'recentPosts' | 'post' | 'uploadMedia' | 'setAltText' | 'mediaStatus' | 'postUrl'
  >;
  readonly getObjectBytes: typeof getObjectBytes;
  readonly headObject: typeof headObject;
  readonly presignedGetUrl: typeof presignedGetUrl;
  readonly putObject: typeof putObject;
  readonly now: () => Date;
  /**
   * Called when the platform has the post and Sebar has not yet written it down: the moment a crash is
   * worst. Nothing by default; the local runtime's fault injection kills the process here.
   */
  readonly afterPlatformPost?: (platform: Platform) => void;
  /** The records archive (docs/decisions/0025): the post as published is written there once. */
  readonly archive?: { readonly keepRecord: typeof keepRecord; readonly auditTrail: typeof auditTrail };
}

let runtimeHooks: Pick<PublishDeps, 'afterPlatformPost'> = {};

/**
 * Hooks the runtime that hosts the handlers adds to the default dependencies (the local runtime sets
 * its fault injection here from its own settings). Replaces the hooks set before.
 */
export const setPublishHooks = (hooks: Pick<PublishDeps, 'afterPlatformPost'>): void => {
  runtimeHooks = { ...hooks };
};

/** The real adapters and clock, with the runtime's hooks. */
export const publishDeps = (): PublishDeps => ({
  getItem,
  beginAttempt,
  getPublication,
  recordContainer,
  recordMedia,
  recordThreadParts,
  recordPublished,
  recordFailed,
  audit,
  instagram: instagramClient,
  x: xClient,
  getObjectBytes,
  headObject,
  presignedGetUrl,
  putObject,
  now: () => new Date(),
  archive: { keepRecord, auditTrail },
  ...runtimeHooks,
});

export interface PublishRequest {
  readonly itemId: string;
  readonly revision: number;
}

export interface Published {
  readonly postId: string;
  readonly url: string;
  /** The post went out, but not all of it (an X thread X cut short). */
  readonly warning?: string;
}

/**
 * What a publish step tells the state machine: the post went out, or wait until `waitUntil` and ask
 * again (a rate limit, the publishing quota, media still processing). Every field is always present
 * (null when it does not apply) because the ASL selects them by path.
 */
export type PublishOutcome =
  | { outcome: 'published'; postId: string; url: string; waitUntil: null; reason: null }
  | { outcome: 'wait'; postId: null; url: null; waitUntil: string; reason: string };

const waitFor = (until: Date, reason: string): PublishOutcome => ({
  outcome: 'wait',
  postId: null,
  url: null,
  waitUntil: until.toISOString().replace(/\.\d{3}Z$/, 'Z'),
  reason,
});

const normalise = (s: string) => s.replace(/\s+/g, ' ').trim();
/** X rewrites links (t.co), so compare texts with every link replaced by the same token. */
const comparable = (s: string) => normalise(s.replace(/https?:\/\/\S+/g, '<link>'));
const minutesBefore = (iso: string, minutes: number) =>
  new Date(new Date(iso).getTime() - minutes * 60_000).toISOString();

interface PublishSteps {
  /** Looks for the post on the platform (an earlier attempt may have made it); undefined if not there. */
  readonly find: (item: ContentItem, pub: Publication) => Promise<Published | undefined>;
  readonly post: (item: ContentItem, pub: Publication) => Promise<Published>;
}

/**
 * The exactly-once frame shared by both platforms: claim the slot, return a finished post as is,
 * reconcile before re-posting when an earlier attempt may have reached the platform, and record
 * permanent refusals as failed (never a post that went out).
 */
const publishOnce = async (
  req: PublishRequest,
  platform: Platform,
  steps: PublishSteps,
  deps: PublishDeps,
): Promise<PublishOutcome> => {
  const item = await deps.getItem(req.itemId);
  // Cancelled (or otherwise closed) while the workflow was on its way here: publish nothing.
  if (isFinal(item.status))
    throw new ItemClosedError(`Item ${item.id} is ${item.status}; it is not published`);
  if (item.revision !== req.revision) {
    throw new ValidationError(`Item ${item.id} is at revision ${item.revision}, not ${req.revision}`);
  }
  const pub = await deps.beginAttempt(item.id, platform, req.revision);
  const done = (p: Published): PublishOutcome => ({
    outcome: 'published',
    ...p,
    waitUntil: null,
    reason: null,
  });
  if (pub.state === 'published' && pub.postId) {
    const post = { postId: pub.postId, url: pub.url ?? '', ...(pub.warning ? { warning: pub.warning } : {}) };
    // A retry after the record failed: written now (the same bytes), or logged, never a failed post.
    await archivePublication(item, pub, post, pub.publishedAt ?? pub.startedAt, deps).catch((error) =>
      log.error('published, but the archive record is still missing', { itemId: item.id, platform, error }),
    );
    return done({ postId: pub.postId, url: pub.url ?? '' });
  }
  if (pub.state === 'failed') throw new PlatformRejectedError(pub.error ?? `${platform} refused the post`);

  try {
    let result = pub.attempts > 1 ? await steps.find(item, pub) : undefined;
    result ??= await steps.post(item, pub);
    // The platform has the post and we have not written it down: the moment a crash is worst.
    deps.afterPlatformPost?.(platform);
    const publishedAt = deps.now().toISOString();
    await deps.recordPublished(pub, { ...result, publishedAt });
    await deps.audit({
      itemId: item.id,
      action: `published.${platform}`,
      actor: 'sebar',
      detail: { ...result },
    });
    // A failure here is a TransientError: the step is retried and finds the post recorded (above).
    const threadIds =
      platform === 'x' ? (await deps.getPublication(item.id, 'x', pub.revision))?.threadIds : [];
    await archivePublication(item, { ...pub, threadIds }, result, publishedAt, deps);
    return done(result);
  } catch (error) {
    if (error instanceof RateLimitedError) return waitFor(error.retryAt, error.message);
    if (error instanceof NotReadyError) {
      // Media still processing: look again soon, a little later each time.
      return waitFor(new Date(deps.now().getTime() + Math.min(60, 5 * pub.attempts) * 1000), error.message);
    }
    if (error instanceof DuplicateContentError) {
      // X says it has this text already: that is our post from an attempt we did not hear back from.
      const found = await steps.find(item, pub);
      if (found) {
        await deps.recordPublished(pub, found);
        return done(found);
      }
    }
    if (error instanceof PlatformRejectedError) await deps.recordFailed(pub, error.message);
    throw error;
  }
};

const archivePublication = async (
  item: ContentItem,
  pub: Publication,
  post: Published,
  publishedAt: string,
  deps: PublishDeps,
): Promise<void> => {
  if (!deps.archive) return;
  const { auditTrail: trail, keepRecord: keep } = deps.archive;
  const record = await publicationRecord(item, { ...pub, publishedAt }, post, {
    auditTrail: trail,
    getObjectBytes: deps.getObjectBytes,
    sentKey: async (m) =>
      pub.platform === 'instagram' && (await deps.headObject(convertedKey(m))) ? convertedKey(m) : m.key,
  });
  await keep(record);
};

/** Where the copy of an image converted for Instagram is kept (made once, reused by later attempts). */
const convertedKey = (m: MediaRef): string =>
  `media/instagram/${createHash('sha256').update(`${CONVERSION_VERSION}:${m.key}`).digest('hex').slice(0, 32)}.jpg`;

/**
 * The S3 key of an image Instagram will take: the upload itself when it is already a JPEG within the
 * aspect ratios, otherwise a converted copy, made once and reused by later attempts.
 */
const instagramReadyKey = async (itemId: string, m: MediaRef, deps: PublishDeps): Promise<string> => {
  const key = convertedKey(m);
  if (await deps.headObject(key)) return key;
  let prepared: Awaited<ReturnType<typeof prepareForInstagram>>;
  try {
    prepared = await prepareForInstagram(await deps.getObjectBytes(m.key));
  } catch (error) {
    throw new PlatformRejectedError(
      `The image ${m.key} cannot be read for Instagram: ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  if (!prepared.converted) return m.key;
  await deps.putObject(key, prepared.bytes, 'image/jpeg');
  await deps.audit({
    itemId,
    action: 'media.converted',
    actor: 'sebar',
    detail: {
      from: m.key,
      to: key,
      reasons: prepared.reasons,
      width: prepared.width,
      height: prepared.height,
    },
  });
  return key;
};

const instagramSteps = (deps: PublishDeps): PublishSteps => {
  const instagram = deps.instagram;
  return {
    find: async (item, pub) => {
      const since = minutesBefore(pub.startedAt, 5);
      const match = (await instagram.recentMedia()).find(
        (m) => normalise(m.caption ?? '') === normalise(item.caption) && (m.timestamp ?? since) >= since,
      );
      return match
        ? { postId: match.id, url: match.permalink ?? (await instagram.permalink(match.id)) }
        : undefined;
    },
    post: async (item, pub) => {
      let containerId = pub.containerId;
      let status = containerId ? await instagram.containerStatus(containerId) : undefined;
      if (!containerId || status === 'EXPIRED' || status === 'ERROR') {
        if (status === 'ERROR') throw new PlatformRejectedError('Instagram could not process the media');
        const quota = await instagram.publishingQuota();
        if (quota.used >= quota.total) {
          throw new RateLimitedError(
            `Instagram's publishing limit is reached (${quota.used} of ${quota.total} in 24 hours)`,
            new Date(deps.now().getTime() + 3600_000),
          );
        }
        const media = mediaFor(item.media, 'instagram');
        const keys: string[] = [];
        for (const m of media) keys.push(await instagramReadyKey(item.id, m, deps));
        const urls = await Promise.all(keys.map((k) => deps.presignedGetUrl(k)));
        if (media.length === 1) {
          containerId = await instagram.createImageContainer(urls[0] ?? '', {
            caption: item.caption,
            altText: media[0]?.altText,
          });
        } else {
          const children: string[] = [];
          for (const [i, url] of urls.entries()) {
            children.push(
              await instagram.createImageContainer(url, {
                altText: media[i]?.altText,
                carouselItem: true,
              }),
            );
          }
          containerId = await instagram.createCarouselContainer(children, item.caption);
        }
        await deps.recordContainer(pub, containerId);
        status = await instagram.containerStatus(containerId);
      }
      if (status === 'IN_PROGRESS')
        throw new NotReadyError(`Instagram container ${containerId} is still processing`);
      // Containers expire (after 24 hours); the next attempt makes a new one.
      if (status === 'EXPIRED') throw new NotReadyError(`Instagram container ${containerId} expired`);
      if (status === 'ERROR') throw new PlatformRejectedError('Instagram could not process the media');
      const mediaId = await instagram.publish(containerId);
      return { postId: mediaId, url: await instagram.permalink(mediaId) };
    },
  };
};

export const publishToInstagram = (
  req: PublishRequest,
  deps: PublishDeps = publishDeps(),
): Promise<PublishOutcome> => publishOnce(req, 'instagram', instagramSteps(deps), deps);

/**
 * Posts the rest of an X thread after its first post, each part once: parts already recorded are skipped,
 * and a part that may have gone out unrecorded (an unknown outcome) is looked for among the account's
 * recent posts before it is posted. A thread interrupted halfway is finished, not restarted or abandoned.
 * X refuses a part whose text it already has from an earlier thread (a repeated closing line): the
 * thread then stays published as far as it got, with a warning that says which part is missing.
 */
const finishThread = async (
  item: ContentItem,
  pub: Publication,
  headId: string,
  deps: PublishDeps,
): Promise<string | undefined> => {
  const x = deps.x;
  const parts = splitForX(item.caption);
  // Read again: an earlier attempt may have recorded parts after this attempt read the publication.
  const stored = (await deps.getPublication(item.id, 'x', pub.revision))?.threadIds ?? [];
  const ids = stored[0] === headId ? [...stored] : [headId];
  if (ids.length >= parts.length) return undefined;
  let recent: { id: string; text: string; replyTo?: string }[] | undefined;
  const recentPosts = async () => {
    recent ??= await x.recentPosts(minutesBefore(pub.startedAt, 5));
    return recent;
  };
  for (let i = ids.length; i < parts.length; i++) {
    const text = parts[i] ?? '';
    // Ours only if it answers our previous part: a closing line may repeat an earlier thread's.
    const seen = async () =>
      (await recentPosts()).find((p) => comparable(p.text) === comparable(text) && p.replyTo === ids[i - 1])
        ?.id;
    let id = pub.attempts > 1 ? await seen() : undefined;
    if (!id) {
      try {
        id = await x.post(text, { replyTo: ids[i - 1] ?? headId });
      } catch (error) {
        if (!(error instanceof DuplicateContentError)) throw error;
        recent = undefined;
        id = await seen();
        if (!id)
          return `X refused part ${i + 1} of ${parts.length} as a duplicate of an earlier post; the thread ends at part ${i}`;
      }
    }
    ids.push(id);
    await deps.recordThreadParts(pub, ids);
  }
  return undefined;
};

const xSteps = (deps: PublishDeps): PublishSteps => {
  const x = deps.x;
  return {
    find: async (item, pub) => {
      const first = splitForX(item.caption)[0] ?? '';
      const posts = await x.recentPosts(minutesBefore(pub.startedAt, 5));
      const match = posts.find((p) => comparable(p.text) === comparable(first));
      if (!match) return undefined;
      const warning = await finishThread(item, pub, match.id, deps);
      return { postId: match.id, url: x.postUrl(match.id), ...(warning ? { warning } : {}) };
    },
    post: async (item, pub) => {
      const parts = splitForX(item.caption);
      // Media uploaded by an earlier attempt are polled, not uploaded again.
      let mediaIds = pub.mediaIds ?? [];
      let pending: string[] = mediaIds;
      const media = mediaFor(item.media, 'x').slice(0, 4);
      if (mediaIds.length !== media.length) {
        mediaIds = [];
        pending = [];
        for (const m of media) {
          const uploaded = await x.uploadMedia(await deps.getObjectBytes(m.key), m.contentType);
          if (uploaded.state === 'failed') throw new PlatformRejectedError('X could not process the media');
          await x.setAltText(uploaded.id, m.altText);
          mediaIds.push(uploaded.id);
          if (uploaded.state !== 'succeeded') pending.push(uploaded.id);
        }
        await deps.recordMedia(pub, mediaIds);
      }
      for (const id of pending) {
        const state = (await x.mediaStatus(id)).state;
        if (state === 'failed') throw new PlatformRejectedError('X could not process the media');
        if (state !== 'succeeded') throw new NotReadyError(`X media ${id} is still processing`);
      }
      const firstId = await x.post(parts[0] ?? item.caption, { mediaIds });
      await deps.recordThreadParts(pub, [firstId]);
      const warning = await finishThread(item, pub, firstId, deps);
      return { postId: firstId, url: x.postUrl(firstId), ...(warning ? { warning } : {}) };
    },
  };
};

export const publishToX = (req: PublishRequest, deps: PublishDeps = publishDeps()): Promise<PublishOutcome> =>
  publishOnce(req, 'x', xSteps(deps), deps);
