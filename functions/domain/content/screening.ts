/**
 * Screens text for information excluded from publication (UU 14/2008 art. 17; health data is specific
 * personal data under UU 27/2022): anything that identifies a person together with their health.
 * Deliberately conservative about public-health content: district names, case counts, hospital names,
 * officials named with their role, public facilities' addresses and offices' lines pass.
 *
 * The parts live in personal-data/: identifiers (NIK, phone, address), people (names, titles, initials, lists),
 * indirect (age, sex, RT/RW, workplace), over one tokenisation of the text (tokens, text). Every step is a
 * single pass with a bounded look-around, so the cost grows linearly with the length of the text.
 */
import type { ScreeningFinding } from './personal-data/findings';
import { identifierFindings } from './personal-data/identifiers';
import { indirectFindings } from './personal-data/indirect';
import { peopleFindings } from './personal-data/people';
import { readText } from './personal-data/text';

export { findingMessage, findingReason, type ScreeningFinding } from './personal-data/findings';
export { looksLikeNik } from './personal-data/identifiers';

export interface ScreeningResult {
  readonly excluded: boolean;
  readonly reasons: string[];
}

import { findingReason } from './personal-data/findings';

export const screenFindings = (text: string): ScreeningFinding[] => {
  const read = readText(text);
  const people = peopleFindings(read);
  const found = [
    ...identifierFindings(read),
    ...people.findings,
    ...indirectFindings(read, people.sentences),
  ];
  const seen = new Set<string>();
  return found.filter((f) => {
    const key = `${f.kind}|${f.detail ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
};

export const screenText = (text: string): ScreeningResult => {
  const reasons = screenFindings(text).map(findingReason);
  return { excluded: reasons.length > 0, reasons };
};

/** Screens every text of an item that could be published. */
export const screenItem = (texts: Record<string, string>): ScreeningResult => {
  const reasons = Object.entries(texts).flatMap(([field, text]) =>
    screenText(text).reasons.map((r) => `${field}: ${r}`),
  );
  return { excluded: reasons.length > 0, reasons };
};
