import { describe, expect, it } from 'vitest';
import { approvalEmail, confirmationPage } from '../../functions/domain/approval/approval-views';
import type { ContentItem } from '../../functions/domain/content/content';
import { contentItem } from './fakes';

/* Approvers read which platform gets which image when the images are meant for one platform each. */

const split: ContentItem['media'] = [
  {
    key: 'media/c1/r1/1.png',
    contentType: 'image/png',
    bytes: 10,
    altText: 'Potret',
    platforms: ['instagram'],
  },
  { key: 'media/c1/r1/2.png', contentType: 'image/png', bytes: 10, altText: 'Lanskap', platforms: ['x'] },
];

const page = (item: ContentItem, lang: 'id' | 'en' = 'id') =>
  confirmationPage(lang, {
    item,
    timeZone: 'Asia/Jakarta',
    hidden: {},
    formAction: '/approvals/a-kepala',
    imageUrls: item.media.map((m) => `https://bucket.example/${m.key}`),
  });

describe('images per platform in the approval email and page', () => {
  it('says which image goes where, in both languages', () => {
    const item = contentItem({ media: split });
    expect(approvalEmail(item, 'https://example.org/a', 'Asia/Jakarta', 'id').text).toContain(
      'Gambar per platform: Instagram: gambar 1; X: gambar 2',
    );
    expect(approvalEmail(item, 'https://example.org/a', 'Asia/Jakarta', 'en').text).toContain(
      'Images per platform: Instagram: image 1; X: image 2',
    );
    const html = page(item);
    expect(html).toContain('<figcaption>gambar 1: Hanya untuk Instagram</figcaption>');
    expect(html).toContain('<figcaption>gambar 2: Hanya untuk X</figcaption>');
    expect(html).toContain('alt="Lanskap"');
  });

  it('says nothing of the kind when every image goes to every platform', () => {
    const item = contentItem();
    expect(approvalEmail(item, 'https://example.org/a', 'Asia/Jakarta', 'id').text).not.toContain(
      'Gambar per platform',
    );
    expect(page(item)).not.toContain('figcaption');
  });
});
