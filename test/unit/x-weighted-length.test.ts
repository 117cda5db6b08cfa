import { readFileSync } from 'node:fs';
import twitterText from 'twitter-text';
import { describe, expect, it } from 'vitest';
import { weightedLength } from '../../functions/domain/publishing/x-thread';

/**
 * Sebar's own count of X's weighted length against twitter-text, the reference implementation the local X
 * sandbox refuses posts with. The rule: never less than twitter-text (a part Sebar accepts is never too
 * long for X), and the same wherever the text has no link and no emoji sequence, which is nearly always.
 */

const fixtures = ['dev', 'holdout', 'train', 'unseen'].flatMap((name) =>
  readFileSync(new URL(`../fixtures/feedback-id.${name}.jsonl`, import.meta.url), 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((line) => String((JSON.parse(line) as { text: string }).text)),
);

const reference = (text: string) => twitterText.parseTweet(text).weightedLength;

const LINKS = [
  'https://dinkes.bandung.go.id/dbd',
  'https://ayosehat.kemkes.go.id/topik-penyakit/pencegahan-infeksi/demam-berdarah-dengue',
  'http://bit.ly/3xYzAbC',
  'https://www.who.int/indonesia/news/detail/2026?lang=id&ref=x',
  'dinkes.bandung.go.id',
  'ayosehat.kemkes.go.id/imunisasi',
  's.id/posyandu',
  'humas@dinkes.bandung.go.id',
  '(https://dinkes.bandung.go.id/dbd)',
  'https://dinkes.bandung.go.id/dbd.',
  'https://example.notarealtld/x/y/z/very/long/path/segment',
  'https://dinkes.bandung.go.id/dbd—selengkapnya',
  'xhttps://dinkes.bandung.go.id/dbd',
];
const EMOJI = ['🦟', '❤️', '✅', '👍🏽', '🇮🇩', '👨‍👩‍👧', '1️⃣', '©', '™', '😷💉', '⚠️'];

/** Texts where twitter-text recognises no link and no emoji sequence of more than one code point. */
const plain = (text: string) =>
  twitterText.extractUrls(text).length === 0 &&
  !/[\u200d\u20e3\u{1f1e6}-\u{1f1ff}\u{1f3fb}-\u{1f3ff}]/u.test(text);

describe('weightedLength against twitter-text', () => {
  const texts = [
    ...fixtures,
    ...fixtures
      .slice(0, 60)
      .flatMap((t, i) => [
        `${t} ${LINKS[i % LINKS.length]}`,
        `${LINKS[(i + 3) % LINKS.length]} ${t}`,
        `${t} ${EMOJI[i % EMOJI.length]}`,
        `${EMOJI[(i + 5) % EMOJI.length]} ${t}. Info: ${LINKS[(i + 7) % LINKS.length]}, ya.`,
      ]),
    ...LINKS,
    ...EMOJI,
    'Jadwal posyandu: Senin, 8 Desember 2026, 08.00 WIB. Rp1.250.000 — “gratis”…',
    'ケンコウ 健康 건강',
  ];

  it('is never less than twitter-text on citizen messages, links and emoji', () => {
    const under = texts.filter((t) => weightedLength(t) < reference(t));
    expect(under.map((t) => [t, weightedLength(t), reference(t)])).toEqual([]);
  });

  it('is the same as twitter-text on every text without a link or an emoji sequence', () => {
    const plainTexts = texts.filter(plain);
    expect(plainTexts.length).toBeGreaterThan(fixtures.length * 0.9);
    const differ = plainTexts.filter((t) => weightedLength(t) !== reference(t));
    expect(differ.map((t) => [t, weightedLength(t), reference(t)])).toEqual([]);
  });

  it('counts a link with a known ending as 23, as X does', () => {
    for (const url of LINKS.slice(0, 4)) expect(weightedLength(url)).toBe(reference(url));
    expect(weightedLength(`Info: ${LINKS[1]}, ya.`)).toBe(reference(`Info: ${LINKS[1]}, ya.`));
  });

  it('does not start a link right after a full-width @ or #, as twitter-text does not', () => {
    for (const mark of ['\uFF20', '\uFF03']) {
      const text = `Info ${mark}${LINKS[1]} ya`;
      expect(weightedLength(text)).toBe(reference(text));
      expect(weightedLength(text)).toBeGreaterThan(weightedLength(`Info ${LINKS[1]} ya`));
    }
  });
});
