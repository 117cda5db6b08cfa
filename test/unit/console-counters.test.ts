import { describe, expect, it } from 'vitest';
import { captionProblems } from '../../functions/domain/content/content';
import { splitForX } from '../../functions/domain/publishing/x-thread';
import { captionOverLimits, instagramCounts, xPreview } from '../../web/src/compose/counters';

const sentence = 'Bawa buku KIA anak Anda ke puskesmas terdekat untuk imunisasi campak-rubela gratis. ';

describe('Instagram counters', () => {
  it('counts characters as code points, hashtags and mentions as the server does', () => {
    const c = instagramCounts('Cegah DBD 🦟 #3MPlus #DBD @dinkesbdg email humas@dinkes.go.id');
    expect(c.characters.used).toBe(
      [...'Cegah DBD 🦟 #3MPlus #DBD @dinkesbdg email humas@dinkes.go.id'].length,
    );
    expect(c.hashtags).toEqual({ used: 2, limit: 30, over: false });
    expect(c.mentions).toEqual({ used: 1, limit: 20, over: false });
  });

  it('flags each limit only when it is passed', () => {
    expect(instagramCounts('a'.repeat(2200)).characters.over).toBe(false);
    expect(instagramCounts('a'.repeat(2201)).characters.over).toBe(true);
    const tags = (n: number) => Array.from({ length: n }, (_, i) => `#t${i}`).join(' ');
    expect(instagramCounts(tags(30)).hashtags.over).toBe(false);
    expect(instagramCounts(tags(31)).hashtags).toEqual({ used: 31, limit: 30, over: true });
    const mentions = Array.from({ length: 21 }, (_, i) => `@u${i}`).join(' ');
    expect(instagramCounts(mentions).mentions.over).toBe(true);
  });
});

describe('X preview', () => {
  it('is one post with its weighted length when it fits (a URL counts 23)', () => {
    const p = xPreview('Info DBD: https://dinkes.bandung.go.id/informasi/dbd/2026/pencegahan');
    expect(p.posts).toHaveLength(1);
    expect(p.weighted).toBe('Info DBD: '.length + 23);
    expect(p.tooLong).toBe(false);
  });

  it('shows exactly the thread the server publishes', () => {
    const caption = sentence.repeat(9);
    const preview = xPreview(caption);
    expect(preview.posts.map((p) => p.text)).toEqual(splitForX(caption.trim()));
    expect(preview.posts.length).toBeGreaterThan(1);
    expect(preview.posts[0]?.text).toMatch(/ \(1\/\d+\)$/);
    for (const post of preview.posts) expect(post.weighted).toBeLessThanOrEqual(280);
  });

  it('says when the thread would be over ten posts', () => {
    expect(xPreview(sentence.repeat(40)).tooLong).toBe(true);
    expect(xPreview('').posts).toEqual([]);
  });
});

describe('the counters agree with the server refusal', () => {
  const captions = [
    'Pendek saja.',
    sentence.repeat(25),
    sentence.repeat(30),
    sentence.repeat(40),
    `${Array.from({ length: 31 }, (_, i) => `#t${i}`).join(' ')} info`,
    `${Array.from({ length: 21 }, (_, i) => `@u${i}`).join(' ')} info`,
  ];
  for (const [instagram, x] of [
    [true, false],
    [false, true],
    [true, true],
  ] as const) {
    it(`for ${[instagram && 'Instagram', x && 'X'].filter(Boolean).join(' and ')}`, () => {
      const targets = [...(instagram ? (['instagram'] as const) : []), ...(x ? (['x'] as const) : [])];
      for (const caption of captions) {
        expect(captionOverLimits(caption, { instagram, x })).toBe(
          captionProblems(caption, targets).length > 0,
        );
      }
    });
  }
});
