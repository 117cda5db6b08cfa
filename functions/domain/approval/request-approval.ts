import { type Approval, markEmailSent, upsertApproval } from '../../adapters/approvals-repo';
import { audit } from '../../adapters/audit-repo';
import { getItem, transition } from '../../adapters/items-repo';
import { sendEmail } from '../../adapters/mailer';
import { getObjectBytes } from '../../adapters/media-store';
import { scheduleReminder } from '../../adapters/reminder-schedule';
import { config, requireSetting } from '../../common/config';
import { TransientError } from '../../common/errors';
import { getSecret } from '../../common/secrets';
import type { ContentItem } from '../content/content';
import { parseDurationSeconds } from '../support/time';
import { approvalEmail } from './approval-views';
import { type ApprovalOutcome, handOverAgain } from './decide-approval';
import { hmac, signApprovalLink } from './signing';

/** What emailing an approver calls: the mailer, the media store and the settings the email uses. */
export interface ApprovalMailDeps {
  readonly sendEmail: typeof sendEmail;
  readonly getObjectBytes: typeof getObjectBytes;
  /** The sender address and the zone times are shown in. */
  readonly mailSettings: () => { readonly mailFrom: string; readonly timeZone: string };
  /** Where approval links point (asked only when the caller names no other base). */
  readonly publicBaseUrl: () => string;
}

/** What requesting an approval calls: the repositories, the mailer, the reminder schedule, a clock. */
export interface ApprovalRequestDeps extends ApprovalMailDeps {
  readonly getItem: typeof getItem;
  readonly transition: typeof transition;
  /** Creates the approval or refreshes its task token (see approvals-repo). */
  readonly upsertApproval: typeof upsertApproval;
  readonly markEmailSent: typeof markEmailSent;
  readonly audit: typeof audit;
  readonly scheduleReminder: typeof scheduleReminder;
  readonly signingKey: () => Promise<string>;
  readonly now: () => Date;
  /**
   * Hands a decision already recorded for this revision to the workflow (see below). Optional so that
   * unit tests of the emailing need not wire the decision path.
   */
  readonly handOverAgain?: (approval: Approval) => Promise<ApprovalOutcome>;
}

/** The real adapters, the configured settings and signing key, and the system clock. */
export const approvalRequestDeps = (): ApprovalRequestDeps => ({
  sendEmail,
  getObjectBytes,
  mailSettings: () => ({ mailFrom: config().MAIL_FROM, timeZone: config().DISPLAY_TIME_ZONE }),
  publicBaseUrl: () => requireSetting('PUBLIC_BASE_URL'),
  getItem,
  transition,
  upsertApproval,
  markEmailSent,
  audit,
  scheduleReminder,
  signingKey: () => getSecret('APPROVAL_SIGNING_KEY'),
  now: () => new Date(),
  handOverAgain: (approval) => handOverAgain(approval),
});

export interface ApprovalRequest {
  readonly itemId: string;
  readonly revision: number;
  readonly taskToken: string;
}

/** The approval id is unguessable but stable for (item, revision, approver), so a re-run reuses it. */
export const approvalIdFor = (key: string, itemId: string, revision: number, approver: string): string =>
  `a${hmac(key, 'approval-id', itemId, revision, approver.toLowerCase()).slice(0, 26)}`;

export const approvalLink = (
  key: string,
  a: Pick<Approval, 'approvalId' | 'approver' | 'expiresAt'>,
  lang: 'id' | 'en' = 'id',
  baseUrl?: string,
): string => {
  const base = (baseUrl ?? requireSetting('PUBLIC_BASE_URL')).replace(/\/$/, '');
  const exp = Math.floor(new Date(a.expiresAt).getTime() / 1000);
  const sig = signApprovalLink(key, a.approvalId, a.approver, exp);
  return `${base}/approvals/${a.approvalId}?exp=${exp}&sig=${sig}${lang === 'en' ? '&lang=en' : ''}`;
};

/** Emails one approver their link (first request or reminder), with the first image inline. */
export const emailApprover = async (
  item: ContentItem,
  approval: Approval,
  key: string,
  opts: { reminder?: boolean; baseUrl?: string } = {},
  deps: ApprovalMailDeps = approvalRequestDeps(),
): Promise<void> => {
  const settings = deps.mailSettings();
  const first = item.media[0];
  const image = first && first.bytes <= 5 * 1024 * 1024 ? await deps.getObjectBytes(first.key) : undefined;
  const cid = image ? `image-1@${item.id}` : undefined;
  await deps.sendEmail({
    from: settings.mailFrom,
    to: [approval.approver],
    ...approvalEmail(
      item,
      approvalLink(key, approval, item.approvalLanguage, opts.baseUrl ?? deps.publicBaseUrl()),
      settings.timeZone,
      item.approvalLanguage,
      {
        reminder: opts.reminder,
        imageCid: cid,
      },
    ),
    headers: { 'X-Sebar-Item': item.id, 'X-Sebar-Revision': String(approval.revision) },
    ...(image && cid && first ? { inline: [{ cid, contentType: first.contentType, data: image }] } : {}),
  });
};

/** Schedules the reminder for this revision, if its time (deadline minus reminderBefore) is still ahead. */
const scheduleReminderFor = async (
  item: ContentItem,
  now: Date,
  deps: ApprovalRequestDeps,
): Promise<void> => {
  const before = parseDurationSeconds(item.approvalReminderBefore ?? 'PT12H');
  const at = new Date(new Date(item.approvalDeadline).getTime() - before * 1000);
  if (at.getTime() <= now.getTime()) return;
  await deps.scheduleReminder(item.id, item.revision, at);
};

/**
 * Stores one approval per approver with the task token and emails each a signed link. Idempotent:
 * an approver already emailed for this revision is not emailed again.
 */
export const requestApproval = async (
  req: ApprovalRequest,
  deps: ApprovalRequestDeps = approvalRequestDeps(),
): Promise<{ sent: number }> => {
  const now = deps.now();
  const item = await deps.getItem(req.itemId);
  const key = await deps.signingKey();
  let sent = 0;
  const decided: Approval[] = [];
  for (const approver of item.approvers) {
    const approval = await deps.upsertApproval({
      approvalId: approvalIdFor(key, item.id, req.revision, approver),
      itemId: item.id,
      revision: req.revision,
      approver,
      taskToken: req.taskToken,
      status: 'pending',
      createdAt: now.toISOString(),
      expiresAt: item.approvalDeadline,
    });
    if (approval.status !== 'pending' && !approval.delivered) decided.push(approval);
    // Emailed once: an approver already emailed for this revision (an earlier run) is not emailed again.
    if (approval.emailSentAt || approval.status !== 'pending') continue;
    await emailApprover(item, approval, key, {}, deps);
    await deps.markEmailSent(approval.approvalId, deps.now().toISOString());
    await deps.audit({
      itemId: item.id,
      action: 'approval.requested',
      actor: 'sebar',
      detail: { approver, revision: req.revision },
    });
    sent += 1;
  }
  await scheduleReminderFor(item, now, deps);
  await deps.transition(item.id, {
    status: 'awaiting-approval',
    revision: item.revision,
    stage: item.revision > 1 ? `approval-requested#r${item.revision}` : 'approval-requested',
    note: `sent to ${item.approvers.join(', ')}`,
  });
  // A decision made while an earlier run of this step was failing went to a task token that no longer
  // waits. It is handed to this run's token (the approval now holds it), after the transition above, so
  // that the workflow does not wait for a decision already made and the item's status ends where it did.
  for (const approval of decided) {
    const outcome = await deps.handOverAgain?.(approval);
    if (outcome?.kind === 'message' && outcome.status >= 500)
      throw new TransientError(`The decision on approval ${approval.approvalId} could not be handed over`);
  }
  return { sent };
};
