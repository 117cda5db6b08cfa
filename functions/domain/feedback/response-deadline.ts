import {
  addWorkingDays,
  type Deadline,
  deadlineAtEndOf,
  isLate,
  type WorkingCalendar,
  wibDay,
  workingDaysLate,
} from '../support/working-days';

/**
 * When a citizen's question must have an answer: by the end (WIB) of the `workingDays`th working day after
 * the day it was written. With the default of one working day, a question from Friday afternoon or from the
 * weekend is due by the end of Monday, one from the day before Natal by the end of the day after it. Pure:
 * the inbox, the digest and the dashboard each pass the office's calendar in (see office-calendar.ts).
 */

export interface ResponseRules {
  readonly calendar: WorkingCalendar;
  /** RESPONSE_WORKING_DAYS: 0 means by the end of the day it arrived (or the next working day). */
  readonly workingDays: number;
}

/** The fields the rule reads from a feedback record. */
export interface AnswerableFeedback {
  readonly createdAt: string;
  readonly receivedAt?: string;
  readonly label?: string | null;
  readonly status: string;
}

const writtenAt = (f: AnswerableFeedback): string =>
  Number.isFinite(Date.parse(f.createdAt)) ? f.createdAt : (f.receivedAt ?? f.createdAt);

/** The deadline for answering this feedback, whatever its label or status. */
export const responseDue = (f: AnswerableFeedback, rules: ResponseRules): Deadline =>
  deadlineAtEndOf(addWorkingDays(rules.calendar, wibDay(writtenAt(f)), rules.workingDays));

/** A question still unanswered (status open) after the end of its response deadline's day. */
export const isResponseOverdue = (f: AnswerableFeedback, rules: ResponseRules, now: Date): boolean =>
  f.label === 'question' && f.status === 'open' && isLate(responseDue(f, rules), now);

/** How many working days an unanswered question is past its deadline (0 when it is not). */
export const responseWorkingDaysLate = (f: AnswerableFeedback, rules: ResponseRules, now: Date): number =>
  isResponseOverdue(f, rules, now) ? workingDaysLate(rules.calendar, responseDue(f, rules), now) : 0;
