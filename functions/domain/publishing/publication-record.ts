import { createHash } from 'node:crypto';
import type { AuditEntry } from '../../adapters/audit-repo';
import type { ApprovalEntry, PublicationRecord } from '../archive/records';
import type { ContentItem, MediaRef, Platform } from '../content/content';
import { splitForX } from './x-thread';

/** What the publication record reads besides the item: the audit trail (approvals) and the media bytes. */
export interface PublicationRecordSources {
  readonly auditTrail: (itemId: string) => Promise<AuditEntry[]>;
  readonly getObjectBytes: (key: string) => Promise<Buffer>;
  /** The key of the image as the platform received it (Instagram: a converted copy when one was made). */
  readonly sentKey: (m: MediaRef) => Promise<string>;
}

/** The audit actions of an approver's decision (approval.requested, .reminded and the like are not). */
const DECIDED = new Set(['approval.approved', 'approval.rejected', 'approval.changes-requested']);

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

/** The approvals of one revision, oldest first, from the audit trail (who, decision, comment, when, from where). */
export const approvalsOf = (trail: readonly AuditEntry[], revision: number): ApprovalEntry[] =>
  trail
    .filter((e) => DECIDED.has(e.action) && e.detail?.revision === revision)
    .map((e) => ({
      by: e.actor,
      decision: e.action.slice('approval.'.length),
      comment: str(e.detail?.comment) ?? '',
      at: e.at ?? '',
      ip: str(e.detail?.ip),
      userAgent: str(e.detail?.userAgent),
      revision,
    }))
    .sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));

/** The record of one post as it went out, built from stored facts only (a retry builds the same bytes). */
export const publicationRecord = async (
  item: ContentItem,
  pub: { platform: Platform; revision: number; publishedAt: string; threadIds?: readonly string[] },
  post: { postId: string; url: string; warning?: string },
  sources: PublicationRecordSources,
): Promise<PublicationRecord> => {
  const sent = pub.platform === 'x' ? item.media.slice(0, 4) : item.media;
  const media = [];
  for (const m of sent) {
    const key = await sources.sentKey(m);
    const bytes = await sources.getObjectBytes(key);
    media.push({
      key,
      sha256: createHash('sha256').update(bytes).digest('hex'),
      bytes: bytes.length,
      altText: m.altText,
    });
  }
  return {
    kind: 'publication',
    id: `${item.id}-r${pub.revision}-${pub.platform}`,
    at: pub.publishedAt,
    itemId: item.id,
    revision: pub.revision,
    title: item.title,
    platform: pub.platform,
    postId: post.postId,
    url: post.url,
    texts: pub.platform === 'x' ? splitForX(item.caption) : [item.caption],
    ...(pub.platform === 'x' && pub.threadIds?.length ? { threadIds: [...pub.threadIds] } : {}),
    ...(post.warning ? { warning: post.warning } : {}),
    media,
    approvals: approvalsOf(await sources.auditTrail(item.id), pub.revision),
    screening: { factFinding: item.factFinding ?? null, blocked: item.screening ?? null },
    screeningOverride: item.screeningOverride ?? null,
  };
};
