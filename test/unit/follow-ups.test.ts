import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../functions/common/errors';
import { analyseFeedback, renderFeedbackSections } from '../../functions/domain/evaluation/evaluation';
import {
  auditKey,
  byUrgency,
  canMove,
  createFollowUpInput,
  FOLLOW_UP_DUE_DAYS,
  type FollowUpRecord,
  followUpIdParam,
  followUpQuery,
  isOverdue,
  matches,
  newFollowUpId,
  refusal,
  resolveDueAt,
  summarise,
  updateFollowUpInput,
  withOverdue,
} from '../../functions/domain/feedback/follow-ups';

const NOW = new Date('2026-03-10T03:00:00.000Z');

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

  it('is overdue only while unresolved and past its due time', () => {
    expect(isOverdue(record({}), NOW)).toBe(true);
    expect(isOverdue(record({ status: 'in_progress' }), NOW)).toBe(true);
    expect(isOverdue(record({ status: 'resolved' }), NOW)).toBe(false);
    expect(isOverdue(record({ dueAt: '2026-03-11T00:00:00.000Z' }), NOW)).toBe(false);
    expect(isOverdue(record({ dueAt: NOW.toISOString() }), NOW)).toBe(false);
  });

  it('sorts overdue first, then by due date', () => {
    const rows = [
      record({ id: 'fu-later', dueAt: '2026-03-20T00:00:00.000Z' }),
      record({ id: 'fu-done', status: 'resolved', dueAt: '2026-03-01T00:00:00.000Z' }),
      record({ id: 'fu-sooner', dueAt: '2026-03-12T00:00:00.000Z' }),
      record({ id: 'fu-late2', dueAt: '2026-03-09T00:00:00.000Z' }),
      record({ id: 'fu-late1', dueAt: '2026-03-02T00:00:00.000Z' }),
    ].map((f) => withOverdue(f, NOW));
    expect(rows.sort(byUrgency).map((f) => f.id)).toEqual([
      'fu-late1',
      'fu-late2',
      'fu-done',
      'fu-sooner',
      'fu-later',
    ]);
  });

  it('filters by status, unit (ignoring case and spaces) and overdue', () => {
    const f = withOverdue(record({}), NOW);
    expect(matches(f, { unit: '  puskesmas   CIBIRU ' })).toBe(true);
    expect(matches(f, { unit: 'Puskesmas Ujungberung' })).toBe(false);
    expect(matches(f, { status: 'open', overdue: true })).toBe(true);
    expect(matches(f, { overdue: false })).toBe(false);
    expect(matches(f, { status: 'resolved' })).toBe(false);
  });

  it('defaults the due date, and refuses one in the past or too far ahead', () => {
    expect(resolveDueAt(undefined, NOW)).toBe(
      new Date(NOW.getTime() + FOLLOW_UP_DUE_DAYS * 86_400_000).toISOString(),
    );
    expect(resolveDueAt('2026-03-12T09:00:00+07:00', NOW)).toBe('2026-03-12T02:00:00.000Z');
    expect(() => resolveDueAt('2026-03-10T09:59:00+07:00', NOW)).toThrow(ValidationError);
    expect(() => resolveDueAt('2028-03-10T00:00:00Z', NOW)).toThrow(ValidationError);
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

  it('needs a due date with a time-zone offset', () => {
    expect(createFollowUpInput.safeParse({ unit: 'Bidang P2P', dueAt: '2026-03-12' }).success).toBe(false);
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
