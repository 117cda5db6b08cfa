import { describe, expect, it } from 'vitest';
import type { Approval } from '../../functions/adapters/approvals-repo';
import type { Publication } from '../../functions/adapters/publications-repo';
import { ConflictError, NotFoundError, ValidationError } from '../../functions/common/errors';
import {
  calendarItems,
  calendarQuery,
  checkRange,
  monthsBetween,
  publishMonthOf,
  wibDayStart,
} from '../../functions/domain/content/calendar';
import type { ContentItem } from '../../functions/domain/content/content';
import { buildDashboard, type DashboardSources } from '../../functions/domain/content/dashboard';
import {
  createDraft,
  type DraftRecord,
  type DraftStore,
  deleteDraft,
  draftData,
  getDraft,
  listDrafts,
  updateDraft,
} from '../../functions/domain/content/drafts';
import { changesInIndonesian } from '../../functions/domain/content/media-preview';
import { checkScreening } from '../../functions/domain/content/screening-check';
import {
  failureReasonInIndonesian,
  screeningReasonInIndonesian,
  tokenMessage,
} from '../../functions/domain/content/staff-words';
import { uploadInput } from '../../functions/domain/content/uploads';

const item = (over: Partial<ContentItem> & { id: string; publishAt: string }): ContentItem =>
  ({
    kind: 'item',
    title: `Judul ${over.id}`,
    caption: 'Keterangan',
    platforms: ['instagram', 'x'],
    evaluateAfter: 'P3D',
    sources: [],
    media: [],
    approvers: ['kepala@dinkes.example.go.id'],
    approvalRule: 'any',
    approvalLanguage: 'id',
    approvalDeadline: '2026-11-20T00:00:00.000Z',
    revisionHash: 'h',
    revision: 1,
    status: 'scheduled',
    statusRank: 1030,
    createdAt: '2026-11-01T00:00:00.000Z',
    createdBy: 'humas',
    updatedAt: '2026-11-01T00:00:00.000Z',
    stages: {},
    ...over,
  }) as ContentItem;

describe('calendar months and ranges (WIB)', () => {
  it('puts an instant in its WIB month, which differs from UTC in the last seven hours of a month', () => {
    expect(publishMonthOf('2026-11-30T16:59:59.000Z')).toBe('2026-11');
    expect(publishMonthOf('2026-11-30T17:00:00.000Z')).toBe('2026-12');
    expect(publishMonthOf('2026-12-31T18:00:00.000Z')).toBe('2027-01');
  });

  it('lists every month a range touches, across a year end', () => {
    expect(monthsBetween(new Date('2026-11-20T00:00:00Z'), new Date('2027-01-10T00:00:00Z'))).toEqual([
      '2026-11',
      '2026-12',
      '2027-01',
    ]);
    expect(
      monthsBetween(new Date('2026-11-01T00:00:00+07:00'), new Date('2026-11-30T23:59:00+07:00')),
    ).toEqual(['2026-11']);
  });

  it('starts the WIB day at 17:00 UTC the day before', () => {
    expect(wibDayStart(new Date('2026-11-10T16:59:00Z')).toISOString()).toBe('2026-11-09T17:00:00.000Z');
    expect(wibDayStart(new Date('2026-11-10T17:00:00Z')).toISOString()).toBe('2026-11-10T17:00:00.000Z');
  });

  it('refuses an empty, reversed or longer than 62-day range', () => {
    const from = new Date('2026-11-01T00:00:00Z');
    expect(() => checkRange(from, from)).toThrow(ValidationError);
    expect(() => checkRange(from, new Date('2026-10-01T00:00:00Z'))).toThrow(ValidationError);
    expect(() => checkRange(from, new Date(from.getTime() + 62 * 86_400_000))).not.toThrow();
    expect(() => checkRange(from, new Date(from.getTime() + 62 * 86_400_000 + 1))).toThrow(/62 days/);
  });

  it('takes ISO times with an offset only, and nothing else in the query', () => {
    expect(calendarQuery.safeParse({ from: '2026-11-01', to: '2026-11-02' }).success).toBe(false);
    expect(
      calendarQuery.safeParse({ from: '2026-11-01T00:00:00+07:00', to: '2026-11-02T00:00:00Z', x: '1' })
        .success,
    ).toBe(false);
    const ok = calendarQuery.parse({ from: '2026-11-01T00:00:00+07:00', to: '2026-11-02T00:00:00Z' });
    expect(ok.from.toISOString()).toBe('2026-10-31T17:00:00.000Z');
  });

  it('reads one query per month and answers in publish order', async () => {
    const asked: string[] = [];
    const entries = await calendarItems(
      new Date('2026-11-25T00:00:00Z'),
      new Date('2026-12-05T00:00:00Z'),
      async (month) => {
        asked.push(month);
        return month === '2026-11'
          ? [item({ id: 'c2', publishAt: '2026-11-28T02:00:00.000Z', status: 'cancelled' })]
          : [item({ id: 'c1', publishAt: '2026-12-01T02:00:00.000Z' })];
      },
    );
    expect(asked).toEqual(['2026-11', '2026-12']);
    expect(entries.map((e) => [e.id, e.status])).toEqual([
      ['c2', 'cancelled'],
      ['c1', 'scheduled'],
    ]);
    expect(Object.keys(entries[0] ?? {}).sort()).toEqual(
      ['id', 'platforms', 'publishAt', 'revision', 'status', 'title'].sort(),
    );
  });
});

const memoryStore = (): DraftStore & { rows: Map<string, DraftRecord> } => {
  const rows = new Map<string, DraftRecord>();
  return {
    rows,
    create: async (d) => {
      rows.set(d.id, d);
    },
    get: async (id) => rows.get(id),
    replace: async (d, v) => {
      if (rows.get(d.id)?.version !== v) return false;
      rows.set(d.id, d);
      return true;
    },
    remove: async (id) => rows.delete(id),
    list: async (limit) =>
      [...rows.values()].sort((a, b) => b.updatedAt.localeCompare(a.updatedAt)).slice(0, limit),
  };
};

describe('drafts', () => {
  it('starts at version 1 and moves up one version per save', async () => {
    const store = memoryStore();
    const created = await createDraft(store, { title: 'Cegah DBD' }, 'a@x', new Date('2026-11-01T00:00:00Z'));
    expect(created.id).toMatch(/^d[0-9a-z]{21}$/);
    expect(created.version).toBe(1);
    const saved = await updateDraft(
      store,
      created.id,
      { version: 1, data: { title: 'Cegah DBD 3M' } },
      'b@x',
    );
    expect(saved.version).toBe(2);
    expect((await getDraft(store, created.id)).data).toEqual({ title: 'Cegah DBD 3M' });
    expect((await listDrafts(store)).drafts).toEqual([
      { id: created.id, title: 'Cegah DBD 3M', updatedAt: saved.updatedAt, updatedBy: 'b@x' },
    ]);
  });

  it('refuses a save based on an older version, and keeps the newer one', async () => {
    const store = memoryStore();
    const { id } = await createDraft(store, { caption: 'satu' }, 'a@x');
    await updateDraft(store, id, { version: 1, data: { caption: 'dua' } }, 'a@x');
    await expect(updateDraft(store, id, { version: 1, data: { caption: 'tiga' } }, 'b@x')).rejects.toThrow(
      ConflictError,
    );
    expect((await getDraft(store, id)).data.caption).toBe('dua');
  });

  it('a save that loses a race at the store is a conflict, not an overwrite', async () => {
    const store = memoryStore();
    const { id } = await createDraft(store, {}, 'a@x');
    const racing: DraftStore = {
      ...store,
      replace: async (d, v) => {
        await store.replace({ ...d, data: { title: 'lain' } }, v);
        return store.replace(d, v);
      },
    };
    await expect(updateDraft(racing, id, { version: 1, data: { title: 'saya' } }, 'a@x')).rejects.toThrow(
      /version 2/,
    );
    expect(store.rows.get(id)?.data.title).toBe('lain');
  });

  it('answers 404 for a draft that does not exist', async () => {
    const store = memoryStore();
    await expect(getDraft(store, 'd000000000000000000000')).rejects.toThrow(NotFoundError);
    await expect(deleteDraft(store, 'd000000000000000000000')).rejects.toThrow(NotFoundError);
  });

  it('checks data loosely: any subset, but bounded and without unknown fields or image bytes', () => {
    expect(draftData.safeParse({}).success).toBe(true);
    expect(draftData.safeParse({ title: '', media: [{ altText: '' }], publishAt: '2026-11' }).success).toBe(
      true,
    );
    expect(draftData.safeParse({ title: 'x'.repeat(201) }).success).toBe(false);
    expect(draftData.safeParse({ media: Array(11).fill({}) }).success).toBe(false);
    expect(draftData.safeParse({ media: [{ dataBase64: 'AAAA' }] }).success).toBe(false);
    expect(draftData.safeParse({ media: [{ s3Key: '../etc/passwd' }] }).success).toBe(false);
    expect(draftData.safeParse({ surprise: true }).success).toBe(false);
  });
});

describe('uploads and screening input', () => {
  it('takes JPEG and PNG up to 8 MiB, as POST /content does', () => {
    expect(
      uploadInput.safeParse({ fileName: 'a.jpg', contentType: 'image/jpeg', bytes: 8 * 1024 * 1024 }).success,
    ).toBe(true);
    expect(
      uploadInput.safeParse({ fileName: 'a.jpg', contentType: 'image/jpeg', bytes: 8 * 1024 * 1024 + 1 })
        .success,
    ).toBe(false);
    expect(uploadInput.safeParse({ fileName: 'a.webp', contentType: 'image/webp', bytes: 10 }).success).toBe(
      false,
    );
    expect(uploadInput.safeParse({ fileName: 'a.jpg', contentType: 'image/jpeg', bytes: 0 }).success).toBe(
      false,
    );
  });

  it('screens each field and answers in Indonesian', () => {
    const r = checkScreening({
      title: 'Imunisasi campak',
      caption: 'Ibu Siti Aminah positif DBD, hubungi 0812-3456-7890',
      altTexts: ['Poster', 'NIK 3273015203900001'],
    });
    expect(r.ok).toBe(false);
    expect(r.findings.map((f) => f.field)).toEqual(['caption', 'caption', 'altTexts.1']);
    expect(r.findings[0]?.message).toContain('nomor telepon pribadi');
    expect(r.findings[1]?.message).toContain('Siti Aminah');
    expect(r.findings[2]?.message).toContain('NIK');
    expect(checkScreening({ caption: 'Hubungi 119 atau puskesmas terdekat.' })).toEqual({
      ok: true,
      findings: [],
    });
  });
});

describe('words staff read', () => {
  it('turns stored screening reasons into Indonesian with the field named', () => {
    expect(screeningReasonInIndonesian('caption: contains what looks like a NIK (3273…)')).toBe(
      'Keterangan: Ada angka yang tampak seperti NIK (3273…). Hapus NIK sebelum terbit.',
    );
    expect(
      screeningReasonInIndonesian('media.0.altText: contains a street address with a house number'),
    ).toMatch(/^Teks alternatif gambar 1: Ada alamat rumah/);
    expect(screeningReasonInIndonesian('something new')).toMatch(/data pribadi/);
  });

  it('explains publication failures without the platform message', () => {
    expect(failureReasonInIndonesian('instagram refused the access token: {"error":{"code":190}}')).toMatch(
      /^Token akses akun tidak berlaku/,
    );
    expect(failureReasonInIndonesian('X refused duplicate content: dup')).toMatch(/teksnya sama/);
    expect(failureReasonInIndonesian('Instagram media container ERROR')).toMatch(/menolak gambarnya/);
    expect(failureReasonInIndonesian(undefined)).toMatch(/^Penerbitan gagal/);
    expect(failureReasonInIndonesian('weird')).not.toContain('weird');
  });

  it('says how a token stands', () => {
    expect(tokenMessage('instagram', { ok: true, daysLeft: 5, checked: true }, 7)).toBe(
      'Token Instagram berakhir dalam 5 hari. Perbarui sebelum jadwal terbit berikutnya.',
    );
    expect(tokenMessage('x', { ok: false, checked: true }, 7)).toMatch(/^Token X tidak berlaku/);
    expect(tokenMessage('x', { ok: false, checked: false }, 7)).toMatch(/belum pernah diperiksa/);
    expect(tokenMessage('instagram', { ok: true, daysLeft: 40, checked: true }, 7)).toMatch(/40 hari/);
  });

  it('describes the Instagram conversion in Indonesian', () => {
    expect(
      changesInIndonesian([
        'png is not JPEG',
        'aspect ratio 0.563 is narrower than 4:5, padded',
        '2000 px wide, scaled to 1440',
      ]),
    ).toEqual([
      'Gambar PNG diubah menjadi JPEG',
      'Diberi bingkai putih di kiri dan kanan agar rasio 4:5',
      'Diperkecil dari lebar 2000 px menjadi 1440 px',
    ]);
  });
});

describe('dashboard grouping in WIB days', () => {
  // 2026-11-10 08:00 WIB.
  const now = new Date('2026-11-10T01:00:00Z');
  const pub = (itemId: string, platform: 'instagram' | 'x', state: Publication['state'], error?: string) =>
    ({
      itemId,
      key: `${platform}#r1`,
      platform,
      revision: 1,
      state,
      attempts: 1,
      startedAt: '',
      error,
    }) as Publication;
  const sources = (items: ContentItem[], extra: Partial<DashboardSources> = {}): DashboardSources => ({
    itemsPublishing: async (from, to) =>
      items.filter((i) => i.publishAt >= from.toISOString() && i.publishAt <= to.toISOString()),
    itemsCreatedSince: async () => items,
    approvalsForItem: async () => [],
    publications: async () => [],
    urgentOpenFeedback: async () => [],
    overdueFollowUps: async () => [],
    lateQuestions: async () => [],
    accounts: async () => [],
    ...extra,
  });

  it('counts the questions unanswered past the response time, listing at most fifty', async () => {
    const late = Array.from({ length: 53 }, (_, i) => ({
      id: `x-${i}`,
      platform: 'x' as const,
      author: 'warga',
      text: `pertanyaan ${i}`,
      createdAt: '2026-11-02T03:00:00.000Z',
      workingDaysLate: 3,
    }));
    const d = await buildDashboard(
      sources([], { lateQuestions: async () => late }),
      new Date('2026-11-10T03:00:00.000Z'),
      7,
    );
    expect(d.lateQuestions.count).toBe(53);
    expect(d.lateQuestions.entries.map((q) => q.id)).toEqual(late.slice(0, 50).map((q) => q.id));
  });

  it('splits today from the next seven days at WIB midnight, leaving out what will not go out', async () => {
    const items = [
      item({ id: 'late-today', publishAt: '2026-11-10T16:59:00.000Z' }), // 23:59 WIB today
      item({ id: 'tomorrow', publishAt: '2026-11-10T17:00:00.000Z' }), // 00:00 WIB tomorrow
      item({ id: 'early-today', publishAt: '2026-11-09T17:30:00.000Z' }), // 00:30 WIB today
      item({ id: 'cancelled', publishAt: '2026-11-10T05:00:00.000Z', status: 'cancelled' }),
      item({ id: 'day-7', publishAt: '2026-11-17T16:59:00.000Z' }), // 23:59 WIB on the 17th
      item({ id: 'day-8', publishAt: '2026-11-17T17:00:00.000Z' }), // the 18th: beyond the week
    ];
    const d = await buildDashboard(sources(items), now, 7);
    expect(d.now).toBe(now.toISOString());
    expect(d.today.map((e) => e.id)).toEqual(['early-today', 'late-today']);
    expect(d.week.map((e) => e.id)).toEqual(['tomorrow', 'day-7']);
  });

  it('lists approvers of the current revision, blocked reasons and failures in Indonesian', async () => {
    const waiting = item({
      id: 'w',
      publishAt: '2026-11-12T01:00:00.000Z',
      status: 'awaiting-approval',
      revision: 2,
    });
    const blocked = item({
      id: 'b',
      publishAt: '2026-11-12T01:00:00.000Z',
      status: 'blocked',
      screening: { reasons: ['caption: contains a personal phone number (0812…)'], revision: 1, at: '' },
    });
    const failed = item({
      id: 'f',
      publishAt: '2026-11-09T01:00:00.000Z',
      status: 'published',
      stages: { published: { at: '2026-11-09T01:01:00.000Z' } },
    });
    const approvals = [
      { itemId: 'w', revision: 1, approver: 'lama@x', status: 'changes-requested' },
      { itemId: 'w', revision: 2, approver: 'kepala@x', status: 'pending' },
      { itemId: 'w', revision: 2, approver: 'sekretaris@x', status: 'approved' },
    ] as Approval[];
    const d = await buildDashboard(
      sources([waiting, blocked, failed], {
        approvalsForItem: async (id) => approvals.filter((a) => a.itemId === id),
        publications: async (id) =>
          id === 'f'
            ? [pub('f', 'instagram', 'published'), pub('f', 'x', 'failed', 'x refused the access token')]
            : [],
        accounts: async () => [{ platform: 'instagram', ok: true, daysLeft: 3 }],
      }),
      now,
      7,
    );
    expect(d.awaitingApproval).toEqual([
      {
        itemId: 'w',
        title: 'Judul w',
        deadline: waiting.approvalDeadline,
        approvers: [
          { email: 'kepala@x', status: 'pending' },
          { email: 'sekretaris@x', status: 'approved' },
        ],
      },
    ]);
    expect(d.blocked).toEqual([
      { id: 'b', title: 'Judul b', reasons: [expect.stringMatching(/^Keterangan: Ada nomor telepon/)] },
    ]);
    expect(d.failed).toEqual([
      {
        itemId: 'f',
        title: 'Judul f',
        platform: 'x',
        reason: expect.stringMatching(/^Token akses akun/),
        at: '2026-11-09T01:01:00.000Z',
      },
    ]);
    expect(d.tokens).toEqual([
      { platform: 'instagram', ok: true, daysLeft: 3, message: expect.stringContaining('3 hari') },
      {
        platform: 'x',
        ok: false,
        daysLeft: null,
        message: expect.stringContaining('belum pernah diperiksa'),
      },
    ]);
  });
});
