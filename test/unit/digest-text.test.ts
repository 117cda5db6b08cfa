import { describe, expect, it } from 'vitest';
import { type Digest, dayWords, digestText, lateWords } from '../../functions/domain/feedback/digest-text';

const digest = (over: Partial<Digest> = {}): Digest => ({
  generatedAt: '2026-12-28T00:00:00.000Z',
  since: '2026-12-27T00:00:00.000Z',
  newFeedback: 0,
  complaintsByCategory: [],
  unansweredQuestions: { count: 0, workingDays: 1, entries: [] },
  urgent: { count: 0, entries: [] },
  watches: [],
  overdueFollowUps: { count: 0, entries: [] },
  unprocessed: 0,
  ...over,
});

describe('the digest in words', () => {
  it('says how many working days late, or only that the deadline passed', () => {
    expect(lateWords(3)).toBe('terlambat 3 hari kerja');
    expect(lateWords(0)).toBe('lewat tenggat');
    expect(dayWords('2026-12-25')).toBe('Jumat, 25 Desember 2026');
  });

  it('lists overdue follow-ups and late questions with their working days', () => {
    const text = digestText(
      digest({
        unansweredQuestions: {
          count: 1,
          workingDays: 1,
          entries: [
            {
              id: 'x-1',
              platform: 'x',
              author: 'warga',
              text: 'Kapan fogging?',
              createdAt: '2026-12-23T03:00:00.000Z',
              status: 'open',
              dueDay: '2026-12-24',
              workingDaysLate: 1,
            },
          ],
        },
        overdueFollowUps: {
          count: 1,
          entries: [
            {
              id: 'fu-abcdefgh',
              unit: 'Puskesmas Cibiru',
              dueAt: '2026-12-24T16:59:59.999Z',
              dueDay: '2026-12-24',
              workingDaysLate: 1,
              status: 'in_progress',
              summary: 'Antri lama',
              feedbackId: 'x-2',
            },
          ],
        },
      }),
      'Asia/Jakarta',
    );
    expect(text).toContain('Pertanyaan belum dijawab lewat batas waktu jawab (1 hari kerja): 1');
    expect(text).toMatch(/"Kapan fogging\?" \(belum dijawab; GET \/feedback\/x-1\), terlambat 1 hari kerja/);
    expect(text).toContain(
      '  - Puskesmas Cibiru, tenggat Kamis, 24 Desember 2026 (sedang dikerjakan), terlambat 1 hari kerja: "Antri lama"',
    );
  });
});
