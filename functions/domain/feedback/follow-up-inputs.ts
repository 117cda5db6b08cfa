import * as z from 'zod';
import { isDay } from '../support/working-days';
import { FOLLOW_UP_STATUSES } from './follow-ups';

/**
 * What the follow-up API accepts (feedback-api): its path, query and bodies. Apart from follow-ups.ts so the
 * functions that only read follow-ups (the dashboard, the evaluation, the monthly report) do not build these
 * schemas at every cold start (docs/decisions/0023).
 */

export const followUpIdParam = z.object({
  id: z.string().regex(/^fu-[A-Za-z0-9_-]{6,32}$/, 'not a follow-up id'),
});

const unit = z
  .string({ error: 'name the unit that follows it up, e.g. "Puskesmas Cibiru"' })
  .trim()
  .min(2, 'the unit must be 2 to 120 characters')
  .max(120, 'the unit must be 2 to 120 characters')
  .regex(/^[^\p{Cc}]+$/u, 'the unit must be one line of text');

export const createFollowUpInput = z
  .object({
    unit,
    /** A WIB date (`YYYY-MM-DD`: due by the end of that day) or an ISO 8601 instant with an offset. */
    dueAt: z
      .union(
        [
          z
            .string()
            .regex(/^\d{4}-\d{2}-\d{2}$/)
            .refine(isDay),
          z.iso.datetime({ offset: true }),
        ],
        {
          error:
            'must be a date (YYYY-MM-DD, a day in WIB) or an ISO 8601 date and time with a time-zone offset',
        },
      )
      .optional(),
    note: z.string().trim().min(1).max(2000).optional(),
  })
  .strict();

export const updateFollowUpInput = z.discriminatedUnion(
  'status',
  [
    z
      .object({ status: z.literal('in_progress'), note: z.string().trim().min(1).max(2000).optional() })
      .strict(),
    z
      .object({
        status: z.literal('resolved'),
        note: z
          .string({ error: 'a resolution note is required: say what was done' })
          .trim()
          .min(1, 'a resolution note is required: say what was done')
          .max(2000),
      })
      .strict(),
  ],
  { error: "status must be 'in_progress' or 'resolved'" },
);

export const followUpQuery = z.object({
  status: z.enum(FOLLOW_UP_STATUSES).optional(),
  unit: z.string().trim().min(1).max(120).optional(),
  overdue: z
    .enum(['true', 'false'])
    .transform((v) => v === 'true')
    .optional(),
});
