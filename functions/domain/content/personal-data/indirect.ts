import type { ScreeningFinding } from './findings';
import {
  AGE_UNITS,
  CONDITION,
  COUNT_WORDS,
  COUNTED,
  NOT_AN_AGE_AFTER,
  NOT_AN_AGE_BEFORE,
  OCCUPATIONS,
  SEX,
  STATE,
  STATE_PHRASES,
  WORKPLACES,
} from './lexicon';
import type { ReadText } from './text';
import { isCapitalised, type Token } from './tokens';

/**
 * Indirect identification: no name, but details that together point at one person next to their health
 * state ("seorang perempuan 34 tahun di RT 03/RW 07 positif TBC", "seorang guru SD Negeri 12 positif TBC").
 * Counts ("12 kasus", "tiga warga") and anonymous testimonies ("seorang warga bercerita") pass.
 */

interface Clues {
  state: boolean;
  aggregate: boolean;
  age: boolean;
  sex: boolean;
  rtRw: boolean;
  kelurahan: boolean;
  workplace: boolean;
}

const AREA_WORDS = new Set([
  'kelurahan',
  'kel',
  'desa',
  'kampung',
  'kp',
  'dusun',
  'gang',
  'gg',
  'komplek',
  'perumahan',
]);

const cluesIn = (t: ReadText, from: number, to: number): Clues => {
  const c: Clues = {
    state: false,
    aggregate: false,
    age: false,
    sex: false,
    rtRw: false,
    kelurahan: false,
    workplace: false,
  };
  const at = (i: number): Token | undefined => (i >= from && i < to ? t.tokens[i] : undefined);
  for (let i = from; i < to; i++) {
    const x = t.tokens[i] as Token;
    const next = at(i + 1);
    const lower = x.lower;
    if (x.kind === 'word') {
      if (STATE.has(lower) || (next !== undefined && STATE_PHRASES.has(`${lower} ${next.lower}`)))
        c.state = true;
      // "kasus HIV pada laki-laki ...": a case attributed to someone.
      if (CONDITION.has(lower) && (next?.lower === 'pada' || at(i + 2)?.lower === 'pada')) c.state = true;
      if (COUNT_WORDS.has(lower) && (COUNTED.has(next?.lower ?? '') || next?.kind === 'num'))
        c.aggregate = true;
      if (SEX.has(lower)) c.sex = true;
      if ((lower === 'rt' || lower === 'rw') && (next?.kind === 'num' || at(i + 2)?.kind === 'num'))
        c.rtRw = true;
      if (AREA_WORDS.has(lower) && isCapitalised(at(next?.text === '.' ? i + 2 : i + 1))) c.kelurahan = true;
      if (OCCUPATIONS.has(lower)) {
        for (let k = i + 1; k < Math.min(i + 9, to); k++) {
          const w = t.tokens[k] as Token;
          if (!WORKPLACES.has(w.lower)) continue;
          for (let q = k + 1; q <= k + 3; q++) {
            const named = at(q);
            if (named !== undefined && (named.kind === 'num' || isCapitalised(named))) c.workplace = true;
          }
        }
      }
    } else if (x.kind === 'num') {
      if (COUNTED.has(next?.lower ?? '')) c.aggregate = true;
      if (AGE_UNITS.has(next?.lower ?? '')) {
        const before = [at(i - 1)?.lower, at(i - 2)?.lower];
        const after = [at(i + 2)?.lower, at(i + 2)?.text];
        const range =
          before.some((w) => w !== undefined && NOT_AN_AGE_BEFORE.has(w)) ||
          after.some((w) => w !== undefined && (NOT_AN_AGE_AFTER.has(w) || w === '-'));
        if (!range) c.age = true;
      }
      // "seorang perempuan (34)"
      if (at(i - 1)?.text === '(' && at(i + 1)?.text === ')' && SEX.has(at(i - 2)?.lower ?? '')) c.age = true;
    }
  }
  return c;
};

export const indirectFindings = (t: ReadText, skipSentences: ReadonlySet<number>): ScreeningFinding[] => {
  const found: ScreeningFinding[] = [];
  t.sentences.forEach(([from, to], s) => {
    if (skipSentences.has(s)) return;
    const c = cluesIn(t, from, to);
    if (!c.state || c.aggregate) return;
    const identifying = c.workplace || (c.rtRw && (c.age || c.sex)) || (c.kelurahan && c.age && c.sex);
    if (!identifying) return;
    const detail = [
      c.age ? 'age' : undefined,
      c.sex ? 'sex' : undefined,
      c.rtRw ? 'RT/RW' : undefined,
      c.kelurahan && !c.rtRw ? 'kelurahan' : undefined,
      c.workplace ? 'workplace' : undefined,
    ].filter((d): d is string => d !== undefined);
    found.push({ kind: 'indirect-identification', detail: detail.join(', ') });
  });
  return found;
};
