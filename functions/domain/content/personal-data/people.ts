import type { ScreeningFinding } from './findings';
import {
  ADVOCACY,
  AGE_UNITS,
  DEGREES,
  FACILITIES,
  isHealthPhrase,
  isHealthWord,
  NAME_CUES,
  NOT_INITIALS,
  RESULT_NOUNS,
  ROLES,
  SAME_PERSON_OPENERS,
  STATE,
  TITLES,
} from './lexicon';
import { type ReadText, sentenceStart } from './text';
import { isCapitalised, isGivenName, isNameWord, isOrdinaryWord, type Token } from './tokens';

/** How a name was introduced: by a title, a phrase ("atas nama", "bernama"), a test result, or not at all. */
type Cue = 'title' | 'phrase' | 'result' | 'none';

interface Mention {
  /** The name as written, or the initials. */
  readonly name: string;
  readonly from: number;
  readonly to: number;
  readonly cue: Cue;
  /** A given name from the list is part of it, or a title or phrase introduced it. */
  readonly strong: boolean;
}

const STREETS = new Set(['jl', 'jln', 'jalan', 'gg', 'gang', 'komplek', 'komp', 'perum', 'perumahan', 'kp']);
const MAX_NAME_WORDS = 4;

const tok = (t: ReadText, i: number): Token | undefined => t.tokens[i];
const isSym = (t: ReadText, i: number, s: string): boolean => tok(t, i)?.text === s;

/** Skips a full stop right after an abbreviation ("Tn." "dr."). */
const afterDot = (t: ReadText, i: number): number => (isSym(t, i, '.') ? i + 1 : i);

/** Skips ":" "-" "," and "lengkap" between a cue and the name. */
const skipFiller = (t: ReadText, i: number): number => {
  let j = i;
  while (j < t.tokens.length && j < i + 3) {
    const x = tok(t, j);
    if (x === undefined) break;
    if (x.text === ':' || x.text === '-' || x.text === ',' || x.lower === 'lengkap') j++;
    else break;
  }
  return j;
};

/** Initials: "H.S.", "A.S", "S", "RN" (not "RT", "RW" and other bodies). Returns the end index, or -1. */
const initialsAt = (t: ReadText, i: number): number => {
  const first = tok(t, i);
  if (first === undefined || first.kind !== 'word' || !/^\p{Lu}{1,3}$/u.test(first.text)) return -1;
  // "Pasien TBC", "Anak SD", "Pak RT": an acronym of a disease, a place or a body is not someone's initials.
  if (NOT_INITIALS.has(first.lower) || isHealthWord(first.lower) || FACILITIES.has(first.lower)) return -1;
  if (first.text.length > 1) return i + 1;
  let j = i + 1;
  while (
    isSym(t, j, '.') &&
    /^\p{Lu}$/u.test(tok(t, j + 1)?.text ?? '') &&
    tok(t, j + 1)?.start === (tok(t, j)?.end ?? -1)
  ) {
    j += 2;
  }
  return isSym(t, j, '.') ? j + 1 : j;
};

/**
 * In text written in capitals (posters, image text), a surname after a name in capitals ("BUDI SANTOSO"):
 * a word in capitals that is not an ordinary word, a health word or a facility.
 */
const capsSurname = (t: ReadText, j: number): boolean => {
  const x = tok(t, j);
  const prev = tok(t, j - 1);
  if (x === undefined || prev === undefined || x.kind !== 'word' || !/^\p{Lu}{3,}$/u.test(x.text))
    return false;
  if (!/^\p{Lu}{2,}$/u.test(prev.text)) return false;
  return (
    !isOrdinaryWord(x.lower) &&
    !isHealthWord(x.lower) &&
    !FACILITIES.has(x.lower) &&
    !NOT_INITIALS.has(x.lower)
  );
};

/** A run of name words from i; a trailing initial ("Rahmat H.") belongs to it. Returns the end index. */
const nameRunAt = (t: ReadText, i: number): number => {
  let j = i;
  while (j < i + MAX_NAME_WORDS && (isNameWord(tok(t, j)) || (j > i && capsSurname(t, j)))) j++;
  if (j > i && /^\p{Lu}$/u.test(tok(t, j)?.text ?? '') && isSym(t, j + 1, '.')) j += 2;
  return j;
};

const slice = (t: ReadText, from: number, to: number): string => {
  const a = tok(t, from);
  const b = tok(t, to - 1);
  if (a === undefined || b === undefined) return '';
  return t.text.slice(a.start, b.end).replace(/\s+/g, ' ').replace(/[.,]$/, '');
};

/** The name, or the initials, that starts at i (after any title). */
const personAt = (t: ReadText, i: number, cue: Cue): Mention | undefined => {
  let j = i;
  // "atas nama bapak Ahmad", "Hasil lab: Tn. Wahyu", "pasien Tn. Budi": a title may come between the cue
  // (or a first title) and the name.
  if (TITLES.has(tok(t, j)?.lower ?? '')) {
    const next = afterDot(t, j + 1);
    if (isCapitalised(tok(t, next)) || initialsAt(t, next) > next) j = next;
  }
  const end = nameRunAt(t, j);
  if (end > j) {
    let strong = cue !== 'none' || ageWithUnitAfter(t, end) || stateNext(t, j, end);
    for (let k = j; k < end && !strong; k++) strong = isGivenName(tok(t, k));
    return { name: slice(t, j, end), from: j, to: end, cue, strong };
  }
  if (cue === 'none') return undefined;
  const initialsEnd = initialsAt(t, j);
  if (initialsEnd > j) return { name: slice(t, j, initialsEnd), from: j, to: initialsEnd, cue, strong: true };
  return undefined;
};

/** "(45 tahun)", ", 57 tahun", ", usia 30 tahun": an age with its unit, so the run before it is a person. */
const ageWithUnitAfter = (t: ReadText, i: number): boolean => {
  if (isSym(t, i, '(')) return tok(t, i + 1)?.kind === 'num' && AGE_UNITS.has(tok(t, i + 2)?.lower ?? '');
  let j = isSym(t, i, ',') ? i + 1 : i;
  if (['usia', 'umur', 'berusia', 'berumur'].includes(tok(t, j)?.lower ?? '')) j++;
  return tok(t, j)?.kind === 'num' && AGE_UNITS.has(tok(t, j + 1)?.lower ?? '');
};

/**
 * "Yang bersangkutan, Wahyudin, positif HIV": a capitalised word that does not open the sentence, followed
 * at once by a health state, is someone's name even when it is not on the list, when commas set it off.
 */
const stateNext = (t: ReadText, from: number, end: number): boolean => {
  // Set off by a comma or a colon, so that a place ("warga Cicadas meninggal") is not read as a name.
  if (from === sentenceStart(t, from) || !(isSym(t, from - 1, ',') || isSym(t, from - 1, ':'))) return false;
  const j = isSym(t, end, ',') ? end + 1 : end;
  return STATE.has(tok(t, j)?.lower ?? '');
};

/** Where a cue that introduces a name ends, and which cue it is, for the token at i. */
const cueAt = (t: ReadText, i: number): { next: number; cue: Cue } | undefined => {
  const w = tok(t, i);
  if (w === undefined || w.kind !== 'word') return undefined;
  if (w.lower === 'atas' && tok(t, i + 1)?.lower === 'nama')
    return { next: skipFiller(t, i + 2), cue: 'phrase' };
  // "a.n." (atas nama), written in lower case so that "An." stays the title for a child.
  if (w.text === 'a' && isSym(t, i + 1, '.') && tok(t, i + 2)?.text === 'n' && isSym(t, i + 3, '.')) {
    return { next: skipFiller(t, i + 4), cue: 'phrase' };
  }
  if (NAME_CUES.has(w.lower)) return { next: skipFiller(t, i + 1), cue: 'phrase' };
  if (w.lower === 'hasil' && RESULT_NOUNS.has(tok(t, i + 1)?.lower ?? '')) {
    let j = i + 2;
    while (RESULT_NOUNS.has(tok(t, j)?.lower ?? '') && j < i + 4) j++;
    j = skipFiller(t, j);
    // "Hasil lab / Nama: Dodi / HIV: reaktif"
    if (NAME_CUES.has(tok(t, j)?.lower ?? '') || tok(t, j)?.lower === 'pasien') j = skipFiller(t, j + 1);
    return { next: j, cue: 'result' };
  }
  if (TITLES.has(w.lower)) {
    const next = afterDot(t, i + 1);
    return { next: isSym(t, next, ':') ? next + 1 : next, cue: 'title' };
  }
  return undefined;
};

/** The words of tokens [from, to) that make health the subject, with two-word phrases. */
const healthBetween = (t: ReadText, from: number, to: number): boolean => {
  let prev: string | undefined;
  for (let i = Math.max(0, from); i < Math.min(to, t.tokens.length); i++) {
    const x = tok(t, i) as Token;
    if (x.kind === 'sym' && x.text !== '-') {
      prev = undefined;
      continue;
    }
    if (x.kind === 'word') {
      if (isHealthWord(x.lower)) return true;
      if (prev !== undefined && isHealthPhrase(`${prev} ${x.lower}`)) return true;
      prev = x.lower;
    }
  }
  return false;
};

/** Health is the subject of the sentence the mention is in, or of the next one when it opens with "Ia"... */
const healthAround = (
  t: ReadText,
  m: Mention,
  healthy: (s: number) => boolean,
  stated: (s: number) => boolean,
): boolean => {
  const s = t.sentenceOf[m.from] ?? 0;
  if (healthy(s)) return true;
  // The next sentence is about the same person when it opens with "Ia"/"Beliau", and the next few lines
  // are when the text is a record of "Field: value" lines ("Nama: ... / Diagnosis: ...").
  const next = t.sentences[s + 1];
  if (next === undefined) return false;
  const opener = tok(t, next[0])?.lower ?? '';
  // "Ia rutin mengedukasi warga soal DBD" is a topic; "Ia positif TBC" is a state.
  if (SAME_PERSON_OPENERS.has(opener) && stated(s + 1)) return true;
  if (m.cue === 'none') return false;
  for (let k = s + 1; k < Math.min(s + 4, t.sentences.length); k++) {
    const a = t.sentences[k]?.[0] ?? 0;
    const isField = isSym(t, a + 1, ':') || isSym(t, a + 2, ':');
    if (!isField) break;
    if (healthy(k)) return true;
  }
  return false;
};

/** A health state (not a topic) within a few words after the name: "dr. X positif COVID-19". */
const stateRightAfter = (t: ReadText, m: Mention): boolean => {
  for (let i = m.to; i < Math.min(m.to + 5, t.tokens.length); i++) {
    if (STATE.has(tok(t, i)?.lower ?? '')) return true;
  }
  return false;
};

/**
 * The name is an official or health worker's, given with their role: a role shortly before it ("dr.",
 * "Camat Coblong", "Wali Kota Bandung"), or a degree or role right after it (", Sp.A", ", Kepala Dinas").
 */
const speaksInRole = (t: ReadText, m: Mention): boolean => {
  const from = Math.max(sentenceStart(t, m.from), m.from - 5);
  for (let i = m.from - 1; i >= from; i--) {
    const x = tok(t, i) as Token;
    if (ROLES.has(x.lower)) return true;
  }
  let j = m.to;
  if (isSym(t, j, ',') || isSym(t, j, '(') || isSym(t, j, '-')) j++;
  const after = tok(t, j);
  if (after !== undefined && (DEGREES.has(after.lower) || ROLES.has(after.lower))) return true;
  return false;
};

/** The name is followed by a verb of speaking to the public ("Kang Emil mengajak warga ..."). */
const speaksToPublic = (t: ReadText, m: Mention): boolean => {
  for (let i = m.to; i < Math.min(m.to + 3, t.tokens.length); i++) {
    const x = tok(t, i) as Token;
    if (ADVOCACY.has(x.lower)) return true;
    if (x.kind === 'word' && x.lower !== 'juga' && x.lower !== 'pun' && x.lower !== 'kembali') return false;
  }
  return false;
};

/** An author in a citation: "Rahayu S, Hidayat A. Faktor risiko DBD", "Santoso dkk.", "Wijaya et al.". */
const citesAnAuthor = (t: ReadText, m: Mention): boolean => {
  if (m.cue !== 'none') return false;
  let i = m.to;
  // "Hidayat A." (the run took the initial in) or "Rahayu S," (the initial follows the run).
  const initialInRun = isSym(t, m.to - 1, '.') && /^\p{Lu}$/u.test(tok(t, m.to - 2)?.text ?? '');
  if (!initialInRun && /^\p{Lu}{1,2}$/u.test(tok(t, i)?.text ?? '')) i++;
  const next = tok(t, i)?.lower ?? '';
  if (next === 'dkk' || next === 'et') return true;
  const initialled = initialInRun || i > m.to;
  if (!initialled || !(initialInRun || [',', '.', '&', ';'].includes(next))) return false;
  // "Siti S, positif TBC" is a patient, not an author.
  for (let k = i; k < Math.min(i + 4, t.tokens.length); k++)
    if (STATE.has(tok(t, k)?.lower ?? '')) return false;
  return true;
};

/** The name is a place's: "Puskesmas Ibrahim Adjie", "Jl. Ahmad Yani", "RS Hasan Sadikin". */
const namesAPlace = (t: ReadText, m: Mention): boolean => {
  let i = m.from - 1;
  if (isSym(t, i, '.')) i--;
  const before = tok(t, i);
  if (before === undefined) return false;
  if (FACILITIES.has(before.lower) || STREETS.has(before.lower)) return true;
  return before.lower === 'sakit' && tok(t, i - 1)?.lower === 'rumah';
};

/** Names are listed together when only commas and "dan"/"serta" lie between them. */
const LIST_GLUE = new Set([',', 'dan', 'serta', '&', ';', '/']);
const listedTogether = (t: ReadText, a: Mention, b: Mention): boolean => {
  if (b.from <= a.to || b.from - a.to > 3) return false;
  for (let i = a.to; i < b.from; i++) if (!LIST_GLUE.has(tok(t, i)?.lower ?? '')) return false;
  return true;
};

/** Finds the people the text names (or gives by initials) together with their health. */
export const peopleFindings = (t: ReadText): { findings: ScreeningFinding[]; sentences: Set<number> } => {
  const mentions: Mention[] = [];
  let i = 0;
  while (i < t.tokens.length) {
    const cue = cueAt(t, i);
    let m: Mention | undefined;
    if (cue !== undefined) m = personAt(t, cue.next, cue.cue);
    if (m === undefined && isNameWord(tok(t, i))) m = personAt(t, i, 'none');
    if (m !== undefined) {
      mentions.push(m);
      i = Math.max(m.to, i + 1);
    } else i += 1;
  }

  // Which mentions are people (not places, not officials speaking in their role).
  const people = mentions.filter(
    (m) => !namesAPlace(t, m) && !citesAnAuthor(t, m) && (!speaksInRole(t, m) || stateRightAfter(t, m)),
  );

  // Lists: a name from the list or with a cue, and its neighbours joined by commas or "dan".
  const groups: Mention[][] = [];
  for (const m of people) {
    const last = groups.at(-1);
    const prev = last?.at(-1);
    if (last !== undefined && prev !== undefined && listedTogether(t, prev, m)) last.push(m);
    else groups.push([m]);
  }

  // Whether each sentence is about health, worked out once per sentence.
  const health = new Map<number, boolean>();
  const healthy = (s: number): boolean => {
    let h = health.get(s);
    if (h === undefined) {
      const [from, to] = t.sentences[s] ?? [0, 0];
      h = healthBetween(t, from, to);
      health.set(s, h);
    }
    return h;
  };

  const states = new Map<number, boolean>();
  const stated = (s: number): boolean => {
    let h = states.get(s);
    if (h === undefined) {
      const [from, to] = t.sentences[s] ?? [0, 0];
      h = false;
      for (let k = from; k < to && !h; k++) h = STATE.has(tok(t, k)?.lower ?? '');
      states.set(s, h);
    }
    return h;
  };

  const findings: ScreeningFinding[] = [];
  const flaggedSentences = new Set<number>();
  for (const group of groups) {
    const strong = group.filter((m) => m.strong);
    if (strong.length === 0) continue;
    const first = group[0] as Mention;
    const aboutHealth = group.some(
      (m) =>
        m.cue === 'result' ||
        (healthAround(t, m, healthy, stated) &&
          !(speaksToPublic(t, m) && !stated(t.sentenceOf[m.from] ?? 0))),
    );
    if (!aboutHealth) continue;
    flaggedSentences.add(t.sentenceOf[first.from] ?? 0);
    if (group.length >= 2 && strong.length >= 2) {
      findings.push({ kind: 'names-with-health', detail: group.map((m) => m.name).join(', ') });
    } else {
      for (const m of strong) findings.push({ kind: 'name-with-health', detail: m.name });
    }
  }
  return { findings, sentences: flaggedSentences };
};
