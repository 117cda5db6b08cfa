import type { LabelCorrectionsSummary } from '../../../functions/domain/evaluation/label-corrections';

/**
 * What `GET /reports/{month}` answers (the parts of functions/domain/evaluation/monthly-report.ts the screen
 * reads, restated here because that module's imports are not browser code), and what the screen derives.
 */

type Platform = 'instagram' | 'x';

export interface PostRow {
  readonly itemId: string;
  readonly title: string;
  readonly platform: Platform;
  readonly publishedAt: string;
  readonly metricsReadAt?: string;
  readonly reachOrImpressions: number;
  readonly interactions: number;
  readonly engagementRate?: number;
}

export interface MonthlyReport {
  readonly month: string;
  readonly generatedAt: string;
  readonly publishing: {
    readonly itemsPublished: number;
    readonly postsByPlatform: Record<Platform, number>;
    readonly postsTotal: number;
    readonly totals: Record<Platform, { reachOrImpressions: number; interactions: number }>;
    readonly posts: readonly PostRow[];
  };
  readonly weeks: readonly {
    weekStart: string;
    platform: Platform;
    posts: number;
    reachOrImpressions: number;
    interactions: number;
  }[];
  readonly feedback: {
    readonly total: number;
    readonly byLabel: Record<string, number>;
    readonly urgent: number;
    readonly complaintsByCategory: readonly { category: string; count: number }[];
  };
  readonly complaintTrend: {
    readonly previousMonth: string;
    readonly rows: readonly {
      category: string;
      thisMonth: number;
      previousMonth: number;
      difference: number;
    }[];
  };
  readonly responseTimes: { readonly medianMinutes: number | null; readonly replied: number };
  readonly followUps: { readonly overdueAtNow: number };
}

export interface StoredReport {
  readonly month: string;
  readonly generatedAt: string;
  readonly links: { html: string; csv: string };
  readonly linksExpireInSeconds: number;
  /** Reports stored before corrections were recorded have no `labelCorrections`. */
  readonly report: Omit<MonthlyReport, 'labelCorrections'> & { labelCorrections?: LabelCorrectionsSummary };
}

export interface ItemEvaluationRow {
  readonly itemId: string;
  readonly title: string;
  /** The first post's publish time. */
  readonly publishedAt: string;
  readonly posts: readonly Pick<
    PostRow,
    'platform' | 'reachOrImpressions' | 'interactions' | 'engagementRate' | 'metricsReadAt'
  >[];
}

/** The month's published items, one row per item with its posts (the report lists posts). First published first. */
export const itemEvaluations = (posts: readonly PostRow[]): ItemEvaluationRow[] => {
  const rows = new Map<string, { itemId: string; title: string; publishedAt: string; posts: PostRow[] }>();
  for (const p of posts) {
    const row = rows.get(p.itemId);
    if (row) {
      row.posts.push(p);
      if (p.publishedAt < row.publishedAt) row.publishedAt = p.publishedAt;
    } else rows.set(p.itemId, { itemId: p.itemId, title: p.title, publishedAt: p.publishedAt, posts: [p] });
  }
  return [...rows.values()].sort(
    (a, b) => a.publishedAt.localeCompare(b.publishedAt) || a.itemId.localeCompare(b.itemId),
  );
};

export interface ChartRow {
  readonly label: string;
  readonly values: readonly { series: string; value: number }[];
}

/** Weeks × platforms as chart rows (one row per week, Instagram reach and X impressions side by side). */
export const weekRows = (
  weeks: MonthlyReport['weeks'],
  weekLabel: (weekStart: string) => string,
): ChartRow[] => {
  const starts = [...new Set(weeks.map((w) => w.weekStart))].sort();
  return starts.map((start) => ({
    label: weekLabel(start),
    values: (['instagram', 'x'] as const).map((platform) => ({
      series: platform,
      value: weeks.find((w) => w.weekStart === start && w.platform === platform)?.reachOrImpressions ?? 0,
    })),
  }));
};

/** Days from `now` until `expiresAt`, rounded down; negative once it has passed. Undefined without a date. */
export const daysUntil = (expiresAt: string | undefined, now: Date): number | undefined => {
  if (!expiresAt) return undefined;
  const at = Date.parse(expiresAt);
  if (!Number.isFinite(at)) return undefined;
  return Math.floor((at - now.getTime()) / 86_400_000);
};

/** The expiry in words, as a message key and count: "berakhir dalam 12 hari", "berakhir hari ini", … */
export const expiryWords = (
  expiresAt: string | undefined,
  now: Date,
): { key: 'expiresIn' | 'expiresToday' | 'expired'; count?: number } | undefined => {
  const days = daysUntil(expiresAt, now);
  if (days === undefined) return undefined;
  if (Date.parse(expiresAt ?? '') <= now.getTime()) return { key: 'expired' };
  if (days < 1) return { key: 'expiresToday' };
  return { key: 'expiresIn', count: days };
};
