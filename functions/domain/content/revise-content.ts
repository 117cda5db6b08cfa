import * as z from 'zod';
import { audit } from '../../adapters/audit-repo';
import { clearRevisionToken, getItem, saveRevision } from '../../adapters/items-repo';
import { sendTaskSuccess, TaskClosedError } from '../../adapters/workflow';
import { config } from '../../common/config';
import { ConflictError, TransientError, ValidationError } from '../../common/errors';
import { log } from '../../common/logger';
import { publishMonthOf } from './calendar';
import { type ContentItem, captionProblems, contentFields, mediaProblems, revisionHash } from './content';
import { storeMedia } from './create-content';
import { publishAtTooFar } from './publish-window';

/** What staff may change in a revision; everything else stays as approved before. */
export const revisionInput = contentFields
  .pick({ title: true, caption: true, media: true, sources: true, publishAt: true })
  .partial()
  .extend({ note: z.string().trim().max(1000).optional() })
  .strict()
  .refine(
    (r) => Object.keys(r).some((k) => k !== 'note'),
    'change at least one of title, caption, media, sources, publishAt',
  );
export type RevisionInput = z.output<typeof revisionInput>;

/** Hands the workflow what it waits for (a revision, or an override of a block) and clears the token. */
export const resume = async (
  item: ContentItem,
  revision: number,
  token: string,
  extra: Record<string, unknown> = {},
): Promise<void> => {
  try {
    await sendTaskSuccess(token, { revision, ...extra });
  } catch (error) {
    if (error instanceof TaskClosedError) {
      throw new ConflictError(
        'The workflow stopped waiting for this revision (the revision deadline passed)',
      );
    }
    log.error('could not resume the workflow with the revision', { itemId: item.id, error });
    throw new TransientError('The revision is saved but the workflow did not take it yet; submit again');
  }
  await clearRevisionToken(item.id, revision);
};

/**
 * Staff answer a change request with a new revision. The item gets a new revision number and hash,
 * fact-finding and approval run again, and links for the previous revision stop working.
 */
export const reviseContent = async (
  id: string,
  input: RevisionInput,
  actor: string,
  now = new Date(),
): Promise<{ id: string; revision: number; revisionHash: string }> => {
  const item = await getItem(id);
  // A revision saved before, whose hand-over to the workflow failed, is handed over again.
  if (item.status === 'submitted' && item.revisionToken && item.revision > 1) {
    await resume(item, item.revision, item.revisionToken);
    return { id, revision: item.revision, revisionHash: item.revisionHash };
  }
  if (!['changes-requested', 'blocked'].includes(item.status) || !item.revisionToken) {
    throw new ConflictError(
      `Item ${id} is ${item.status}; only an item with changes requested or a blocked item takes a revision`,
    );
  }
  const revision = item.revision + 1;
  const caption = input.caption ?? item.caption;
  const problems = [
    ...captionProblems(caption, item.platforms).map((message) => ({ path: 'caption', message })),
    ...mediaProblems(input.media ?? item.media, item.platforms).map((message) => ({
      path: 'media',
      message,
    })),
  ];
  if (problems.length) throw new ValidationError('Invalid revision', problems);
  const publishAt = input.publishAt ? new Date(input.publishAt).toISOString() : item.publishAt;
  if (new Date(publishAt).getTime() < now.getTime() - 60_000) {
    throw new ValidationError('publishAt is in the past', [
      { path: 'publishAt', message: 'must be in the future' },
    ]);
  }
  const tooFar = publishAtTooFar(new Date(publishAt), now, config().MAX_PUBLISH_AHEAD_DAYS);
  if (input.publishAt && tooFar) throw new ValidationError('publishAt is too far ahead', [tooFar]);
  const media = input.media ? await storeMedia(id, revision, { media: input.media }) : item.media;
  const hash = revisionHash({ caption, media, platforms: item.platforms });
  const at = now.toISOString();
  const saved = await saveRevision(id, {
    fromRevision: item.revision,
    revision,
    title: input.title ?? item.title,
    caption,
    media,
    sources: input.sources ?? item.sources,
    publishAt,
    publishMonth: publishMonthOf(publishAt),
    revisionHash: hash,
    approvalDeadline: new Date(now.getTime() + config().APPROVAL_DEADLINE_HOURS * 3600_000).toISOString(),
    at,
    note: input.note ?? `revision ${revision} by ${actor}`,
    entry: { revision, hash, at, by: actor, ...(input.note ? { note: input.note } : {}) },
  });
  if (!saved) throw new ConflictError(`Item ${id} changed meanwhile; reload it and try again`);
  await audit({
    itemId: id,
    action: 'content.revised',
    actor,
    at,
    detail: {
      revision,
      hash,
      changed: Object.keys(input).filter((k) => k !== 'note'),
      ...(input.publishAt && Object.keys(input).every((k) => k === 'publishAt' || k === 'note')
        ? { rescheduleOnly: true }
        : {}),
    },
  });
  await resume(item, revision, item.revisionToken);
  return { id, revision, revisionHash: hash };
};
