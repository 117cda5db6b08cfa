import { describe, expect, it } from 'vitest';
import { buildEvaluation, renderEvaluationHtml } from '../../functions/domain/evaluation/evaluation-page';

/** The item's evaluation is built from whatever records it is given, at `now`, and reads in Indonesian. */
const item = { id: 'item-1', title: 'Imunisasi campak <gratis>' };
const publications = [
  {
    platform: 'instagram',
    state: 'published',
    publishedAt: '2026-11-02T02:00:00Z',
    url: 'https://www.instagram.com/p/abc/',
    metrics: [
      {
        at: '2026-11-03T02:00:00Z',
        values: { reach: 100, likes: 5, comments: 1, shares: 0, saved: 0, views: 150 },
      },
      {
        at: '2026-11-05T02:00:00Z',
        values: { reach: 400, likes: 30, comments: 6, shares: 2, saved: 2, views: 600 },
      },
    ],
  },
  {
    platform: 'x',
    state: 'published',
    publishedAt: '2026-11-02T02:00:05Z',
    metrics: [
      {
        at: '2026-11-05T02:00:00Z',
        values: {
          impression_count: 1000,
          like_count: 10,
          retweet_count: 3,
          reply_count: 2,
          quote_count: 0,
          bookmark_count: 5,
        },
      },
    ],
  },
];
const complaint = {
  id: 'instagram-1',
  platform: 'instagram' as const,
  text: 'Antre lama sekali di puskesmas',
  status: 'open' as const,
  createdAt: '2026-11-06T01:00:00Z',
  receivedAt: '2026-11-06T01:00:01Z',
  label: 'complaint',
  category: 'waiting_time',
};

describe('the evaluation page', () => {
  it('names the metrics in Indonesian and uses the latest reading', () => {
    const ev = buildEvaluation({
      item,
      publications,
      feedback: [],
      followUps: [],
      pass: 2,
      now: new Date('2026-11-09T00:00:00Z'),
    });
    expect(ev.platforms[0]?.engagementRate).toBe(0.1);
    const html = renderEvaluationHtml(ev, 'Asia/Jakarta');
    for (const word of [
      'Jangkauan: 400',
      'Tayangan: 600',
      'Suka: 30',
      'Komentar: 6',
      'Dibagikan: 2',
      'Disimpan: 2',
      'Tingkat interaksi',
    ])
      expect(html).toContain(word);
    expect(html).toContain('Dibagikan ulang: 3');
    expect(html).not.toMatch(/\b(like_count|impression_count|reach):/);
    expect(html).toContain('10,00%');
    expect(html).toContain('Imunisasi campak &lt;gratis&gt;');
    expect(html).toContain('Belum ada tanggapan');
  });

  it('shows feedback and follow-ups that arrived after the first evaluation when built again', () => {
    const first = buildEvaluation({
      item,
      publications,
      feedback: [],
      followUps: [],
      pass: 1,
      now: new Date('2026-11-05T03:00:00Z'),
    });
    expect(first.feedbackAnalysis.total).toBe(0);
    const later = buildEvaluation({
      item,
      publications,
      feedback: [complaint],
      followUps: [
        {
          id: 'fu-1',
          feedbackId: complaint.id,
          unit: 'Puskesmas Cibiru',
          status: 'open',
          dueAt: '2026-11-13T01:00:00Z',
          overdue: false,
          category: 'waiting_time',
        },
      ],
      pass: 1,
      now: new Date('2026-11-07T03:00:00Z'),
    });
    expect(later.feedbackAnalysis.byLabel).toEqual({ complaint: 1 });
    expect(later.evaluatedAt).toBe('2026-11-07T03:00:00.000Z');
    const html = renderEvaluationHtml(later, 'Asia/Jakarta');
    expect(html).toContain('Keluhan: 1');
    expect(html).toContain('Waktu tunggu: 1');
    expect(html).toContain('Puskesmas Cibiru');
    expect(html).toContain('Diperbarui Sabtu, 07 November 2026 pukul 10.00 WIB');
  });

  it('labels every cell with its column, so rows become cards on a phone', () => {
    const ev = buildEvaluation({
      item,
      publications,
      feedback: [],
      followUps: [],
      pass: 1,
      now: new Date('2026-11-09T00:00:00Z'),
    });
    const html = renderEvaluationHtml(ev, 'Asia/Jakarta');
    expect(html).toContain('<table class="stack">');
    expect(html).toContain('<td data-label="Tingkat interaksi">');
    expect(html).toContain('@media (max-width: 600px)');
    expect(html).not.toMatch(/<td(?![^>]*data-label)[^>]*>/);
  });
});
