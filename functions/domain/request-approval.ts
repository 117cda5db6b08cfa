import { type Approval, markEmailSent, upsertApproval } from '../adapters/approvals-repo';
import { audit } from '../adapters/audit-repo';
import { getItem, transition } from '../adapters/items-repo';
import { sendEmail } from '../adapters/mailer';
import { config, requireSetting } from '../shared/config';
import { getSecret } from '../shared/secrets';
import { approvalEmail } from './approval-views';
import { hmac, signApprovalLink } from './signing';

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
): string => {
  const base = requireSetting('PUBLIC_BASE_URL').replace(/\/$/, '');
  const exp = Math.floor(new Date(a.expiresAt).getTime() / 1000);
  const sig = signApprovalLink(key, a.approvalId, a.approver, exp);
  return `${base}/approvals/${a.approvalId}?exp=${exp}&sig=${sig}`;
};

/**
 * Stores one approval per approver with the task token and emails each a signed link. Idempotent:
 * an approver already emailed for this revision is not emailed again.
 */
export const requestApproval = async (req: ApprovalRequest, now = new Date()): Promise<{ sent: number }> => {
  const item = await getItem(req.itemId);
  const key = await getSecret('APPROVAL_SIGNING_KEY');
  const cfg = config();
  let sent = 0;
  for (const approver of item.approvers) {
    const approval = await upsertApproval({
      approvalId: approvalIdFor(key, item.id, req.revision, approver),
      itemId: item.id,
      revision: req.revision,
      approver,
      taskToken: req.taskToken,
      status: 'pending',
      createdAt: now.toISOString(),
      expiresAt: item.approvalDeadline,
    });
    if (approval.emailSentAt || approval.status !== 'pending') continue;
    const link = approvalLink(key, approval);
    await sendEmail({
      from: cfg.MAIL_FROM,
      to: [approver],
      ...approvalEmail(item, link, cfg.DISPLAY_TIME_ZONE),
      headers: { 'X-Sebar-Item': item.id },
    });
    await markEmailSent(approval.approvalId, new Date().toISOString());
    await audit({
      itemId: item.id,
      action: 'approval.requested',
      actor: 'sebar',
      detail: { approver, revision: req.revision },
    });
    sent += 1;
  }
  await transition(item.id, {
    status: 'awaiting-approval',
    stage: 'approval-requested',
    note: `sent to ${item.approvers.join(', ')}`,
  });
  return { sent };
};
