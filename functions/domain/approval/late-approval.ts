import { publishAtTooFar } from '../content/publish-window';
import { localFields, zonedInstant } from '../support/zoned-time';

/**
 * An approval that arrives after the item's publish time (issue 12, item 6; docs/decisions/0017). The
 * approver is told, and approving then needs an explicit choice: publish now, or a new time typed on the
 * office's wall clock. These are the pure rules; decide-approval applies them.
 */

export type LateChoice = 'now' | 'new-time';

/** What a late approval recorded: the time that had passed, the choice, and the time it publishes. */
export interface LateApproval {
  readonly plannedAt: string;
  readonly choice: LateChoice;
  readonly publishAt: string;
}

/** Why a late approval's form was refused (the page says it in words). */
export type LateError = 'choiceMissing' | 'timeMissing' | 'timeInvalid' | 'timeNotFuture' | 'timeTooFar';

/** Whether the publish time has passed at `now`. */
export const isLate = (publishAt: string, now: Date): boolean =>
  new Date(publishAt).getTime() < now.getTime();

const WALL_CLOCK = /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2}))?$/;

/**
 * The instant of a wall-clock time in the zone, as an `<input type="datetime-local">` sends it
 * (`YYYY-MM-DDTHH:mm`, seconds optional). Undefined for anything else, including days that do not exist
 * (31 November) and times a daylight-saving change skips.
 */
export const parseWallClock = (text: string, timeZone: string): Date | undefined => {
  const m = WALL_CLOCK.exec(text);
  if (!m) return undefined;
  const [y = 0, mo = 0, d = 0, h = 0, mi = 0, s = 0] = m.slice(1).map((v) => Number(v ?? 0));
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return undefined;
  const ms = zonedInstant(y, mo, d, timeZone, h, mi) + s * 1000;
  const back = localFields(ms, timeZone);
  const same =
    back.year === y &&
    back.month === mo &&
    back.day === d &&
    back.hour === h &&
    back.minute === mi &&
    back.second === s;
  return same ? new Date(ms) : undefined;
};

/** The instant as the datetime-local field shows it, to the minute, in the zone. */
export const wallClockValue = (at: Date, timeZone: string): string => {
  const f = localFields(at.getTime(), timeZone);
  const two = (n: number) => String(n).padStart(2, '0');
  return `${f.year}-${two(f.month)}-${two(f.day)}T${two(f.hour)}:${two(f.minute)}`;
};

export interface LateForm {
  readonly lateChoice?: LateChoice;
  readonly newPublishAt?: string;
}

/**
 * The late approval a form asks for, or why it cannot be accepted. `now` is the decision time, which is
 * also when "publish now" publishes; a new time must be in the future and inside the publish window.
 */
export const lateApproval = (
  plannedAt: string,
  form: LateForm,
  now: Date,
  opts: { timeZone: string; maxDays: number },
): LateApproval | LateError => {
  if (form.lateChoice === 'now') return { plannedAt, choice: 'now', publishAt: now.toISOString() };
  if (form.lateChoice !== 'new-time') return 'choiceMissing';
  const typed = (form.newPublishAt ?? '').trim();
  if (!typed) return 'timeMissing';
  const at = parseWallClock(typed, opts.timeZone);
  if (!at) return 'timeInvalid';
  if (at.getTime() <= now.getTime()) return 'timeNotFuture';
  if (publishAtTooFar(at, now, opts.maxDays)) return 'timeTooFar';
  return { plannedAt, choice: 'new-time', publishAt: at.toISOString() };
};

export const isLateError = (x: LateApproval | LateError): x is LateError => typeof x === 'string';
