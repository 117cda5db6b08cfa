import { describe, expect, it } from 'vitest';
import {
  applyFilter,
  type FollowUp,
  formatDay,
  groupByUnit,
  nextStatuses,
  noteProblem,
  unitsOf,
} from '../../web/src/follow-ups/board';

const fu = (id: string, over: Partial<FollowUp> = {}): FollowUp => ({
  id,
  feedbackId: `instagram-${id}`,
  unit: 'Puskesmas Cibiru',
  status: 'open',
  createdAt: '2026-12-01T02:00:00.000Z',
  dueAt: '2026-12-08T16:59:59.999Z',
  dueDay: '2026-12-08',
  overdue: false,
  workingDaysLate: 0,
  summary: `pesan ${id}`,
  history: [],
  ...over,
});

describe('the follow-up board', () => {
  const rows = [
    fu('a', { unit: 'Bidang P2P', dueAt: '2026-12-03T16:59:59.999Z' }),
    fu('c', { overdue: true, workingDaysLate: 1, dueAt: '2026-11-30T16:59:59.999Z' }),
    fu('b', { unit: 'puskesmas  cibiru', dueAt: '2026-12-10T16:59:59.999Z' }),
    fu('d', { unit: 'Bidang P2P', status: 'resolved', dueAt: '2026-11-01T16:59:59.999Z' }),
    fu('e', { unit: 'Puskesmas Ujungberung', overdue: true, workingDaysLate: 4 }),
  ];

  it('puts the unit with the latest follow-up first, and overdue ones first inside a unit', () => {
    const groups = groupByUnit(rows);
    expect(groups.map((g) => [g.unit, g.followUps.map((f) => f.id), g.overdue])).toEqual([
      ['Puskesmas Ujungberung', ['e'], 1],
      ['Puskesmas Cibiru', ['c', 'b'], 1],
      ['Bidang P2P', ['a', 'd'], 0],
    ]);
  });

  it('filters by unit (ignoring case and spaces) and by status, and lists each unit once', () => {
    expect(unitsOf(rows)).toEqual(['Bidang P2P', 'Puskesmas Cibiru', 'Puskesmas Ujungberung']);
    expect(applyFilter(rows, { unit: 'Puskesmas Cibiru', status: '' }).map((f) => f.id)).toEqual(['c', 'b']);
    expect(applyFilter(rows, { unit: '', status: 'resolved' }).map((f) => f.id)).toEqual(['d']);
    expect(applyFilter(rows, { unit: 'Bidang P2P', status: 'open' }).map((f) => f.id)).toEqual(['a']);
    expect(applyFilter(rows, { unit: '', status: '' })).toHaveLength(5);
  });

  it('offers only the moves the server allows, and needs a note to resolve', () => {
    expect(nextStatuses('open')).toEqual(['in_progress', 'resolved']);
    expect(nextStatuses('in_progress')).toEqual(['resolved']);
    expect(nextStatuses('resolved')).toEqual([]);
    expect(noteProblem('resolved', '  ')).toBe('noteRequired');
    expect(noteProblem('resolved', 'Stok obat dipenuhi')).toBeUndefined();
    expect(noteProblem('in_progress', '')).toBeUndefined();
    expect(noteProblem('in_progress', 'x'.repeat(2001))).toBe('noteTooLong');
  });

  it('writes a WIB day in words whatever the computer’s zone', () => {
    expect(formatDay('2026-12-25')).toBe('Jumat, 25 Desember 2026');
    expect(formatDay('2026-12-25', 'en')).toBe('Friday, 25 December 2026');
    expect(formatDay('')).toBe('');
  });
});
