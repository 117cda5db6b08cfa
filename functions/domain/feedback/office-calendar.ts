import * as z from 'zod';
import { audit } from '../../adapters/audit-repo';
import { getLeaveDaysRecord, type LeaveDaysRecord, replaceLeaveDays } from '../../adapters/settings-repo';
import { config } from '../../common/config';
import { ConflictError, ForbiddenError } from '../../common/errors';
import type { StaffIdentity } from '../../common/http';
import { isDay, type WorkingCalendar, workingCalendar } from '../support/working-days';
import type { ResponseRules } from './response-deadline';

/**
 * The office's working calendar: weekends and national public holidays come from the library, the office's
 * own leave days (cuti bersama, local leave; they change every year) from the settings table, which staff read
 * and supervisors change (`GET/PUT /settings/leave-days`). Deadlines for follow-ups and for answering
 * questions are counted on it.
 */

/** The earliest and latest year a leave day may be in (a typing guard, not a policy). */
const FIRST_YEAR = 2020;
const LAST_YEAR = 2100;
/** Leave days kept at once: a few years of cuti bersama. */
export const MAX_LEAVE_DAYS = 200;

const leaveDay = z
  .string({ error: 'each leave day must be a date written YYYY-MM-DD, e.g. "2026-12-24"' })
  .refine(isDay, { message: 'each leave day must be a real date written YYYY-MM-DD, e.g. "2026-12-24"' })
  .refine((d) => Number(d.slice(0, 4)) >= FIRST_YEAR && Number(d.slice(0, 4)) <= LAST_YEAR, {
    message: `each leave day must be in the years ${FIRST_YEAR} to ${LAST_YEAR}`,
  });

export const leaveDaysInput = z
  .object({
    days: z
      .array(leaveDay, { error: 'days must be a list of dates written YYYY-MM-DD' })
      .max(MAX_LEAVE_DAYS, `at most ${MAX_LEAVE_DAYS} leave days`),
    /** The version read with GET, so a save never overwrites someone else's newer one unseen. */
    version: z.number({ error: 'send the version you read with GET /settings/leave-days' }).int().min(0),
  })
  .strict();

export interface LeaveDaysView {
  readonly days: readonly string[];
  readonly version: number;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

const view = (r: LeaveDaysRecord): LeaveDaysView => ({
  days: r.days,
  version: r.version,
  ...(r.updatedAt ? { updatedAt: r.updatedAt } : {}),
  ...(r.updatedBy ? { updatedBy: r.updatedBy } : {}),
});

export const getLeaveDays = async (): Promise<LeaveDaysView> => view(await getLeaveDaysRecord());

/** Replaces the list (sorted, repeats dropped). Supervisors only; a stale version is a conflict. */
export const putLeaveDays = async (
  input: z.output<typeof leaveDaysInput>,
  staff: Pick<StaffIdentity, 'groups'>,
  actor: string,
  now = new Date(),
): Promise<LeaveDaysView> => {
  if (!staff.groups.includes('supervisor'))
    throw new ForbiddenError('Only a supervisor may change the office leave days; ask one to do it');
  const at = now.toISOString();
  const before = await getLeaveDaysRecord();
  const record: LeaveDaysRecord = {
    id: 'leave-days',
    days: [...new Set(input.days)].sort(),
    version: input.version + 1,
    updatedAt: at,
    updatedBy: actor,
  };
  // One of two supervisors saving from the same version wins; the other reloads and sees the winner's list.
  if (!(await replaceLeaveDays(record, input.version))) {
    const latest = await getLeaveDaysRecord();
    throw new ConflictError(
      `The leave days were changed by ${latest.updatedBy ?? 'someone else'} (now version ${latest.version}); ` +
        'load them again and repeat your change',
    );
  }
  const added = record.days.filter((d) => !before.days.includes(d));
  const removed = before.days.filter((d) => !record.days.includes(d));
  await audit({
    itemId: 'settings#leave-days',
    action: 'settings.leave-days',
    actor,
    at,
    detail: { version: record.version, added, removed },
  });
  return view(record);
};

/** Weekends, national public holidays and the office's leave days, as stored now. */
export const officeCalendar = async (): Promise<WorkingCalendar> =>
  workingCalendar((await getLeaveDaysRecord()).days);

/** The calendar and the response time (RESPONSE_WORKING_DAYS) for `responseDue` / `isResponseOverdue`. */
export const responseRules = async (calendar?: WorkingCalendar): Promise<ResponseRules> => ({
  calendar: calendar ?? (await officeCalendar()),
  workingDays: config().RESPONSE_WORKING_DAYS,
});
