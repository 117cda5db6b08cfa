import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  findingMessage,
  findingReason,
  screenFindings,
  screenText,
} from '../../functions/domain/content/screening';

/**
 * The screen runs on every caption, alt text and image text: it must answer for any string, never throw, and
 * stay fast on input built to make pattern matching slow (long repeats of the prefixes the patterns look for).
 */

const MAX_CAPTION = 5000;

// Pieces the patterns look for, so random texts reach deep into every rule, not just the first character.
const PIECES = [
  'Tn. ',
  'Ny. ',
  'An. ',
  'Kang ',
  'Pak ',
  'Ibu ',
  'dr. ',
  'Sp.A',
  'Kepala ',
  'Camat ',
  'atas nama ',
  'a.n. ',
  'bernama ',
  'berinisial ',
  'Hasil lab: ',
  'Nama: ',
  'Siti ',
  'Rahayu ',
  'Budi ',
  'H.S. ',
  'RN ',
  '(34) ',
  '(61 th) ',
  ', 57 tahun',
  'positif ',
  'TBC ',
  'DBD ',
  'ARV ',
  'dirawat ',
  'meninggal ',
  'RT 03/RW 07 ',
  'RW 09 ',
  'Jl. ',
  'Gg. Mawar ',
  'No. 12 ',
  'Puskesmas ',
  'PMI ',
  'SD Negeri 12 ',
  'PT ',
  'guru ',
  'seorang ',
  'perempuan ',
  'laki-laki ',
  'WA Center ',
  'hotline ',
  '0812-3456-7890 ',
  '+62 812 ',
  '3273015203900001',
  '3273 0152 ',
  ', ',
  ': ',
  '. ',
  '\n',
  '!',
  '?',
  '(',
  ')',
  '-',
  '/',
  'é',
  '😀',
  '\u0301',
  '\u0000',
  '１２３',
];

const text = fc
  .array(
    fc.oneof(
      fc.constantFrom(...PIECES),
      fc.string({ maxLength: 8 }),
      fc.string({ unit: 'grapheme', maxLength: 4 }),
    ),
    {
      maxLength: 200,
    },
  )
  .map((parts) => parts.join('').slice(0, MAX_CAPTION));

describe('the screen on any input', () => {
  it('never throws, and every finding has a reason and a message', () => {
    fc.assert(
      fc.property(text, (s) => {
        const findings = screenFindings(s);
        for (const f of findings) {
          expect(findingReason(f).length).toBeGreaterThan(0);
          expect(findingMessage(f).length).toBeGreaterThan(0);
        }
        const result = screenText(s);
        expect(result.excluded).toBe(result.reasons.length > 0);
        expect(result.reasons).toHaveLength(findings.length);
      }),
      { numRuns: 1500, seed: 20261201 },
    );
  });

  it('never throws on arbitrary strings, lone surrogates included', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (s) => {
        expect(() => screenFindings(s)).not.toThrow();
      }),
      { numRuns: 1500, seed: 7 },
    );
  });

  it('gives the same answer twice (no state carried between calls)', () => {
    fc.assert(
      fc.property(text, (s) => {
        expect(screenFindings(s)).toEqual(screenFindings(s));
      }),
      { numRuns: 200, seed: 11 },
    );
  });
});

describe('the screen on adversarial input', () => {
  // Each of these is repeated to the longest caption allowed. A pattern with nested repetition would take
  // seconds or more on some of them; a linear screen takes milliseconds.
  const REPEATS = [
    'Jl. ',
    'Jl. a a a a a a a a a a a a ',
    'Gg. Mawar ',
    'No. ',
    '0812 ',
    '0',
    '1',
    '08123 ',
    '+62 8',
    'RT 1/RW ',
    'RT. 0',
    'Tn. ',
    'Tn. H.',
    'A.',
    'Siti ',
    'Siti, ',
    'Siti dan ',
    'Abcdef ',
    'hasil lab ',
    'atas nama ',
    'bernama ',
    'guru SD ',
    'seorang perempuan 34 tahun ',
    '(34) ',
    'positif ',
    '. ',
    '\n',
    ': ',
    'a',
    '3273-0152-',
    '32.73.01.',
  ];

  it.each(REPEATS)('screens %j repeated to 5000 characters quickly', (piece) => {
    const long = piece.repeat(Math.ceil(MAX_CAPTION / piece.length)).slice(0, MAX_CAPTION);
    screenFindings(long); // warm the stemmer's cache and the JIT, which a long-running Lambda has done already
    const started = performance.now();
    screenFindings(long);
    const ms = performance.now() - started;
    // Measured well under 50 ms on the shared 2-core build machine; the bound leaves room for a busy machine.
    expect(ms).toBeLessThan(500);
  });

  it('grows about linearly: eight times the text takes nowhere near sixty-four times as long', () => {
    const piece = 'Tn. Siti (34), RT 1/RW 2, Jl. Mawar No. 5, 0812-3456-7890 positif ';
    const small = piece.repeat(Math.ceil(5000 / piece.length));
    const large = small.repeat(8);
    const best = (s: string): number => {
      let min = Number.POSITIVE_INFINITY;
      for (let r = 0; r < 5; r++) {
        const t = performance.now();
        screenFindings(s);
        min = Math.min(min, performance.now() - t);
      }
      return min;
    };
    best(small);
    // A floor under the small time, so that a measurement of almost nothing does not make any ratio huge.
    const a = Math.max(best(small), 2);
    const b = best(large);
    // Linear is 8; quadratic would be 64. The margin is for a machine shared with other builds.
    expect(b / a).toBeLessThan(40);
  });
});
