/**
 * How often staff corrected the classifier's labels in a month. The inbox appends one entry to a feedback
 * record's `corrections` each time staff change its label or category; `from` holds the values before the
 * change and `to` the new ones. Pure: the caller passes the records and the month's window.
 */

export interface LabelValue {
  readonly label?: string | null;
  readonly category?: string | null;
}

export interface LabelCorrection {
  readonly by?: string;
  readonly at: string;
  readonly from: LabelValue;
  readonly to: LabelValue;
}

export interface CorrectableFeedback {
  readonly id: string;
  readonly createdAt: string;
  readonly corrections?: readonly LabelCorrection[];
}

export interface CorrectionPair {
  readonly from: { label: string; category: string | null };
  readonly to: { label: string; category: string | null };
  readonly count: number;
}

export interface LabelCorrectionsSummary {
  /** Corrections whose `at` falls in the window (whenever the message arrived). */
  readonly corrections: number;
  /** Messages of the month (createdAt in the window). */
  readonly messages: number;
  /** Of those, messages with at least one correction in the window. */
  readonly messagesCorrected: number;
  /** messagesCorrected / messages, unrounded; null for a month without messages. */
  readonly shareCorrected: number | null;
  /** The from→to pair seen most often among the window's corrections; null without corrections. */
  readonly mostCommon: CorrectionPair | null;
}

const within = (iso: string, w: { start: number; end: number }): boolean => {
  const t = Date.parse(iso);
  return Number.isFinite(t) && t >= w.start && t < w.end;
};

const side = (v: LabelValue): { label: string; category: string | null } => ({
  label: v.label ? String(v.label) : 'unclassified',
  category: v.category ? String(v.category) : null,
});

const pairKey = (p: Omit<CorrectionPair, 'count'>): string =>
  `${p.from.label}\u0000${p.from.category ?? ''}\u0000${p.to.label}\u0000${p.to.category ?? ''}`;

export const summariseLabelCorrections = (
  feedback: readonly CorrectableFeedback[],
  window: { start: string; end: string },
): LabelCorrectionsSummary => {
  const w = { start: Date.parse(window.start), end: Date.parse(window.end) };
  let corrections = 0;
  let messages = 0;
  let messagesCorrected = 0;
  const pairs = new Map<string, { pair: Omit<CorrectionPair, 'count'>; count: number }>();
  for (const f of feedback) {
    const inMonth = (f.corrections ?? []).filter((c) => within(c.at, w));
    corrections += inMonth.length;
    if (within(f.createdAt, w)) {
      messages += 1;
      if (inMonth.length) messagesCorrected += 1;
    }
    for (const c of inMonth) {
      const pair = { from: side(c.from), to: side(c.to) };
      const key = pairKey(pair);
      const seen = pairs.get(key);
      if (seen) seen.count += 1;
      else pairs.set(key, { pair, count: 1 });
    }
  }
  // Most often first; a tie goes to the pair that sorts first, so the answer does not depend on scan order.
  const best = [...pairs.entries()].sort(
    ([ka, a], [kb, b]) => b.count - a.count || (ka < kb ? -1 : ka > kb ? 1 : 0),
  )[0];
  return {
    corrections,
    messages,
    messagesCorrected,
    shareCorrected: messages ? messagesCorrected / messages : null,
    mostCommon: best ? { ...best[1].pair, count: best[1].count } : null,
  };
};
