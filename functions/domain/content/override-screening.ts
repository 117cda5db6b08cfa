import * as z from 'zod';
import { audit } from '../../adapters/audit-repo';
import { getItem, saveScreeningOverride } from '../../adapters/items-repo';
import { config } from '../../common/config';
import { ConflictError, ForbiddenError } from '../../common/errors';
import type { StaffIdentity } from '../../common/http';
import { keepRecord } from '../archive/records';
import { resume } from './revise-content';

/**
 * A supervisor overrides a blocked item that screening flagged wrongly (a false positive: a public
 * hotline read as a mobile number, a doctor's name beside a programme). The written justification is
 * stored on the item and in the audit trail with who and when; the same revision then goes to the
 * approvers, who see the override in their email. Only the `supervisor` group may do this.
 */
export const overrideInput = z
  .object({
    justification: z
      .string()
      .trim()
      .min(20, 'explain in at least 20 characters why the screening was wrong')
      .max(2000),
  })
  .strict();

export const overrideScreening = async (
  id: string,
  input: z.output<typeof overrideInput>,
  who: StaffIdentity,
  request: { ip?: string; userAgent?: string } = {},
): Promise<{ id: string; status: 'overridden'; revision: number }> => {
  if (!who.groups.includes('supervisor'))
    throw new ForbiddenError('Only a supervisor may override a blocked item');
  const item = await getItem(id);
  if (item.status !== 'blocked' || !item.revisionToken)
    throw new ConflictError(`Item ${id} is ${item.status}; only a blocked item can be overridden`);
  const by = who.email ?? who.subject;
  const at = new Date().toISOString();
  const override = {
    by,
    at,
    justification: input.justification,
    revision: item.revision,
    reasons: item.screening?.reasons ?? [],
  };
  // The approvers get the usual time from now: the block may have lasted longer than the old deadline.
  const deadline =
    item.screeningOverride?.revision === item.revision && item.approvalDeadline > at
      ? item.approvalDeadline
      : new Date(Date.now() + config().APPROVAL_DEADLINE_HOURS * 3600_000).toISOString();
  // A second call after a failed hand-over finds the override saved and hands it over again.
  if (!item.screeningOverride || item.screeningOverride.revision !== item.revision) {
    if (!(await saveScreeningOverride(id, override, deadline)))
      throw new ConflictError(`Item ${id} changed meanwhile; reload it`);
    await audit({
      itemId: id,
      action: 'screening.overridden',
      actor: by,
      at,
      detail: { ...override, groups: who.groups, ...request },
    });
  }
  // Outside the first write, so a second call (its hand-over failed) writes a missing record; from the
  // stored override, so it is the same record both times.
  const kept = item.screeningOverride?.revision === item.revision ? item.screeningOverride : override;
  await keepRecord({
    kind: 'decision',
    id: `override-${id}-r${item.revision}`,
    at: kept.at,
    itemId: id,
    action: 'override',
    by: kept.by,
    revision: item.revision,
    comment: kept.justification,
    detail: { reasons: kept.reasons },
  });
  const approvalTimeoutSeconds = Math.max(1, Math.floor((Date.parse(deadline) - Date.now()) / 1000));
  await resume(item, item.revision, item.revisionToken, { override: true, approvalTimeoutSeconds });
  return { id, status: 'overridden', revision: item.revision };
};
