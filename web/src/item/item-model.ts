import { formatWib } from '../time';
import { t } from '../translate';

/** The item page's data as the API gives it (GET /content/{id}, GET /approvals, GET /feedback?itemId=). */

export interface Publication {
  readonly platform: string;
  readonly revision?: number;
  readonly state: 'pending' | 'published' | 'failed' | string;
  readonly attempts?: number;
  readonly postId?: string;
  readonly url?: string;
  readonly publishedAt?: string;
  readonly error?: string;
  readonly errorWords?: string;
  readonly warning?: string;
  readonly metrics?: readonly { at: string; values: Record<string, number> }[];
}

export interface ItemView {
  readonly id: string;
  readonly title: string;
  readonly caption: string;
  readonly platforms: readonly string[];
  readonly status: string;
  readonly statusReason?: string;
  readonly revision: number;
  readonly revisions: readonly { revision: number; at: string; by: string; note?: string }[];
  readonly changeRequest?: { approver: string; comment: string; at: string; revision: number };
  readonly screening?: { reasons: string[]; revision: number; at: string };
  readonly screeningFindings?: readonly string[];
  readonly screeningOverride?: { by: string; at: string; justification: string; revision: number };
  readonly approvalRule: 'any' | 'all';
  readonly approvers: readonly string[];
  readonly approvalDeadline?: string;
  readonly publishAt: string;
  readonly evaluateAt?: string;
  readonly reschedules: readonly { from: string; to: string; at: string; by: string; note?: string }[];
  readonly sources: readonly { url: string; title: string; date?: string }[];
  readonly media: readonly {
    key: string;
    contentType: string;
    altText: string;
    /** Only these platforms get the image; absent: every platform of the item. */
    platforms?: readonly ('instagram' | 'x')[];
  }[];
  readonly createdBy: string;
  readonly timeline: readonly { stage: string; at: string; note?: string }[];
  readonly publications: readonly Publication[];
  readonly evaluation?: { html: string; json: string };
}

export type ApprovalState = 'pending' | 'approved' | 'rejected' | 'changes-requested';

export interface Approval {
  readonly approvalId: string;
  readonly itemId: string;
  readonly revision: number;
  readonly approver: string;
  readonly status: ApprovalState;
  readonly expiresAt?: string;
  readonly decidedAt?: string;
  readonly comment?: string;
  readonly remindersSent?: number;
}

export interface Feedback {
  readonly id: string;
  readonly platform: string;
  readonly authorHandle: string;
  readonly text: string;
  readonly receivedAt: string;
  readonly label?: string;
  readonly urgent?: boolean;
  readonly status: string;
}

export const PLATFORM_NAMES: Record<string, string> = { instagram: 'Instagram', x: 'X' };
export const platformName = (p: string): string => PLATFORM_NAMES[p] ?? p;

/** "a", "a dan b", "a, b, dan c" (or "or" for the any rule) in the current language. */
export const joinNames = (names: readonly string[], joiner: 'and' | 'or' = 'and'): string => {
  const word = t(joiner === 'and' ? 'itemPage.and' : 'itemPage.or');
  if (names.length <= 1) return names[0] ?? '';
  if (names.length === 2) return `${names[0]} ${word} ${names[1]}`;
  return `${names.slice(0, -1).join(', ')}, ${word} ${names.at(-1)}`;
};

export interface TimelineEntry {
  readonly at: string;
  readonly text: string;
  /** Words a person typed (a change request, a revision note, a reason), shown as they are, quoted. */
  readonly quote?: string;
}

/** `approved#r2` → {base: 'approved', revision: 2}. */
const splitStage = (stage: string): { base: string; revision?: number } => {
  const m = /^(.*)#r(\d+)$/.exec(stage);
  return m ? { base: m[1] ?? stage, revision: Number(m[2]) } : { base: stage };
};

/** `approver@x: what they wrote` → the two parts (emails hold no colon followed by a space). */
const splitOnce = (text: string): [string, string] | undefined => {
  const at = text.indexOf(': ');
  return at < 0 ? undefined : [text.slice(0, at), text.slice(at + 2)];
};

const platformsIn = (text: string): string =>
  joinNames(
    text
      .split(/,\s*/)
      .map((p) => p.trim())
      .filter(Boolean)
      .map(platformName),
  );

const stageEntry = (item: ItemView, stage: string, note: string | undefined): Omit<TimelineEntry, 'at'> => {
  const { base, revision } = splitStage(stage);
  // Which revision a step belongs to matters only once there is more than one.
  const rev = revision && item.revision > 1 ? t('itemPage.timeline.ofRevision', { revision }) : '';
  // The revision goes inside the sentence, before its full stop.
  const say = (key: string, values: Record<string, unknown> = {}) =>
    t(key, values).replace(/\.?$/, `${rev}.`);
  switch (base) {
    case 'submitted':
      return { text: t('itemPage.timeline.submitted', { by: item.createdBy }) };
    case 'fact-finding': {
      const m = /^(\d+) source.*?(\d+) related/.exec(note ?? '');
      const checked = m
        ? say('itemPage.timeline.factFinding', { sources: Number(m[1]), related: Number(m[2]) })
        : say('itemPage.timeline.factFindingPlain');
      // Images whose text OCR could not read: staff check them by eye (docs/decisions/0016).
      const unread = /could not read ((?:media\.\d+(?:, )?)+)/.exec(note ?? '')?.[1];
      const images = [...(unread ?? '').matchAll(/media\.(\d+)/g)].map((x) => Number(x[1]) + 1);
      return images.length
        ? { text: `${checked} ${t('itemPage.timeline.imagesUnread', { images: images.join(', ') })}` }
        : { text: checked };
    }
    case 'blocked':
      return { text: say('itemPage.timeline.blocked') };
    case 'approval-requested': {
      const to = note
        ?.replace(/^sent to /, '')
        .split(/,\s*/)
        .filter(Boolean) ?? [...item.approvers];
      return { text: say('itemPage.timeline.approvalRequested', { approvers: joinNames(to) }) };
    }
    case 'approved': {
      const m = /^approved by (\S+)( \(last of all approvers\))?/.exec(note ?? '');
      if (!m) return { text: say('itemPage.timeline.approvedPlain') };
      return {
        text: say(m[2] ? 'itemPage.timeline.approvedLast' : 'itemPage.timeline.approved', { by: m[1] }),
      };
    }
    case 'changes-requested': {
      const parts = note ? splitOnce(note) : undefined;
      const by = parts?.[0] ?? item.changeRequest?.approver ?? '';
      const comment = parts?.[1] ?? '';
      return {
        text: say(by ? 'itemPage.timeline.changesRequested' : 'itemPage.timeline.changesRequestedPlain', {
          by,
        }),
        ...(comment.trim() ? { quote: comment } : {}),
      };
    }
    case 'revised': {
      const entry = item.revisions.find((r) => r.revision === revision);
      return {
        text: t('itemPage.timeline.revised', { revision, by: entry?.by ?? '' }),
        ...(entry?.note ? { quote: entry.note } : {}),
      };
    }
    case 'published': {
      const list = note?.replace(/^published to /, '');
      return {
        text: list
          ? say('itemPage.timeline.published', { platforms: platformsIn(list) })
          : say('itemPage.timeline.publishedPlain'),
      };
    }
    case 'failed':
      return { text: t('itemPage.timeline.failed') };
    case 'cancelled': {
      const m = /^Cancelled by ([^:]+): (.*)$/s.exec(
        item.status === 'cancelled' ? (item.statusReason ?? '') : '',
      );
      return m
        ? { text: t('itemPage.timeline.cancelledBy', { by: m[1] }), quote: m[2] }
        : { text: t('itemPage.timeline.cancelled') };
    }
    case 'rejected': {
      const m = /^Rejected by ([^:\s]+): (.*)$/s.exec(
        item.status === 'rejected' ? (item.statusReason ?? '') : '',
      );
      return m
        ? { text: t('itemPage.timeline.rejectedBy', { by: m[1] }), ...(m[2]?.trim() ? { quote: m[2] } : {}) }
        : { text: t('itemPage.timeline.rejected') };
    }
    case 'expired':
      return { text: t('itemPage.timeline.expired') };
    case 'evaluated':
      return { text: t('itemPage.timeline.evaluated') };
    case 'evaluation-failed':
      return { text: t('itemPage.timeline.evaluationFailed') };
    case 'reevaluated': {
      const m = /(\d+) platform/.exec(note ?? '');
      return { text: t('itemPage.timeline.reevaluated', { count: m ? Number(m[1]) : 0 }) };
    }
    default:
      return { text: t('itemPage.timeline.other') };
  }
};

/**
 * The item's history as sentences staff read, oldest first: every stage the server records, and the
 * reschedules and a supervisor's override, which live beside the stages. Machine notes are turned into
 * words; what people typed is kept as they wrote it, in `quote`.
 */
export const timelineEntries = (item: ItemView, locale: string): TimelineEntry[] => {
  const entries: TimelineEntry[] = item.timeline.map((s) => ({
    at: s.at,
    ...stageEntry(item, s.stage, s.note),
  }));
  for (const r of item.reschedules) {
    entries.push({
      at: r.at,
      text: t('itemPage.timeline.rescheduled', {
        by: r.by,
        from: formatWib(r.from, { locale }),
        to: formatWib(r.to, { locale }),
      }),
      ...(r.note ? { quote: r.note } : {}),
    });
  }
  if (item.screeningOverride) {
    entries.push({
      at: item.screeningOverride.at,
      text: t('itemPage.timeline.overridden', { by: item.screeningOverride.by }),
      quote: item.screeningOverride.justification,
    });
  }
  return entries.sort((a, b) => a.at.localeCompare(b.at));
};

/** The approvers this revision still waits for: pending approvals, or everyone when none were sent yet. */
export const waitingFor = (item: ItemView, approvals: readonly Approval[] | undefined): string[] => {
  const current = (approvals ?? []).filter((a) => a.revision === item.revision);
  if (!current.length) return [...item.approvers];
  return current.filter((a) => a.status === 'pending').map((a) => a.approver);
};

/** Where the item stands and what happens next, in one or two sentences. */
export const nextStep = (
  item: ItemView,
  approvals: readonly Approval[] | undefined,
  locale: string,
): string => {
  const when = (iso: string | undefined) => (iso ? formatWib(iso, { locale }) : '');
  switch (item.status) {
    case 'submitted':
    case 'fact-checked':
      return t('itemPage.next.checking');
    case 'blocked':
      return t('itemPage.next.blocked');
    case 'awaiting-approval': {
      const names = waitingFor(item, approvals);
      const who = joinNames(names, item.approvalRule === 'any' ? 'or' : 'and');
      const key =
        item.approvalRule === 'all' && names.length > 1
          ? 'itemPage.next.awaitingAll'
          : 'itemPage.next.awaiting';
      const sentence = t(key, { who });
      return item.approvalDeadline
        ? `${sentence} ${t('itemPage.next.deadline', { when: when(item.approvalDeadline) })}`
        : sentence;
    }
    case 'changes-requested':
      return t('itemPage.next.changesRequested', {
        by: item.changeRequest?.approver ?? t('itemPage.anApprover'),
      });
    case 'scheduled':
      return t('itemPage.next.scheduled', { when: when(item.publishAt) });
    case 'published':
      return item.evaluateAt
        ? t('itemPage.next.publishedEvaluating', { when: when(item.evaluateAt) })
        : t('itemPage.next.published');
    case 'evaluated':
      return t('itemPage.next.evaluated');
    case 'evaluation-failed':
      return t('itemPage.next.evaluationFailed');
    case 'rejected':
      return t('itemPage.next.rejected');
    case 'expired':
      return t('itemPage.next.expired');
    case 'failed':
      return t('itemPage.next.failed');
    case 'cancelled':
      return t('itemPage.next.cancelled');
    default:
      return t('itemPage.next.unknown');
  }
};

/** Metric names staff read, in the order they are shown; other raw counters are left out. */
export const METRIC_KEYS: Record<string, readonly string[]> = {
  instagram: ['reach', 'impressions', 'views', 'likes', 'comments', 'shares', 'saved'],
  x: ['impression_count', 'like_count', 'reply_count', 'retweet_count', 'quote_count', 'bookmark_count'],
};

export const latestMetrics = (
  p: Publication,
): { at: string; rows: { key: string; value: number }[] } | undefined => {
  const last = p.metrics?.at(-1);
  if (!last) return undefined;
  const keys = METRIC_KEYS[p.platform] ?? [];
  const rows = keys
    .filter((k) => typeof last.values[k] === 'number')
    .map((k) => ({ key: k, value: last.values[k] ?? 0 }));
  return { at: last.at, rows };
};

/** Whether staff may send a revision now (the API takes one only in these two statuses). */
export const takesRevision = (item: ItemView): boolean =>
  item.status === 'changes-requested' || item.status === 'blocked';
