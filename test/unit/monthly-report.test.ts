import { describe, expect, it } from 'vitest';
import {
  computeMonthlyReport,
  type MonthlyReport,
  monthSchema,
  monthWindow,
  type ReportFeedback,
  type ReportFollowUp,
  type ReportInput,
  type ReportPublication,
} from '../../functions/domain/evaluation/monthly-report';
import { renderReportCsv, renderReportHtml } from '../../functions/domain/evaluation/report-render';

// November 2026 in WIB (UTC+7) runs from 2026-10-31T17:00Z to 2026-11-30T17:00Z. 1 November is a Sunday.
const NOW = '2026-12-01T03:00:00.000Z'; // 1 Dec 10:00 WIB
const TZ = 'Asia/Jakarta';

const SCRIPT_TITLE = 'Imunisasi campak <script>alert(1)</script>';
const QUOTE_TITLE = 'Cek gula, "gratis" di puskesmas';
const FORMULA_TITLE = '=HYPERLINK("evil")';

const pub = (p: ReportPublication): ReportPublication => p;
const fb = (
  id: string,
  platform: 'instagram' | 'x',
  createdAt: string,
  rest: Partial<ReportFeedback> = {},
): ReportFeedback => ({ id, platform, status: 'closed', createdAt, receivedAt: createdAt, ...rest });
const fu = (f: ReportFollowUp): ReportFollowUp => f;

const input: ReportInput = {
  items: [
    {
      id: 'i1',
      title: SCRIPT_TITLE,
      status: 'published',
      createdAt: '2026-10-30T02:00:00Z',
      platforms: ['instagram', 'x'],
    },
    {
      id: 'i2',
      title: QUOTE_TITLE,
      status: 'published',
      createdAt: '2026-11-05T01:00:00Z',
      platforms: ['instagram', 'x'],
    },
    {
      id: 'i3',
      title: FORMULA_TITLE,
      status: 'published',
      createdAt: '2026-11-10T01:00:00Z',
      platforms: ['instagram', 'x'],
    },
    {
      id: 'i4',
      title: 'Waspada DBD',
      status: 'failed',
      createdAt: '2026-11-20T01:00:00Z',
      platforms: ['instagram', 'x'],
    },
    { id: 'i5', title: 'Lama', status: 'published', createdAt: '2026-09-01T01:00:00Z', platforms: ['x'] },
  ],
  publications: [
    // 1 Nov 00:30 WIB: in November, in the week starting Monday 26 Oct.
    pub({
      itemId: 'i1',
      platform: 'instagram',
      state: 'published',
      publishedAt: '2026-10-31T17:30:00.000Z',
      url: 'https://www.instagram.com/p/AAA/',
      metrics: [
        // Out of order on purpose: the latest reading is the one taken last, not the last in the list.
        {
          at: '2026-11-10T00:00:00.000Z',
          values: { reach: 1000, likes: 40, comments: 5, shares: 3, saved: 2, views: 1500 },
        },
        {
          at: '2026-11-02T00:00:00.000Z',
          values: { reach: 500, likes: 10, comments: 1, shares: 0, saved: 0 },
        },
        // Taken after `now`: ignored.
        { at: '2026-12-05T00:00:00.000Z', values: { reach: 9999, likes: 999 } },
      ],
    }),
    // 31 Oct 23:59 WIB: October.
    pub({ itemId: 'i1', platform: 'x', state: 'published', publishedAt: '2026-10-31T16:59:00.000Z' }),
    pub({
      itemId: 'i2',
      platform: 'x',
      state: 'published',
      publishedAt: '2026-11-03T02:00:00.000Z',
      url: 'https://x.com/dinkes/status/111',
      metrics: [
        {
          at: '2026-11-04T00:00:00.000Z',
          values: {
            impression_count: 3000,
            like_count: 30,
            retweet_count: 10,
            reply_count: 5,
            quote_count: 2,
            bookmark_count: 3,
          },
        },
      ],
    }),
    pub({
      itemId: 'i2',
      platform: 'instagram',
      state: 'published',
      publishedAt: '2026-11-03T03:00:00.000Z',
      url: 'https://www.instagram.com/p/BBB/',
      metrics: [{ at: '2026-11-04T00:00:00.000Z', values: { reach: 0, likes: 0 } }],
    }),
    // 30 Nov 23:30 WIB: the last week, starting Monday 30 Nov. No metrics yet.
    pub({
      itemId: 'i3',
      platform: 'instagram',
      state: 'published',
      publishedAt: '2026-11-30T16:30:00.000Z',
      url: 'https://www.instagram.com/p/CCC/',
    }),
    // 1 Dec 00:00 WIB: December (the window's end is exclusive).
    pub({ itemId: 'i3', platform: 'x', state: 'published', publishedAt: '2026-11-30T17:00:00.000Z' }),
    pub({ itemId: 'i4', platform: 'x', state: 'failed' }),
    pub({ itemId: 'i4', platform: 'instagram', state: 'pending' }),
    pub({ itemId: 'i5', platform: 'x', state: 'published', publishedAt: '2026-10-15T03:00:00.000Z' }),
    // Failed, but its item was created in September.
    pub({ itemId: 'i5', platform: 'instagram', state: 'failed' }),
  ],
  feedback: [
    // November (WIB). Response minutes: f1 30, f2 120, f3 1800, f5 10, f8 240, f10 1440.
    fb('f1', 'instagram', '2026-10-31T17:30:00.000Z', {
      itemId: 'i1',
      label: 'complaint',
      category: 'waiting_time',
      status: 'answered',
      replies: [{ at: '2026-10-31T18:00:00.000Z' }],
    }),
    fb('f2', 'x', '2026-11-05T00:00:00.000Z', {
      label: 'complaint',
      category: 'waiting_time',
      status: 'answered',
      replies: [{ at: '2026-11-05T05:00:00.000Z' }, { at: '2026-11-05T02:00:00.000Z' }],
    }),
    fb('f3', 'instagram', '2026-11-10T00:00:00.000Z', {
      label: 'complaint',
      category: 'stock',
      urgent: true,
      replies: [{ at: '2026-11-11T06:00:00.000Z' }],
    }),
    fb('f4', 'instagram', '2026-11-12T00:00:00.000Z', { label: 'complaint', category: null, status: 'open' }),
    fb('f5', 'x', '2026-11-15T00:00:00.000Z', {
      label: 'question',
      status: 'answered',
      replies: [{ at: '2026-11-15T00:10:00.000Z' }],
    }),
    fb('f6', 'instagram', '2026-11-29T00:00:00.000Z', { label: 'question', status: 'open' }),
    // 30 Nov 23:00 WIB, 11 h before now.
    fb('f7', 'x', '2026-11-30T16:00:00.000Z', { label: 'question', status: 'open' }),
    fb('f8', 'instagram', '2026-11-20T00:00:00.000Z', {
      label: 'appreciation',
      replies: [{ at: '2026-11-20T04:00:00.000Z' }],
    }),
    fb('f9', 'x', '2026-11-21T00:00:00.000Z', { status: 'open' }),
    fb('f10', 'instagram', '2026-11-22T00:00:00.000Z', {
      label: 'other',
      status: 'answered',
      replies: [{ at: '2026-11-23T00:00:00.000Z' }],
    }),
    // October (WIB): 31 Oct 23:59:59 WIB is still October.
    fb('f12', 'x', '2026-10-31T16:59:59.000Z', { label: 'complaint', category: 'waiting_time' }),
    fb('f13', 'instagram', '2026-10-10T00:00:00.000Z', { label: 'complaint', category: 'facility' }),
    fb('f14', 'instagram', '2026-10-11T00:00:00.000Z', { label: 'complaint', category: 'facility' }),
    fb('f15', 'x', '2026-10-12T00:00:00.000Z', { label: 'complaint', category: 'stock' }),
    fb('f16', 'x', '2026-10-13T00:00:00.000Z', { label: 'question', status: 'open' }),
    // December (WIB).
    fb('f17', 'x', '2026-11-30T17:00:00.000Z', {
      label: 'complaint',
      category: 'waiting_time',
      urgent: true,
    }),
  ],
  followUps: [
    fu({
      id: 'u1',
      feedbackId: 'f1',
      unit: 'Puskesmas Garuda',
      status: 'resolved',
      createdAt: '2026-11-02T00:00:00.000Z',
      dueAt: '2026-11-09T00:00:00.000Z',
      resolvedAt: '2026-11-04T12:00:00.000Z', // 2.5 days
      category: 'waiting_time',
    }),
    fu({
      id: 'u2',
      feedbackId: 'f2',
      unit: 'Puskesmas Garuda',
      status: 'open',
      createdAt: '2026-11-10T00:00:00.000Z',
      dueAt: '2026-11-17T00:00:00.000Z',
      category: 'waiting_time',
    }),
    fu({
      id: 'u3',
      feedbackId: 'f15',
      unit: 'Bidang P2P <Surveilans>',
      status: 'resolved',
      createdAt: '2026-10-20T00:00:00.000Z',
      dueAt: '2026-10-27T00:00:00.000Z',
      resolvedAt: '2026-11-01T00:00:00.000Z', // 12 days
    }),
    fu({
      id: 'u4',
      feedbackId: 'f3',
      unit: 'Bidang P2P <Surveilans>',
      status: 'in_progress',
      createdAt: '2026-11-25T00:00:00.000Z',
      dueAt: '2026-12-02T00:00:00.000Z',
      category: 'stock',
    }),
    fu({
      id: 'u5',
      feedbackId: 'f13',
      unit: 'Puskesmas Garuda',
      status: 'resolved',
      createdAt: '2026-09-01T00:00:00.000Z',
      dueAt: '2026-09-08T00:00:00.000Z',
      resolvedAt: '2026-09-10T00:00:00.000Z',
    }),
    fu({
      id: 'u6',
      feedbackId: 'f14',
      unit: 'Dinkes Umum',
      status: 'open',
      createdAt: '2026-10-01T00:00:00.000Z',
      dueAt: '2026-10-08T00:00:00.000Z',
      category: null,
    }),
    fu({
      id: 'u7',
      feedbackId: 'f4',
      unit: 'Dinkes Umum',
      status: 'resolved',
      createdAt: '2026-11-28T00:00:00.000Z',
      dueAt: '2026-12-05T00:00:00.000Z',
      resolvedAt: '2026-11-29T00:00:00.000Z', // 1 day
    }),
  ],
};

const report = computeMonthlyReport(input, '2026-11', { timeZone: TZ, now: NOW });

describe('monthSchema', () => {
  it.each(['2026-11', '2000-01', '2100-12'])('accepts %s', (m) => {
    expect(monthSchema.safeParse(m).success).toBe(true);
  });
  it.each(['2026-13', '2026-1', 'abc', '2026-00', '1999-12', '2101-01', '2026-11-01'])('rejects %s', (m) => {
    const result = monthSchema.safeParse(m);
    expect(result.success).toBe(false);
    expect(result.error?.issues[0]?.message).toMatch(/YYYY-MM/);
  });
});

describe('monthWindow', () => {
  it('reads the month in WIB', () => {
    expect(monthWindow('2026-11', 'Asia/Jakarta')).toEqual({
      start: '2026-10-31T17:00:00.000Z',
      end: '2026-11-30T17:00:00.000Z',
    });
    expect(monthWindow('2026-12', 'Asia/Jakarta')).toEqual({
      start: '2026-11-30T17:00:00.000Z',
      end: '2026-12-31T17:00:00.000Z',
    });
  });

  it('follows a daylight-saving change inside the month', () => {
    expect(monthWindow('2026-03', 'Europe/Amsterdam')).toEqual({
      start: '2026-02-28T23:00:00.000Z',
      end: '2026-03-31T22:00:00.000Z',
    });
    expect(monthWindow('2026-10', 'Europe/Amsterdam')).toEqual({
      start: '2026-09-30T22:00:00.000Z',
      end: '2026-10-31T23:00:00.000Z',
    });
  });

  it('handles a zone west of UTC and the turn of the year', () => {
    expect(monthWindow('2026-01', 'America/New_York')).toEqual({
      start: '2026-01-01T05:00:00.000Z',
      end: '2026-02-01T05:00:00.000Z',
    });
    expect(monthWindow('2026-12', 'UTC')).toEqual({
      start: '2026-12-01T00:00:00.000Z',
      end: '2027-01-01T00:00:00.000Z',
    });
  });

  it('rejects a malformed month', () => {
    expect(() => monthWindow('2026-13', TZ)).toThrow();
  });
});

describe('computeMonthlyReport', () => {
  it('states what it covers', () => {
    expect(report.month).toBe('2026-11');
    expect(report.timeZone).toBe(TZ);
    expect(report.window).toEqual({ start: '2026-10-31T17:00:00.000Z', end: '2026-11-30T17:00:00.000Z' });
    expect(report.generatedAt).toBe(NOW);
  });

  it('counts publishing by publishedAt in WIB', () => {
    const p = report.publishing;
    expect(p.itemsPublished).toBe(3); // i1, i2, i3
    expect(p.postsByPlatform).toEqual({ instagram: 3, x: 1 });
    expect(p.postsTotal).toBe(4);
    expect(p.failed).toEqual({
      total: 1,
      byPlatform: { instagram: 0, x: 1 },
      publications: [{ itemId: 'i4', title: 'Waspada DBD', platform: 'x' }],
    });
    expect(p.totals).toEqual({
      instagram: { reachOrImpressions: 1000, interactions: 50 },
      x: { reachOrImpressions: 3000, interactions: 50 },
    });
  });

  it('lists each post with its latest reading and engagement rate', () => {
    const rows = report.publishing.posts.map((r) => [
      r.itemId,
      r.platform,
      r.reachOrImpressions,
      r.interactions,
      r.engagementRate,
    ]);
    expect(rows).toEqual([
      ['i1', 'instagram', 1000, 50, 0.05],
      ['i2', 'x', 3000, 50, 0.0167], // 50/3000 = 0.016666…
      ['i2', 'instagram', 0, 0, undefined],
      ['i3', 'instagram', 0, 0, undefined],
    ]);
    const first = report.publishing.posts[0]!;
    expect(first.title).toBe(SCRIPT_TITLE);
    expect(first.metricsReadAt).toBe('2026-11-10T00:00:00.000Z');
    expect(first.metrics).toEqual({ reach: 1000, likes: 40, comments: 5, shares: 3, saved: 2, views: 1500 });
    expect(first.url).toBe('https://www.instagram.com/p/AAA/');
    expect(report.publishing.posts[3]!.metricsReadAt).toBeUndefined();
    expect(report.publishing.posts[3]!.metrics).toEqual({});
  });

  it('buckets posts into Monday weeks in WIB, empty weeks included', () => {
    const compact = report.weeks.map(
      (w) => `${w.weekStart} ${w.platform} ${w.posts}/${w.reachOrImpressions}/${w.interactions}`,
    );
    expect(compact).toEqual([
      '2026-10-26 instagram 1/1000/50',
      '2026-10-26 x 0/0/0',
      '2026-11-02 instagram 1/0/0',
      '2026-11-02 x 1/3000/50',
      '2026-11-09 instagram 0/0/0',
      '2026-11-09 x 0/0/0',
      '2026-11-16 instagram 0/0/0',
      '2026-11-16 x 0/0/0',
      '2026-11-23 instagram 0/0/0',
      '2026-11-23 x 0/0/0',
      '2026-11-30 instagram 1/0/0',
      '2026-11-30 x 0/0/0',
    ]);
  });

  it('counts feedback created in the month', () => {
    const f = report.feedback;
    expect(f.total).toBe(10); // f1–f10; f12 is October, f17 December
    expect(f.byLabel).toEqual({ complaint: 4, question: 3, appreciation: 1, other: 1, unclassified: 1 });
    expect(f.byPlatform).toEqual({ instagram: 6, x: 4 });
    expect(f.urgent).toBe(1);
    expect(f.complaintsByCategory).toEqual([
      { category: 'waiting_time', count: 2 },
      { category: 'stock', count: 1 },
      { category: 'uncategorised', count: 1 },
    ]);
  });

  it('compares complaints with the previous month', () => {
    expect(report.complaintTrend.previousMonth).toBe('2026-10');
    expect(report.complaintTrend.previousWindow).toEqual({
      start: '2026-09-30T17:00:00.000Z',
      end: '2026-10-31T17:00:00.000Z',
    });
    expect(report.complaintTrend.rows).toEqual([
      { category: 'waiting_time', thisMonth: 2, previousMonth: 1, difference: 1 },
      { category: 'stock', thisMonth: 1, previousMonth: 1, difference: 0 },
      { category: 'uncategorised', thisMonth: 1, previousMonth: 0, difference: 1 },
      { category: 'facility', thisMonth: 0, previousMonth: 2, difference: -2 },
    ]);
    expect(report.complaintTrend.totals).toEqual({ thisMonth: 4, previousMonth: 4, difference: 0 });
  });

  it('measures response times to the first reply', () => {
    // Sorted minutes: 10, 30, 120, 240, 1440, 1800.
    expect(report.responseTimes).toEqual({
      replied: 6,
      medianMinutes: 180, // (120 + 240) / 2
      p90Minutes: 1800, // rank ceil(0.9 × 6) = 6
      answeredWithin24h: 5, // 1440 counts as within 24 h
      shareWithin24h: 5 / 6,
      unansweredQuestions: 2, // f6, f7 (f16 is October)
      unansweredQuestionsOver24h: 1, // f6; f7 is 11 h old
    });
  });

  it('reports follow-ups opened, resolved, open and overdue', () => {
    const f = report.followUps;
    expect(f.opened).toBe(4); // u1, u2, u4, u7
    expect(f.resolved).toBe(3); // u1, u3, u7
    expect(f.openAtNow).toBe(3); // u2, u4, u6
    expect(f.overdueAtNow).toBe(2); // u2, u6
    expect(f.medianDaysToResolve).toBe(2.5); // 1, 2.5, 12
    expect(f.byUnit).toEqual([
      { unit: 'Bidang P2P <Surveilans>', opened: 1, resolved: 1, open: 1, overdue: 0 },
      { unit: 'Dinkes Umum', opened: 1, resolved: 1, open: 1, overdue: 1 },
      { unit: 'Puskesmas Garuda', opened: 2, resolved: 1, open: 1, overdue: 1 },
    ]);
    expect(f.overdue).toEqual([
      {
        id: 'u6',
        feedbackId: 'f14',
        unit: 'Dinkes Umum',
        category: 'uncategorised',
        dueAt: '2026-10-08T00:00:00.000Z',
        daysOverdue: 54.125,
      },
      {
        id: 'u2',
        feedbackId: 'f2',
        unit: 'Puskesmas Garuda',
        category: 'waiting_time',
        dueAt: '2026-11-17T00:00:00.000Z',
        daysOverdue: 14.125,
      },
    ]);
  });

  it('uses followUpOverdueDays only for a follow-up without a readable due time', () => {
    const broken: ReportInput = {
      ...input,
      followUps: [
        fu({
          id: 'b1',
          feedbackId: 'f1',
          unit: 'X',
          status: 'open',
          createdAt: '2026-11-20T00:00:00.000Z',
          dueAt: '',
        }),
      ],
    };
    expect(computeMonthlyReport(broken, '2026-11', { timeZone: TZ, now: NOW }).followUps.overdueAtNow).toBe(
      0,
    );
    const withDefault = computeMonthlyReport(broken, '2026-11', {
      timeZone: TZ,
      now: NOW,
      followUpOverdueDays: 7,
    });
    expect(withDefault.followUps.overdue).toEqual([
      expect.objectContaining({ id: 'b1', dueAt: '2026-11-27T00:00:00.000Z', daysOverdue: 4.125 }),
    ]);
  });

  it('survives an empty month and stays JSON-serialisable', () => {
    const empty = computeMonthlyReport(
      { items: [], publications: [], feedback: [], followUps: [] },
      '2026-02',
      { timeZone: TZ, now: NOW },
    );
    expect(empty.publishing.postsTotal).toBe(0);
    expect(empty.weeks.map((w) => w.weekStart)).toEqual([
      ...['2026-01-26', '2026-02-02', '2026-02-09', '2026-02-16', '2026-02-23'].flatMap((d) => [d, d]),
    ]);
    expect(empty.responseTimes.medianMinutes).toBeNull();
    expect(empty.followUps.medianDaysToResolve).toBeNull();
    expect(JSON.parse(JSON.stringify(empty))).toEqual(empty);
  });
});

describe('renderReportHtml', () => {
  it('is a self-contained Indonesian page with the figures and three charts', async () => {
    const html = await renderReportHtml(report);
    expect(html.startsWith('<!doctype html>')).toBe(true);
    expect(html).toContain('<html lang="id">');
    expect(html).toContain('<title>Laporan Evaluasi Bulanan Humas — November 2026</title>');
    expect(html.match(/<svg/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
    // Figures: 1.000 reach (id-ID grouping), engagement 5,00% and 1,67%, median 180 minutes, trend −2.
    // Every cell carries its column's name (data-label), for the stacked layout on a phone.
    expect(html).toMatch(/<td data-label="Jangkauan\/tayangan">1\.000<\/td>/);
    expect(html).toMatch(/<td data-label="Tingkat interaksi">5,00%<\/td>/);
    expect(html).toMatch(/<td data-label="Tingkat interaksi">1,67%<\/td>/);
    expect(html).toContain('180 menit (3 jam)');
    expect(html).toContain('1.800 menit (30 jam)');
    expect(html).toContain('5 (83,33%)');
    expect(html).toContain('−2');
    expect(html.replace(/ data-label="[^"]*"/g, '')).toContain(
      '<td>Puskesmas Garuda</td><td>2</td><td>1</td><td>1</td><td>1</td>',
    );
    expect(html).toContain('01 Nov 2026, 00.30 WIB');
    // Escaping of text from records.
    expect(html).not.toContain('<script');
    expect(html).toContain('Imunisasi campak &lt;script&gt;alert(1)&lt;/script&gt;');
    expect(html).toContain('Bidang P2P &lt;Surveilans&gt;');
    expect(html).toContain('Cek gula, &quot;gratis&quot; di puskesmas');
  });

  it('links only to the published posts', async () => {
    const html = await renderReportHtml(report);
    const urls = html.match(/https?:\/\/[^\s"'<>]*/g) ?? [];
    expect(urls.sort()).toEqual([
      'https://www.instagram.com/p/AAA/',
      'https://www.instagram.com/p/BBB/',
      'https://www.instagram.com/p/CCC/',
      'https://x.com/dinkes/status/111',
    ]);
    expect(html).not.toMatch(/<script|<link|@import|url\(/i);
  });

  it('shows a note instead of charts when there is no data', async () => {
    const empty = computeMonthlyReport(
      { items: [], publications: [], feedback: [], followUps: [] },
      '2026-11',
      { timeZone: TZ, now: NOW },
    );
    const html = await renderReportHtml(empty);
    expect(html).not.toContain('<svg');
    expect(html.match(/Belum ada data/g)?.length ?? 0).toBeGreaterThanOrEqual(3);
  });
});

/** RFC 4180 reader, enough to check what a spreadsheet would see. */
const parseCsv = (text: string): string[][] => {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (c === '"') quoted = false;
      else cell += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') {
      row.push(cell);
      cell = '';
    } else if (c === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += c;
  }
  return rows;
};

const section = (rows: string[][], name: string): string[][] => {
  const start = rows.findIndex((r) => r[0] === `# ${name}`);
  expect(start).toBeGreaterThanOrEqual(0);
  const end = rows.findIndex((r, i) => i > start && r.length === 1 && r[0] === '');
  return rows.slice(start + 1, end === -1 ? undefined : end);
};

describe('renderReportCsv', () => {
  const csv = renderReportCsv(report);
  const rows = parseCsv(csv.replace(/^\uFEFF/, ''));

  it('uses CRLF and RFC 4180 quoting', () => {
    expect(csv.startsWith('\uFEFF# summary\r\nkey,value\r\n')).toBe(true);
    expect(csv.replace(/\r\n/g, '')).not.toMatch(/[\r\n]/);
    expect(csv).toContain('"Cek gula, ""gratis"" di puskesmas"');
  });

  it('neutralises formulas in text from records', () => {
    expect(csv).toContain(`"'=HYPERLINK(""evil"")"`);
    const posts = section(rows, 'posts');
    expect(posts[0]).toEqual([
      'itemId',
      'title',
      'platform',
      'publishedAt',
      'url',
      'metricsReadAt',
      'reachOrImpressions',
      'interactions',
      'engagementRate',
    ]);
    expect(posts.map((r) => r[1])).toContain(`'=HYPERLINK("evil")`);
    // Negative numbers are figures, not text: no apostrophe.
    expect(section(rows, 'complaintTrend')).toContainEqual(['facility', '0', '2', '-2']);
  });

  it('holds the same numbers as the report', () => {
    const summary = new Map(section(rows, 'summary').slice(1) as [string, string][]);
    const at = (path: string): unknown =>
      path
        .split('.')
        .reduce<unknown>(
          (o, k) => (o === null || o === undefined ? undefined : (o as Record<string, unknown>)[k]),
          report as MonthlyReport,
        );
    expect(summary.size).toBeGreaterThan(30);
    for (const [key, value] of summary) {
      const expected = at(key);
      expect(value, key).toBe(expected === null || expected === undefined ? '' : String(expected));
    }
    expect(summary.get('feedback.total')).toBe('10');
    expect(summary.get('responseTimes.p90Minutes')).toBe('1800');
    expect(summary.get('followUps.overdueAtNow')).toBe('2');

    const posts = section(rows, 'posts').slice(1);
    expect(posts.map((r) => [r[0], r[2], Number(r[6]), Number(r[7]), r[8]])).toEqual(
      report.publishing.posts.map((p) => [
        p.itemId,
        p.platform,
        p.reachOrImpressions,
        p.interactions,
        p.engagementRate === undefined ? '' : String(p.engagementRate),
      ]),
    );
    const weeks = section(rows, 'weeks').slice(1);
    expect(weeks).toEqual(
      report.weeks.map((w) => [
        w.weekStart,
        w.platform,
        String(w.posts),
        String(w.reachOrImpressions),
        String(w.interactions),
      ]),
    );
    expect(section(rows, 'followUpsByUnit').slice(1)).toEqual(
      report.followUps.byUnit.map((u) => [u.unit, ...[u.opened, u.resolved, u.open, u.overdue].map(String)]),
    );
  });
});
