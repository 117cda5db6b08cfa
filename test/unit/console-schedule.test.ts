import { describe, expect, it } from 'vitest';
import { groupByApprover, isPastDeadline, type PendingApproval } from '../../web/src/approvals/group';
import { allowedActions } from '../../web/src/schedule/allowed';

describe('which schedule actions a status allows (as the server decides)', () => {
  it('allows rescheduling and cancelling before publishing starts', () => {
    for (const status of [
      'submitted',
      'fact-checked',
      'blocked',
      'awaiting-approval',
      'changes-requested',
      'scheduled',
    ]) {
      expect(allowedActions(status)).toEqual({ reschedule: true, cancel: true });
    }
  });

  it('allows neither once published, closed or unknown', () => {
    for (const status of ['published', 'evaluated', 'failed', 'rejected', 'expired', 'cancelled', 'x']) {
      expect(allowedActions(status)).toEqual({ reschedule: false, cancel: false });
    }
  });
});

const approval = (approver: string, title: string, expiresAt: string): PendingApproval => ({
  approvalId: `a-${approver}-${title}`,
  itemId: `c-${title}`,
  itemTitle: title,
  itemStatus: 'awaiting-approval',
  approver,
  status: 'pending',
  createdAt: '2026-06-01T00:00:00.000Z',
  expiresAt,
  remindersSent: 0,
});

describe('pending approvals by approver and deadline', () => {
  it('groups by approver (any letter case), soonest deadline first in and across groups', () => {
    const groups = groupByApprover([
      approval('kepala@dinkes.go.id', 'B', '2026-06-05T00:00:00.000Z'),
      approval('sekretaris@dinkes.go.id', 'C', '2026-06-03T00:00:00.000Z'),
      approval('Kepala@dinkes.go.id', 'A', '2026-06-02T00:00:00.000Z'),
      approval('sekretaris@dinkes.go.id', 'D', '2026-06-09T00:00:00.000Z'),
    ]);
    expect(groups.map((g) => [g.approver, g.approvals.map((a) => a.itemTitle)])).toEqual([
      ['Kepala@dinkes.go.id', ['A', 'B']],
      ['sekretaris@dinkes.go.id', ['C', 'D']],
    ]);
  });

  it('has no group when nothing waits', () => {
    expect(groupByApprover([])).toEqual([]);
  });

  it('says when a deadline has passed', () => {
    const now = new Date('2026-06-03T00:00:00.000Z');
    expect(isPastDeadline('2026-06-02T23:59:59.000Z', now)).toBe(true);
    expect(isPastDeadline('2026-06-03T00:00:01.000Z', now)).toBe(false);
  });
});
