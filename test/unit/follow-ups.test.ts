import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/common/errors';
import { analyseFeedback, renderFeedbackSections } from '../../functions/domain/evaluation/evaluation';
import {
  createFollowUpInput,
  followUpIdParam,
  followUpQuery,
  updateFollowUpInput,
} from '../../functions/domain/feedback/follow-up-inputs';
import {
  auditKey,
  byUrgency,
  canMove,
  type FollowUpRecord,
  isOverdue,
  matches,
  newFollowUpId,
  refusal,
  resolveDueAt,
  summarise,
  withOverdue,
} from '../../functions/domain/feedback/follow-ups';
import { workingCalendar } from '../../functions/domain/support/working-days';

/** Tuesday 10 March 2026, 10:00 WIB. */
const NOW = new Date('2026-03-10T03:00:00.000Z');
const CAL = workingCalendar([]);

const record = (over: Partial<FollowUpRecord>): FollowUpRecord => ({
  id: 'fu-aaaaaaaaaaaa',
  feedbackId: 'instagram-1',
  unit: 'Puskesmas Cibiru',
  status: 'open',
  createdAt: '2026-03-01T00:00:00.000Z',
  updatedAt: '2026-03-01T00:00:00.000Z',
  dueAt: '2026-03-08T00:00:00.000Z',
  summary: 'antri lama',
  createdBy: 'staf@dinkes.example.go.id',
  history: [],
  ...over,
});

describe('follow-up status rules', () => {
  it('allows open → in_progress → resolved and open → resolved only', () => {
    expect(canMove('open', 'in_progress')).toBe(true);
    expect(canMove('open', 'resolved')).toBe(true);
    expect(canMove('in_progress', 'resolved')).toBe(true);
    for (const [from, to] of [
      ['open', 'open'],
      ['in_progress', 'in_progress'],
      ['in_progress', 'open'],
      ['resolved', 'in_progress'],
      ['resolved', 'resolved'],
      ['resolved', 'open'],
    ] as const) {
      expect(canMove(from, to)).toBe(false);
      expect(refusal('fu-x', from, to)).toMatch(/fu-x/);
    }
    expect(refusal('fu-x', 'resolved', 'in_progress')).toMatch(/already resolved/);
  });

  it('is overdue only while unresolved and past the end of its due working day in WIB', () => {
    // Due Sunday 8 March (07:00 WIB): counted as Monday 9, over at Tuesday 00:00 WIB.
    expect(isOverdue(record({}), NOW, CAL)).toBe(true);
    expect(isOverdue(record({ status: 'in_progress' }), NOW, CAL)).toBe(true);
    expect(isOverdue(record({ status: 'resolved' }), NOW, CAL)).toBe(false);
    expect(isOverdue(record({ dueAt: '2026-03-11T00:00:00.000Z' }), NOW, CAL)).toBe(false);
    // Due earlier today: not late until today is over.
    expect(isOverdue(record({ dueAt: '2026-03-10T01:00:00.000Z' }), NOW, CAL)).toBe(false);
    expect(isOverdue(record({ dueAt: 'not a date' }), NOW, CAL)).toBe(false);
    // The WIB midnight boundary: due Monday 9 March, late from 2026-03-09T17:00Z (Tuesday 00:00 WIB).
    const monday = record({ dueAt: '2026-03-09T02:00:00.000Z' });
    expect(isOverdue(monday, new Date('2026-03-09T16:59:59.999Z'), CAL)).toBe(false);
    expect(isOverdue(monday, new Date('2026-03-09T17:00:00.000Z'), CAL)).toBe(true);
    // A leave day on the due day moves it to the next working day.
    expect(isOverdue(monday, NOW, workingCalendar(['2026-03-09']))).toBe(false);
  });

  it('says how many working days late, and which working day it was due', () => {
    const f = withOverdue(record({ dueAt: '2026-03-06T03:00:00.000Z' }), NOW, CAL); // Friday 6 March
    expect(f).toMatchObject({ dueDay: '2026-03-06', overdue: true, workingDaysLate: 2 });
    const sunday = withOverdue(record({}), NOW, CAL);
    expect(sunday).toMatchObject({ dueDay: '2026-03-09', overdue: true, workingDaysLate: 1 });
    // Late on Saturday after a Friday deadline, but no working day has passed yet.
    const saturday = withOverdue(
      record({ dueAt: '2026-03-06T03:00:00.000Z' }),
      new Date('2026-03-07T03:00:00.000Z'),
      CAL,
    );
    expect(saturday).toMatchObject({ overdue: true, workingDaysLate: 0 });
    expect(withOverdue(record({ status: 'resolved' }), NOW, CAL)).toMatchObject({
      overdue: false,
      workingDaysLate: 0,
    });
  });

  it('sorts overdue first, then by due date', () => {
    const rows = [
      record({ id: 'fu-later', dueAt: '2026-03-20T00:00:00.000Z' }),
      record({ id: 'fu-done', status: 'resolved', dueAt: '2026-03-01T00:00:00.000Z' }),
      record({ id: 'fu-sooner', dueAt: '2026-03-12T00:00:00.000Z' }),
      record({ id: 'fu-late2', dueAt: '2026-03-09T00:00:00.000Z' }),
      record({ id: 'fu-late1', dueAt: '2026-03-02T00:00:00.000Z' }),
    ].map((f) => withOverdue(f, NOW, CAL));
    expect(rows.sort(byUrgency).map((f) => f.id)).toEqual([
      'fu-late1',
      'fu-late2',
      'fu-done',
      'fu-sooner',
      'fu-later',
    ]);
  });

  it('filters by status, unit (ignoring case and spaces) and overdue', () => {
    const f = withOverdue(record({}), NOW, CAL);
    expect(matches(f, { unit: '  puskesmas   CIBIRU ' })).toBe(true);
    expect(matches(f, { unit: 'Puskesmas Ujungberung' })).toBe(false);
    expect(matches(f, { status: 'open', overdue: true })).toBe(true);
    expect(matches(f, { overdue: false })).toBe(false);
    expect(matches(f, { status: 'resolved' })).toBe(false);
  });

  it('defaults the due date to N working days, and refuses one in the past or too far ahead', () => {
    // Tuesday 10 March + 5 working days = Tuesday 17 March, due by its end (WIB).
    expect(resolveDueAt(undefined, NOW, CAL, 5)).toBe('2026-03-17T16:59:59.999Z');
    // From Monday 16 March, Nyepi (19th), Idul Fitri (20th, 21st) and the weekend do not count.
    expect(resolveDueAt(undefined, new Date('2026-03-16T03:00:00.000Z'), CAL, 5)).toBe(
      '2026-03-25T16:59:59.999Z',
    );
    // ... nor do the office's leave days.
    expect(resolveDueAt(undefined, NOW, workingCalendar(['2026-03-11', '2026-03-12']), 1)).toBe(
      '2026-03-13T16:59:59.999Z',
    );
    // 23:30 WIB on Tuesday is still Tuesday: one working day later is Wednesday (not Thursday).
    expect(resolveDueAt(undefined, new Date('2026-03-10T16:30:00.000Z'), CAL, 1)).toBe(
      '2026-03-11T16:59:59.999Z',
    );
    expect(resolveDueAt('2026-03-12T09:00:00+07:00', NOW, CAL, 5)).toBe('2026-03-12T02:00:00.000Z');
    // A calendar date is a WIB day, due by its end; today is allowed, yesterday not.
    expect(resolveDueAt('2026-03-12', NOW, CAL, 5)).toBe('2026-03-12T16:59:59.999Z');
    expect(resolveDueAt('2026-03-10', NOW, CAL, 5)).toBe('2026-03-10T16:59:59.999Z');
    expect(() => resolveDueAt('2026-03-09', NOW, CAL, 5)).toThrow(ValidationError);
    expect(() => resolveDueAt('2026-03-10T09:59:00+07:00', NOW, CAL, 5)).toThrow(ValidationError);
    expect(() => resolveDueAt('2028-03-10T00:00:00Z', NOW, CAL, 5)).toThrow(ValidationError);
    expect(() => resolveDueAt('2028-03-10', NOW, CAL, 5)).toThrow(ValidationError);
  });

  it('keeps the first 500 characters of the text, never half an emoji', () => {
    expect(summarise('a'.repeat(600))).toHaveLength(500);
    expect(Array.from(summarise('😷'.repeat(600)))).toHaveLength(500);
    expect(summarise('pendek')).toBe('pendek');
  });

  it('audits under the item, or under the feedback when there is no item', () => {
    expect(auditKey({ itemId: 'c1', feedbackId: 'x-1' })).toBe('c1');
    expect(auditKey({ feedbackId: 'x-1' })).toBe('feedback#x-1');
  });

  it('makes short, unique, URL-safe ids its own path check accepts', () => {
    const ids = new Set(Array.from({ length: 500 }, newFollowUpId));
    expect(ids.size).toBe(500);
    for (const id of ids) {
      expect(id).toMatch(/^fu-[A-Za-z0-9_-]+$/);
      expect(followUpIdParam.safeParse({ id }).success).toBe(true);
    }
    expect(followUpIdParam.safeParse({ id: 'instagram-1' }).success).toBe(false);
  });
});

describe('follow-up input', () => {
  it('needs a unit of 2 to 120 characters on one line', () => {
    expect(createFollowUpInput.safeParse({ unit: ' Bidang P2P ' }).data).toEqual({ unit: 'Bidang P2P' });
    for (const unit of ['', 'a', 'x'.repeat(121), 'Puskesmas\nCibiru', 42])
      expect(createFollowUpInput.safeParse({ unit }).success).toBe(false);
    expect(createFollowUpInput.safeParse({}).success).toBe(false);
    expect(createFollowUpInput.safeParse({ unit: 'Bidang P2P', extra: 1 }).success).toBe(false);
  });

  it('needs a due date as a day or with a time-zone offset', () => {
    expect(createFollowUpInput.safeParse({ unit: 'Bidang P2P', dueAt: '2026-03-12' }).success).toBe(true);
    expect(createFollowUpInput.safeParse({ unit: 'Bidang P2P', dueAt: '2026-02-30' }).success).toBe(false);
    expect(createFollowUpInput.safeParse({ unit: 'Bidang P2P', dueAt: '12-03-2026' }).success).toBe(false);
    expect(createFollowUpInput.safeParse({ unit: 'Bidang P2P', dueAt: '2026-03-12T10:00:00' }).success).toBe(
      false,
    );
    expect(
      createFollowUpInput.safeParse({ unit: 'Bidang P2P', dueAt: '2026-03-12T10:00:00+07:00' }).success,
    ).toBe(true);
  });

  it('needs a note to resolve, and only in_progress or resolved', () => {
    expect(updateFollowUpInput.safeParse({ status: 'in_progress' }).success).toBe(true);
    const missing = updateFollowUpInput.safeParse({ status: 'resolved' });
    expect(missing.success).toBe(false);
    expect(missing.error?.issues[0]?.message).toMatch(/resolution note is required/);
    expect(updateFollowUpInput.safeParse({ status: 'resolved', note: '   ' }).success).toBe(false);
    expect(updateFollowUpInput.safeParse({ status: 'resolved', note: 'x'.repeat(2001) }).success).toBe(false);
    expect(updateFollowUpInput.safeParse({ status: 'resolved', note: 'Jadwal ditambah' }).success).toBe(true);
    expect(updateFollowUpInput.safeParse({ status: 'open' }).success).toBe(false);
  });

  it('reads the list query, refusing an unknown status', () => {
    expect(followUpQuery.parse({ overdue: 'true', unit: 'Bidang P2P' })).toEqual({
      overdue: true,
      unit: 'Bidang P2P',
    });
    expect(followUpQuery.safeParse({ status: 'done' }).success).toBe(false);
    expect(followUpQuery.safeParse({ overdue: 'yes' }).success).toBe(false);
  });
});

describe('the evaluation of what citizens said', () => {
  const fb = (id: string, over: Record<string, unknown>) => ({
    id,
    platform: 'instagram' as const,
    text: `teks ${id}`,
    status: 'open' as const,
    createdAt: '2026-03-09T12:00:00.000Z',
    receivedAt: '2026-03-09T12:00:01.000Z',
    ...over,
  });

  it('counts labels, complaint categories, urgent ones and unanswered questions', () => {
    const a = analyseFeedback(
      [
        fb('1', { label: 'complaint', category: 'waiting_time' }),
        fb('2', { label: 'complaint', category: null, urgent: true }),
        fb('3', { label: 'question', createdAt: '2026-03-08T00:00:00.000Z' }),
        fb('4', { label: 'question' }),
        fb('5', { label: 'question', status: 'answered', createdAt: '2026-03-01T00:00:00.000Z' }),
        fb('6', { label: 'appreciation' }),
        fb('7', {}),
      ],
      NOW,
    );
    expect(a.total).toBe(7);
    expect(a.byLabel).toEqual({ complaint: 2, question: 3, appreciation: 1, unclassified: 1 });
    expect(a.complaintsByCategory).toEqual({ waiting_time: 1, uncategorised: 1 });
    expect(a.urgent).toBe(1);
    expect(a.unansweredQuestions.count).toBe(2);
    expect(a.unansweredQuestions.olderThan24h).toBe(1);
    expect(a.unansweredQuestions.items.map((q) => [q.id, q.olderThan24h, q.ageHours])).toEqual([
      ['3', true, 51],
      ['4', false, 15],
    ]);
  });

  it('escapes every citizen and staff text in the page', () => {
    const a = analyseFeedback([fb('1', { label: 'question', text: '<script>alert(1)</script>' })], NOW);
    const html = renderFeedbackSections(
      a,
      [
        {
          id: 'fu-1',
          feedbackId: 'instagram-1',
          unit: 'Puskesmas <b>Cibiru</b>',
          status: 'resolved',
          dueAt: '2026-03-12T00:00:00.000Z',
          overdue: false,
          resolutionNote: 'Jadwal "ditambah" & <i>diumumkan</i>',
        },
      ],
      'Asia/Jakarta',
    );
    expect(html).not.toContain('<script>');
    expect(html).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Puskesmas &lt;b&gt;Cibiru&lt;/b&gt;');
    expect(html).toContain('Jadwal &quot;ditambah&quot; &amp; &lt;i&gt;diumumkan&lt;/i&gt;');
    expect(html).toContain('Selesai');
  });
});
