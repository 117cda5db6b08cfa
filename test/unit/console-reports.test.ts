import { describe, expect, it } from 'vitest';
import { ApiError, createApi } from '../../web/src/api';
import { daysUntil, expiryWords, itemEvaluations, weekRows } from '../../web/src/reports/model';
import {
  currentMonth,
  isMonth,
  lastFullMonth,
  monthChoices,
  monthName,
  shiftMonth,
} from '../../web/src/reports/months';

describe('report months in WIB', () => {
  it('takes the last full month in WIB, not in the computer’s zone', () => {
    // 1 December 2026 00:30 WIB is still 30 November in UTC.
    const justAfter = new Date('2026-11-30T17:30:00Z');
    expect(currentMonth(justAfter)).toBe('2026-12');
    expect(lastFullMonth(justAfter)).toBe('2026-11');
    // 30 November 23:30 WIB.
    expect(lastFullMonth(new Date('2026-11-30T16:30:00Z'))).toBe('2026-10');
    expect(lastFullMonth(new Date('2027-01-10T00:00:00Z'))).toBe('2026-12');
  });

  it('offers the running month and the ones before it, newest first', () => {
    const choices = monthChoices(new Date('2026-02-10T00:00:00Z'), 4);
    expect(choices).toEqual(['2026-02', '2026-01', '2025-12', '2025-11']);
    expect(shiftMonth('2026-01', -1)).toBe('2025-12');
    expect(shiftMonth('2026-12', 1)).toBe('2027-01');
  });

  it('names months in Indonesian', () => {
    expect(monthName('2026-11')).toBe('November 2026');
    expect(monthName('2026-02')).toBe('Februari 2026');
    expect(monthName('2026-08', 'en')).toBe('August 2026');
    expect(isMonth('2026-13')).toBe(false);
    expect(monthName('2026-13')).toBe('2026-13');
  });
});

describe('report figures for the screen', () => {
  it('groups the month’s posts by item, first published first', () => {
    const post = (itemId: string, platform: 'instagram' | 'x', publishedAt: string) => ({
      itemId,
      title: `Judul ${itemId}`,
      platform,
      publishedAt,
      reachOrImpressions: 10,
      interactions: 1,
      engagementRate: 0.1,
    });
    const rows = itemEvaluations([
      post('b', 'instagram', '2026-11-05T00:00:00Z'),
      post('a', 'x', '2026-11-03T00:00:05Z'),
      post('a', 'instagram', '2026-11-03T00:00:00Z'),
    ]);
    expect(rows.map((r) => [r.itemId, r.publishedAt, r.posts.map((p) => p.platform)])).toEqual([
      ['a', '2026-11-03T00:00:00Z', ['x', 'instagram']],
      ['b', '2026-11-05T00:00:00Z', ['instagram']],
    ]);
  });

  it('puts both platforms of a week side by side', () => {
    const rows = weekRows(
      [
        { weekStart: '2026-11-02', platform: 'x', posts: 1, reachOrImpressions: 50, interactions: 2 },
        { weekStart: '2026-10-26', platform: 'instagram', posts: 1, reachOrImpressions: 70, interactions: 3 },
        { weekStart: '2026-11-02', platform: 'instagram', posts: 0, reachOrImpressions: 0, interactions: 0 },
      ],
      (w) => `Minggu ${w}`,
    );
    expect(rows).toEqual([
      {
        label: 'Minggu 2026-10-26',
        values: [
          { series: 'instagram', value: 70 },
          { series: 'x', value: 0 },
        ],
      },
      {
        label: 'Minggu 2026-11-02',
        values: [
          { series: 'instagram', value: 0 },
          { series: 'x', value: 50 },
        ],
      },
    ]);
  });

  it('says when a token ends, in days', () => {
    const now = new Date('2026-12-01T00:00:00Z');
    expect(daysUntil('2026-12-13T06:00:00Z', now)).toBe(12);
    expect(expiryWords('2026-12-13T06:00:00Z', now)).toEqual({ key: 'expiresIn', count: 12 });
    expect(expiryWords('2026-12-01T20:00:00Z', now)).toEqual({ key: 'expiresToday' });
    expect(expiryWords('2026-11-30T00:00:00Z', now)).toEqual({ key: 'expired' });
    expect(expiryWords(undefined, now)).toBeUndefined();
    expect(expiryWords('not a date', now)).toBeUndefined();
  });
});

describe('a file through the staff API', () => {
  const auth = {
    kind: 'token' as const,
    accessToken: async () => 'staff-token-123',
    isSignedIn: () => true,
    signOut: () => undefined,
  };

  it('sends the sign-in and takes the file name from Content-Disposition', async () => {
    const seen: { url: string; authorization?: string }[] = [];
    const api = createApi({
      baseUrl: 'https://api.example',
      auth,
      fetch: async (url, init) => {
        seen.push({
          url: String(url),
          authorization: ((init?.headers ?? {}) as Record<string, string>).authorization,
        });
        return new Response('\uFEFF# summary\r\n', {
          status: 200,
          headers: {
            'content-type': 'text/csv; charset=utf-8',
            'content-disposition': 'attachment; filename="laporan-2026-11.csv"',
          },
        });
      },
    });
    const file = await api.download('/reports/2026-11/csv');
    expect(seen).toEqual([
      { url: 'https://api.example/reports/2026-11/csv', authorization: 'Bearer staff-token-123' },
    ]);
    expect(file.filename).toBe('laporan-2026-11.csv');
    expect(await file.blob.text()).toContain('# summary');
  });

  it('turns a refusal into an ApiError with its status, and signs out on 401', async () => {
    let signedOut = 0;
    const answer = (status: number) =>
      createApi({
        baseUrl: '',
        auth,
        onUnauthorized: () => {
          signedOut += 1;
        },
        fetch: async () => new Response('{"error":"NotFoundError"}', { status }),
      });
    await expect(answer(404).download('/reports/2026-10/csv')).rejects.toMatchObject({ status: 404 });
    await expect(answer(401).download('/reports/2026-10/csv')).rejects.toBeInstanceOf(ApiError);
    expect(signedOut).toBe(1);
  });
});
