import * as z from 'zod';
import { audit } from '../../adapters/audit-repo';
import { getItem, reschedule, transition } from '../../adapters/items-repo';
import { listPublications } from '../../adapters/publications-repo';
import { stopExecution } from '../../adapters/workflow';
import { config } from '../../common/config';
import { ConflictError, ValidationError } from '../../common/errors';
import { keepRecord } from '../archive/records';
import { formatLocal } from '../support/time';
import { publishMonthOf } from './calendar';
import { type ContentItem, isOpen, openStatuses } from './content';
import { publishAtTooFar } from './publish-window';

export const rescheduleInput = z
  .object({
    publishAt: z.iso.datetime({ offset: true, message: 'must be ISO 8601 with a time-zone offset' }),
    note: z.string().trim().max(1000).optional(),
  })
  .strict();

export const cancelInput = z.object({ reason: z.string().trim().min(1, 'say why').max(1000) }).strict();

const requireOpen = async (item: ContentItem, what: string): Promise<void> => {
  if (!isOpen(item.status)) {
    throw new ConflictError(`Item ${item.id} is ${item.status}; it can no longer be ${what}`);
  }
  if ((await listPublications(item.id)).length > 0) {
    throw new ConflictError(`Item ${item.id} has started publishing; it can no longer be ${what}`);
  }
};

/**
 * Moves the publish time. The approval stands (the revision hash does not cover the schedule); the
 * change is recorded. The waiting workflow reads the new time at its next schedule check.
 */
export const rescheduleContent = async (
  id: string,
  input: z.output<typeof rescheduleInput>,
  actor: string,
  now = new Date(),
) => {
  const item = await getItem(id);
  await requireOpen(item, 'rescheduled');
  const publishAt = new Date(input.publishAt);
  if (publishAt.getTime() < now.getTime() + 5_000) {
    throw new ValidationError('publishAt is too soon', [
      { path: 'publishAt', message: 'must be at least 5 seconds ahead' },
    ]);
  }
  const tooFar = publishAtTooFar(publishAt, now, config().MAX_PUBLISH_AHEAD_DAYS);
  if (tooFar) throw new ValidationError('publishAt is too far ahead', [tooFar]);
  const at = now.toISOString();
  const entry = {
    from: item.publishAt,
    to: publishAt.toISOString(),
    at,
    by: actor,
    ...(input.note ? { note: input.note } : {}),
  };
  if (!(await reschedule(id, item, entry, publishMonthOf(entry.to))))
    throw new ConflictError(`Item ${id} changed meanwhile; reload it and try again`);
  await audit({ itemId: id, action: 'content.rescheduled', actor, at, detail: entry });
  await keepRecord({
    kind: 'decision',
    id: `rescheduled-${id}-${at.replace(/[^0-9]/g, '')}`,
    at,
    itemId: id,
    action: 'rescheduled',
    by: actor,
    revision: item.revision,
    ...(input.note ? { comment: input.note } : {}),
    detail: { from: entry.from, to: entry.to },
  });
  return {
    id,
    publishAt: entry.to,
    publishAtLocal: formatLocal(entry.to, config().DISPLAY_TIME_ZONE),
    approvalKept: item.status === 'scheduled',
  };
};

/** Cancels an item that has not started publishing: stops its execution and records why. */
export const cancelContent = async (id: string, input: z.output<typeof cancelInput>, actor: string) => {
  const item = await getItem(id);
  await requireOpen(item, 'cancelled');
  const at = new Date().toISOString();
  // Cancelled first, and only from a status that has not begun publishing: a publish starting meanwhile
  // makes this 409 instead of a published item marked cancelled. Publishing refuses a cancelled item.
  const moved = await transition(id, {
    status: 'cancelled',
    stage: 'cancelled',
    reason: `Cancelled by ${actor}: ${input.reason}`,
    at,
    onlyFrom: openStatuses,
  });
  if (!moved)
    throw new ConflictError(`Item ${id} changed meanwhile (it may have started publishing); reload it`);
  // An execution already gone (finished, or never started) has nothing left to stop.
  if (item.executionArn)
    await stopExecution(item.executionArn, { error: 'Cancelled', cause: input.reason.slice(0, 1000) });
  await audit({ itemId: id, action: 'content.cancelled', actor, at, detail: { reason: input.reason } });
  await keepRecord({
    kind: 'decision',
    id: `cancelled-${id}`,
    at,
    itemId: id,
    action: 'cancelled',
    by: actor,
    revision: item.revision,
    comment: input.reason,
  });
  return { id, status: 'cancelled' };
};
