import {
  CATEGORY_NAMES,
  categoryName,
  labelName,
  platformName,
} from '../../../functions/domain/support/display-names';
import { OFFICE_ZONE } from '../time';

/** The inbox's data as the API gives it (GET /feedback, GET /feedback/{id}, GET /saved-replies). */

export { categoryName, labelName, platformName };

export const LABELS = ['complaint', 'question', 'appreciation', 'other'] as const;
export const STATUSES = ['open', 'answered', 'closed'] as const;
export const PLATFORMS = ['instagram', 'x'] as const;
/** The complaint categories, in the order display-names.ts lists them (its names, never our own). */
export const CATEGORIES = Object.keys(CATEGORY_NAMES).filter((c) => c !== 'uncategorised');

export interface Reply {
  readonly text: string;
  readonly at: string;
  readonly by: string;
}

export interface Writer {
  readonly by: string;
  readonly until: string;
}

export interface InboxRow {
  readonly id: string;
  readonly platform: string;
  readonly authorHandle: string;
  readonly text: string;
  readonly receivedAt: string;
  readonly itemId?: string;
  readonly label?: string;
  readonly category?: string | null;
  readonly urgent?: boolean;
  readonly status: 'open' | 'answered' | 'closed';
  readonly replies?: readonly Reply[];
  readonly replyClaim?: { readonly by: string; readonly at: string };
  readonly assignedTo?: string;
  readonly followUpId?: string;
  readonly deletedAt?: string;
  readonly closedBy?: string;
  readonly writing?: readonly Writer[];
  /** The title of the post the message answers (list rows). */
  readonly postTitle?: string;
  /** An open question past the office's response time: by how many working days (list rows). */
  readonly responseLate?: { readonly workingDays: number };
}

export interface Cue {
  readonly text: string;
  readonly kind: 'word' | 'sign';
  readonly negated?: boolean;
}

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

export interface InboxDetail extends InboxRow {
  readonly post?: {
    readonly itemId: string;
    readonly title: string;
    readonly caption: string;
    readonly image?: { readonly url: string; readonly altText: string };
  };
  readonly why?: {
    readonly source: 'classifier' | 'staff';
    readonly by?: string;
    readonly at?: string;
    readonly labelCues: readonly Cue[];
    readonly categoryCues: readonly Cue[];
    readonly urgentCues: readonly Cue[];
    readonly current: boolean;
  };
  readonly history: readonly HistoryEvent[];
}

export interface SavedReply {
  readonly id: string;
  readonly title: string;
  readonly text: string;
  readonly version: number;
  readonly updatedAt: string;
  readonly updatedBy: string;
}

export interface Filters {
  readonly label?: string;
  readonly category?: string;
  readonly platform?: string;
  readonly itemId?: string;
  readonly status?: string;
  readonly watch?: string;
  readonly assignedTo?: string;
}

/** The query string of GET /feedback for the chosen filters (empty ones left out). */
export const inboxQuery = (f: Filters, limit = 100): string => {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (typeof v === 'string' && v.trim() !== '') q.set(k, v.trim());
  q.set('limit', String(limit));
  return q.toString();
};

/**
 * A colleague's name from their sign-in email, as the console says it: `rina.s@…` → "Rina S",
 * `staf.humas@localhost` → "Staf Humas". The email is what the records keep.
 */
export const personName = (email: string): string => {
  const local = email.split('@')[0] ?? email;
  const words = local.split(/[._-]+/).filter(Boolean);
  if (words.length === 0) return email;
  return words.map((w) => w.charAt(0).toUpperCase() + w.slice(1)).join(' ');
};

/** `{nama}` and `{platform}` filled for one message, as the server's saved-replies.ts describes them. */
export const fillSavedReply = (text: string, row: Pick<InboxRow, 'authorHandle' | 'platform'>): string =>
  text.replace(/\{([^{}\s]{1,30})\}/g, (whole, name: string) => {
    if (name === 'nama') return `@${row.authorHandle.replace(/^@/, '')}`;
    if (name === 'platform') return platformName(row.platform);
    return whole;
  });

const clock = new Intl.DateTimeFormat('id-ID', {
  timeZone: OFFICE_ZONE,
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});
const day = new Intl.DateTimeFormat('en-CA', { timeZone: OFFICE_ZONE, dateStyle: 'short' });

/** "09.12 WIB" for an instant, and whether it was today on the WIB wall clock. */
export const wibClock = (iso: string, now: Date = new Date()): { time: string; today: boolean } => {
  const d = new Date(iso);
  return { time: `${clock.format(d).replace(':', '.')} WIB`, today: day.format(d) === day.format(now) };
};

/** Who has the message, as people in the data show them: colleagues to offer in the assign field. */
export const colleaguesIn = (rows: readonly InboxRow[], saved: readonly SavedReply[]): string[] => {
  const seen = new Set<string>();
  for (const r of rows) {
    if (r.assignedTo) seen.add(r.assignedTo);
    for (const reply of r.replies ?? []) seen.add(reply.by);
  }
  for (const s of saved) seen.add(s.updatedBy);
  return [...seen].filter((e) => e.includes('@')).sort();
};
