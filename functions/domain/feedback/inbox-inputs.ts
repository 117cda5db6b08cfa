import * as z from 'zod';
import { CATEGORIES, LABELS } from './classifier-lexicon';

/**
 * What the staff inbox API accepts (feedback-api): its query and bodies. Apart from inbox.ts so the
 * functions that only read feedback (the dashboard, the evaluation, the digest) do not build these
 * schemas at every cold start (docs/decisions/0023).
 */

/** A colleague's sign-in email (as Cognito or the local gateway gives it; `staf@localhost` included). */
const staffEmail = z
  .string()
  .trim()
  .toLowerCase()
  .max(254)
  .regex(/^[^\s@"<>]+@[^\s@"<>]+$/, 'must be a colleague’s email address');

export const inboxQuery = z.strictObject({
  label: z.enum(LABELS).optional(),
  /** A complaint category (classifier-lexicon.ts). */
  category: z.enum(CATEGORIES).optional(),
  /** A colleague's email, or `none` for messages given to nobody. */
  assignedTo: z.union([z.literal('none'), staffEmail]).optional(),
  status: z.enum(['open', 'answered', 'closed']).optional(),
  platform: z.enum(['instagram', 'x']).optional(),
  itemId: z
    .string()
    .regex(/^c[0-9a-z]{21}$/)
    .optional(),
  urgent: z.enum(['true', 'false']).optional(),
  /** Only messages that matched this keyword watch (see WATCH_KEYWORDS). */
  watch: z.string().trim().toLowerCase().min(2).max(60).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});

export const replyInput = z
  .object({
    text: z.string().trim().min(1).max(2200),
    /**
     * How many replies the sender saw when writing. A reply a colleague sent meanwhile makes this one a 409
     * that names who answered, instead of a second answer to the citizen. Left out: the count stored now.
     */
    seenReplies: z.number().int().min(0).max(10_000).optional(),
  })
  .strict();

export const closeInput = z
  .object({ note: z.string().trim().min(1, 'say how it was handled').max(2000) })
  .strict();

export const labelInput = z
  .object({
    label: z.enum(LABELS),
    /** Complaints only (the classifier's categories); null or left out for other labels. */
    category: z.enum(CATEGORIES).nullable().optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    if (v.label === 'complaint' && !v.category)
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'a complaint needs a category' });
    if (v.label !== 'complaint' && v.category)
      ctx.addIssue({ code: 'custom', path: ['category'], message: 'only complaints have a category' });
  });

export const assignInput = z
  .object({
    /** A colleague's email; null gives the message back to nobody. */
    to: staffEmail.nullable(),
  })
  .strict();

export const writingInput = z.object({ active: z.boolean() }).strict();
