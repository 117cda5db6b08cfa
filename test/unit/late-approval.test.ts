import { describe, expect, it } from 'vitest';
import type { Approval } from '../../functions/adapters/approvals-repo';
import { confirmationPage, messagePage } from '../../functions/domain/approval/approval-views';
import {
  type ApprovalDecisionDeps,
  type ApprovalOutcome,
  type DecisionForm,
  decideApproval,
  showApproval,
} from '../../functions/domain/approval/decide-approval';
import { lateApproval, parseWallClock } from '../../functions/domain/approval/late-approval';
import { pageNonce, signApprovalLink } from '../../functions/domain/approval/signing';
import type { ContentItem } from '../../functions/domain/content/content';
import { clock, contentItem, fakeAudit, fakeItems, T0 } from './fakes';

/**
 * An approval that arrives after the publish time (docs/decisions/0017): the page says so, approving needs
 * a choice (now, or a new time in WIB), the choice is recorded and moves the item's publish time, and a
 * form without a valid choice is refused with nothing changed. T0 is Friday 20 November 2026, 09.00 WIB.
 */

const KEY = 'unit-test-signing-key-0123456789abcdef';
const HEAD = 'kepala.dinas@dinkes.example.go.id';
const META = { ip: '10.0.0.7', userAgent: 'unit-test' };
/** 08.00 WIB on T0's day: an hour before the approver opens the link. */
const PLANNED = '2026-11-20T01:00:00.000Z';

const pending: Approval = {
  approvalId: 'a-kepala',
  itemId: contentItem().id,
  revision: 1,
  approver: HEAD,
  taskToken: 'token-r1',
  status: 'pending',
  createdAt: '2026-11-19T01:00:00.000Z',
  expiresAt: '2026-11-22T02:00:00.000Z',
};

const world = (
  opts: { item?: Partial<ContentItem>; approval?: Partial<Approval>; failOnce?: boolean } = {},
) => {
  const items = fakeItems(contentItem({ status: 'awaiting-approval', publishAt: PLANNED, ...opts.item }));
  const rows = new Map([[pending.approvalId, { ...pending, ...opts.approval }]]);
  const audit = fakeAudit();
  const time = clock();
  const sent: Record<string, unknown>[] = [];
  let failures = opts.failOnce ? 1 : 0;
  const deps: ApprovalDecisionDeps = {
    getApproval: async (id) => rows.get(id),
    approvalsForItem: async () => [...rows.values()],
    decide: async (id, status, comment, at, late) => {
      const a = rows.get(id);
      if (a?.status !== 'pending') return false;
      rows.set(id, {
        ...a,
        status,
        comment: comment ?? '',
        decidedAt: at,
        delivered: false,
        ...(late ? { late } : {}),
      });
      return true;
    },
    markDelivered: async (id) => {
      const a = rows.get(id);
      if (a) rows.set(id, { ...a, delivered: true });
    },
    getItem: items.getItem,
    transition: items.transition,
    reschedule: items.reschedule,
    audit: audit.audit,
    sendTaskSuccess: async (_token, output) => {
      if (failures-- > 0) throw new Error('throttled');
      sent.push(output);
    },
    sendTaskFailure: async (_token, failure) => {
      sent.push(failure);
    },
    presignedGetUrl: async (key) => `https://bucket.example/${key}`,
    signingKey: async () => KEY,
    timeZone: () => 'Asia/Jakarta',
    maxPublishAheadDays: () => 365,
    now: time.now,
  };
  const seconds = () => Math.floor(time.now().getTime() / 1000);
  const exp = seconds() + 86_400;
  const link = {
    approvalId: pending.approvalId,
    exp,
    sig: signApprovalLink(KEY, pending.approvalId, HEAD, exp),
  };
  const form = (extra: Partial<DecisionForm> = {}): DecisionForm => ({
    ...link,
    nonce: pageNonce(KEY, pending.approvalId, seconds()),
    decision: 'approve',
    ...extra,
  });
  const item = () => items.getItem(contentItem().id);
  return { rows, items, item, audit, sent, deps, link, form, time };
};

const confirmModel = (o: ApprovalOutcome) => {
  if (o.kind !== 'confirm') throw new Error(`expected the page, got ${JSON.stringify(o)}`);
  return o.model;
};

describe('the page of a late approval', () => {
  it('says in words, in WIB, that the planned time has passed, and offers the two choices', async () => {
    const w = world();
    const model = confirmModel(await showApproval(w.link, '/approvals/a-kepala', w.deps));
    expect(model.late).toMatchObject({ plannedAt: PLANNED, min: '2026-11-20T09:01', maxDays: 365 });
    const html = confirmationPage('id', model);
    expect(html).toContain(
      'Waktu terbit yang direncanakan, Jumat, 20 November 2026 pukul 08.00 WIB, sudah lewat.',
    );
    expect(html).toContain('<label for="late-now">Terbitkan sekarang</label>');
    expect(html).toContain('<label for="late-new-time">Terbitkan pada waktu baru</label>');
    expect(html).toMatch(/<label for="newPublishAt">Waktu terbit baru \(tanggal dan jam, WIB\)<\/label>/);
    expect(html).toContain(
      'type="datetime-local" id="newPublishAt" name="newPublishAt" min="2026-11-20T09:01"',
    );
    // Neither choice is made for the approver.
    expect(html).not.toContain(' checked');
    expect(confirmationPage('en', model)).toContain(
      'The planned publish time, Friday, 20 November 2026 at 08:00 WIB, has passed.',
    );
  });

  it('an item on time shows no notice and no choice', async () => {
    const w = world({ item: { publishAt: '2026-11-27T01:00:00.000Z' } });
    const model = confirmModel(await showApproval(w.link, '/approvals/a-kepala', w.deps));
    expect(model.late).toBeUndefined();
    const html = confirmationPage('id', model);
    expect(html).not.toContain('sudah lewat');
    expect(html).not.toContain('lateChoice');
  });
});

describe('deciding', () => {
  it('on time: approves as before, with no late record and the publish time untouched', async () => {
    const w = world({ item: { publishAt: '2026-11-27T01:00:00.000Z' } });
    expect(await decideApproval(w.form(), META, w.deps)).toMatchObject({
      status: 200,
      message: 'decidedApproved',
    });
    expect(w.rows.get('a-kepala')).toMatchObject({ status: 'approved', delivered: true });
    expect(w.rows.get('a-kepala')?.late).toBeUndefined();
    expect(w.sent).toHaveLength(1);
    expect(w.sent[0]).not.toHaveProperty('late');
    expect((await w.item()).publishAt).toBe('2026-11-27T01:00:00.000Z');
    // A choice sent for an item still on time is ignored: the planned time stands.
    const w2 = world({ item: { publishAt: '2026-11-27T01:00:00.000Z' } });
    await decideApproval(w2.form({ lateChoice: 'now' }), META, w2.deps);
    expect((await w2.item()).publishAt).toBe('2026-11-27T01:00:00.000Z');
  });

  it('late, publish now: recorded on the approval and in the audit, and the item publishes at the decision time', async () => {
    const w = world();
    const outcome = await decideApproval(w.form({ lateChoice: 'now' }), META, w.deps);
    expect(outcome).toMatchObject({
      status: 200,
      message: 'decidedLateNow',
      schedule: { publishAt: T0.toISOString() },
    });
    const late = { plannedAt: PLANNED, choice: 'now', publishAt: T0.toISOString() };
    expect(w.rows.get('a-kepala')).toMatchObject({ status: 'approved', delivered: true, late });
    expect(w.audit.entries).toMatchObject([{ action: 'approval.approved', detail: { late } }]);
    expect(w.sent).toMatchObject([{ decision: 'approved', late }]);
    const item = await w.item();
    expect(item.publishAt).toBe(T0.toISOString());
    expect(item.reschedules).toMatchObject([
      {
        from: PLANNED,
        to: T0.toISOString(),
        by: HEAD,
        note: 'Disetujui setelah waktu terbit lewat: terbitkan sekarang',
      },
    ]);
    expect(w.items.transitions.map((t) => t.t.status)).toEqual(['scheduled']);
  });

  it('late, new time: the WIB time typed becomes the publish time before the workflow hears', async () => {
    const w = world();
    const outcome = await decideApproval(
      w.form({ lateChoice: 'new-time', newPublishAt: '2026-11-20T15:30' }),
      META,
      w.deps,
    );
    expect(outcome).toMatchObject({ status: 200, message: 'decidedLateNewTime' });
    const late = { plannedAt: PLANNED, choice: 'new-time', publishAt: '2026-11-20T08:30:00.000Z' };
    expect(w.rows.get('a-kepala')?.late).toEqual(late);
    expect(w.sent).toMatchObject([{ late }]);
    expect((await w.item()).publishAt).toBe('2026-11-20T08:30:00.000Z');
    const page = messagePage(
      'id',
      'Persetujuan konten',
      'ok',
      outcome.kind === 'message' ? outcome.schedule : undefined,
    );
    expect(page).toContain('Jadwal terbit: Jumat, 20 November 2026 pukul 15.30 WIB.');
  });

  const unchanged = async (w: ReturnType<typeof world>) => {
    expect(w.rows.get('a-kepala')).toMatchObject({ status: 'pending' });
    expect(w.rows.get('a-kepala')?.late).toBeUndefined();
    expect(w.audit.entries).toEqual([]);
    expect(w.sent).toEqual([]);
    expect(w.items.transitions).toEqual([]);
    expect((await w.item()).publishAt).toBe(PLANNED);
  };

  it.each([
    ['a time that is not a time', 'besok pagi', 'timeInvalid'],
    ['a day that does not exist', '2026-11-31T08:00', 'timeInvalid'],
    ['an hour that does not exist', '2026-11-21T24:00', 'timeInvalid'],
    ['a time already past (08.59 WIB)', '2026-11-20T08:59', 'timeNotFuture'],
    ['exactly now', '2026-11-20T09:00', 'timeNotFuture'],
    ['beyond the publish window', '2027-11-21T09:00', 'timeTooFar'],
    ['no time at all', undefined, 'timeMissing'],
  ])('late, new time, %s: 400 with the page again, and nothing changes', async (_what, typed, error) => {
    const w = world();
    const outcome = await decideApproval(
      w.form({
        lateChoice: 'new-time',
        comment: 'Ok',
        ...(typed !== undefined ? { newPublishAt: typed } : {}),
      }),
      META,
      w.deps,
    );
    expect(outcome.status).toBe(400);
    const model = confirmModel(outcome);
    expect(model.late).toMatchObject({ error, choice: 'new-time' });
    const html = confirmationPage('id', model);
    expect(html).toContain('role="alert"');
    expect(html).toContain('aria-invalid="true"');
    // What the approver typed comes back, so they can correct it rather than start over.
    expect(html).toContain('value="new-time" checked');
    expect(html).toContain('>Ok</textarea>');
    await unchanged(w);
  });

  it('late, no choice (an old page or a plain form post): 400 asking for the choice; nothing is published', async () => {
    const w = world();
    const outcome = await decideApproval(w.form(), META, w.deps);
    expect(outcome.status).toBe(400);
    const model = confirmModel(outcome);
    expect(model.late?.error).toBe('choiceMissing');
    expect(confirmationPage('id', model)).toContain('Pilih &quot;Terbitkan sekarang&quot; atau');
    await unchanged(w);
    // The page it gets back decides once the choice is made.
    expect(await decideApproval(w.form({ lateChoice: 'now' }), META, w.deps)).toMatchObject({ status: 200 });
  });

  it('late: rejecting and requesting changes need no choice and work as before', async () => {
    const w = world();
    expect(
      await decideApproval(w.form({ decision: 'reject', comment: 'Data belum final' }), META, w.deps),
    ).toMatchObject({
      status: 200,
      message: 'decidedRejected',
    });
    expect(w.sent).toMatchObject([{ error: 'ApprovalRejected' }]);
    expect((await w.item()).publishAt).toBe(PLANNED);
    const w2 = world();
    expect(
      await decideApproval(w2.form({ decision: 'changes', comment: 'Tambah sumber' }), META, w2.deps),
    ).toMatchObject({
      message: 'decidedChanges',
    });
    expect(w2.rows.get('a-kepala')?.late).toBeUndefined();
    expect(w2.sent).toMatchObject([{ decision: 'changes-requested' }]);
  });

  it('a late approval whose hand-over failed is delivered again with the recorded choice, not a new one', async () => {
    const w = world({ failOnce: true });
    expect(
      await decideApproval(
        w.form({ lateChoice: 'new-time', newPublishAt: '2026-11-20T15:30' }),
        META,
        w.deps,
      ),
    ).toMatchObject({ status: 503, message: 'tryAgain' });
    w.time.advance(60_000);
    // Pressed again from the same page, now with another choice: the first one stands.
    expect(await decideApproval(w.form({ lateChoice: 'now' }), META, w.deps)).toMatchObject({
      status: 200,
      message: 'decidedLateNewTime',
    });
    expect(w.sent).toMatchObject([{ late: { choice: 'new-time', publishAt: '2026-11-20T08:30:00.000Z' } }]);
    expect((await w.item()).publishAt).toBe('2026-11-20T08:30:00.000Z');
    expect(w.audit.entries).toHaveLength(1);
  });

  it('a publish time staff moved after the page was opened is kept', async () => {
    const w = world();
    const page = w.form({ lateChoice: 'now' });
    // Staff reschedule between the page and the press: the approver chose against a time no longer planned.
    await w.items.reschedule(
      contentItem().id,
      { status: 'awaiting-approval', publishAt: PLANNED },
      {
        from: PLANNED,
        to: '2026-11-21T01:00:00.000Z',
        at: T0.toISOString(),
        by: 'staff',
      },
    );
    expect(await decideApproval(page, META, w.deps)).toMatchObject({
      status: 200,
      message: 'decidedApproved',
    });
    expect((await w.item()).publishAt).toBe('2026-11-21T01:00:00.000Z');
  });
});

describe('reading the new time', () => {
  it('reads datetime-local values on the WIB wall clock, with or without seconds', () => {
    expect(parseWallClock('2026-12-07T08:00', 'Asia/Jakarta')?.toISOString()).toBe(
      '2026-12-07T01:00:00.000Z',
    );
    expect(parseWallClock('2026-12-07T00:30:15', 'Asia/Jakarta')?.toISOString()).toBe(
      '2026-12-06T17:30:15.000Z',
    );
    for (const bad of [
      '',
      '2026-12-07',
      '2026-12-07 08:00',
      '2026-13-01T08:00',
      '2026-02-29T08:00',
      '2026-12-07T08:60',
      '+02026-12-07T08:00',
    ])
      expect(parseWallClock(bad, 'Asia/Jakarta')).toBeUndefined();
  });

  it('a choice nobody made is not taken for one', () => {
    expect(lateApproval(PLANNED, {}, T0, { timeZone: 'Asia/Jakarta', maxDays: 365 })).toBe('choiceMissing');
    expect(
      lateApproval(PLANNED, { newPublishAt: '2026-11-20T15:30' }, T0, {
        timeZone: 'Asia/Jakarta',
        maxDays: 365,
      }),
    ).toBe('choiceMissing');
  });
});
