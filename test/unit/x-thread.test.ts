import { describe, expect, it } from 'vitest';
import { splitForX, weightedLength, X_LIMIT } from '../../functions/domain/publishing/x-thread';

const CAPTION = [
  'Waspada demam berdarah dengue (DBD) di musim hujan!',
  'Dinas Kesehatan Kota Bandung mengajak seluruh warga melakukan gerakan 3M Plus: menguras tempat penampungan',
  'air, menutup rapat wadah air, dan mendaur ulang barang bekas yang dapat menampung air hujan.',
  'Gunakan juga losion antinyamuk, pasang kelambu saat tidur, dan tanam tanaman pengusir nyamuk di sekitar',
  'rumah. Kenali gejalanya: demam tinggi mendadak selama dua sampai tujuh hari, nyeri kepala, nyeri di',
  'belakang mata, nyeri otot dan sendi, serta bintik merah pada kulit. Segera periksakan diri ke puskesmas',
  'atau fasilitas kesehatan terdekat bila mengalami gejala tersebut, jangan menunggu sampai kondisi',
  'memburuk. Informasi lengkap tersedia di https://dinkes.bandung.go.id/dbd dan layanan darurat 119.',
].join(' ');

const SUFFIX = / \((\d+)\/(\d+)\)$/;
const words = (s: string) => s.split(/\s+/).filter(Boolean);
const stripSuffix = (part: string) => part.replace(SUFFIX, '');

describe('weightedLength', () => {
  it('counts plain Latin text by characters', () => {
    expect(weightedLength('Cegah DBD')).toBe(9);
    expect(weightedLength('')).toBe(0);
  });

  it('counts any URL as 23, however long', () => {
    expect(weightedLength('https://dinkes.bandung.go.id')).toBe(23);
    expect(weightedLength('https://dinkes.bandung.go.id/informasi/dbd/2026/pencegahan-3m-plus')).toBe(23);
    expect(weightedLength('Info: https://dinkes.bandung.go.id/dbd')).toBe('Info: '.length + 23);
  });

  it('counts an emoji as 2', () => {
    expect(weightedLength('🦟')).toBe(2);
    expect(weightedLength('Awas 🦟!')).toBe(5 + 2 + 1);
  });
});

describe('splitForX', () => {
  it('returns a short text unchanged (only trimmed), without numbering', () => {
    expect(splitForX('Cegah DBD dengan 3M Plus.')).toEqual(['Cegah DBD dengan 3M Plus.']);
    expect(splitForX('  Cegah DBD.  ')).toEqual(['Cegah DBD.']);
  });

  it('keeps a text of exactly the limit in one post', () => {
    const text = 'a'.repeat(X_LIMIT);
    expect(splitForX(text)).toEqual([text]);
  });

  describe('a ~750-character Indonesian caption', () => {
    const parts = splitForX(CAPTION);

    it('is long enough to need a thread', () => {
      expect(CAPTION.length).toBeGreaterThan(700);
      expect(weightedLength(CAPTION)).toBeGreaterThan(2 * X_LIMIT);
    });

    it('splits into numbered parts "(i/n)"', () => {
      expect(parts.length).toBe(3);
      parts.forEach((part, i) => {
        expect(part.endsWith(` (${i + 1}/${parts.length})`)).toBe(true);
      });
    });

    it('keeps every part, with its number, within 280 weighted characters', () => {
      for (const part of parts) expect(weightedLength(part)).toBeLessThanOrEqual(X_LIMIT);
    });

    it('ends each part but the last at a sentence boundary', () => {
      for (const part of parts.slice(0, -1)) expect(stripSuffix(part)).toMatch(/[.!?]$/);
    });

    it('cuts no word: every word of every part is a whole word of the caption', () => {
      const original = new Set(words(CAPTION));
      for (const part of parts) for (const w of words(stripSuffix(part))) expect(original.has(w)).toBe(true);
    });

    it('keeps all words, in order, when the parts are joined again', () => {
      expect(words(parts.map(stripSuffix).join(' '))).toEqual(words(CAPTION));
    });

    it('keeps the URL whole', () => {
      expect(parts.some((p) => p.includes('https://dinkes.bandung.go.id/dbd'))).toBe(true);
    });
  });

  it('splits one long sentence without punctuation at word boundaries', () => {
    const sentence = Array.from({ length: 120 }, (_, i) => `kata${i}`).join(' ');
    const parts = splitForX(sentence);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(weightedLength(part)).toBeLessThanOrEqual(X_LIMIT);
    expect(words(parts.map(stripSuffix).join(' '))).toEqual(words(sentence));
  });

  it('cuts inside a word only when that word alone is over the limit, losing no characters', () => {
    const long = 'x'.repeat(600);
    const parts = splitForX(`Awal ${long} akhir`);
    for (const part of parts) expect(weightedLength(part)).toBeLessThanOrEqual(X_LIMIT);
    expect(parts.map(stripSuffix).join('').replace(/\s+/g, '')).toBe(`Awal${long}akhir`);
  });

  it('respects a smaller limit when given one', () => {
    const parts = splitForX(CAPTION, 140);
    expect(parts.length).toBeGreaterThan(3);
    for (const part of parts) expect(weightedLength(part)).toBeLessThanOrEqual(140);
    expect(words(parts.map(stripSuffix).join(' '))).toEqual(words(CAPTION));
  });

  it('counts emoji as 2 when deciding where to split', () => {
    const text = Array.from({ length: 60 }, () => 'Cuci tangan 🧼.').join(' ');
    const parts = splitForX(text);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) expect(weightedLength(part)).toBeLessThanOrEqual(X_LIMIT);
  });
});
