/**
 * The platforms' metric names as staff read them, in Indonesian. Browser-safe (no imports): the console's
 * report screen uses the same words as the evaluation page and the monthly report.
 */
export const METRIC_NAMES: Readonly<Record<string, string>> = {
  // Instagram insights
  reach: 'Jangkauan',
  views: 'Tayangan',
  likes: 'Suka',
  comments: 'Komentar',
  shares: 'Dibagikan',
  saved: 'Disimpan',
  total_interactions: 'Total interaksi',
  // X public_metrics
  impression_count: 'Tayangan',
  like_count: 'Suka',
  reply_count: 'Balasan',
  retweet_count: 'Dibagikan ulang',
  quote_count: 'Dikutip',
  bookmark_count: 'Disimpan',
};

/** The order metrics are listed in: audience first, then interactions. Unknown names go last, as stored. */
const ORDER = [
  'reach',
  'impression_count',
  'views',
  'likes',
  'like_count',
  'comments',
  'reply_count',
  'shares',
  'retweet_count',
  'quote_count',
  'saved',
  'bookmark_count',
  'total_interactions',
];

export const ENGAGEMENT_RATE_NAME = 'Tingkat interaksi';
export const INTERACTIONS_NAME = 'Interaksi';

export const metricName = (key: string): string => METRIC_NAMES[key] ?? key;

/** A reading's values as [name, value] pairs in reading order. */
export const namedMetrics = (values: Readonly<Record<string, number>>): [string, number][] => {
  const rank = (k: string) => {
    const i = ORDER.indexOf(k);
    return i === -1 ? ORDER.length : i;
  };
  return Object.entries(values)
    .sort(([a], [b]) => rank(a) - rank(b) || (a < b ? -1 : a > b ? 1 : 0))
    .map(([k, v]) => [metricName(k), v]);
};
