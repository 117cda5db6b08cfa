import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';

/**
 * Plus Jakarta Sans from the installed package (TTF: resvg cannot read WOFF). Read from disk once per process,
 * never fetched; the widths used to wrap text come from the same files satori draws with.
 */
export type Weight = 400 | 700;

const FILES: Record<Weight, string> = {
  400: '@expo-google-fonts/plus-jakarta-sans/400Regular/PlusJakartaSans_400Regular.ttf',
  700: '@expo-google-fonts/plus-jakarta-sans/700Bold/PlusJakartaSans_700Bold.ttf',
};

const cache = new Map<Weight, Buffer>();
export const fontBytes = (weight: Weight): Buffer => {
  let bytes = cache.get(weight);
  if (!bytes) {
    bytes = readFileSync(createRequire(import.meta.url).resolve(FILES[weight]));
    cache.set(weight, bytes);
  }
  return bytes;
};

/** Advance widths from a TrueType font's cmap (format 4) and hmtx tables, in font units. */
export interface FontMetrics {
  readonly unitsPerEm: number;
  readonly advance: (codePoint: number) => number;
  readonly hasGlyph: (codePoint: number) => boolean;
}

export const readMetrics = (font: Buffer): FontMetrics => {
  const tables = new Map<string, number>();
  const count = font.readUInt16BE(4);
  for (let i = 0; i < count; i += 1) {
    const at = 12 + i * 16;
    tables.set(font.toString('latin1', at, at + 4), font.readUInt32BE(at + 8));
  }
  const table = (tag: string): number => {
    const at = tables.get(tag);
    if (at === undefined) throw new Error(`font has no ${tag} table`);
    return at;
  };
  const unitsPerEm = font.readUInt16BE(table('head') + 18);
  const metricsCount = font.readUInt16BE(table('hhea') + 34);
  const hmtx = table('hmtx');
  const cmap = table('cmap');
  let sub = -1;
  const subtables = font.readUInt16BE(cmap + 2);
  for (let i = 0; i < subtables; i += 1) {
    const at = cmap + 4 + i * 8;
    const platform = font.readUInt16BE(at);
    const encoding = font.readUInt16BE(at + 2);
    const offset = cmap + font.readUInt32BE(at + 4);
    if ((platform === 3 && encoding === 1) || platform === 0) {
      if (font.readUInt16BE(offset) === 4) sub = offset;
    }
  }
  if (sub < 0) throw new Error('font has no format-4 cmap');
  const segments = font.readUInt16BE(sub + 6) / 2;
  const ends = sub + 14;
  const starts = ends + segments * 2 + 2;
  const deltas = starts + segments * 2;
  const rangeOffsets = deltas + segments * 2;
  const glyphOf = (c: number): number => {
    if (c > 0xffff) return 0;
    for (let i = 0; i < segments; i += 1) {
      if (font.readUInt16BE(ends + i * 2) < c) continue;
      const start = font.readUInt16BE(starts + i * 2);
      if (start > c) return 0;
      const delta = font.readInt16BE(deltas + i * 2);
      const rangeAt = rangeOffsets + i * 2;
      const range = font.readUInt16BE(rangeAt);
      if (range === 0) return (c + delta) & 0xffff;
      const g = font.readUInt16BE(rangeAt + range + 2 * (c - start));
      return g === 0 ? 0 : (g + delta) & 0xffff;
    }
    return 0;
  };
  const widths = new Map<number, number>();
  const advance = (c: number): number => {
    let w = widths.get(c);
    if (w === undefined) {
      const g = glyphOf(c);
      w = font.readUInt16BE(hmtx + Math.min(g, metricsCount - 1) * 4);
      widths.set(c, w);
    }
    return w;
  };
  return { unitsPerEm, advance, hasGlyph: (c) => glyphOf(c) !== 0 };
};

const metrics = new Map<Weight, FontMetrics>();
export const metricsFor = (weight: Weight): FontMetrics => {
  let m = metrics.get(weight);
  if (!m) {
    m = readMetrics(fontBytes(weight));
    metrics.set(weight, m);
  }
  return m;
};

/** The text's width in px at the size (no kerning: callers keep a margin). */
export const textWidth = (text: string, size: number, weight: Weight): number => {
  const m = metricsFor(weight);
  let units = 0;
  for (const ch of text) units += m.advance(ch.codePointAt(0) ?? 32);
  return (units / m.unitsPerEm) * size;
};

/** Characters the font cannot draw (they would show as empty boxes). */
export const missingGlyphs = (text: string): string[] => {
  const m = metricsFor(400);
  return [...new Set([...text].filter((ch) => ch.trim() !== '' && !m.hasGlyph(ch.codePointAt(0) ?? 0)))];
};
