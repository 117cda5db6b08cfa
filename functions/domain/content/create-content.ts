import { audit } from '../../adapters/audit-repo';
import { putNewItem, setFields, transition } from '../../adapters/items-repo';
import { getObjectBytes, headObject, putObject } from '../../adapters/media-store';
import { FETCH_REFUSED_MESSAGE, MediaTooLargeError, safeFetch } from '../../adapters/safe-fetch';
import { startExecution } from '../../adapters/workflow';
import { config } from '../../common/config';
import { TransientError, ValidationError } from '../../common/errors';
import { log } from '../../common/logger';
import { putMetric } from '../../common/metrics';
import { publishMonthOf } from './calendar';
import { type ContentInput, type ContentItem, type MediaRef, newItemId, revisionHash } from './content';
import { extensionFor, MAX_IMAGE_BYTES, requireImage } from './media';
import { publishAtTooFar } from './publish-window';

const fetchImage = async (url: string, field: string): Promise<Buffer> => {
  const cfg = config();
  try {
    const { bytes } = await safeFetch(url, {
      allowPrivate: cfg.SEBAR_ALLOW_PRIVATE_MEDIA_URLS,
      maxBytes: MAX_IMAGE_BYTES,
      timeoutMs: cfg.MEDIA_FETCH_TIMEOUT_MS,
      maxRedirects: 3,
    });
    return bytes;
  } catch (error) {
    if (error instanceof MediaTooLargeError)
      throw new ValidationError('Image is too large', [{ path: field, message: 'image is over 8 MiB' }]);
    // One message for every refusal (the reason is in the log), so addresses and ports cannot be mapped.
    throw new ValidationError('Image could not be downloaded', [
      { path: field, message: FETCH_REFUSED_MESSAGE },
    ]);
  }
};

const loadSource = async (m: ContentInput['media'][number], field: string): Promise<Buffer> => {
  if (m.dataBase64 !== undefined) return Buffer.from(m.dataBase64, 'base64');
  if (m.url !== undefined) return fetchImage(m.url, `${field}.url`);
  const key = m.s3Key ?? '';
  const head = await headObject(key);
  if (!head)
    throw new ValidationError('Media not found', [{ path: `${field}.s3Key`, message: `no object ${key}` }]);
  if (head.bytes > MAX_IMAGE_BYTES)
    throw new ValidationError('Image is too large', [
      { path: `${field}.s3Key`, message: 'image is over 8 MiB' },
    ]);
  return getObjectBytes(key);
};

/**
 * Copies each media source into the bucket under media/<itemId>/r<revision>/, checking it is a real image.
 * Keys are new for every revision, so a revision's hash changes whenever its images do.
 * Every image is loaded and checked before the first is written, so a submission refused at any image
 * leaves nothing in the bucket.
 */
export const storeMedia = async (
  itemId: string,
  revision: number,
  input: Pick<ContentInput, 'media'>,
): Promise<MediaRef[]> => {
  const loaded: {
    bytes: Buffer;
    contentType: 'image/jpeg' | 'image/png';
    altText: string;
    platforms?: MediaRef['platforms'];
  }[] = [];
  for (const [i, m] of input.media.entries()) {
    const field = `media.${i}`;
    const bytes = await loadSource(m, field);
    loaded.push({
      bytes,
      contentType: requireImage(bytes, field),
      altText: m.altText,
      ...(m.platforms ? { platforms: m.platforms } : {}),
    });
  }
  const refs: MediaRef[] = [];
  for (const [i, { bytes, contentType, altText, platforms }] of loaded.entries()) {
    const key = `media/${itemId}/r${revision}/${i + 1}.${extensionFor(contentType)}`;
    await putObject(key, bytes, contentType);
    refs.push({ key, contentType, bytes: bytes.length, altText, ...(platforms ? { platforms } : {}) });
  }
  return refs;
};

export interface CreatedContent {
  readonly id: string;
  readonly executionArn: string;
}

export const createContent = async (
  input: ContentInput,
  actor: string,
  now = new Date(),
): Promise<CreatedContent> => {
  const publishAt = new Date(input.publishAt);
  if (publishAt.getTime() < now.getTime() - 60_000) {
    throw new ValidationError('publishAt is in the past', [
      { path: 'publishAt', message: 'must be in the future' },
    ]);
  }
  const cfg = config();
  const tooFar = publishAtTooFar(publishAt, now, cfg.MAX_PUBLISH_AHEAD_DAYS);
  if (tooFar) throw new ValidationError('publishAt is too far ahead', [tooFar]);
  const deadline = input.approvalDeadline
    ? new Date(input.approvalDeadline)
    : new Date(now.getTime() + cfg.APPROVAL_DEADLINE_HOURS * 3600_000);
  if (deadline.getTime() <= now.getTime() || deadline.getTime() > now.getTime() + 30 * 86_400_000) {
    throw new ValidationError('approvalDeadline is out of range', [
      { path: 'approvalDeadline', message: 'must be in the future and within 30 days' },
    ]);
  }
  const id = newItemId(now.getTime());
  const media = await storeMedia(id, 1, input);
  const createdAt = now.toISOString();
  const draft = {
    id,
    kind: 'item',
    title: input.title,
    caption: input.caption,
    platforms: input.platforms,
    publishAt: publishAt.toISOString(),
    publishMonth: publishMonthOf(publishAt),
    evaluateAfter: input.evaluateAfter,
    reevaluateAfter: input.reevaluateAfter,
    sources: input.sources,
    media,
    approvers: input.approvers ?? cfg.DEFAULT_APPROVERS,
    approvalRule: input.approvalRule,
    approvalLanguage: input.approvalLanguage,
    approvalReminderBefore: input.approvalReminderBefore,
    approvalDeadline: deadline.toISOString(),
    revision: 1,
    status: 'submitted',
    statusRank: 0,
    createdAt,
    createdBy: actor,
    updatedAt: createdAt,
    stages: { submitted: { at: createdAt } },
  } satisfies Omit<ContentItem, 'revisionHash'>;
  const hash = revisionHash(draft);
  const item: ContentItem = {
    ...draft,
    revisionHash: hash,
    revisions: [{ revision: 1, hash, at: createdAt, by: actor }],
  };
  await putNewItem(item);
  await audit({
    itemId: id,
    action: 'content.submitted',
    actor,
    at: createdAt,
    detail: { title: item.title },
  });

  try {
    // The execution is named after the item, so a repeated start cannot create a second one.
    const executionArn = await startExecution(id, { itemId: id, revision: 1 });
    await setFields(id, { executionArn });
    putMetric('ItemSubmitted', 1, {}, { itemId: id });
    return { id, executionArn };
  } catch (error) {
    log.error('could not start the workflow', { itemId: id, error });
    await transition(id, {
      status: 'failed',
      stage: 'failed',
      reason: 'The workflow could not be started; submit the item again.',
    });
    throw new TransientError('The workflow could not be started; the item was marked failed. Try again.');
  }
};
