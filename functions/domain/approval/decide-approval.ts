import {
  type Approval,
  type ApprovalStatus,
  approvalsForItem,
  decide,
  getApproval,
  markDelivered,
} from '../../adapters/approvals-repo';
import { audit } from '../../adapters/audit-repo';
import { getItem, transition } from '../../adapters/items-repo';
import { presignedGetUrl } from '../../adapters/media-store';
import { sendTaskFailure, sendTaskSuccess, TaskClosedError } from '../../adapters/workflow';
import { config } from '../../common/config';
import { log } from '../../common/logger';
import { getSecret } from '../../common/secrets';
import { type ContentItem, isFinal } from '../content/content';
import type { ApprovalPageModel, MessageKey } from './approval-views';
import { checkApprovalLink, checkPageNonce, pageNonce } from './signing';

/** What the approval route answers: a page to render (the handler turns it into HTML). */
export type ApprovalOutcome =
  | { kind: 'confirm'; status: 200; model: ApprovalPageModel }
  | { kind: 'message'; status: number; title: MessageKey; message: MessageKey };

export interface LinkParams {
  readonly approvalId: string;
  readonly exp: number;
  readonly sig: string;
}

export type Decision = 'approve' | 'changes' | 'reject';

const statusFor: Record<Decision, Exclude<ApprovalStatus, 'pending'>> = {
  approve: 'approved',
  changes: 'changes-requested',
  reject: 'rejected',
};
const decisionFor = (status: ApprovalStatus): Decision | undefined =>
  (Object.keys(statusFor) as Decision[]).find((d) => statusFor[d] === status);

export interface DecisionForm extends LinkParams {
  readonly nonce: string;
  readonly decision: Decision;
  readonly comment?: string;
}

export interface RequestMeta {
  readonly ip: string;
  readonly userAgent: string;
}

const message = (status: number, text: MessageKey): ApprovalOutcome => ({
  kind: 'message',
  status,
  title: 'pageTitle',
  message: text,
});

/** What deciding an approval calls: the repositories, the workflow, the signing key and a clock. */
export interface ApprovalDecisionDeps {
  readonly getApproval: typeof getApproval;
  readonly approvalsForItem: typeof approvalsForItem;
  /** The single-use write: the first decision on a pending approval wins (see approvals-repo). */
  readonly decide: typeof decide;
  readonly markDelivered: typeof markDelivered;
  readonly getItem: typeof getItem;
  readonly transition: typeof transition;
  readonly audit: typeof audit;
  readonly sendTaskSuccess: typeof sendTaskSuccess;
  readonly sendTaskFailure: typeof sendTaskFailure;
  readonly presignedGetUrl: (key: string) => Promise<string>;
  readonly signingKey: () => Promise<string>;
  readonly timeZone: () => string;
  readonly now: () => Date;
}

/** The real adapters, the configured signing key and the system clock. */
export const approvalDecisionDeps = (): ApprovalDecisionDeps => ({
  getApproval,
  approvalsForItem,
  decide,
  markDelivered,
  getItem,
  transition,
  audit,
  sendTaskSuccess,
  sendTaskFailure,
  presignedGetUrl: (key) => presignedGetUrl(key),
  signingKey: () => getSecret('APPROVAL_SIGNING_KEY'),
  timeZone: () => config().DISPLAY_TIME_ZONE,
  now: () => new Date(),
});

const seconds = (d: Date) => Math.floor(d.getTime() / 1000);

interface Checked {
  readonly approval: Approval;
  readonly item: ContentItem;
  readonly key: string;
}

/** Everything every request checks first: the approval exists and the link is the one we signed. */
const checkLink = async (p: LinkParams, deps: ApprovalDecisionDeps): Promise<Checked | ApprovalOutcome> => {
  const approval = await deps.getApproval(p.approvalId);
  if (!approval) return message(404, 'notFound');
  const key = await deps.signingKey();
  const check = checkApprovalLink(key, { ...p, approver: approval.approver }, seconds(deps.now()));
  if (check === 'tampered') return message(403, 'invalid');
  if (check === 'expired') return message(410, 'expired');
  const item = await deps.getItem(approval.itemId);
  return { approval, item, key };
};

const isOutcome = (x: Checked | ApprovalOutcome): x is ApprovalOutcome => 'kind' in x;

/** A link is closed once its revision is superseded or the item has moved past approval. */
/** Whether an approval no longer waits for a decision: another revision, or the item moved on. */
export const isClosed = (
  approval: Pick<Approval, 'revision'>,
  item: Pick<ContentItem, 'revision' | 'status'>,
): boolean =>
  approval.revision !== item.revision ||
  isFinal(item.status) ||
  ['changes-requested', 'scheduled', 'published'].includes(item.status);

/** GET and HEAD: show what would be approved. Never changes anything. */
export const showApproval = async (
  p: LinkParams,
  formAction: string,
  deps: ApprovalDecisionDeps = approvalDecisionDeps(),
): Promise<ApprovalOutcome> => {
  const checked = await checkLink(p, deps);
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
      imageUrls: await Promise.all(item.media.map((m) => deps.presignedGetUrl(m.key))),
      formAction,
      hidden: {
        exp: String(p.exp),
        sig: p.sig,
        nonce: pageNonce(key, approval.approvalId, seconds(deps.now())),
      },
      timeZone: deps.timeZone(),
    },
  };
};

type Delivery = ApprovalOutcome | 'delivered' | 'waiting';

/** Tells the workflow, once the item's rule is met: any one decision, or (rule `all`) every approval. */
const deliver = async (
  approval: Approval,
  item: ContentItem,
  decision: Decision,
  comment: string,
  deps: ApprovalDecisionDeps,
): Promise<Delivery> => {
  let approvers: string[] = [approval.approver];
  if (decision === 'approve' && item.approvalRule === 'all') {
    // The index lists this revision's approvals (made long before); their statuses are read again by key
    // with consistent reads, because the index may not show an approval made a moment ago by another
    // approver, and the last approval would then be taken for "still waiting".
    const listed = (await deps.approvalsForItem(item.id)).filter((a) => a.revision === approval.revision);
    const mine = await Promise.all(listed.map(async (a) => (await deps.getApproval(a.approvalId)) ?? a));
    const approved = mine.filter((a) => a.status === 'approved' || a.approvalId === approval.approvalId);
    if (approved.length < item.approvers.length) return 'waiting';
    approvers = approved.map((a) => a.approver);
  }
  try {
    if (decision === 'reject') {
      await deps.sendTaskFailure(approval.taskToken, {
        error: 'ApprovalRejected',
        cause: JSON.stringify({ approver: approval.approver, reason: comment }).slice(0, 32000),
      });
    } else {
      await deps.sendTaskSuccess(approval.taskToken, {
        decision: decision === 'approve' ? 'approved' : 'changes-requested',
        approver: approval.approver,
        approvers,
        approvalId: approval.approvalId,
        revision: approval.revision,
        comment,
      });
    }
  } catch (error) {
    if (error instanceof TaskClosedError) return message(410, 'closed');
    log.error('could not deliver the approval decision', { approvalId: approval.approvalId, error });
    return message(503, 'tryAgain');
  }
  await deps.markDelivered(approval.approvalId);
  // Here, not after the caller's first delivery only: a decision delivered again (its first hand-over
  // failed) must move the item to scheduled too. The transition is idempotent.
  if (decision === 'approve') {
    await deps.transition(item.id, {
      status: 'scheduled',
      revision: item.revision,
      stage: item.revision > 1 ? `approved#r${item.revision}` : 'approved',
      note: `approved by ${approval.approver}${item.approvalRule === 'all' ? ' (last of all approvers)' : ''}`,
    });
  }
  return 'delivered';
};

const outcomePage = (decision: Decision, delivery: Delivery): ApprovalOutcome => {
  if (typeof delivery === 'object') return delivery;
  if (delivery === 'waiting') return message(200, 'approvalRecordedWaiting');
  return message(
    200,
    decision === 'approve' ? 'decidedApproved' : decision === 'reject' ? 'decidedRejected' : 'decidedChanges',
  );
};

/** POST from the confirmation page: the only request that decides. The first valid decision wins. */
export const decideApproval = async (
  form: DecisionForm,
  meta: RequestMeta,
  deps: ApprovalDecisionDeps = approvalDecisionDeps(),
): Promise<ApprovalOutcome> => {
  const checked = await checkLink(form, deps);
  if (isOutcome(checked)) return checked;
  const { approval, item, key } = checked;
  if (!checkPageNonce(key, approval.approvalId, form.nonce, undefined, seconds(deps.now())))
    return message(400, 'staleForm');
  const comment = (form.comment ?? '').trim();

  // A decision recorded earlier whose delivery failed may be delivered again by the same approver.
  if (approval.status !== 'pending') {
    const earlier = decisionFor(approval.status);
    if (!approval.delivered && earlier === form.decision && !isClosed(approval, item)) {
      return outcomePage(earlier, await deliver(approval, item, earlier, approval.comment ?? comment, deps));
    }
    return message(409, 'alreadyDecided');
  }
  if (isClosed(approval, item)) return message(409, 'closed');
  if (form.decision === 'reject' && !comment) return message(400, 'needReason');
  if (form.decision === 'changes' && !comment) return message(400, 'needComment');

  const at = deps.now().toISOString();
  const status = statusFor[form.decision];
  if (!(await deps.decide(approval.approvalId, status, comment, at))) return message(409, 'alreadyDecided');
  await deps.audit({
    itemId: item.id,
    action: `approval.${status}`,
    actor: approval.approver,
    at,
    detail: {
      approvalId: approval.approvalId,
      revision: approval.revision,
      revisionHash: item.revisionHash,
      comment,
      ip: meta.ip,
      userAgent: meta.userAgent,
    },
  });
  return outcomePage(form.decision, await deliver(approval, item, form.decision, comment, deps));
};
