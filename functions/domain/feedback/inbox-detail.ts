import { findItem } from '../../adapters/items-repo';
import { presignedGetUrl } from '../../adapters/media-store';
import { log } from '../../common/logger';
import { mediaFor, type Platform } from '../content/platforms';
import { explain, type Match } from './classifier';
import { type FeedbackRecord, getFeedback, othersWriting } from './inbox';
import { responseRules } from './office-calendar';
import { isResponseOverdue, responseWorkingDaysLate } from './response-deadline';

/**
 * One message as the inbox shows it: the record, the post it answers (the item's title, caption and first
 * image), why it carries its label (the classifier's cues, or the colleague who corrected it), its history in
 * order, and who else is writing a reply right now.
 */

/** Cues the classifier names in English (signs rather than words), as staff read them. */
const SIGNS: Record<string, string> = {
  '?': 'tanda tanya',
  '@mention': 'menyebut akun lain',
  'long wait (antre/menunggu + N jam/hari)': 'menunggu berjam-jam atau berhari-hari',
  'long wait': 'menunggu berjam-jam atau berhari-hari',
  'praise with a sarcasm marker': 'pujian dengan tanda sindiran',
  'keracunan + many people': 'keracunan banyak orang',
  '(urgent, not a question)': 'darurat, bukan pertanyaan',
};

export interface Cue {
  /** A word or phrase from the message, in quotes when shown; or a sign described in words. */
  readonly text: string;
  readonly kind: 'word' | 'sign';
  /** "tidak ramah": praise turned around. */
  readonly negated?: boolean;
}

export interface LabelReason {
  /** `staff`: a colleague corrected it (by, at); `classifier`: the cues below fired. */
  readonly source: 'classifier' | 'staff';
  readonly by?: string;
  readonly at?: string;
  readonly labelCues: readonly Cue[];
  readonly categoryCues: readonly Cue[];
  readonly urgentCues: readonly Cue[];
  /** False when today's classifier would label the text differently from what was stored. */
  readonly current: boolean;
}

/** Where a question word sits ("apa" ending a clause), said in words; the classifier writes these in English. */
const POSITIONAL: readonly [RegExp, (m: RegExpExecArray) => string][] = [
  [/^(\S+) \.\.\. \(opens a clause\)$/, (m) => `“${m[1]}” di awal kalimat`],
  [/^\.\.\. (\S+) \(ends a clause\)$/, (m) => `“${m[1]}” di akhir kalimat`],
  [/^\.\.\., (\S+) \(a tag question\)$/, (m) => `“…, ${m[1]}” di akhir kalimat`],
  [/^(\S+) \.\.\. (\S+)$/, (m) => `“${m[1]} … ${m[2]}”`],
];

const signOf = (cue: string): string | undefined => {
  if (SIGNS[cue]) return SIGNS[cue];
  for (const [pattern, say] of POSITIONAL) {
    const m = pattern.exec(cue);
    if (m) return say(m);
  }
  return undefined;
};

const cueOf = (m: Match): Cue => {
  const sign = signOf(m.cue);
  return {
    text: sign ?? m.cue,
    kind: sign !== undefined || /^[(]/.test(m.cue) ? 'sign' : 'word',
    ...(m.note === 'negated praise' ? { negated: true } : {}),
  };
};

const unique = (cues: Cue[]): Cue[] => {
  const seen = new Set<string>();
  return cues.filter((c) => !seen.has(c.text) && seen.add(c.text));
};

/**
 * Why a message carries its label: the classifier is run again on its text (rules and model are
 * deterministic: the same text gives the same label), and the cues that fired for the stored label, category and urgent flag are named. A label a
 * colleague corrected says who and when instead.
 */
export const labelReason = (
  f: Pick<FeedbackRecord, 'text' | 'label' | 'category' | 'urgent' | 'corrections'>,
): LabelReason => {
  const last = f.corrections?.[f.corrections.length - 1];
  if (last)
    return {
      source: 'staff',
      by: last.by,
      at: last.at,
      labelCues: [],
      categoryCues: [],
      urgentCues: [],
      current: true,
    };
  const e = explain(f.text);
  const of = (scale: string | null | undefined) =>
    scale ? unique(e.matches.filter((m) => m.scale === scale && m.weight > 0).map(cueOf)) : [];
  return {
    source: 'classifier',
    labelCues: of(f.label),
    categoryCues: f.label === 'complaint' ? of(f.category) : [],
    urgentCues: f.urgent ? of('urgent') : [],
    current: e.label === f.label && (e.category ?? null) === (f.category ?? null),
  };
};

export type HistoryEvent =
  | { readonly kind: 'received'; readonly at: string }
  | {
      readonly kind: 'classified';
      readonly at: string;
      readonly label: string;
      readonly category: string | null;
      readonly urgent: boolean;
    }
  | { readonly kind: 'replied'; readonly at: string; readonly by: string; readonly text: string }
  | { readonly kind: 'reply-failed'; readonly at: string; readonly by: string; readonly reason: string }
  | { readonly kind: 'assigned'; readonly at: string; readonly by: string; readonly to: string | null }
  | {
      readonly kind: 'relabelled';
      readonly at: string;
      readonly by: string;
      readonly from: { label: string | null; category: string | null };
      readonly to: { label: string; category: string | null };
    }
  | { readonly kind: 'closed'; readonly at: string; readonly by?: string; readonly note?: string }
  | { readonly kind: 'deleted'; readonly at: string };

/** Everything that happened to a message, oldest first (what the classifier said first, not the correction). */
export const historyOf = (f: FeedbackRecord): HistoryEvent[] => {
  const events: HistoryEvent[] = [{ kind: 'received', at: f.receivedAt }];
  if (f.processedAt && f.label) {
    const first = f.corrections?.[0]?.from;
    events.push({
      kind: 'classified',
      at: f.processedAt,
      label: first ? (first.label ?? 'unclassified') : f.label,
      category: first ? first.category : (f.category ?? null),
      urgent: Boolean(f.urgent),
    });
  }
  for (const r of f.replies ?? []) events.push({ kind: 'replied', at: r.at, by: r.by, text: r.text });
  for (const r of f.replyFailures ?? [])
    events.push({ kind: 'reply-failed', at: r.at, by: r.by, reason: r.reason });
  for (const a of f.assignments ?? []) events.push({ kind: 'assigned', at: a.at, by: a.by, to: a.to });
  for (const c of f.corrections ?? [])
    events.push({ kind: 'relabelled', at: c.at, by: c.by, from: c.from, to: c.to });
  if (f.closedAt) events.push({ kind: 'closed', at: f.closedAt, by: f.closedBy, note: f.closedNote });
  if (f.deletedAt) events.push({ kind: 'deleted', at: f.deletedAt });
  // Stable: events at the same instant keep the order above.
  return events
    .map((e, i) => ({ e, i }))
    .sort((a, b) => a.e.at.localeCompare(b.e.at) || a.i - b.i)
    .map(({ e }) => e);
};

export interface PostPreview {
  readonly itemId: string;
  readonly title: string;
  readonly caption: string;
  /** A short-lived link to the item's first image, with its alt text. */
  readonly image?: { readonly url: string; readonly altText: string };
}

/** The post the message answers, with the first image that platform got. */
const postOf = async (itemId: string, platform: Platform): Promise<PostPreview | undefined> => {
  const item = await findItem(itemId);
  if (!item) return undefined;
  const first = mediaFor(item.media, platform)[0] ?? item.media[0];
  let image: PostPreview['image'];
  if (first) {
    try {
      image = { url: await presignedGetUrl(first.key), altText: first.altText };
    } catch (error) {
      log.warn('post image link failed', { itemId, error });
    }
  }
  return { itemId, title: item.title, caption: item.caption, ...(image ? { image } : {}) };
};

/** GET /feedback/{id}: the record with its post, the reason for its label, its history and who is writing. */
export const feedbackDetail = async (id: string, actor: string) => {
  const f = await getFeedback(id);
  return {
    ...inboxRow(f, actor),
    post: f.itemId ? await postOf(f.itemId, f.platform) : undefined,
    why: f.label ? labelReason(f) : undefined,
    history: historyOf(f),
  };
};

/** A list row: the record without the claim's token, and with who else is writing instead of every lease. */
export const inboxRow = (f: FeedbackRecord, actor: string) => {
  const { writers, replyClaim, ...record } = f;
  return {
    ...record,
    ...(replyClaim ? { replyClaim: { by: replyClaim.by, at: replyClaim.at } } : {}),
    writing: othersWriting(writers, actor, new Date()),
  };
};

/** How many distinct items one list page looks up for their titles (a page rarely spans more). */
const TITLES_PER_PAGE = 30;

/** The list's rows, each with the title of the post it answers (one read per distinct item on the page). */
export const inboxRows = async (rows: readonly FeedbackRecord[], actor: string, now = new Date()) => {
  // A question past the office's response time (working days, WIB) says by how much (docs/decisions/0019).
  const rules = rows.some((r) => r.label === 'question' && r.status === 'open')
    ? await responseRules()
    : undefined;
  const itemIds = [...new Set(rows.map((r) => r.itemId).filter((id): id is string => Boolean(id)))].slice(
    0,
    TITLES_PER_PAGE,
  );
  const titles = new Map(
    await Promise.all(
      itemIds.map(async (id) => [id, (await findItem(id).catch(() => undefined))?.title] as const),
    ),
  );
  return rows.map((r) => {
    const postTitle = r.itemId ? titles.get(r.itemId) : undefined;
    const late = rules && !r.deletedAt ? responseWorkingDaysLate(r, rules, now) : 0;
    return {
      ...inboxRow(r, actor),
      ...(postTitle ? { postTitle } : {}),
      ...(rules && isResponseOverdue(r, rules, now) && !r.deletedAt
        ? { responseLate: { workingDays: late } }
        : {}),
    };
  });
};
