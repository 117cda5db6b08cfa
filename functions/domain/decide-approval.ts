import { SendTaskFailureCommand, SendTaskSuccessCommand } from '@aws-sdk/client-sfn';
import { type Approval, decide, getApproval, markDelivered } from '../adapters/approvals-repo';
import { audit } from '../adapters/audit-repo';
import { getItem, transition } from '../adapters/items-repo';
import { presignedGetUrl } from '../adapters/media-store';
import { sfn } from '../shared/aws';
import { config } from '../shared/config';
import { log } from '../shared/logger';
import { getSecret } from '../shared/secrets';
import type { ApprovalPageModel, Messages } from './approval-views';
import { type ContentItem, statusRank } from './content';
import { checkApprovalLink, checkPageNonce, pageNonce } from './signing';

/** What the approval route answers: a page to render (the handler turns it into HTML). */
export type ApprovalOutcome =
  | { kind: 'confirm'; status: 200; model: ApprovalPageModel }
  | { kind: 'message'; status: number; title: keyof Messages; message: keyof Messages };

export interface LinkParams {
  readonly approvalId: string;
  readonly exp: number;
  readonly sig: string;
}

export interface DecisionForm extends LinkParams {
  readonly nonce: string;
  readonly decision: 'approve' | 'reject';
  readonly comment?: string;
}

export interface RequestMeta {
  readonly ip: string;
  readonly userAgent: string;
}

const message = (status: number, text: keyof Messages): ApprovalOutcome => ({
  kind: 'message',
  status,
  title: 'pageTitle',
  message: text,
});

const CLOSED_TASK = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

interface Checked {
  readonly approval: Approval;
  readonly item: ContentItem;
  readonly key: string;
}

/** Everything every request checks first: the approval exists and the link is the one we signed. */
const checkLink = async (p: LinkParams): Promise<Checked | ApprovalOutcome> => {
  const approval = await getApproval(p.approvalId);
  if (!approval) return message(404, 'notFound');
  const key = await getSecret('APPROVAL_SIGNING_KEY');
  const check = checkApprovalLink(key, { ...p, approver: approval.approver });
  if (check === 'tampered') return message(403, 'invalid');
  if (check === 'expired') return message(410, 'expired');
  const item = await getItem(approval.itemId);
  return { approval, item, key };
};

const isOutcome = (x: Checked | ApprovalOutcome): x is ApprovalOutcome => 'kind' in x;

const isClosed = (approval: Approval, item: ContentItem): boolean =>
  approval.revision !== item.revision || statusRank[item.status] >= statusRank.scheduled;

/** GET and HEAD: show what would be approved. Never changes anything. */
export const showApproval = async (p: LinkParams, formAction: string): Promise<ApprovalOutcome> => {
  const checked = await checkLink(p);
  if (isOutcome(checked)) return checked;
  const { approval, item, key } = checked;
  if (approval.status !== 'pending' || isClosed(approval, item)) {
    return message(409, approval.status === 'pending' ? 'closed' : 'alreadyDecided');
  }
  return {
    kind: 'confirm',
    status: 200,
    model: {
      item,
      imageUrls: await Promise.all(item.media.map((m) => presignedGetUrl(m.key))),
      formAction,
      hidden: {
        exp: String(p.exp),
        sig: p.sig,
        nonce: pageNonce(key, approval.approvalId, Math.floor(Date.now() / 1000)),
      },
      timeZone: config().DISPLAY_TIME_ZONE,
    },
  };
};

const deliver = async (
  approval: Approval,
  decision: 'approve' | 'reject',
  comment: string,
): Promise<ApprovalOutcome | undefined> => {
  try {
    if (decision === 'approve') {
      await sfn.send(
        new SendTaskSuccessCommand({
          taskToken: approval.taskToken,
          output: JSON.stringify({
            decision: 'approved',
            approver: approval.approver,
            approvalId: approval.approvalId,
            comment,
          }),
        }),
      );
    } else {
      await sfn.send(
        new SendTaskFailureCommand({
          taskToken: approval.taskToken,
          error: 'ApprovalRejected',
          cause: JSON.stringify({ approver: approval.approver, reason: comment }).slice(0, 32000),
        }),
      );
    }
  } catch (error) {
    if (error instanceof Error && CLOSED_TASK.has(error.name)) return message(410, 'closed');
    log.error('could not deliver the approval decision', { approvalId: approval.approvalId, error });
    return message(503, 'tryAgain');
  }
  await markDelivered(approval.approvalId);
  return undefined;
};

/** POST from the confirmation page: the only request that decides. First valid decision wins. */
export const decideApproval = async (form: DecisionForm, meta: RequestMeta): Promise<ApprovalOutcome> => {
  const checked = await checkLink(form);
  if (isOutcome(checked)) return checked;
  const { approval, item, key } = checked;
  if (!checkPageNonce(key, approval.approvalId, form.nonce)) return message(400, 'staleForm');
  const comment = (form.comment ?? '').trim();

  // A decision recorded earlier whose delivery failed may be delivered again by the same approver.
  if (approval.status !== 'pending') {
    if (approval.delivered === false && (approval.status === 'approved') === (form.decision === 'approve')) {
      const failed = await deliver(approval, form.decision, approval.comment ?? comment);
      return failed ?? message(200, form.decision === 'approve' ? 'decidedApproved' : 'decidedRejected');
    }
    return message(409, 'alreadyDecided');
  }
  if (isClosed(approval, item)) return message(409, 'closed');
  if (form.decision === 'reject' && !comment) return message(400, 'needReason');

  const at = new Date().toISOString();
  const status = form.decision === 'approve' ? 'approved' : 'rejected';
  if (!(await decide(approval.approvalId, status, comment, at))) return message(409, 'alreadyDecided');
  await audit({
    itemId: item.id,
    action: `approval.${status}`,
    actor: approval.approver,
    at,
    detail: {
      approvalId: approval.approvalId,
      revision: approval.revision,
      comment,
      ip: meta.ip,
      userAgent: meta.userAgent,
    },
  });
  const failed = await deliver(approval, form.decision, comment);
  if (failed) return failed;
  if (status === 'approved') {
    await transition(item.id, {
      status: 'scheduled',
      stage: 'approved',
      note: `approved by ${approval.approver}`,
      at,
    });
  }
  return message(200, status === 'approved' ? 'decidedApproved' : 'decidedRejected');
};
