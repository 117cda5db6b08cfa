import { describe, expect, it } from 'vitest';
import type { Approval } from '../../functions/adapters/approvals-repo';
import {
  type ApprovalRequestDeps,
  approvalIdFor,
  requestApproval,
} from '../../functions/domain/approval/request-approval';
import { checkApprovalLink } from '../../functions/domain/approval/signing';
import type { Email } from '../../functions/domain/support/mime';
import { clock, contentItem, fakeAudit, fakeItems } from './fakes';

/** Requesting approval, against an in-memory approvals table and mailer: who is emailed, and how often. */

const KEY = 'unit-test-signing-key-0123456789abcdef';
const HEAD = 'kepala.dinas@dinkes.example.go.id';
const DEPUTY = 'wakil.kepala@dinkes.example.go.id';

/** The approvals table with the repo's upsert: create, or refresh the task token of the stored one. */
const fakeApprovals = () => {
  const rows = new Map<string, Approval>();
  return {
    rows,
    upsertApproval: async (a: Approval) => {
      const existing = rows.get(a.approvalId);
      const next = existing ? { ...existing, taskToken: a.taskToken } : a;
      rows.set(a.approvalId, next);
      return next;
    },
    markEmailSent: async (id: string, at: string) => {
      const a = rows.get(id);
      if (a) rows.set(id, { ...a, emailSentAt: at });
    },
  };
};

const world = () => {
  const item = contentItem({ status: 'fact-checked', approvers: [HEAD, DEPUTY] });
  const approvals = fakeApprovals();
  const items = fakeItems(item);
  const audit = fakeAudit();
  const time = clock();
  const emails: Email[] = [];
  const failFor = new Set<string>();
  const reminders: { itemId: string; revision: number; at: Date }[] = [];
  const deps: ApprovalRequestDeps = {
    ...approvals,
    getItem: items.getItem,
    transition: items.transition,
    audit: audit.audit,
    sendEmail: async (email) => {
      if (email.to.some((to) => failFor.has(to))) throw new Error('SES is unavailable');
      emails.push(email);
      return `msg-${emails.length}`;
    },
    getObjectBytes: async () => Buffer.from('jpeg bytes'),
    mailSettings: () => ({ mailFrom: 'humas@dinkes.example.go.id', timeZone: 'Asia/Jakarta' }),
    publicBaseUrl: () => 'https://sebar.example.go.id/',
    scheduleReminder: async (itemId, revision, at) => {
      reminders.push({ itemId, revision, at });
      return 'scheduled' as const;
    },
    signingKey: async () => KEY,
    now: time.now,
  };
  return { item, approvals, items, audit, time, emails, failFor, reminders, deps };
};

const request = { itemId: contentItem().id, revision: 1, taskToken: 'token-first' };

describe('requesting approval', () => {
  it('emails each approver a signed link to their own approval', async () => {
    const w = world();
    expect(await requestApproval(request, w.deps)).toEqual({ sent: 2 });
    expect(w.emails.map((e) => e.to)).toEqual([[HEAD], [DEPUTY]]);
    for (const [i, approver] of [HEAD, DEPUTY].entries()) {
      const id = approvalIdFor(KEY, w.item.id, 1, approver);
      const text = `${w.emails[i]?.text}`;
      const link = new URL(
        /https:\/\/sebar\.example\.go\.id\/approvals\/\S+/.exec(text)?.[0] ?? 'http://none',
      );
      expect(link.pathname).toBe(`/approvals/${id}`);
      const check = checkApprovalLink(
        KEY,
        {
          approvalId: id,
          approver,
          exp: Number(link.searchParams.get('exp')),
          sig: `${link.searchParams.get('sig')}`,
        },
        Math.floor(w.time.now().getTime() / 1000),
      );
      expect(check).toBe('valid');
      expect(w.approvals.rows.get(id)).toMatchObject({
        status: 'pending',
        emailSentAt: w.time.now().toISOString(),
      });
    }
    expect(w.items.transitions).toMatchObject([
      { t: { status: 'awaiting-approval', stage: 'approval-requested' } },
    ]);
    // The reminder falls 12 hours before the deadline by default.
    expect(w.reminders).toEqual([
      { itemId: w.item.id, revision: 1, at: new Date('2026-11-21T14:00:00.000Z') },
    ]);
  });

  it('sends each email once: a re-run of the step emails nobody again and keeps the new task token', async () => {
    const w = world();
    await requestApproval(request, w.deps);
    expect(await requestApproval({ ...request, taskToken: 'token-rerun' }, w.deps)).toEqual({ sent: 0 });
    expect(w.emails).toHaveLength(2);
    expect([...w.approvals.rows.values()].map((a) => a.taskToken)).toEqual(['token-rerun', 'token-rerun']);
    expect(w.audit.entries.filter((e) => e.action === 'approval.requested')).toHaveLength(2);
  });

  it('after a run that stopped halfway, the re-run emails only the approver not reached', async () => {
    const w = world();
    w.failFor.add(DEPUTY);
    await expect(requestApproval(request, w.deps)).rejects.toThrow('SES is unavailable');
    expect(w.emails.map((e) => e.to)).toEqual([[HEAD]]);
    w.failFor.clear();
    expect(await requestApproval(request, w.deps)).toEqual({ sent: 1 });
    expect(w.emails.map((e) => e.to)).toEqual([[HEAD], [DEPUTY]]);
  });

  it('does not email an approver who has already decided', async () => {
    const w = world();
    const id = approvalIdFor(KEY, w.item.id, 1, HEAD);
    w.approvals.rows.set(id, {
      approvalId: id,
      itemId: w.item.id,
      revision: 1,
      approver: HEAD,
      taskToken: 'old',
      status: 'approved',
      createdAt: '2026-11-20T00:00:00.000Z',
      expiresAt: w.item.approvalDeadline,
    });
    expect(await requestApproval(request, w.deps)).toEqual({ sent: 1 });
    expect(w.emails.map((e) => e.to)).toEqual([[DEPUTY]]);
  });

  it('a re-run that finds a decision not handed over gives it to the new task token, after the status moves', async () => {
    const w = world();
    const id = approvalIdFor(KEY, w.item.id, 1, HEAD);
    const handed: { approval: Approval; statusThen: string | undefined }[] = [];
    w.approvals.rows.set(id, {
      approvalId: id,
      itemId: w.item.id,
      revision: 1,
      approver: HEAD,
      taskToken: 'token-of-the-failed-run',
      status: 'approved',
      createdAt: '2026-11-20T00:00:00.000Z',
      expiresAt: w.item.approvalDeadline,
      emailSentAt: '2026-11-20T00:00:01.000Z',
      decidedAt: '2026-11-20T00:05:00.000Z',
      delivered: false,
    });
    const deps: ApprovalRequestDeps = {
      ...w.deps,
      handOverAgain: async (approval) => {
        handed.push({ approval, statusThen: w.items.transitions.at(-1)?.t.status });
        return { kind: 'message', status: 200, title: 'pageTitle', message: 'decidedApproved' };
      },
    };
    expect(await requestApproval({ ...request, taskToken: 'token-rerun' }, deps)).toEqual({ sent: 1 });
    expect(handed).toEqual([
      {
        approval: expect.objectContaining({ approvalId: id, taskToken: 'token-rerun' }),
        statusThen: 'awaiting-approval',
      },
    ]);
  });

  it('a hand-over that fails again fails the step, so that it is retried', async () => {
    const w = world();
    const id = approvalIdFor(KEY, w.item.id, 1, HEAD);
    w.approvals.rows.set(id, {
      approvalId: id,
      itemId: w.item.id,
      revision: 1,
      approver: HEAD,
      taskToken: 'old',
      status: 'rejected',
      comment: 'Data belum final',
      createdAt: '2026-11-20T00:00:00.000Z',
      expiresAt: w.item.approvalDeadline,
      delivered: false,
    });
    const deps: ApprovalRequestDeps = {
      ...w.deps,
      handOverAgain: async () => ({ kind: 'message', status: 503, title: 'pageTitle', message: 'tryAgain' }),
    };
    await expect(requestApproval(request, deps)).rejects.toThrow(/could not be handed over/);
  });

  it('schedules no reminder once its time has passed', async () => {
    const w = world();
    w.time.advance(40 * 3600_000);
    await requestApproval(request, w.deps);
    expect(w.reminders).toEqual([]);
  });
});
