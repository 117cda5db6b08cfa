import { describe, expect, it } from 'vitest';
import type { Approval, ApprovalStatus } from '../../functions/adapters/approvals-repo';
import { TaskClosedError } from '../../functions/adapters/workflow';
import {
  type ApprovalDecisionDeps,
  type Decision,
  decideApproval,
  showApproval,
} from '../../functions/domain/approval/decide-approval';
import { pageNonce, signApprovalLink } from '../../functions/domain/approval/signing';
import type { ContentItem } from '../../functions/domain/content/content';
import { clock, contentItem, fakeAudit, fakeItems } from './fakes';

/**
 * Deciding an approval through its link, against an in-memory approvals table and workflow: which
 * requests decide, which are refused and with what page, and what the workflow is told.
 */

const KEY = 'unit-test-signing-key-0123456789abcdef';
const HEAD = 'kepala.dinas@dinkes.example.go.id';
const DEPUTY = 'wakil.kepala@dinkes.example.go.id';
const META = { ip: '10.0.0.7', userAgent: 'unit-test' };

/** The approvals table with the repo's single-use rule: a decision is written only from pending. */
const fakeApprovals = (approvals: Approval[]) => {
  const rows = new Map(approvals.map((a) => [a.approvalId, a]));
  return {
    rows,
    getApproval: async (id: string) => rows.get(id),
    approvalsForItem: async (itemId: string) => [...rows.values()].filter((a) => a.itemId === itemId),
    decide: async (
      id: string,
      status: Exclude<ApprovalStatus, 'pending'>,
      comment: string | undefined,
      at: string,
      late?: Approval['late'],
      from?: Approval['decidedFrom'],
    ) => {
      const a = rows.get(id);
      if (a?.status !== 'pending') return false;
      rows.set(id, {
        ...a,
        status,
        comment: comment ?? '',
        decidedAt: at,
        delivered: false,
        ...(late ? { late } : {}),
        ...(from ? { decidedFrom: from } : {}),
      });
      return true;
    },
    markDelivered: async (id: string) => {
      const a = rows.get(id);
      if (a) rows.set(id, { ...a, delivered: true });
    },
  };
};

const approval = (approver: string, overrides: Partial<Approval> = {}): Approval => ({
  approvalId: `a-${approver.split('@')[0]}`,
  itemId: contentItem().id,
  revision: 1,
  approver,
  taskToken: `token-r1`,
  status: 'pending',
  createdAt: '2026-11-20T01:00:00.000Z',
  expiresAt: '2026-11-22T02:00:00.000Z',
  emailSentAt: '2026-11-20T01:00:01.000Z',
  ...overrides,
});

const world = (opts: { item?: Partial<ContentItem>; approvals?: Approval[]; taskClosed?: boolean } = {}) => {
  const item = contentItem({ status: 'awaiting-approval', ...opts.item });
  const approvals = fakeApprovals(opts.approvals ?? [approval(HEAD)]);
  const items = fakeItems(item);
  const audit = fakeAudit();
  const time = clock();
  const sent: { kind: 'success' | 'failure'; token: string; body: Record<string, unknown> }[] = [];
  const deps: ApprovalDecisionDeps = {
    ...approvals,
    getItem: items.getItem,
    transition: items.transition,
    reschedule: items.reschedule,
    audit: audit.audit,
    sendTaskSuccess: async (token, output) => {
      if (opts.taskClosed) throw new TaskClosedError('TaskTimedOut');
      sent.push({ kind: 'success', token, body: output });
    },
    sendTaskFailure: async (token, failure) => {
      if (opts.taskClosed) throw new TaskClosedError('TaskTimedOut');
      sent.push({ kind: 'failure', token, body: failure });
    },
    presignedGetUrl: async (key) => `https://bucket.example/${key}`,
    signingKey: async () => KEY,
    timeZone: () => 'Asia/Jakarta',
    maxPublishAheadDays: () => 365,
    now: time.now,
  };
  const seconds = () => Math.floor(time.now().getTime() / 1000);
  /** The link as emailed: valid for a day from now unless told otherwise. */
  const link = (a: Approval, exp = seconds() + 86_400) => ({
    approvalId: a.approvalId,
    exp,
    sig: signApprovalLink(KEY, a.approvalId, a.approver, exp),
  });
  /** The form the confirmation page posts. */
  const form = (a: Approval, decision: Decision, comment?: string) => ({
    ...link(a),
    nonce: pageNonce(KEY, a.approvalId, seconds()),
    decision,
    ...(comment !== undefined ? { comment } : {}),
  });
  return { item, approvals, items, audit, time, sent, deps, link, form };
};

describe('a decision is single-use', () => {
  it('the first decision is delivered; a second one, even the same, is refused', async () => {
    const w = world();
    const head = approval(HEAD);
    expect(await decideApproval(w.form(head, 'approve'), META, w.deps)).toMatchObject({
      status: 200,
      message: 'decidedApproved',
    });
    expect(await decideApproval(w.form(head, 'reject', 'Belum final'), META, w.deps)).toMatchObject({
      status: 409,
      message: 'alreadyDecided',
    });
    expect(await decideApproval(w.form(head, 'approve'), META, w.deps)).toMatchObject({
      status: 409,
      message: 'alreadyDecided',
    });
    expect(w.sent).toHaveLength(1);
    expect(w.sent[0]).toMatchObject({ kind: 'success', token: 'token-r1', body: { decision: 'approved' } });
    expect(w.approvals.rows.get(head.approvalId)).toMatchObject({ status: 'approved', delivered: true });
    expect(w.items.transitions.map((t) => t.t.status)).toEqual(['scheduled']);
    expect(w.audit.entries.map((e) => e.action)).toEqual(['approval.approved']);
  });

  it('a decision whose hand-over failed is delivered again by the same approver, and only once', async () => {
    const w = world({
      approvals: [
        approval(HEAD, { status: 'approved', decidedAt: '2026-11-20T01:30:00.000Z', delivered: false }),
      ],
    });
    const head = approval(HEAD);
    expect(await decideApproval(w.form(head, 'approve'), META, w.deps)).toMatchObject({
      message: 'decidedApproved',
    });
    expect(await decideApproval(w.form(head, 'approve'), META, w.deps)).toMatchObject({
      status: 409,
      message: 'alreadyDecided',
    });
    expect(w.sent).toHaveLength(1);
    // Delivered again, not decided again: its one audit entry is keyed by the approval, so a first attempt
    // that had written it and this one are the same row.
    expect(w.audit.entries.map((e) => [e.action, e.key, e.at])).toEqual([
      ['approval.approved', `approval-${head.approvalId}`, '2026-11-20T01:30:00.000Z'],
    ]);
  });

  it('a decision whose record could not be written answers 503; the link then offers to send it, once', async () => {
    const w = world();
    const head = approval(HEAD);
    const records: unknown[] = [];
    let archiveDown = true;
    w.deps = {
      ...w.deps,
      keepRecord: async (r) => {
        if (archiveDown) throw new Error('S3 is unavailable');
        records.push(r);
        return 'key';
      },
    };
    expect(await decideApproval(w.form(head, 'approve'), META, w.deps)).toMatchObject({
      status: 503,
      message: 'tryAgain',
    });
    // Recorded as decided, never acted on without its record.
    expect(w.approvals.rows.get(head.approvalId)).toMatchObject({ status: 'approved', delivered: false });
    expect(w.sent).toEqual([]);
    expect(w.items.transitions).toEqual([]);

    // Opening the emailed link again: a page with one button that sends the same decision.
    const page = await showApproval(w.link(head), '/approvals/x', w.deps);
    expect(page).toMatchObject({ kind: 'resend', status: 200, model: { decision: 'approve' } });
    const hidden = page.kind === 'resend' ? page.model.hidden : {};
    expect(hidden.decision).toBe('approve');

    archiveDown = false;
    const again = { ...w.link(head), nonce: String(hidden.nonce), decision: 'approve' as const };
    expect(
      await decideApproval(again, { ip: '10.0.0.99', userAgent: 'another browser' }, w.deps),
    ).toMatchObject({ status: 200, message: 'decidedApproved' });
    expect(w.sent.map((s) => s.kind)).toEqual(['success']);
    expect(w.items.transitions.map((t) => t.t.status)).toEqual(['scheduled']);
    // The record and the audit entry say where the decision was made, not where it was sent again from.
    expect(records).toEqual([
      expect.objectContaining({ action: 'approved', ip: META.ip, userAgent: META.userAgent }),
    ]);
    expect(w.audit.entries).toHaveLength(1);
    expect(w.audit.entries[0]?.detail).toMatchObject({ ip: META.ip, userAgent: META.userAgent });
    // Delivered: the link is now used up.
    expect(await showApproval(w.link(head), '/approvals/x', w.deps)).toMatchObject({
      status: 409,
      message: 'alreadyDecided',
    });
  });

  it('a decision the workflow could not be reached for answers 503 and can be sent again', async () => {
    const w = world();
    const head = approval(HEAD);
    let down = true;
    const deliver = w.deps.sendTaskSuccess;
    w.deps = {
      ...w.deps,
      sendTaskSuccess: async (token, output) => {
        if (down) throw Object.assign(new Error('connect ECONNREFUSED'), { name: 'Error' });
        return deliver(token, output);
      },
    };
    expect(await decideApproval(w.form(head, 'approve'), META, w.deps)).toMatchObject({ status: 503 });
    down = false;
    expect(await showApproval(w.link(head), '/approvals/x', w.deps)).toMatchObject({ kind: 'resend' });
    // A different decision cannot be slipped in through the resend.
    expect(await decideApproval(w.form(head, 'reject', 'Tidak jadi'), META, w.deps)).toMatchObject({
      status: 409,
    });
    expect(await decideApproval(w.form(head, 'approve'), META, w.deps)).toMatchObject({ status: 200 });
    expect(w.sent).toHaveLength(1);
  });

  it('a rejection fails the waiting task with the reason; one without a reason is refused', async () => {
    const w = world();
    const head = approval(HEAD);
    expect(await decideApproval(w.form(head, 'reject', '  '), META, w.deps)).toMatchObject({
      status: 400,
      message: 'needReason',
    });
    expect(
      await decideApproval(w.form(head, 'reject', 'Data kasus belum final'), META, w.deps),
    ).toMatchObject({
      status: 200,
      message: 'decidedRejected',
    });
    expect(w.sent).toEqual([
      {
        kind: 'failure',
        token: 'token-r1',
        body: {
          error: 'ApprovalRejected',
          cause: JSON.stringify({ approver: HEAD, reason: 'Data kasus belum final' }),
        },
      },
    ]);
  });

  it('a decision the workflow no longer waits for stays recorded, undelivered, and says so (202)', async () => {
    const w = world({ taskClosed: true });
    expect(await decideApproval(w.form(approval(HEAD), 'approve'), META, w.deps)).toMatchObject({
      status: 202,
      message: 'recordedNotWaiting',
    });
    expect(w.approvals.rows.get(approval(HEAD).approvalId)?.delivered).toBe(false);
  });
});

describe('links', () => {
  it('an expired link is refused (410) before anything is decided', async () => {
    const w = world();
    const head = approval(HEAD);
    const expired = w.link(head, Math.floor(w.time.now().getTime() / 1000) - 1);
    expect(await showApproval(expired, '/approvals/x', w.deps)).toMatchObject({
      status: 410,
      message: 'expired',
    });
    const form = { ...w.form(head, 'approve'), ...expired };
    expect(await decideApproval(form, META, w.deps)).toMatchObject({ status: 410, message: 'expired' });
    expect(w.approvals.rows.get(head.approvalId)?.status).toBe('pending');
    expect(w.sent).toEqual([]);
  });

  it('a link expires by the injected clock, not the wall clock', async () => {
    const w = world();
    const head = approval(HEAD);
    const link = w.link(head, Math.floor(w.time.now().getTime() / 1000) + 60);
    expect(await showApproval(link, '/approvals/x', w.deps)).toMatchObject({ kind: 'confirm', status: 200 });
    w.time.advance(61_000);
    expect(await showApproval(link, '/approvals/x', w.deps)).toMatchObject({
      status: 410,
      message: 'expired',
    });
  });

  it('a tampered link is refused (403): another signature, expiry or approval', async () => {
    const w = world({ approvals: [approval(HEAD), approval(DEPUTY)] });
    const head = approval(HEAD);
    const good = w.form(head, 'approve');
    const tampered = [
      { ...good, sig: `${good.sig.slice(0, -1)}${good.sig.endsWith('A') ? 'B' : 'A'}` },
      { ...good, exp: good.exp + 3600 },
      { ...good, approvalId: approval(DEPUTY).approvalId },
    ];
    for (const form of tampered)
      expect(await decideApproval(form, META, w.deps)).toMatchObject({ status: 403, message: 'invalid' });
    expect([...w.approvals.rows.values()].map((a) => a.status)).toEqual(['pending', 'pending']);
    expect(w.sent).toEqual([]);
  });

  it('a form without a page we rendered is refused as stale (400)', async () => {
    const w = world();
    const form = { ...w.form(approval(HEAD), 'approve'), nonce: '123.not-ours' };
    expect(await decideApproval(form, META, w.deps)).toMatchObject({ status: 400, message: 'staleForm' });
  });

  it('an unknown approval answers 404', async () => {
    const w = world();
    const ghost = approval('ghost@dinkes.example.go.id');
    expect(await decideApproval(w.form(ghost, 'approve'), META, w.deps)).toMatchObject({
      status: 404,
      message: 'notFound',
    });
  });
});

describe('approval rules', () => {
  const two = { approvers: [HEAD, DEPUTY] };

  it('rule any: the first approval is enough; the other approver finds the link closed', async () => {
    const w = world({ item: { ...two, approvalRule: 'any' }, approvals: [approval(HEAD), approval(DEPUTY)] });
    expect(await decideApproval(w.form(approval(DEPUTY), 'approve'), META, w.deps)).toMatchObject({
      message: 'decidedApproved',
    });
    expect(w.sent).toHaveLength(1);
    expect(w.sent[0]?.body).toMatchObject({ decision: 'approved', approver: DEPUTY, approvers: [DEPUTY] });
    // The item is scheduled now: the head's link no longer decides anything.
    expect(await decideApproval(w.form(approval(HEAD), 'approve'), META, w.deps)).toMatchObject({
      status: 409,
      message: 'closed',
    });
    expect(w.sent).toHaveLength(1);
  });

  it('rule all: the workflow hears nothing until the last approver approves', async () => {
    const w = world({ item: { ...two, approvalRule: 'all' }, approvals: [approval(HEAD), approval(DEPUTY)] });
    expect(await decideApproval(w.form(approval(HEAD), 'approve'), META, w.deps)).toMatchObject({
      status: 200,
      message: 'approvalRecordedWaiting',
    });
    expect(w.sent).toEqual([]);
    expect(w.items.transitions).toEqual([]);
    expect(await decideApproval(w.form(approval(DEPUTY), 'approve'), META, w.deps)).toMatchObject({
      message: 'decidedApproved',
    });
    expect(w.sent).toHaveLength(1);
    expect(w.sent[0]?.body).toMatchObject({ decision: 'approved', approvers: [HEAD, DEPUTY] });
    expect(w.items.transitions).toMatchObject([
      { t: { status: 'scheduled', note: `approved by ${DEPUTY} (last of all approvers)` } },
    ]);
  });

  it('rule all: one request for changes goes to the workflow at once', async () => {
    const w = world({ item: { ...two, approvalRule: 'all' }, approvals: [approval(HEAD), approval(DEPUTY)] });
    expect(
      await decideApproval(w.form(approval(HEAD), 'changes', 'Tambahkan sumber data'), META, w.deps),
    ).toMatchObject({ message: 'decidedChanges' });
    expect(w.sent).toMatchObject([
      { kind: 'success', body: { decision: 'changes-requested', comment: 'Tambahkan sumber data' } },
    ]);
  });
});
