import { describe, expect, it } from 'vitest';
import type { Publication } from '../../functions/adapters/publications-repo';
import type { ContentItem } from '../../functions/domain/content/content';
import { itemView } from '../../functions/domain/content/item-view';
import { contentItem } from './fakes';

/** A held item whose caption names a patient, built on the shared test item. */
const item = (overrides: Partial<ContentItem> = {}): ContentItem =>
  contentItem({
    caption: 'Ibu Siti (NIK 3273015203900001) dirawat karena DBD.',
    status: 'blocked',
    statusRank: 1015,
    ...overrides,
  });

const publication = (overrides: Partial<Publication>): Publication => ({
  itemId: contentItem().id,
  key: 'x#r1',
  platform: 'x',
  revision: 1,
  state: 'published',
  attempts: 1,
  startedAt: '2026-12-01T02:00:00.000Z',
  ...overrides,
});

describe('the item view staff read', () => {
  it('gives screening reasons in Indonesian beside the stored English ones', () => {
    const reasons = [
      'caption: contains what looks like a NIK (3273015203900001)',
      'caption: names a person (Ibu Siti) next to a health condition or treatment',
    ];
    const view = itemView(item({ screening: { reasons, revision: 1, at: '2026-11-28T02:00:01.000Z' } }), []);
    expect(view.screening?.reasons).toEqual(reasons);
    expect(view.screeningFindings).toEqual([
      'Keterangan: Ada angka yang tampak seperti NIK (3273015203900001). Hapus NIK sebelum terbit.',
      'Keterangan: Ada nama orang (Ibu Siti) di dekat keterangan penyakit atau perawatan. Hapus nama atau keterangan itu.',
    ]);
    expect(itemView(item({ status: 'scheduled' }), []).screeningFindings).toEqual([]);
  });

  it('says in Indonesian why a publication failed, and nothing for one that went out', () => {
    const view = itemView(item({ status: 'published' }), [
      publication({
        platform: 'instagram',
        key: 'instagram#r1',
        state: 'failed',
        error: 'Instagram refused the access token (401)',
      }),
      publication({ url: 'https://x.com/i/status/1', postId: '1' }),
    ]);
    expect(view.publications[0]?.error).toBe('Instagram refused the access token (401)');
    expect(view.publications[0]?.errorWords).toBe(
      'Token akses akun tidak berlaku lagi. Perbarui token akun, lalu terbitkan ulang.',
    );
    expect(view.publications[1]).not.toHaveProperty('errorWords');
    expect(view.publications[1]?.url).toBe('https://x.com/i/status/1');
  });
});
