import { feedbackForItem } from '../../adapters/feedback-repo';
import { instagram } from '../../adapters/instagram-client';
import { addStage, findItem, getItem } from '../../adapters/items-repo';
import { presignedGetUrl, putObject } from '../../adapters/media-store';
import { appendMetrics, listPublications } from '../../adapters/publications-repo';
import { x } from '../../adapters/x-client';
import { config } from '../../common/config';
import { NotFoundError } from '../../common/errors';
import { log } from '../../common/logger';
import type { ContentItem } from '../content/content';
import { followUpsForItem } from '../feedback/follow-ups';
import type { FeedbackRecord } from '../feedback/inbox';
import {
  buildEvaluation,
  type Evaluation,
  type EvaluationFollowUp,
  renderEvaluationHtml,
} from './evaluation-page';

export const INSTAGRAM_METRICS = ['reach', 'likes', 'comments', 'shares', 'saved', 'views'] as const;

/** Reads each published post's metrics and stores the reading with its time. A platform that fails is logged, not fatal. */
export const collectMetrics = async (itemId: string): Promise<{ collectedAt: string; readings: number }> => {
  const collectedAt = new Date().toISOString();
  let readings = 0;
  for (const pub of await listPublications(itemId)) {
    if (pub.state !== 'published' || !pub.postId) continue;
    try {
      const values =
        pub.platform === 'instagram'
          ? await instagram.insights(pub.postId, INSTAGRAM_METRICS)
          : await x.publicMetrics(pub.postId);
      await appendMetrics(pub, { at: collectedAt, values });
      readings += 1;
    } catch (error) {
      log.warn('metrics could not be read', { itemId, platform: pub.platform, error });
    }
  }
  return { collectedAt, readings };
};

export { engagementRate } from './engagement';
export {
  analyseFeedback,
  type EvaluationFollowUp,
  type FeedbackAnalysis,
  renderFeedbackSections,
  UNANSWERED_AFTER_HOURS,
  UNANSWERED_LISTED,
  type UnansweredQuestion,
} from './evaluation-page';

/** The item's feedback records (feedback table, `by-item` index), every page, in the index's order. */
const itemFeedback = (itemId: string): Promise<FeedbackRecord[]> =>
  feedbackForItem<FeedbackRecord>(itemId, { oldestFirst: true });

const evaluationFollowUps = async (
  itemId: string,
  now: Date,
): Promise<{ followUps: EvaluationFollowUp[]; error?: string }> => {
  try {
    const rows = await followUpsForItem(itemId, now);
    return {
      followUps: rows.map((f) => ({
        id: f.id,
        feedbackId: f.feedbackId,
        unit: f.unit,
        status: f.status,
        dueAt: f.dueAt,
        overdue: f.overdue,
        ...(f.category ? { category: f.category } : {}),
        ...(f.resolvedAt ? { resolvedAt: f.resolvedAt } : {}),
        ...(f.resolutionNote ? { resolutionNote: f.resolutionNote } : {}),
      })),
    };
  } catch (error) {
    // The report is still worth writing without them; say so in it rather than fail the evaluation.
    log.warn('follow-ups could not be read for the evaluation', { itemId, error });
    return { followUps: [], error: 'follow-ups could not be read' };
  }
};

export const evaluationKeys = (itemId: string) => ({
  reportKey: `reports/items/${itemId}/evaluation.json`,
  htmlKey: `reports/items/${itemId}/evaluation.html`,
});

/** The evaluation from the records as they are at `now`: every metrics reading, feedback and follow-up. */
const evaluationNow = async (item: ContentItem, pass: 1 | 2, now: Date): Promise<Evaluation> => {
  const [publications, feedback, followUps] = await Promise.all([
    listPublications(item.id),
    itemFeedback(item.id),
    evaluationFollowUps(item.id, now),
  ]);
  return buildEvaluation({
    item,
    publications,
    feedback,
    followUps: followUps.followUps,
    ...(followUps.error ? { followUpsError: followUps.error } : {}),
    pass,
    now,
  });
};

/** Stores the evaluation's JSON and page under the item's keys (the same keys every time). */
const storeEvaluation = async (ev: Evaluation) => {
  const keys = evaluationKeys(ev.itemId);
  await putObject(keys.reportKey, JSON.stringify(ev, null, 2), 'application/json');
  await putObject(
    keys.htmlKey,
    renderEvaluationHtml(ev, config().DISPLAY_TIME_ZONE),
    'text/html; charset=utf-8',
  );
  return keys;
};

/**
 * The workflow's Evaluate step: writes the item's evaluation (JSON and a readable HTML page) to S3 and
 * returns where. Pass 2 runs after the late metrics reading; the item's timeline records it. What citizens
 * say later is not lost: every read of the evaluation renders it again (refreshEvaluation).
 */
export const evaluateItem = async (
  itemId: string,
  pass: 1 | 2 = 1,
): Promise<{ reportKey: string; htmlKey: string }> => {
  const item = await getItem(itemId);
  const ev = await evaluationNow(item, pass, new Date());
  const keys = await storeEvaluation(ev);
  if (pass === 2)
    await addStage(itemId, 'reevaluated', `metrics read again; ${ev.platforms.length} platform(s)`);
  return keys;
};

/** Which evaluation pass an item has had: 2 once the late metrics reading was evaluated. */
const passOf = (item: ContentItem): 1 | 2 => (item.stages.reevaluated ? 2 : 1);

export interface FreshEvaluation {
  readonly evaluation: Evaluation;
  /** Short-lived links to the page and its JSON, just rewritten from current data. */
  readonly links: { html: string; json: string };
  readonly linksExpireInSeconds: number;
}

/**
 * Renders an evaluated item's evaluation again from current data and stores it, so the page a link opens
 * shows the feedback and follow-ups of the moment it was asked for. An item the workflow has not evaluated
 * yet has no evaluation (404): its metrics are not read before the evaluation window ends.
 */
export const refreshEvaluation = async (itemId: string, now = new Date()): Promise<FreshEvaluation> => {
  const item = await findItem(itemId);
  if (!item) throw new NotFoundError(`Content item ${itemId} does not exist`);
  if (!item.reportKey) throw new NotFoundError(`Content item ${itemId} has not been evaluated yet`);
  const evaluation = await evaluationNow(item, passOf(item), now);
  // A read that half failed (the follow-ups could not be read) must never overwrite a good stored copy:
  // answer what was rendered, and link the copy already stored.
  const keys = evaluation.followUpsError
    ? { reportKey: item.reportKey, htmlKey: item.reportKey.replace(/\.json$/, '.html') }
    : await storeEvaluation(evaluation);
  return {
    evaluation,
    links: { html: await presignedGetUrl(keys.htmlKey), json: await presignedGetUrl(keys.reportKey) },
    linksExpireInSeconds: config().MEDIA_URL_TTL_SECONDS,
  };
};

/**
 * Links for the item page: the evaluation rendered from current data; when that cannot be done (a table
 * unreadable for a moment), the stored copy, logged, so the item page still opens.
 */
export const evaluationLinks = async (
  item: Pick<ContentItem, 'id' | 'reportKey'>,
): Promise<{ html: string; json: string } | undefined> => {
  if (!item.reportKey) return undefined;
  try {
    return (await refreshEvaluation(item.id)).links;
  } catch (error) {
    log.warn('evaluation could not be refreshed; linking the stored copy', { itemId: item.id, error });
    return {
      html: await presignedGetUrl(item.reportKey.replace(/\.json$/, '.html')),
      json: await presignedGetUrl(item.reportKey),
    };
  }
};
