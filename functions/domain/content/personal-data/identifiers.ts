import type { ScreeningFinding } from './findings';
import { FACILITIES, HOTLINE, RESIDENCE, TITLES } from './lexicon';
import { type ReadText, sentenceStart, tokenAt, wordsBetween } from './text';

// Province codes in use on the NIK (Dukcapil), first two digits.
const PROVINCES = new Set([
  11, 12, 13, 14, 15, 16, 17, 18, 19, 21, 31, 32, 33, 34, 35, 36, 51, 52, 53, 61, 62, 63, 64, 65, 71, 72, 73,
  74, 75, 76, 81, 82, 91, 92, 93, 94, 95, 96, 97,
]);

/** A 16-digit number whose region and birth-date parts are plausible (women's day is +40). */
export const looksLikeNik = (digits: string): boolean => {
  if (!/^\d{16}$/.test(digits)) return false;
  const province = Number(digits.slice(0, 2));
  const day = Number(digits.slice(6, 8));
  const month = Number(digits.slice(8, 10));
  const realDay = day > 40 ? day - 40 : day;
  return PROVINCES.has(province) && realDay >= 1 && realDay <= 31 && month >= 1 && month <= 12;
};

// A NIK is written as 16 digits in a row, or grouped 4-4-4-4, 6-6-4 or 2-2-2-6-4 (the KTP layout);
// never read across other numbers ("NIK ... - 34 tahun").
const NIK_CANDIDATE =
  /(?<![\d.-])(\d{16}|\d{4}([ .-])\d{4}\2\d{4}\2\d{4}|\d{6}([ .-])\d{6}\3\d{4}|\d{2}([ .-])\d{2}\4\d{2}\4\d{6}\4\d{4})(?![\d]|[.-]\d)/g;
// Mobile prefixes run 081-089; 0800 is toll-free and public.
const MOBILE = /(?<![\d+])(?:\+62|62|0)[\s.-]?8[1-9](?:[\s.-]?\d){7,10}(?!\d)/g;
// The street part is bounded (50 characters), so a failed match costs a fixed amount per starting point.
const STREET_WITH_NUMBER =
  /\b(?:jl|jln|jalan|gg|gang|komplek|komp|perum(?:ahan)?)\.?\s+[a-z0-9][\w .'-]{1,50}?\s+(?:no|nomor|nomer)\.?\s*\d+[a-z]?\b/gi;
const RT_RW = /\brt\.?\s*0*\d{1,3}\s*\/\s*rw\.?\s*0*\d{1,3}\b/gi;

const mask = (s: string): string => `${s.replace(/\D/g, '').slice(0, 4)}…`;

/** How far back, in tokens, a facility or an office's line may be named before its address or number. */
const LOOKBACK = 12;

/**
 * Whether what starts at token `at` belongs to a public body: one of `owners` is named within the lookback,
 * in the same sentence, and nothing between says it is someone's home or private line.
 */
const ownedByPublicBody = (t: ReadText, at: number, owners: ReadonlySet<string>): boolean => {
  const from = Math.max(sentenceStart(t, Math.min(at, t.tokens.length - 1)), at - LOOKBACK);
  const before = wordsBetween(t, from, at);
  for (let k = before.length - 1; k >= 0; k--) {
    const w = before[k] as string;
    // "rumah sakit" is a hospital, not a home.
    if (w === 'rumah' && before[k + 1] === 'sakit') return true;
    if (RESIDENCE.has(w) || (TITLES.has(w) && !owners.has(w))) return false;
    if (owners.has(w)) return true;
  }
  return false;
};

export const identifierFindings = (t: ReadText): ScreeningFinding[] => {
  const found: ScreeningFinding[] = [];
  for (const m of t.text.matchAll(NIK_CANDIDATE)) {
    const digits = (m[1] ?? '').replace(/\D/g, '');
    if (looksLikeNik(digits)) found.push({ kind: 'nik', detail: mask(digits) });
  }
  for (const m of t.text.matchAll(MOBILE)) {
    if (ownedByPublicBody(t, tokenAt(t, m.index ?? 0), HOTLINE)) continue;
    found.push({ kind: 'phone', detail: mask(m[0]) });
  }
  const addresses = [...t.text.matchAll(STREET_WITH_NUMBER), ...t.text.matchAll(RT_RW)];
  if (addresses.some((m) => !ownedByPublicBody(t, tokenAt(t, m.index ?? 0), FACILITIES))) {
    found.push({ kind: 'address' });
  }
  return found;
};
