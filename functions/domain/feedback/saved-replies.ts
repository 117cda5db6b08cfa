import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import {
  deleteSavedReply,
  listSavedReplyRecords,
  putNewSavedReply,
  type SavedReply,
  updateSavedReply,
} from '../../adapters/saved-replies-repo';
import { ConflictError, NotFoundError } from '../../common/errors';

/**
 * Saved replies: answers staff reuse, in Indonesian, with placeholders the console fills in the reply box
 * before sending (the staff member sees and can change the final text; the server never sends a template).
 */

export type { SavedReply } from '../../adapters/saved-replies-repo';

/** The placeholders a saved reply may use, and what fills them. */
export const PLACEHOLDERS = ['nama', 'platform'] as const;
export type Placeholder = (typeof PLACEHOLDERS)[number];

const PLACEHOLDER = /\{([^{}\s]{1,30})\}/g;

/** Placeholders in a text that Sebar does not know (a typo such as `{nma}` would reach a citizen). */
export const unknownPlaceholders = (text: string): string[] =>
  [...text.matchAll(PLACEHOLDER)]
    .map((m) => m[1] as string)
    .filter((name) => !(PLACEHOLDERS as readonly string[]).includes(name));

/** Fills `{nama}` (the citizen's handle, with @) and `{platform}`; unknown placeholders stay as written. */
export const fillPlaceholders = (
  text: string,
  values: { readonly authorHandle: string; readonly platform: string },
): string =>
  text.replace(PLACEHOLDER, (whole, name: string) => {
    if (name === 'nama') return `@${values.authorHandle.replace(/^@/, '')}`;
    if (name === 'platform') return values.platform;
    return whole;
  });

export const savedReplyIdParam = z.object({
  id: z.string().regex(/^sr-[A-Za-z0-9_-]{6,32}$/, 'not a saved reply id'),
});

const oneLine = /^[^\p{Cc}]+$/u;
const fields = {
  title: z
    .string()
    .trim()
    .min(2, 'the title must be 2 to 80 characters')
    .max(80, 'the title must be 2 to 80 characters')
    .regex(oneLine, 'the title must be one line'),
  text: z
    .string()
    .trim()
    .min(1, 'the reply text is empty')
    .max(2200, 'the reply text must be at most 2,200 characters')
    .refine((t) => unknownPlaceholders(t).length === 0, {
      message: `unknown placeholder; use ${PLACEHOLDERS.map((p) => `{${p}}`).join(' or ')}`,
    }),
};

export const createSavedReplyInput = z.object(fields).strict();
export const updateSavedReplyInput = z.object({ ...fields, version: z.number().int().min(1) }).strict();
export const deleteSavedReplyQuery = z.strictObject({ version: z.coerce.number().int().min(1) });

export const listSavedReplies = async (): Promise<SavedReply[]> =>
  (await listSavedReplyRecords()).sort((a, b) => a.title.localeCompare(b.title, 'id'));

export const createSavedReply = async (
  input: z.output<typeof createSavedReplyInput>,
  actor: string,
): Promise<SavedReply> => {
  const at = new Date().toISOString();
  const reply: SavedReply = {
    id: `sr-${randomBytes(9).toString('base64url')}`,
    title: input.title,
    text: input.text,
    version: 1,
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
    updatedBy: actor,
  };
  if (!(await putNewSavedReply(reply)))
    throw new ConflictError('A saved reply with this id exists; try again');
  return reply;
};

const missingOrStale = async (id: string): Promise<never> => {
  if (!(await listSavedReplyRecords()).some((r) => r.id === id))
    throw new NotFoundError(`Saved reply ${id} does not exist`);
  throw new ConflictError(`Saved reply ${id} was changed by a colleague meanwhile; read it again`);
};

export const editSavedReply = async (
  id: string,
  input: z.output<typeof updateSavedReplyInput>,
  actor: string,
): Promise<{ id: string; version: number }> => {
  const change = { title: input.title, text: input.text, at: new Date().toISOString(), by: actor };
  if (!(await updateSavedReply(id, change, input.version))) return missingOrStale(id);
  return { id, version: input.version + 1 };
};

export const removeSavedReply = async (id: string, version: number): Promise<void> => {
  if (!(await deleteSavedReply(id, version))) await missingOrStale(id);
};
