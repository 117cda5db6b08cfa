import type { Publication } from '../../adapters/publications-repo';
import { formatLocal } from '../support/time';
import type { ContentItem } from './content';
import { failureReasonInIndonesian, screeningReasonInIndonesian } from './staff-words';

/** What staff see of an item: the record, its timeline in time order, and where it was published. */
export const itemView = (
  item: ContentItem,
  publications: readonly Publication[],
  timeZone = 'Asia/Jakarta',
) => ({
  id: item.id,
  title: item.title,
  caption: item.caption,
  platforms: item.platforms,
  status: item.status,
  statusReason: item.statusReason,
  revision: item.revision,
  revisionHash: item.revisionHash,
  revisions: item.revisions ?? [],
  changeRequest: item.changeRequest,
  screening: item.screening,
  screeningOverride: item.screeningOverride,
  /** What screening found, in the Indonesian words staff read (the stored reasons stay English). */
  screeningFindings: (item.screening?.reasons ?? []).map(screeningReasonInIndonesian),
  approvalRule: item.approvalRule,
  approvalLanguage: item.approvalLanguage,
  publishAt: item.publishAt,
  publishAtLocal: formatLocal(item.publishAt, timeZone),
  evaluateAfter: item.evaluateAfter,
  reschedules: item.reschedules ?? [],
  evaluateAt: item.evaluateAt,
  reevaluateAfter: item.reevaluateAfter,
  reevaluateAt: item.reevaluateAt,
  approvers: item.approvers,
  approvalDeadline: item.approvalDeadline,
  sources: item.sources,
  media: item.media.map((m) => ({
    key: m.key,
    contentType: m.contentType,
    bytes: m.bytes,
    altText: m.altText,
    ...(m.platforms ? { platforms: m.platforms } : {}),
  })),
  factFinding: item.factFinding,
  reportKey: item.reportKey,
  executionArn: item.executionArn,
  createdAt: item.createdAt,
  createdBy: item.createdBy,
  updatedAt: item.updatedAt,
  timeline: Object.entries(item.stages ?? {})
    .map(([stage, entry]) => ({ stage, at: entry.at, ...(entry.note ? { note: entry.note } : {}) }))
    .sort((a, b) => a.at.localeCompare(b.at)),
  publications: publications.map((p) => ({
    platform: p.platform,
    revision: p.revision,
    state: p.state,
    // More than one attempt means a retry or a reconciliation happened; staff can see it.
    attempts: p.attempts,
    postId: p.postId,
    url: p.url,
    publishedAt: p.publishedAt,
    error: p.error,
    warning: p.warning,
    metrics: p.metrics,
    /** Why it failed, in Indonesian words staff can act on; only for a failed publication. */
    ...(p.state === 'failed' ? { errorWords: failureReasonInIndonesian(p.error) } : {}),
  })),
});
