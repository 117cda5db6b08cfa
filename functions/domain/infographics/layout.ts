import { ValidationError } from '../../common/errors';
import { textWidth, type Weight } from './fonts';

/** Text that fits: wrapped by the font's own advance widths, shrunk within limits, refused otherwise. */

/** Kerning and rounding are not measured; lines keep this share of the width free. */
const SAFETY = 0.95;

export const wrap = (
  text: string,
  size: number,
  weight: Weight,
  maxWidth: number,
  maxLines: number,
): string[] | undefined => {
  const limit = maxWidth * SAFETY;
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/).filter(Boolean)) {
    const candidate = line ? `${line} ${word}` : word;
    if (textWidth(candidate, size, weight) <= limit) {
      line = candidate;
      continue;
    }
    if (textWidth(word, size, weight) > limit) return undefined;
    if (line) lines.push(line);
    line = word;
    if (lines.length >= maxLines) return undefined;
  }
  if (line) lines.push(line);
  return lines.length <= maxLines ? lines : undefined;
};

export interface Fitted {
  readonly size: number;
  readonly lines: string[];
}

/** The largest size from max down to min (in steps of 1 px) at which the text fits in maxLines. */
export const fitText = (
  text: string,
  weight: Weight,
  max: number,
  min: number,
  maxWidth: number,
  maxLines: number,
): Fitted | undefined => {
  for (let size = Math.round(max); size >= Math.round(min); size -= 1) {
    const lines = wrap(text, size, weight, maxWidth, maxLines);
    if (lines) return { size, lines };
  }
  return undefined;
};

export const tooLong = (path: string, message: string): never => {
  throw new ValidationError(message, [{ path, message }]);
};
