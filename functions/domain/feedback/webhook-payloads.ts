import * as z from 'zod';
import type { FeedbackEvent } from './feedback-intake';

const igComment = z.object({
  id: z.string().min(1),
  text: z.string().default(''),
  from: z.object({ id: z.string().optional(), username: z.string().default('unknown') }).optional(),
  media: z.object({ id: z.string() }).optional(),
  parent_id: z.string().optional(),
});

const igChange = z.object({ field: z.string(), value: z.unknown() });

export const instagramPayload = z.object({
  object: z.literal('instagram'),
  entry: z
    .array(z.object({ id: z.string(), time: z.number().optional(), changes: z.array(igChange).default([]) }))
    .min(1),
});

/** Comments and mentions from an Instagram delivery; unknown fields are left out (the raw payload is kept). */
export const instagramEvents = (payload: z.infer<typeof instagramPayload>): FeedbackEvent[] =>
  payload.entry.flatMap((entry) =>
    entry.changes.flatMap((change): FeedbackEvent[] => {
      if (change.field !== 'comments' && change.field !== 'mentions') return [];
      const v = igComment.safeParse(change.value);
      if (!v.success) return [];
      return [
        {
          platform: 'instagram',
          platformId: v.data.id,
          kind: change.field === 'mentions' ? 'mention' : v.data.parent_id ? 'reply' : 'comment',
          authorHandle: v.data.from?.username ?? 'unknown',
          authorId: v.data.from?.id,
          text: v.data.text,
          createdAt: new Date((entry.time ?? Date.now() / 1000) * 1000).toISOString(),
          postId: v.data.media?.id,
        },
      ];
    }),
  );

const xTweet = z.object({
  id_str: z.string().min(1),
  text: z.string().default(''),
  created_at: z.string().optional(),
  in_reply_to_status_id_str: z.string().nullish(),
  user: z.object({ id_str: z.string(), screen_name: z.string() }),
});

export const xPayload = z.object({
  for_user_id: z.string(),
  tweet_create_events: z.array(z.unknown()).optional(),
  direct_message_events: z.array(z.unknown()).optional(),
  tweet_delete_events: z.array(z.unknown()).optional(),
});

/** Replies and mentions from an X Account Activity delivery, skipping the account's own posts. */
export const xEvents = (payload: z.infer<typeof xPayload>): FeedbackEvent[] =>
  (payload.tweet_create_events ?? []).flatMap((raw): FeedbackEvent[] => {
    const t = xTweet.safeParse(raw);
    if (!t.success || t.data.user.id_str === payload.for_user_id) return [];
    const created = t.data.created_at ? new Date(t.data.created_at) : new Date();
    return [
      {
        platform: 'x',
        platformId: t.data.id_str,
        kind: t.data.in_reply_to_status_id_str ? 'reply' : 'mention',
        authorHandle: t.data.user.screen_name,
        authorId: t.data.user.id_str,
        text: t.data.text,
        createdAt: Number.isNaN(created.getTime()) ? new Date().toISOString() : created.toISOString(),
        postId: t.data.in_reply_to_status_id_str ?? undefined,
      },
    ];
  });

const xDelete = z.object({
  status: z.object({ id: z.string().regex(/^\d{1,30}$/), user_id: z.string().max(30).optional() }),
});

/** A post its author deleted on the platform: the stored record is marked, never erased. */
export interface FeedbackDeletion {
  readonly platformId: string;
  readonly authorId?: string;
}

/** The posts an X delivery says were deleted (`tweet_delete_events`); malformed entries are left out. */
export const xDeletions = (payload: z.infer<typeof xPayload>): FeedbackDeletion[] =>
  (payload.tweet_delete_events ?? []).flatMap((raw): FeedbackDeletion[] => {
    const d = xDelete.safeParse(raw);
    return d.success ? [{ platformId: d.data.status.id, authorId: d.data.status.user_id }] : [];
  });
