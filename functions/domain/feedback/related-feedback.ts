import { Filter, feedbackReceivedSince } from '../../adapters/feedback-repo';
import { topicStems } from './classifier-text';

/**
 * What citizens are asking: recent questions and complaints that share topic words with an item, so
 * the planners see them beside it at fact-finding. Function words and words every message of a health
 * office shares (puskesmas, kota, warga, ...) do not count as a topic.
 */
const GENERIC = new Set(
  (
    'yang untuk dengan dari pada atau dan ini itu ada bisa akan sudah belum tidak kami anda saya kakak admin ' +
    'mohon tolong terima kasih bagaimana kapan dimana apakah apa siapa berapa kenapa juga lagi saja sangat ' +
    'puskesmas kota bandung dinas sehat warga informasi info layan rumah sakit hari bulan tahun jam minggu ' +
    'gratis daftar datang pergi kalau jadi buat baru banyak semua masih sama lebih harus'
  ).split(' '),
);

export const topicsOf = (text: string): Set<string> =>
  new Set(topicStems(text).filter((w) => w.length >= 4 && !GENERIC.has(w)));

export interface RelatedFeedback {
  readonly id: string;
  readonly platform: string;
  readonly label: string;
  readonly text: string;
  readonly receivedAt: string;
  readonly shared: string[];
}

export const relatedFeedback = async (
  text: string,
  now = new Date(),
  days = 30,
  limit = 10,
): Promise<RelatedFeedback[]> => {
  const topics = topicsOf(text);
  if (topics.size === 0) return [];
  const since = new Date(now.getTime() - days * 86_400_000).toISOString();
  const stored = await feedbackReceivedSince(since, {
    filter: new Filter().oneOf('label', ['question', 'complaint']),
    max: 5000,
  });
  // A message its author deleted on the platform stays stored but is not shown as what citizens ask.
  const rows = stored.filter((r) => !r.deletedAt);
  return rows
    .map((r) => {
      const shared = [...topicsOf(String(r.text ?? ''))].filter((t) => topics.has(t));
      return {
        id: String(r.id),
        platform: String(r.platform),
        label: String(r.label),
        text: String(r.text ?? ''),
        receivedAt: String(r.receivedAt),
        shared,
      };
    })
    .filter((r) => r.shared.length > 0)
    .sort((a, b) => b.shared.length - a.shared.length || b.receivedAt.localeCompare(a.receivedAt))
    .slice(0, limit);
};
