import { describe, expect, it } from 'vitest';
import { approvalEmail } from '../../functions/domain/approval/approval-views';
import {
  imageLabel,
  imageNote,
  maskDigitRuns,
  type ReadImageText,
  screenImages,
} from '../../functions/domain/content/image-screening';
import { screeningReasonInIndonesian } from '../../functions/domain/content/staff-words';
import { contentItem } from './fakes';

const PATIENT_TEXT = 'Laporan Kasus\nPasien Tn. Budi Santoso (45)\npositif TBC,\nNIK 3273015708900001\n';

const fakeReader =
  (texts: Record<string, string | Error>): ReadImageText =>
  async (key) => {
    const t = texts[key];
    if (t instanceof Error) throw t;
    if (t === undefined) throw new Error(`no image ${key}`);
    return { text: t, ms: 700 };
  };

describe('screening what images say', () => {
  it('blocks on a finding in an image, naming the image and masking what it found', async () => {
    const r = await screenImages(
      [
        { key: 'media/a/r1/1.jpg', altText: 'Poster Cegah DBD' },
        { key: 'media/a/r1/2.jpg', altText: 'Laporan kasus (TBC)' },
      ],
      fakeReader({ 'media/a/r1/1.jpg': 'Cegah DBD dengan 3M Plus', 'media/a/r1/2.jpg': PATIENT_TEXT }),
    );
    expect(r.reasons).toContain(
      'media.1 (image text, "Laporan kasus TBC"): contains what looks like a NIK (3273…)',
    );
    // Which words the screen takes for the name is the screen's business (screening.ts); that it names a person is ours.
    expect(r.reasons).toContainEqual(
      expect.stringMatching(
        /^media\.1 \(image text, "Laporan kasus TBC"\): names a person \(.+\) next to a health/,
      ),
    );
    expect(r.reasons.some((x) => x.startsWith('media.0'))).toBe(false);
    expect(r.warnings).toEqual([]);
    expect(r.images.map((i) => i.ok)).toEqual([true, true]);
    // The excerpt kept for staff never holds the NIK itself.
    expect(r.images[1]?.excerpt).toContain('NIK 3273…');
    expect(JSON.stringify(r)).not.toContain('3273015708900001');
  });

  it('passes an image with only public text', async () => {
    const r = await screenImages(
      [{ key: 'k', altText: 'Poster' }],
      fakeReader({ k: 'Cegah DBD dengan 3M Plus\nMenguras, Menutup, Mendaur ulang' }),
    );
    expect(r).toMatchObject({ reasons: [], warnings: [] });
    expect(r.images).toEqual([
      { index: 0, ok: true, ms: 700, excerpt: 'Cegah DBD dengan 3M Plus Menguras, Menutup, Mendaur ulang' },
    ]);
  });

  it('an unreadable image is flagged, not passed silently and not blocking; the others are still read', async () => {
    const r = await screenImages(
      [
        { key: 'bad', altText: '' },
        { key: 'good', altText: 'Poster' },
      ],
      fakeReader({ bad: new Error('timed out after 20000 ms'), good: PATIENT_TEXT }),
    );
    expect(r.warnings).toEqual([
      "media.0 (image text): could not be read (timed out after 20000 ms); check the image's text by eye",
    ]);
    expect(r.images[0]).toMatchObject({ index: 0, ok: false, problem: 'timed out after 20000 ms' });
    expect(r.reasons.length).toBeGreaterThan(0);
    expect(imageNote(r.images)).toMatch(
      /^image text read \(OCR\): media\.0 not read, media\.1 700 ms; could not read media\.0: check by eye$/,
    );
  });

  it('says each image’s OCR time in the note', () => {
    expect(
      imageNote([
        { index: 0, ok: true, ms: 712 },
        { index: 1, ok: true, ms: 655 },
      ]),
    ).toBe('image text read (OCR): media.0 712 ms, media.1 655 ms');
    expect(imageNote([])).toBe('no images');
  });

  it('masks long digit runs (NIK, phone) and keeps short numbers', () => {
    expect(maskDigitRuns('NIK 3273 0123 4567 0001, HP 0812-3456-7890, usia 45, 2024')).toBe(
      'NIK 3273…, HP 0812…, usia 45, 2024',
    );
    expect(
      imageLabel({ altText: 'Kartu 3273015708900001 (contoh) dengan teks yang sangat panjang sekali' }, 2),
    ).toBe('media.2 (image text, "Kartu 3273… contoh dengan teks yang san…")');
  });

  it('staff read an image finding in Indonesian, naming the image', () => {
    expect(
      screeningReasonInIndonesian(
        'media.1 (image text, "Laporan kasus TBC"): contains what looks like a NIK (3273…)',
      ),
    ).toBe('Tulisan di gambar 2: Ada angka yang tampak seperti NIK (3273…). Hapus NIK sebelum terbit.');
    expect(
      screeningReasonInIndonesian('media.0 (image text): contains a street address with a house number'),
    ).toMatch(/^Tulisan di gambar 1: Ada alamat rumah/);
  });

  it('the approver is told which image could not be read, in the email (and so on the page)', () => {
    const item = contentItem({
      factFinding: {
        excluded: false,
        reasons: [],
        checkedAt: '2026-11-20T02:00:00.000Z',
        revision: 1,
        images: [
          { index: 0, ok: true, ms: 700 },
          { index: 1, ok: false, ms: 20_000, problem: 'timed out after 20000 ms' },
        ],
      },
    });
    const id = approvalEmail(item, 'https://example.org/a', 'Asia/Jakarta', 'id').text;
    expect(id).toContain('Tulisan pada gambar 2 tidak dapat dibaca otomatis');
    expect(id).not.toContain('gambar 1 tidak');
    const en = approvalEmail(item, 'https://example.org/a', 'Asia/Jakarta', 'en').text;
    expect(en).toContain('The text of image 2 could not be read automatically');
    const allRead = approvalEmail(
      contentItem({ factFinding: { ...item.factFinding!, images: [{ index: 0, ok: true, ms: 700 }] } }),
      'https://example.org/a',
      'Asia/Jakarta',
      'en',
    ).text;
    expect(allRead).not.toContain('could not be read');
  });
});
