import { randomBytes } from 'node:crypto';
import * as z from 'zod';
import { ConflictError, NotFoundError } from '../../common/errors';
import { platforms } from './content';
import { mediaKey } from './media-key';

/**
 * Drafts: a POST /content body in the making, saved by the console and continued later. A draft starts no
 * workflow and is checked only loosely (bounded strings and lists), because half-written is its normal
 * state; the full rules apply when it is submitted. Every save carries the version it was based on, and a
 * save based on an older version is refused (409), so a second tab cannot silently overwrite the first.
 */

const text = (max: number) => z.string().max(max);

export const draftData = z
  .object({
    title: text(200),
    caption: text(5000),
    platforms: z.array(z.enum(platforms)).max(platforms.length),
    publishAt: text(40),
    evaluateAfter: text(40),
    reevaluateAfter: text(40),
    sources: z
      .array(
        z
          .object({ url: text(2000), title: text(300), date: text(10) })
          .partial()
          .strict(),
      )
      .max(20),
    // Uploaded images only: a draft keeps a reference, never the bytes.
    media: z
      .array(
        z
          .object({
            s3Key: mediaKey,
            url: text(2000),
            altText: text(1000),
          })
          .partial()
          .strict(),
      )
      .max(10),
    approvers: z.array(text(254)).max(10),
    approvalRule: z.enum(['any', 'all']),
    approvalLanguage: z.enum(['id', 'en']),
    approvalReminderBefore: text(40),
    approvalDeadline: text(40),
  })
  .partial()
  .strict();
export type DraftData = z.output<typeof draftData>;

/** A draft's JSON body is small: texts and references, never images. */
export const MAX_DRAFT_BODY_BYTES = 256 * 1024;
export const MAX_DRAFTS_LISTED = 200;

export const draftIdSchema = z.string().regex(/^d[0-9a-z]{21}$/, 'not a draft id');
export const draftIdParam = z.object({ id: draftIdSchema });
export const createDraftInput = z.object({ data: draftData }).strict();
export const updateDraftInput = z.object({ version: z.number().int().min(1), data: draftData }).strict();

export interface DraftRecord {
  readonly id: string;
  readonly kind: 'draft';
  readonly version: number;
  /** Copied from data for the list (may be empty). */
  readonly title: string;
  readonly data: DraftData;
  readonly createdAt: string;
  readonly createdBy: string;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

/** Where drafts live (the drafts table on AWS and locally; a map in unit tests). */
export interface DraftStore {
  create(draft: DraftRecord): Promise<void>;
  get(id: string): Promise<DraftRecord | undefined>;
  /** Writes the draft only if the stored one still has `expectedVersion`; false otherwise. */
  replace(draft: DraftRecord, expectedVersion: number): Promise<boolean>;
  /** True when there was a draft to delete. */
  remove(id: string): Promise<boolean>;
  /** Newest first. */
  list(limit: number): Promise<DraftRecord[]>;
}

export const newDraftId = (now = Date.now()): string =>
  `d${now.toString(36).padStart(9, '0')}${randomBytes(6).toString('hex')}`;

const view = (d: DraftRecord) => ({ id: d.id, version: d.version, updatedAt: d.updatedAt, data: d.data });

export const createDraft = async (store: DraftStore, data: DraftData, actor: string, now = new Date()) => {
  const at = now.toISOString();
  const draft: DraftRecord = {
    id: newDraftId(now.getTime()),
    kind: 'draft',
    version: 1,
    title: data.title ?? '',
    data,
    createdAt: at,
    createdBy: actor,
    updatedAt: at,
    updatedBy: actor,
  };
  await store.create(draft);
  return view(draft);
};

export const getDraft = async (store: DraftStore, id: string) => {
  const draft = await store.get(id);
  if (!draft) throw new NotFoundError(`Draft ${id} does not exist`);
  return view(draft);
};

export const listDrafts = async (store: DraftStore) => ({
  drafts: (await store.list(MAX_DRAFTS_LISTED)).map((d) => ({
    id: d.id,
    title: d.title,
    updatedAt: d.updatedAt,
    updatedBy: d.updatedBy,
  })),
});

const stale = (id: string, current: number, given: number) =>
  new ConflictError(
    `Draft ${id} was saved by someone else meanwhile (version ${current}, this save is based on ${given}); reload it`,
  );

export const updateDraft = async (
  store: DraftStore,
  id: string,
  input: z.output<typeof updateDraftInput>,
  actor: string,
  now = new Date(),
) => {
  const current = await store.get(id);
  if (!current) throw new NotFoundError(`Draft ${id} does not exist`);
  if (current.version !== input.version) throw stale(id, current.version, input.version);
  const next: DraftRecord = {
    ...current,
    version: current.version + 1,
    title: input.data.title ?? '',
    data: input.data,
    updatedAt: now.toISOString(),
    updatedBy: actor,
  };
  if (!(await store.replace(next, current.version))) {
    const latest = await store.get(id);
    if (!latest) throw new NotFoundError(`Draft ${id} does not exist`);
    throw stale(id, latest.version, input.version);
  }
  return { id, version: next.version, updatedAt: next.updatedAt };
};

export const deleteDraft = async (store: DraftStore, id: string): Promise<void> => {
  if (!(await store.remove(id))) throw new NotFoundError(`Draft ${id} does not exist`);
};
