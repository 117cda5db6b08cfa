import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  type Approval,
  type ItemView,
  latestMetrics,
  nextStep,
  timelineEntries,
  waitingFor,
} from '../../web/src/item/item-model';
import { en } from '../../web/src/locales/en';
import { id } from '../../web/src/locales/id';
import * as item from '../../web/src/locales/item';

beforeAll(async () => {
  await i18next.init({
    lng: 'id',
    resources: { id: { translation: { ...id, ...item.id } }, en: { translation: { ...en, ...item.en } } },
    interpolation: { escapeValue: false },
  });
});

const base = (overrides: Partial<ItemView> = {}): ItemView => ({
  id: 'c00000000000000000000001',
  title: 'Imunisasi campak',
  caption: 'Imunisasi campak gratis.',
  platforms: ['instagram', 'x'],
  status: 'awaiting-approval',
  revision: 1,
  revisions: [],
  approvalRule: 'any',
  approvers: ['kabid@dinkes.go.id', 'kadis@dinkes.go.id'],
  approvalDeadline: '2026-12-03T02:00:00.000Z', // 09.00 WIB
  publishAt: '2026-12-05T01:30:00.000Z', // 08.30 WIB
  reschedules: [],
  sources: [],
  media: [],
  createdBy: 'humas@localhost',
  timeline: [],
  publications: [],
  ...overrides,
});

const approval = (approver: string, status: Approval['status'], revision = 1): Approval => ({
  approvalId: `a${approver.length}`,
  itemId: 'c00000000000000000000001',
  revision,
  approver,
  status,
});

describe('the item timeline in words', () => {
  it('gives every stage the server writes an Indonesian sentence, oldest first, with WIB times', () => {
    const view = base({
      status: 'published',
      revision: 2,
      revisions: [
        { revision: 2, at: '2026-12-01T05:00:00.000Z', by: 'humas@localhost', note: 'Nama pasien dihapus' },
      ],
      timeline: [
        { stage: 'published', at: '2026-12-05T01:30:05.000Z', note: 'published to instagram, x' },
        { stage: 'submitted', at: '2026-12-01T02:00:00.000Z' },
        {
          stage: 'fact-finding',
          at: '2026-12-01T02:00:01.000Z',
          note: '2 source(s) recorded; no excluded information found; 3 related citizen message(s)',
        },
        { stage: 'approval-requested', at: '2026-12-01T02:00:02.000Z', note: 'sent to kabid@dinkes.go.id' },
        {
          stage: 'changes-requested#r1',
          at: '2026-12-01T03:00:00.000Z',
          note: 'kabid@dinkes.go.id: Hapus nama pasien: tidak boleh tampil',
        },
        { stage: 'revised#r2', at: '2026-12-01T05:00:00.000Z', note: 'Nama pasien dihapus' },
        { stage: 'blocked#r2', at: '2026-12-01T05:00:01.000Z' },
        {
          stage: 'approved#r2',
          at: '2026-12-01T06:00:00.000Z',
          note: 'approved by kadis@dinkes.go.id (last of all approvers)',
        },
        { stage: 'reevaluated', at: '2026-12-15T01:30:00.000Z', note: 'metrics read again; 2 platform(s)' },
        { stage: 'evaluated', at: '2026-12-08T01:30:00.000Z' },
      ],
    });
    const entries = timelineEntries(view, 'id');
    expect(entries.map((e) => e.text)).toEqual([
      'Diajukan oleh humas@localhost.',
      'Fakta diperiksa: 2 sumber tercatat, tidak ada data pribadi, 3 pesan warga terkait.',
      'Permintaan persetujuan dikirim ke kabid@dinkes.go.id.',
      'kabid@dinkes.go.id meminta perbaikan (revisi 1).',
      'Revisi 2 dikirim oleh humas@localhost.',
      'Ditahan: pemeriksaan menemukan kemungkinan data pribadi (revisi 2).',
      'Disetujui oleh kadis@dinkes.go.id, penyetuju terakhir yang diperlukan (revisi 2).',
      'Terbit di Instagram dan X.',
      'Evaluasi selesai dibuat.',
      'Angka dibaca ulang dari 2 platform; evaluasi diperbarui.',
    ]);
    // What people typed is kept as they wrote it, colons included.
    expect(entries[3]?.quote).toBe('Hapus nama pasien: tidak boleh tampil');
    expect(entries[4]?.quote).toBe('Nama pasien dihapus');
    expect(entries.every((e) => !/approved by|sent to|published to|source\(s\)/.test(e.text))).toBe(true);
    // With a single revision, no step says which revision it belongs to.
    const single = timelineEntries(
      base({ timeline: [{ stage: 'blocked#r1', at: '2026-12-01T05:00:01.000Z' }] }),
      'id',
    );
    expect(single.map((e) => e.text)).toEqual(['Ditahan: pemeriksaan menemukan kemungkinan data pribadi.']);
  });

  it('tells staff which images OCR could not read, after the facts checked', () => {
    const view = base({
      timeline: [
        {
          stage: 'fact-finding',
          at: '2026-12-01T02:00:01.000Z',
          note: '1 source(s) recorded; no excluded information found; 0 related citizen message(s); image text read (OCR): media.0 700 ms, media.1 not read, media.2 not read; could not read media.1, media.2: check by eye',
        },
      ],
    });
    expect(timelineEntries(view, 'id').map((e) => e.text)).toEqual([
      'Fakta diperiksa: 1 sumber tercatat, tidak ada data pribadi, 0 pesan warga terkait. Tulisan pada gambar 2, 3 tidak terbaca otomatis: periksa sendiri.',
    ]);
    const allRead = base({
      timeline: [
        {
          stage: 'fact-finding',
          at: '2026-12-01T02:00:01.000Z',
          note: '1 source(s) recorded; no excluded information found; 0 related citizen message(s); image text read (OCR): media.0 700 ms',
        },
      ],
    });
    expect(timelineEntries(allRead, 'id').map((e) => e.text)).toEqual([
      'Fakta diperiksa: 1 sumber tercatat, tidak ada data pribadi, 0 pesan warga terkait.',
    ]);
  });

  it('adds reschedules and a supervisor override, and names a cancelled item’s canceller', () => {
    const view = base({
      status: 'cancelled',
      statusReason: 'Cancelled by humas@localhost: Acara diundur: menunggu kabar',
      timeline: [
        { stage: 'submitted', at: '2026-12-01T02:00:00.000Z' },
        { stage: 'cancelled', at: '2026-12-02T02:00:00.000Z' },
      ],
      reschedules: [
        {
          from: '2026-12-05T01:30:00.000Z',
          to: '2026-12-06T03:00:00.000Z',
          at: '2026-12-01T04:00:00.000Z',
          by: 'humas@localhost',
          note: 'Menyesuaikan jadwal posyandu',
        },
      ],
      screeningOverride: {
        by: 'spv@dinkes.go.id',
        at: '2026-12-01T03:00:00.000Z',
        justification: 'Nomor layanan resmi',
        revision: 1,
      },
    });
    const entries = timelineEntries(view, 'id');
    expect(entries.map((e) => e.text)).toEqual([
      'Diajukan oleh humas@localhost.',
      'Supervisor spv@dinkes.go.id menyetujui pengecualian pemeriksaan data pribadi.',
      'Jadwal dipindah oleh humas@localhost dari Sabtu, 5 Desember 2026 pukul 08.30 WIB ke Minggu, 6 Desember 2026 pukul 10.00 WIB.',
      'Dibatalkan oleh humas@localhost.',
    ]);
    expect(entries.map((e) => e.quote)).toEqual([
      undefined,
      'Nomor layanan resmi',
      'Menyesuaikan jadwal posyandu',
      'Acara diundur: menunggu kabar',
    ]);
  });

  it('speaks English by the switch, and never shows an unknown stage’s machine name', async () => {
    await i18next.changeLanguage('en');
    const entries = timelineEntries(
      base({
        timeline: [
          { stage: 'approved', at: '2026-12-01T06:00:00.000Z', note: 'approved by kabid@dinkes.go.id' },
          { stage: 'mystery-step', at: '2026-12-01T07:00:00.000Z' },
        ],
      }),
      'en',
    );
    expect(entries.map((e) => e.text)).toEqual([
      'Approved by kabid@dinkes.go.id.',
      'Another step was recorded.',
    ]);
    await i18next.changeLanguage('id');
  });
});

describe('what happens next, in words', () => {
  it('says whom an item waits for, by the rule, with the WIB deadline', () => {
    const pending = [approval('kabid@dinkes.go.id', 'pending'), approval('kadis@dinkes.go.id', 'approved')];
    expect(nextStep(base(), undefined, 'id')).toBe(
      'Menunggu persetujuan dari kabid@dinkes.go.id atau kadis@dinkes.go.id. Batas waktu: Kamis, 3 Desember 2026 pukul 09.00 WIB.',
    );
    expect(waitingFor(base({ approvalRule: 'all' }), pending)).toEqual(['kabid@dinkes.go.id']);
    expect(nextStep(base({ approvalRule: 'all', approvalDeadline: undefined }), [], 'id')).toBe(
      'Menunggu persetujuan dari semua penyetuju: kabid@dinkes.go.id dan kadis@dinkes.go.id.',
    );
    // A newer revision's approvals count, an older revision's do not.
    expect(waitingFor(base({ revision: 2 }), [approval('kabid@dinkes.go.id', 'pending', 1)])).toEqual([
      'kabid@dinkes.go.id',
      'kadis@dinkes.go.id',
    ]);
  });

  it('says when a scheduled item goes out, in WIB, and what to do with a held or returned one', async () => {
    expect(nextStep(base({ status: 'scheduled' }), [], 'id')).toBe(
      'Sudah disetujui. Akan terbit Sabtu, 5 Desember 2026 pukul 08.30 WIB.',
    );
    expect(nextStep(base({ status: 'blocked' }), [], 'id')).toMatch(/formulir revisi.*supervisor/);
    expect(
      nextStep(
        base({
          status: 'changes-requested',
          changeRequest: {
            approver: 'kabid@dinkes.go.id',
            comment: 'x',
            at: '2026-12-01T03:00:00Z',
            revision: 1,
          },
        }),
        [],
        'id',
      ),
    ).toBe('kabid@dinkes.go.id meminta perbaikan. Kirim revisi lewat formulir di bawah.');
    expect(nextStep(base({ status: 'something-new' }), [], 'id')).toMatch(/Muat ulang/);
    await i18next.changeLanguage('en');
    expect(nextStep(base({ status: 'scheduled' }), [], 'en')).toBe(
      'Approved. Will be published Saturday, 5 December 2026 at 08:30 WIB.',
    );
    await i18next.changeLanguage('id');
  });
});

describe('the latest figures', () => {
  it('takes the last reading and only the counters staff have words for', () => {
    const m = latestMetrics({
      platform: 'instagram',
      state: 'published',
      metrics: [
        { at: '2026-12-05T02:00:00Z', values: { reach: 10 } },
        { at: '2026-12-08T02:00:00Z', values: { reach: 120, likes: 9, comments: 2, ig_internal_id: 4 } },
      ],
    });
    expect(m).toEqual({
      at: '2026-12-08T02:00:00Z',
      rows: [
        { key: 'reach', value: 120 },
        { key: 'likes', value: 9 },
        { key: 'comments', value: 2 },
      ],
    });
  });
});
