import { describe, expect, it } from 'vitest';
import { summariseLabelCorrections } from '../../functions/domain/evaluation/label-corrections';
import { computeMonthlyReport, monthWindow } from '../../functions/domain/evaluation/monthly-report';
import { renderReportCsv, renderReportHtml } from '../../functions/domain/evaluation/report-render';

// November 2026 in WIB: 2026-10-31T17:00Z to 2026-11-30T17:00Z.
const NOVEMBER = monthWindow('2026-11', 'Asia/Jakarta');
const fix = (at: string, from: [string, string | null], to: [string, string | null]) => ({
  by: 'humas@dinkes.example.go.id',
  at,
  from: { label: from[0], category: from[1] },
  to: { label: to[0], category: to[1] },
});

const feedback = [
  // A November message corrected twice in November (question → complaint, then its category).
  {
    id: 'a',
    createdAt: '2026-11-03T02:00:00Z',
    corrections: [
      fix('2026-11-03T05:00:00Z', ['question', null], ['complaint', 'waiting_time']),
      fix('2026-11-04T05:00:00Z', ['complaint', 'waiting_time'], ['complaint', 'stock']),
    ],
  },
  // Another November message with the same first correction.
  {
    id: 'b',
    createdAt: '2026-11-10T02:00:00Z',
    corrections: [fix('2026-11-10T03:00:00Z', ['question', null], ['complaint', 'waiting_time'])],
  },
  // An October message corrected on 1 November 00:30 WIB: the correction counts, the message does not.
  {
    id: 'c',
    createdAt: '2026-10-20T02:00:00Z',
    corrections: [fix('2026-10-31T17:30:00Z', ['other', null], ['appreciation', null])],
  },
  // A November message corrected only in December: a message of the month, not corrected in it.
  {
    id: 'd',
    createdAt: '2026-11-29T02:00:00Z',
    corrections: [fix('2026-11-30T17:00:00Z', ['other', null], ['question', null])],
  },
  // Never corrected.
  { id: 'e', createdAt: '2026-11-15T02:00:00Z' },
];

describe('label corrections in a month', () => {
  it('counts corrections by their time, the share of the month’s messages, and the most common pair', () => {
    expect(summariseLabelCorrections(feedback, NOVEMBER)).toEqual({
      corrections: 4,
      messages: 4,
      messagesCorrected: 2,
      shareCorrected: 0.5,
      mostCommon: {
        from: { label: 'question', category: null },
        to: { label: 'complaint', category: 'waiting_time' },
        count: 2,
      },
    });
  });

  it('says there is nothing for a month without corrections or messages', () => {
    expect(summariseLabelCorrections(feedback, monthWindow('2026-08', 'Asia/Jakarta'))).toEqual({
      corrections: 0,
      messages: 0,
      messagesCorrected: 0,
      shareCorrected: null,
      mostCommon: null,
    });
  });

  it('breaks a tie between pairs the same way whatever order the records come in', () => {
    const two = [
      {
        id: 'x',
        createdAt: '2026-11-02T00:00:00Z',
        corrections: [fix('2026-11-02T01:00:00Z', ['other', null], ['question', null])],
      },
      {
        id: 'y',
        createdAt: '2026-11-02T00:00:00Z',
        corrections: [fix('2026-11-02T01:00:00Z', ['appreciation', null], ['question', null])],
      },
    ];
    const a = summariseLabelCorrections(two, NOVEMBER).mostCommon;
    const b = summariseLabelCorrections([...two].reverse(), NOVEMBER).mostCommon;
    expect(a).toEqual(b);
    expect(a?.from.label).toBe('appreciation');
  });

  it('appears in the monthly report, its page and its CSV', async () => {
    const report = computeMonthlyReport(
      {
        items: [],
        publications: [],
        followUps: [],
        feedback: feedback.map((f) => ({
          ...f,
          platform: 'instagram' as const,
          status: 'open' as const,
          receivedAt: f.createdAt,
          label: 'complaint',
        })),
      },
      '2026-11',
      { timeZone: 'Asia/Jakarta', now: '2026-12-05T00:00:00Z' },
    );
    expect(report.labelCorrections.corrections).toBe(4);
    const html = await renderReportHtml(report);
    expect(html).toContain('Koreksi label oleh staf');
    expect(html).toContain('2 dari 4 (50,00%)');
    expect(html).toContain('Pertanyaan → Keluhan (Waktu tunggu) (2 kali)');
    const csv = renderReportCsv(report);
    expect(csv).toContain('labelCorrections.corrections,4\r\n');
    expect(csv).toContain('labelCorrections.shareCorrected,0.5\r\n');
    expect(csv).toContain('labelCorrections.mostCommon.to.category,waiting_time\r\n');
  });
});
