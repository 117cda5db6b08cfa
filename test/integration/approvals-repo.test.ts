import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Approval } from '../../functions/adapters/approvals-repo';
import { type LocalAws, startLocalAws, uniqueId } from '../helpers/local-aws';

let aws: LocalAws;
let repo: typeof import('../../functions/adapters/approvals-repo');

beforeAll(async () => {
  aws = await startLocalAws();
  repo = await import('../../functions/adapters/approvals-repo');
});

afterAll(async () => {
  await aws?.stop();
});

const approval = (overrides: Partial<Approval> = {}): Approval => ({
  approvalId: uniqueId('a'),
  itemId: uniqueId('c'),
  revision: 1,
  approver: 'kepala.dinas@dinkes.example.go.id',
  taskToken: 'token-1',
  status: 'pending',
  createdAt: '2026-11-20T01:00:00.000Z',
  expiresAt: '2026-11-22T01:00:00.000Z',
  ...overrides,
});

describe('approvals-repo against a real local DynamoDB', () => {
  it('upsertApproval creates the approval as given', async () => {
    const a = approval();
    expect(await repo.upsertApproval(a)).toEqual(a);
    expect(await repo.getApproval(a.approvalId)).toEqual(a);
  });

  it('upsertApproval on an existing id refreshes only the task token', async () => {
    const a = approval();
    await repo.upsertApproval(a);
    await repo.markEmailSent(a.approvalId, '2026-11-20T01:00:05.000Z');

    const rerun = await repo.upsertApproval({
      ...a,
      taskToken: 'token-2',
      createdAt: '2026-11-21T00:00:00.000Z',
      expiresAt: '2026-12-31T00:00:00.000Z',
      approver: 'someone.else@example.org',
      revision: 9,
    });

    const expected = { ...a, taskToken: 'token-2', emailSentAt: '2026-11-20T01:00:05.000Z' };
    expect(rerun).toEqual(expected);
    expect(await repo.getApproval(a.approvalId)).toEqual(expected);
  });

  it('decide: the first decision wins; a second returns false and changes nothing', async () => {
    const a = approval();
    await repo.upsertApproval(a);

    expect(await repo.decide(a.approvalId, 'approved', 'Setuju', '2026-11-20T02:00:00.000Z')).toBe(true);
    const decided = await repo.getApproval(a.approvalId);
    expect(decided).toMatchObject({
      status: 'approved',
      comment: 'Setuju',
      decidedAt: '2026-11-20T02:00:00.000Z',
      delivered: false,
    });

    expect(await repo.decide(a.approvalId, 'rejected', 'Tolak', '2026-11-20T03:00:00.000Z')).toBe(false);
    expect(await repo.decide(a.approvalId, 'approved', 'Lagi', '2026-11-20T04:00:00.000Z')).toBe(false);
    expect(await repo.getApproval(a.approvalId)).toEqual(decided);
  });

  it('decide stores an empty comment when none is given', async () => {
    const a = approval();
    await repo.upsertApproval(a);
    expect(await repo.decide(a.approvalId, 'rejected', undefined, '2026-11-20T02:00:00.000Z')).toBe(true);
    expect((await repo.getApproval(a.approvalId))?.comment).toBe('');
  });

  it('decide returns false for an approval that does not exist, and creates nothing', async () => {
    const id = uniqueId('a-ghost');
    expect(await repo.decide(id, 'approved', '', '2026-11-20T02:00:00.000Z')).toBe(false);
    expect(await repo.getApproval(id)).toBeUndefined();
  });

  it('markDelivered records delivery of a decision', async () => {
    const a = approval();
    await repo.upsertApproval(a);
    await repo.decide(a.approvalId, 'approved', '', '2026-11-20T02:00:00.000Z');
    await repo.markDelivered(a.approvalId);
    expect((await repo.getApproval(a.approvalId))?.delivered).toBe(true);
  });

  it('approvalsForItem lists the approvals of one item only', async () => {
    const itemId = uniqueId('c');
    const one = approval({ itemId, approver: 'a@dinkes.example.go.id' });
    const two = approval({ itemId, approver: 'b@dinkes.example.go.id' });
    await repo.upsertApproval(one);
    await repo.upsertApproval(two);
    await repo.upsertApproval(approval());
    const ids = (await repo.approvalsForItem(itemId)).map((a) => a.approvalId).sort();
    expect(ids).toEqual([one.approvalId, two.approvalId].sort());
  });
});
