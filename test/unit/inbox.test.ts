import { describe, expect, it } from 'vitest';
import { type FeedbackRecord, othersWriting } from '../../functions/domain/feedback/inbox';
import { historyOf, labelReason } from '../../functions/domain/feedback/inbox-detail';
import {
  assignInput,
  inboxQuery,
  labelInput,
  replyInput,
} from '../../functions/domain/feedback/inbox-inputs';
import {
  createSavedReplyInput,
  fillPlaceholders,
  unknownPlaceholders,
} from '../../functions/domain/feedback/saved-replies';
import { categoryName } from '../../functions/domain/support/display-names';
import {
  CATEGORIES,
  colleaguesIn,
  inboxQuery as consoleQuery,
  fillSavedReply,
  personName,
  wibClock,
} from '../../web/src/inbox/model';
import * as words from '../../web/src/locales/kotak-masuk';
import { parseHash } from '../../web/src/routes';

/** The inbox's rules without a network: input schemas, leases, the label's reason, history, saved replies. */

const record = (over: Partial<FeedbackRecord> = {}): FeedbackRecord => ({
  id: 'instagram-1',
  platform: 'instagram',
  platformId: '1',
  kind: 'comment',
  authorHandle: 'warga',
  text: 'antri dari jam 7 blm dipanggil, lama banget',
  createdAt: '2026-12-01T01:00:00.000Z',
  receivedAt: '2026-12-01T01:00:01.000Z',
  status: 'open',
  ...over,
});

describe('inbox input', () => {
  it('refuses unknown query fields, bad categories and bad assignees; takes `none`', () => {
    expect(inboxQuery.safeParse({ lable: 'complaint' }).success).toBe(false);
    expect(inboxQuery.safeParse({ category: 'parking' }).success).toBe(false);
    expect(inboxQuery.safeParse({ assignedTo: 'someone' }).success).toBe(false);
    expect(inboxQuery.parse({ assignedTo: 'none' }).assignedTo).toBe('none');
    expect(inboxQuery.parse({ assignedTo: 'Rina@Dinkes.example.go.id' }).assignedTo).toBe(
      'rina@dinkes.example.go.id',
    );
    expect(inboxQuery.parse({ category: 'stock', limit: '5' })).toMatchObject({
      category: 'stock',
      limit: 5,
    });
  });

  it('a correction needs a category for a complaint, and none for anything else', () => {
    expect(labelInput.safeParse({ label: 'complaint' }).success).toBe(false);
    expect(labelInput.safeParse({ label: 'question', category: 'stock' }).success).toBe(false);
    expect(labelInput.safeParse({ label: 'complaint', category: 'stock' }).success).toBe(true);
    expect(labelInput.safeParse({ label: 'question', category: null }).success).toBe(true);
    expect(labelInput.safeParse({ label: 'praise' }).success).toBe(false);
  });

  it('a reply says how many replies its sender saw, a whole number; an assignment names an email or null', () => {
    expect(replyInput.safeParse({ text: 'Halo', seenReplies: -1 }).success).toBe(false);
    expect(replyInput.safeParse({ text: 'Halo', seenReplies: 1.5 }).success).toBe(false);
    expect(replyInput.parse({ text: ' Halo ', seenReplies: 0 })).toEqual({ text: 'Halo', seenReplies: 0 });
    expect(assignInput.safeParse({ to: 'rina' }).success).toBe(false);
    expect(assignInput.parse({ to: null })).toEqual({ to: null });
    expect(assignInput.parse({ to: 'staf.humas@localhost' })).toEqual({ to: 'staf.humas@localhost' });
  });
});

describe('who is writing', () => {
  const now = new Date('2026-12-01T02:00:00.000Z');
  it('names colleagues whose lease runs, never the caller, never a lapsed lease', () => {
    const writers = {
      'rina@x.id': '2026-12-01T02:00:30.000Z',
      'me@x.id': '2026-12-01T02:00:40.000Z',
      'budi@x.id': '2026-12-01T01:59:59.000Z',
    };
    expect(othersWriting(writers, 'me@x.id', now)).toEqual([
      { by: 'rina@x.id', until: writers['rina@x.id'] },
    ]);
    expect(othersWriting(undefined, 'me@x.id', now)).toEqual([]);
  });
});

describe('why a message has its label', () => {
  it('names the cues the classifier finds for the stored label and category', () => {
    const why = labelReason(record({ label: 'complaint', category: 'waiting_time', urgent: false }));
    expect(why.source).toBe('classifier');
    expect(why.labelCues.length).toBeGreaterThan(0);
    expect(why.categoryCues.length).toBeGreaterThan(0);
    expect(why.urgentCues).toEqual([]);
    // Cues are words from the message or signs said in Indonesian, never the classifier's English notes.
    for (const c of [...why.labelCues, ...why.categoryCues])
      expect(c.text).not.toMatch(/clause|long wait|many people/);
  });

  it('says when today’s rules would label the text otherwise', () => {
    expect(labelReason(record({ label: 'appreciation', category: null })).current).toBe(false);
  });

  it('names the colleague who corrected it instead of cues', () => {
    const why = labelReason(
      record({
        label: 'complaint',
        category: 'facility',
        corrections: [
          {
            by: 'rina@x.id',
            at: '2026-12-01T03:00:00.000Z',
            from: { label: 'complaint', category: 'waiting_time' },
            to: { label: 'complaint', category: 'facility' },
          },
        ],
      }),
    );
    expect(why).toMatchObject({ source: 'staff', by: 'rina@x.id', labelCues: [] });
  });

  it('says a question word at the end of a clause in words', () => {
    const why = labelReason(record({ text: 'posyandu buka hari apa', label: 'question', category: null }));
    expect(why.labelCues.map((c) => c.text).join(' ')).not.toMatch(/ends a clause/);
  });
});

describe('a message’s history', () => {
  it('lists what happened in time order, with what the classifier said first', () => {
    const h = historyOf(
      record({
        label: 'complaint',
        category: 'facility',
        processedAt: '2026-12-01T01:00:02.000Z',
        replies: [{ text: 'Maaf', at: '2026-12-01T01:10:00.000Z', by: 'rina@x.id', platformReplyId: 'r1' }],
        replyFailures: [{ by: 'budi@x.id', at: '2026-12-01T01:05:00.000Z', reason: 'X refused' }],
        assignments: [{ by: 'rina@x.id', at: '2026-12-01T01:03:00.000Z', to: 'budi@x.id' }],
        corrections: [
          {
            by: 'rina@x.id',
            at: '2026-12-01T01:20:00.000Z',
            from: { label: 'question', category: null },
            to: { label: 'complaint', category: 'facility' },
          },
        ],
        status: 'closed',
        closedAt: '2026-12-01T02:00:00.000Z',
        closedBy: 'rina@x.id',
        closedNote: 'Selesai',
      }),
    );
    expect(h.map((e) => e.kind)).toEqual([
      'received',
      'classified',
      'assigned',
      'reply-failed',
      'replied',
      'relabelled',
      'closed',
    ]);
    expect(h[1]).toMatchObject({ kind: 'classified', label: 'question', category: null });
  });
});

describe('saved replies', () => {
  it('fill {nama} with the handle and {platform}, and refuse unknown placeholders', () => {
    expect(
      fillPlaceholders('Halo {nama}, cek {platform}', { authorHandle: 'warga', platform: 'Instagram' }),
    ).toBe('Halo @warga, cek Instagram');
    expect(unknownPlaceholders('Halo {nma} {nama}')).toEqual(['nma']);
    expect(createSavedReplyInput.safeParse({ title: 'Jadwal', text: 'Halo {nma}' }).success).toBe(false);
    expect(createSavedReplyInput.safeParse({ title: 'J', text: 'Halo' }).success).toBe(false);
    expect(createSavedReplyInput.safeParse({ title: 'Jadwal', text: 'Halo {nama}' }).success).toBe(true);
  });

  it('are filled the same way in the console', () => {
    expect(fillSavedReply('Halo {nama} di {platform}', { authorHandle: '@warga', platform: 'x' })).toBe(
      'Halo @warga di X',
    );
  });
});

describe('the console’s inbox helpers', () => {
  it('say colleagues’ names, WIB clock times and the filters’ query', () => {
    expect(personName('staf.humas@localhost')).toBe('Staf Humas');
    expect(personName('rina@dinkes.example.go.id')).toBe('Rina');
    expect(wibClock('2026-12-01T02:12:00.000Z', new Date('2026-12-01T10:00:00.000Z'))).toEqual({
      time: '09.12 WIB',
      today: true,
    });
    // 23.30 UTC is already the next day in WIB.
    expect(wibClock('2026-11-30T23:30:00.000Z', new Date('2026-11-30T16:00:00.000Z')).today).toBe(false);
    expect(consoleQuery({ label: 'complaint', watch: ' dbd ', category: '' }, 50)).toBe(
      'label=complaint&watch=dbd&limit=50',
    );
    expect(
      colleaguesIn(
        [{ ...record(), assignedTo: 'b@x.id', replies: [{ by: 'a@x.id', at: '', text: '' }] }],
        [],
      ),
    ).toEqual(['a@x.id', 'b@x.id']);
  });

  it('shows the categories display-names.ts names, and opens a message by its address', () => {
    expect(CATEGORIES).toContain('waiting_time');
    expect(CATEGORIES.map(categoryName).every((n) => n.length > 0)).toBe(true);
    expect(parseHash('#/kotak-masuk/instagram-123')).toEqual({
      screen: 'kotak-masuk',
      param: 'instagram-123',
    });
    expect(parseHash('#/kotak-masuk/a/b')).toEqual({ screen: 'not-found' });
  });

  it('has the same words in Indonesian and English', () => {
    const keys = (o: object, prefix = ''): string[] =>
      Object.entries(o).flatMap(([k, v]) =>
        typeof v === 'object' ? keys(v, `${prefix}${k}.`) : [`${prefix}${k}`],
      );
    expect(keys(words.en).sort()).toEqual(keys(words.id).sort());
    expect(words.id.inbox.reply.box).toBe('Balasan');
    expect(words.id.inbox.reply.send).toBe('Kirim balasan');
    expect(words.id.inbox.why.change).toBe('Ubah label');
    expect(words.id.inbox.followUp).toMatchObject({
      open: 'Jadikan tindak lanjut',
      unit: 'Unit',
      due: 'Tenggat',
      save: 'Simpan tindak lanjut',
    });
  });
});
