import { describe, expect, it } from 'vitest';
import {
  captionProblems,
  contentInput,
  finalStatuses,
  newItemId,
  rankOf,
  revisionHash,
  statusOrder,
} from '../../functions/domain/content/content';

const valid = () => ({
  title: 'Imunisasi campak gratis',
  caption: 'Imunisasi campak-rubela gratis di puskesmas se-Kota Bandung bulan ini. Bawa buku KIA anak Anda.',
  platforms: ['instagram', 'x'],
  publishAt: '2026-11-27T08:00:00+07:00',
  sources: [{ url: 'https://dinkes.bandung.go.id/imunisasi', title: 'Jadwal imunisasi Dinkes Kota Bandung' }],
  media: [{ s3Key: 'uploads/poster-campak.jpg', altText: 'Poster imunisasi campak-rubela' }],
});

/** The issues of a failed parse, as "path: message" lines. */
const issuesOf = (input: unknown): string[] => {
  const result = contentInput.safeParse(input);
  expect(result.success).toBe(false);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe('contentInput', () => {
  it('refuses more than 4 images when X is a target, and allows 10 for Instagram alone', () => {
    const media = Array.from({ length: 5 }, (_, i) => ({
      s3Key: `uploads/p${i}.jpg`,
      altText: `Poster ${i}`,
    }));
    expect(issuesOf({ ...valid(), media })).toEqual([
      'media: X takes at most 4 images on a post; this item has 5 for X',
    ]);
    expect(contentInput.safeParse({ ...valid(), media, platforms: ['instagram'] }).success).toBe(true);
  });

  it('takes images meant for one platform, and needs an image for every platform', () => {
    const portrait = { s3Key: 'uploads/ig.png', altText: 'Potret', platforms: ['instagram'] };
    const landscape = { s3Key: 'uploads/x.png', altText: 'Lanskap', platforms: ['x'] };
    expect(contentInput.parse({ ...valid(), media: [portrait, landscape] }).media).toEqual([
      portrait,
      landscape,
    ]);
    expect(issuesOf({ ...valid(), media: [portrait] })).toEqual(['media: no image is meant for x']);
    expect(issuesOf({ ...valid(), platforms: ['instagram'], media: [portrait, landscape] })).toEqual([
      'media: image 2 is meant for x, which this item is not published to',
    ]);
    // Five X images are too many for X even when Instagram takes more.
    const many = Array.from({ length: 5 }, (_, i) => ({ ...landscape, s3Key: `uploads/x${i}.png` }));
    expect(issuesOf({ ...valid(), media: [portrait, ...many] })).toEqual([
      'media: X takes at most 4 images on a post; this item has 5 for X',
    ]);
  });

  it('an image for every platform hashes as before; naming its platforms changes the hash', () => {
    const base = {
      caption: 'c',
      platforms: ['instagram', 'x'] as ('instagram' | 'x')[],
      media: [{ key: 'media/a/r1/1.png', contentType: 'image/png', bytes: 3, altText: 'a' }],
    };
    const known = revisionHash(base);
    expect(revisionHash({ ...base, media: [{ ...base.media[0]!, platforms: ['x'] }] })).not.toBe(known);
    expect(revisionHash({ ...base, media: [{ ...base.media[0]! }] })).toBe(known);
  });

  it('accepts a valid item and defaults evaluateAfter to P3D', () => {
    const result = contentInput.safeParse(valid());
    expect(result.success).toBe(true);
    expect(result.data?.evaluateAfter).toBe('P3D');
    expect(result.data?.platforms).toEqual(['instagram', 'x']);
  });

  it('trims title and caption', () => {
    const out = contentInput.parse({ ...valid(), title: '  Waspada DBD  ', caption: '\nCegah DBD.\n' });
    expect(out.title).toBe('Waspada DBD');
    expect(out.caption).toBe('Cegah DBD.');
  });

  it('accepts a UTC publishAt (Z is an offset)', () => {
    expect(contentInput.safeParse({ ...valid(), publishAt: '2026-11-27T01:00:00Z' }).success).toBe(true);
  });

  it('accepts each media source kind on its own', () => {
    for (const source of [
      { s3Key: 'media/2026/poster.png' },
      { url: 'https://dinkes.bandung.go.id/poster.jpg' },
      { dataBase64: Buffer.from('jpeg bytes').toString('base64') },
    ]) {
      expect(contentInput.safeParse({ ...valid(), media: [{ ...source, altText: 'Poster' }] }).success).toBe(
        true,
      );
    }
  });

  it('keeps an explicit evaluateAfter within 10 s to 90 days', () => {
    expect(contentInput.parse({ ...valid(), evaluateAfter: 'PT10S' }).evaluateAfter).toBe('PT10S');
    expect(contentInput.parse({ ...valid(), evaluateAfter: 'P90D' }).evaluateAfter).toBe('P90D');
  });

  it('requires at least one source', () => {
    expect(issuesOf({ ...valid(), sources: [] })).toEqual(['sources: at least one source is required']);
    expect(issuesOf({ ...valid(), sources: undefined })[0]).toMatch(/^sources: /);
  });

  it('refuses a source that is not an http(s) URL', () => {
    expect(
      issuesOf({ ...valid(), sources: [{ url: 'ftp://dinkes.bandung.go.id/x', title: 'x' }] })[0],
    ).toMatch(/^sources\.0\.url: /);
  });

  it('refuses a platform listed twice', () => {
    expect(issuesOf({ ...valid(), platforms: ['x', 'x'] })).toEqual(['platforms: each platform once']);
  });

  it('refuses an unknown platform and an empty platform list', () => {
    expect(issuesOf({ ...valid(), platforms: ['instagram', 'facebook'] })[0]).toMatch(/^platforms\.1: /);
    expect(issuesOf({ ...valid(), platforms: [] })[0]).toMatch(/^platforms: /);
  });

  it('refuses a publishAt without a time-zone offset', () => {
    expect(issuesOf({ ...valid(), publishAt: '2026-11-27T08:00:00' })).toEqual([
      'publishAt: must be ISO 8601 with a time-zone offset',
    ]);
    expect(issuesOf({ ...valid(), publishAt: '27/11/2026 08:00' })).toHaveLength(1);
  });

  it('refuses a caption over 2,200 characters when Instagram is a target', () => {
    const caption = 'a'.repeat(2201);
    expect(issuesOf({ ...valid(), caption })).toEqual([
      'caption: Instagram captions are limited to 2,200 characters',
    ]);
  });

  it('allows exactly 2,200 characters for Instagram, counting emoji as one character each', () => {
    expect(contentInput.safeParse({ ...valid(), caption: 'a'.repeat(2200) }).success).toBe(true);
    // Instagram counts characters; on X the same caption would be a thread of 17 posts, refused there.
    expect(
      contentInput.safeParse({ ...valid(), platforms: ['instagram'], caption: '🦟'.repeat(2200) }).success,
    ).toBe(true);
  });

  it('allows a long caption when only X is a target (it becomes a thread)', () => {
    const result = contentInput.safeParse({ ...valid(), platforms: ['x'], caption: 'a'.repeat(2201) });
    expect(result.success).toBe(true);
  });

  it('still caps any caption at 5,000 characters', () => {
    expect(issuesOf({ ...valid(), platforms: ['x'], caption: 'a'.repeat(5001) })[0]).toMatch(/^caption: /);
  });

  it('refuses media that gives two sources', () => {
    const media = [{ s3Key: 'uploads/a.jpg', url: 'https://example.org/a.jpg', altText: 'Poster' }];
    expect(issuesOf({ ...valid(), media })).toEqual([
      'media.0: give exactly one of s3Key, url or dataBase64',
    ]);
  });

  it('refuses media that gives no source', () => {
    expect(issuesOf({ ...valid(), media: [{ altText: 'Poster' }] })).toEqual([
      'media.0: give exactly one of s3Key, url or dataBase64',
    ]);
  });

  it('refuses media without alt text, or with blank alt text', () => {
    expect(issuesOf({ ...valid(), media: [{ s3Key: 'uploads/a.jpg' }] })[0]).toMatch(/^media\.0\.altText: /);
    expect(issuesOf({ ...valid(), media: [{ s3Key: 'uploads/a.jpg', altText: '   ' }] })).toContain(
      'media.0.altText: alt text is required for accessibility',
    );
  });

  it('refuses an s3Key outside uploads/ or media/ (no reading other objects)', () => {
    for (const s3Key of [
      'reports/x.json',
      'webhooks/instagram/x.json',
      'uploads/',
      'media',
      '/uploads/a.jpg',
      'uploads/../reports/x.json',
      'uploads//a.jpg',
      'uploads/%2e%2e/a.jpg',
      'uploads\\a.jpg',
    ]) {
      expect(issuesOf({ ...valid(), media: [{ s3Key, altText: 'Poster' }] })).toEqual([
        'media.0.s3Key: must be a key under uploads/ or media/ made of plain segments (no "..", "//", "\\" or "%")',
      ]);
    }
  });

  it('refuses an unknown extra field (strict)', () => {
    const issues = issuesOf({ ...valid(), status: 'published' });
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatch(/status/);
  });

  it.each(['PT5S', 'PT9S', 'P91D', 'P14W'])('refuses evaluateAfter %s (outside 10 s to 90 days)', (d) => {
    expect(issuesOf({ ...valid(), evaluateAfter: d })).toEqual([
      'evaluateAfter: must be between 10 seconds and 90 days',
    ]);
  });

  it.each(['3D', 'P1Y', 'P1M', ''])('refuses evaluateAfter %j (not a supported duration)', (d) => {
    expect(issuesOf({ ...valid(), evaluateAfter: d })).toEqual([
      'evaluateAfter: must be an ISO 8601 duration such as P3D or PT30S',
    ]);
  });

  it('refuses an approver that is not an email address', () => {
    expect(issuesOf({ ...valid(), approvers: ['kepala dinas'] })[0]).toMatch(/^approvers\.0: /);
  });
});

describe('status ranks', () => {
  it('orders the path an item takes, with every final status at the top', () => {
    expect(statusOrder.submitted).toBeLessThan(statusOrder['fact-checked']);
    expect(statusOrder['fact-checked']).toBeLessThan(statusOrder['awaiting-approval']);
    expect(statusOrder['awaiting-approval']).toBeLessThan(statusOrder.scheduled);
    expect(statusOrder.scheduled).toBeLessThan(statusOrder.published);
    expect([...finalStatuses].sort()).toEqual(
      ['cancelled', 'evaluated', 'evaluation-failed', 'expired', 'failed', 'rejected'].sort(),
    );
    // Blocked waits (for a revision or a supervisor's override) between fact-finding and approval.
    expect(statusOrder.blocked).toBeGreaterThan(statusOrder['fact-checked']);
    expect(statusOrder.blocked).toBeLessThan(statusOrder['awaiting-approval']);
    for (const s of finalStatuses) expect(statusOrder[s]).toBeGreaterThan(statusOrder.published);
  });
});

describe('newItemId', () => {
  it('sorts by creation time and is unique', () => {
    const a = newItemId(1_700_000_000_000);
    const b = newItemId(1_800_000_000_000);
    expect(a < b).toBe(true);
    expect(newItemId(1_700_000_000_000)).not.toBe(a);
    expect(a).toMatch(/^c[0-9a-z]{21}$/);
  });
});

describe('rankOf', () => {
  it('orders statuses within a revision and lets a new revision start again, below every final status', () => {
    expect(rankOf('fact-checked', 1)).toBeLessThan(rankOf('changes-requested', 1));
    expect(rankOf('changes-requested', 1)).toBeLessThan(rankOf('submitted', 2));
    expect(rankOf('scheduled', 2)).toBeGreaterThan(rankOf('fact-checked', 2));
    for (const s of finalStatuses) expect(rankOf(s, 1)).toBeGreaterThan(rankOf('published', 999));
  });
});

describe('revisionHash', () => {
  const base = {
    caption: 'Cegah DBD dengan 3M Plus.',
    media: [{ key: 'media/c1/r1/1.jpg', bytes: 100, contentType: 'image/jpeg', altText: 'Poster' }],
    platforms: ['instagram', 'x'] as ('instagram' | 'x')[],
  };
  it('changes when the caption, an image, its alt text or the platforms change', () => {
    const h = revisionHash(base);
    expect(revisionHash({ ...base, caption: `${base.caption} ` })).not.toBe(h);
    expect(revisionHash({ ...base, media: [{ ...base.media[0]!, key: 'media/c1/r2/1.jpg' }] })).not.toBe(h);
    expect(revisionHash({ ...base, media: [{ ...base.media[0]!, altText: 'Poster baru' }] })).not.toBe(h);
    expect(revisionHash({ ...base, platforms: ['instagram'] })).not.toBe(h);
  });
  it('ignores the order of platforms and anything outside what approvers approve (the publish time)', () => {
    expect(revisionHash({ ...base, platforms: ['x', 'instagram'] })).toBe(revisionHash(base));
    expect(revisionHash({ ...base, publishAt: '2027-01-01T00:00:00Z' } as typeof base)).toBe(
      revisionHash(base),
    );
  });
});

describe('captionProblems (platform rules at submit time)', () => {
  it('refuses more than 30 hashtags or 20 mentions for Instagram, but not for X alone', () => {
    const tags = Array.from({ length: 31 }, (_, i) => `#tag${i}`).join(' ');
    expect(captionProblems(`Info ${tags}`, ['instagram'])[0]).toMatch(/30 hashtags \(this caption has 31\)/);
    expect(captionProblems(`Info ${tags}`, ['x'])).toEqual([]);
    const mentions = Array.from({ length: 21 }, (_, i) => `@akun${i}`).join(' ');
    expect(captionProblems(`Halo ${mentions}`, ['instagram'])[0]).toMatch(/20 mentions/);
    expect(captionProblems('Email humas@dinkes.go.id, #CegahDBD', ['instagram'])).toEqual([]);
  });
  it('refuses a caption that would need more than ten posts on X', () => {
    const long = 'Kalimat informasi kesehatan yang cukup panjang untuk diuji. '.repeat(60);
    expect(captionProblems(long, ['x'])[0]).toMatch(/more than 10 posts/);
    expect(captionProblems(long.slice(0, 1500), ['x'])).toEqual([]);
  });
  it('is applied by the submission schema', () => {
    const tags = Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ');
    const r = contentInput.safeParse({ ...valid(), caption: `Info ${tags}` });
    expect(r.success).toBe(false);
  });
});
