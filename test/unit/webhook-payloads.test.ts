import { describe, expect, it } from 'vitest';
import {
  instagramEvents,
  instagramPayload,
  xDeletions,
  xEvents,
  xPayload,
} from '../../functions/domain/feedback/webhook-payloads';

const ENTRY_TIME = 1_795_000_000; // unix seconds

const igDelivery = (changes: unknown[]) =>
  instagramPayload.parse({
    object: 'instagram',
    entry: [{ id: '17841400000000001', time: ENTRY_TIME, changes }],
  });

const comment = {
  field: 'comments',
  value: {
    from: { id: '9001', username: 'warga.bandung' },
    media: { id: '18000000000000001' },
    id: '17900000000000001',
    text: 'Puskesmas mana saja yang buka hari Sabtu?',
  },
};

describe('instagramPayload', () => {
  it('refuses deliveries that are not for the instagram object or have no entries', () => {
    expect(instagramPayload.safeParse({ object: 'page', entry: [{ id: '1' }] }).success).toBe(false);
    expect(instagramPayload.safeParse({ object: 'instagram', entry: [] }).success).toBe(false);
  });
});

describe('instagramEvents', () => {
  it('turns a comment into one feedback event linked to the media id', () => {
    expect(instagramEvents(igDelivery([comment]))).toEqual([
      {
        platform: 'instagram',
        platformId: '17900000000000001',
        kind: 'comment',
        authorHandle: 'warga.bandung',
        authorId: '9001',
        text: 'Puskesmas mana saja yang buka hari Sabtu?',
        createdAt: new Date(ENTRY_TIME * 1000).toISOString(),
        postId: '18000000000000001',
      },
    ]);
  });

  it('marks a comment with a parent as a reply, and a mention as a mention', () => {
    const reply = {
      field: 'comments',
      value: { ...comment.value, id: 'c2', parent_id: '17900000000000001' },
    };
    const mention = { field: 'mentions', value: { ...comment.value, id: 'm1' } };
    const events = instagramEvents(igDelivery([reply, mention]));
    expect(events.map((e) => [e.platformId, e.kind])).toEqual([
      ['c2', 'reply'],
      ['m1', 'mention'],
    ]);
  });

  it('ignores fields it does not handle and values it cannot read', () => {
    const events = instagramEvents(
      igDelivery([
        { field: 'story_insights', value: { media_id: '1', reach: 10 } },
        { field: 'comments', value: { text: 'no id' } },
        comment,
      ]),
    );
    expect(events).toHaveLength(1);
    expect(events[0]?.platformId).toBe('17900000000000001');
  });

  it('gives an unknown author and no post when the comment omits them', () => {
    const [event] = instagramEvents(
      igDelivery([{ field: 'comments', value: { id: 'c9', text: 'Terima kasih' } }]),
    );
    expect(event?.authorHandle).toBe('unknown');
    expect(event?.authorId).toBeUndefined();
    expect(event?.postId).toBeUndefined();
  });

  it('reads every change of every entry', () => {
    const payload = instagramPayload.parse({
      object: 'instagram',
      entry: [
        { id: '1', time: ENTRY_TIME, changes: [comment] },
        {
          id: '1',
          time: ENTRY_TIME + 60,
          changes: [{ field: 'comments', value: { ...comment.value, id: 'c3' } }],
        },
      ],
    });
    const events = instagramEvents(payload);
    expect(events.map((e) => e.platformId)).toEqual(['17900000000000001', 'c3']);
    expect(events[1]?.createdAt).toBe(new Date((ENTRY_TIME + 60) * 1000).toISOString());
  });
});

const OWN_ID = '1500000000000000001';
const tweet = (overrides: Record<string, unknown> = {}) => ({
  id_str: '1860000000000000001',
  text: '@DinkesBandung kapan jadwal fogging di Coblong?',
  created_at: 'Fri Nov 27 01:00:00 +0000 2026',
  in_reply_to_status_id_str: '1850000000000000001',
  user: { id_str: '42', screen_name: 'warga_coblong' },
  ...overrides,
});

describe('xEvents', () => {
  it('maps a reply to a feedback event whose postId is the post it answers', () => {
    const events = xEvents(xPayload.parse({ for_user_id: OWN_ID, tweet_create_events: [tweet()] }));
    expect(events).toEqual([
      {
        platform: 'x',
        platformId: '1860000000000000001',
        kind: 'reply',
        authorHandle: 'warga_coblong',
        authorId: '42',
        text: '@DinkesBandung kapan jadwal fogging di Coblong?',
        createdAt: '2026-11-27T01:00:00.000Z',
        postId: '1850000000000000001',
      },
    ]);
  });

  it("skips the account's own posts (for_user_id), including its own thread replies", () => {
    const own = tweet({
      id_str: '1860000000000000002',
      user: { id_str: OWN_ID, screen_name: 'DinkesBandung' },
    });
    const events = xEvents(xPayload.parse({ for_user_id: OWN_ID, tweet_create_events: [own, tweet()] }));
    expect(events.map((e) => e.platformId)).toEqual(['1860000000000000001']);
  });

  it('treats a post that answers nothing as a mention without a postId', () => {
    const [event] = xEvents(
      xPayload.parse({
        for_user_id: OWN_ID,
        tweet_create_events: [tweet({ in_reply_to_status_id_str: null })],
      }),
    );
    expect(event?.kind).toBe('mention');
    expect(event?.postId).toBeUndefined();
  });

  it('skips malformed events and returns nothing for a delivery without tweets', () => {
    const payload = xPayload.parse({ for_user_id: OWN_ID, tweet_create_events: [{ text: 'no id or user' }] });
    expect(xEvents(payload)).toEqual([]);
    expect(xEvents(xPayload.parse({ for_user_id: OWN_ID, favorite_events: [{}] }))).toEqual([]);
  });

  it('falls back to the current time when created_at is not a date', () => {
    const before = Date.now();
    const [event] = xEvents(
      xPayload.parse({ for_user_id: OWN_ID, tweet_create_events: [tweet({ created_at: 'kemarin' })] }),
    );
    const at = new Date(event?.createdAt ?? '').getTime();
    expect(at).toBeGreaterThanOrEqual(before);
    expect(at).toBeLessThanOrEqual(Date.now());
  });
});

describe('xDeletions', () => {
  it('names each deleted post and its author', () => {
    const payload = xPayload.parse({
      for_user_id: OWN_ID,
      tweet_delete_events: [
        { status: { id: '1600000000000000001', user_id: '42' }, timestamp_ms: '1700000000000' },
        { status: { id: '1600000000000000002' } },
      ],
    });
    expect(xDeletions(payload)).toEqual([
      { platformId: '1600000000000000001', authorId: '42' },
      { platformId: '1600000000000000002', authorId: undefined },
    ]);
    expect(xEvents(payload)).toEqual([]);
  });

  it('leaves out malformed entries and finds nothing in deliveries of ignored types', () => {
    const payload = xPayload.parse({
      for_user_id: OWN_ID,
      tweet_delete_events: [{}, { status: { id: '../etc' } }, { status: { id: 7 } }, 'x'],
    });
    expect(xDeletions(payload)).toEqual([]);
    for (const type of ['favorite_events', 'follow_events', 'block_events', 'tweet_create_events']) {
      const ignored = xPayload.parse({ for_user_id: OWN_ID, [type]: [] });
      expect(xDeletions(ignored)).toEqual([]);
      expect(xEvents(ignored)).toEqual([]);
    }
  });
});

describe('instagram deliveries of fields Sebar ignores', () => {
  it('parse, and carry no events', () => {
    const payload = instagramPayload.parse({
      object: 'instagram',
      entry: [{ id: '1', time: 1700000000, changes: [{ field: 'story_insights', value: { reach: 3 } }] }],
    });
    expect(instagramEvents(payload)).toEqual([]);
  });
});
