import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../infra/catalog';
import { physicalTableName } from '../../local/aws-services';
import {
  decideThroughPage,
  staff,
  submitItem,
  waitFor,
  waitForApprovalLink,
  waitForItemStatus,
  waitForProcessedFeedback,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * What the console's Laporan screen and the item page read: the monthly report's data and CSV through the
 * staff API (with the label corrections the inbox records), bad months refused with 400 and nothing
 * written, and an item's evaluation that shows the comments and follow-ups that arrived after it was made.
 */
const { rt } = useRuntime();
let api: ReturnType<typeof staff>;
let ddb: DynamoDBDocumentClient;

const TZ = 'Asia/Jakarta';
const monthOf = (d: Date) =>
  new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit' }).format(d);
const monthBefore = (m: string) => {
  const i = Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7)) - 2;
  return `${Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;
};
const LAST = monthBefore(monthOf(new Date()));

const tableName = (name: string) => {
  const spec = tables.find((t) => t.name === name);
  if (!spec) throw new Error(`no table ${name}`);
  return physicalTableName(spec);
};

/** A citizen's message of last month as the inbox stores it, with the staff corrections given. */
const putFeedback = (id: string, day: string, corrections: unknown[] | undefined) =>
  ddb.send(
    new PutCommand({
      TableName: tableName('feedback'),
      Item: {
        id,
        platform: 'instagram',
        platformId: id.replace(/^instagram-/, ''),
        kind: 'comment',
        authorHandle: 'warga_coblong',
        text: 'antrean di puskesmas lama',
        createdAt: `${LAST}-${day}T03:00:00.000Z`,
        receivedAt: `${LAST}-${day}T03:00:01.000Z`,
        label: 'complaint',
        category: 'waiting_time',
        urgent: false,
        status: 'open',
        processedAt: `${LAST}-${day}T03:00:02.000Z`,
        ...(corrections ? { corrections } : {}),
      },
    }),
  );

const post = (path: string, body: unknown) =>
  api.request(path, { method: 'POST', body: JSON.stringify(body) });

beforeAll(async () => {
  api = staff(rt);
  ddb = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: rt.endpoints.dynamodb, region: rt.settings.AWS_REGION }),
  );
  const fix = (day: string, from: string, to: string, toCategory: string | null) => ({
    by: 'humas@localhost',
    at: `${LAST}-${day}T05:00:00.000Z`,
    from: { label: from, category: null },
    to: { label: to, category: toCategory },
  });
  await putFeedback('instagram-9100000000000001', '05', [fix('05', 'question', 'complaint', 'waiting_time')]);
  await putFeedback('instagram-9100000000000002', '06', [
    fix('06', 'question', 'complaint', 'waiting_time'),
    fix('07', 'other', 'appreciation', null),
  ]);
  await putFeedback('instagram-9100000000000003', '08', undefined);
  // A malformed correction entry: left out, the message still counted.
  await putFeedback('instagram-9100000000000004', '09', [{ at: 'yesterday' }]);
});
afterAll(() => ddb?.destroy());

describe('the monthly report through the staff API', () => {
  it('refuses a malformed month with 400 and writes nothing', async () => {
    for (const bad of ['2026-13', '2026-1', 'november', '1999-12']) {
      const r = await api.request(`/reports/${bad}`);
      expect(r.status, bad).toBe(400);
      expect(String(r.body.message)).toMatch(/month|path/i);
      expect((await api.request(`/reports/${bad}/csv`)).status, `${bad} csv`).toBe(400);
    }
    const refused = await post('/reports', { month: '2026-13' });
    expect(refused.status).toBe(400);
    expect((await post('/reports', { month: LAST, extra: true })).status).toBe(400);
    // A month that has not started: refused, and still no report for it.
    const future = `${Number(LAST.slice(0, 4)) + 2}${LAST.slice(4)}`;
    expect((await post('/reports', { month: future })).status).toBe(400);
    expect((await api.request(`/reports/${future}`)).status).toBe(404);
  });

  it('says a month has no report yet, makes it on request, and answers its data and CSV', async () => {
    const before = await api.request(`/reports/${LAST}`);
    expect(before.status).toBe(404);
    expect(String(before.body.message)).toContain('POST /reports');
    expect((await api.request(`/reports/${LAST}/csv`)).status).toBe(404);

    expect((await post('/reports', { month: LAST })).status).toBe(201);
    const r = await api.request(`/reports/${LAST}`);
    expect(r.status).toBe(200);
    const report = r.body.report as {
      month: string;
      feedback: { total: number };
      labelCorrections: {
        corrections: number;
        messages: number;
        messagesCorrected: number;
        shareCorrected: number;
        mostCommon: { from: { label: string }; to: { label: string; category: string }; count: number };
      };
      weeks: unknown[];
    };
    expect(report.month).toBe(LAST);
    expect(report.feedback.total).toBe(4);
    expect(report.weeks.length).toBeGreaterThanOrEqual(8);
    expect(report.labelCorrections).toEqual({
      corrections: 3,
      messages: 4,
      messagesCorrected: 2,
      shareCorrected: 0.5,
      mostCommon: {
        from: { label: 'question', category: null },
        to: { label: 'complaint', category: 'waiting_time' },
        count: 2,
      },
    });

    const csv = await fetch(`${rt.endpoints.gateway}/reports/${LAST}/csv`, {
      headers: { authorization: `Bearer ${rt.apiToken}` },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toContain('text/csv');
    expect(csv.headers.get('content-disposition')).toBe(`attachment; filename="laporan-${LAST}.csv"`);
    const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(await csv.arrayBuffer());
    expect(text.charCodeAt(0)).toBe(0xfeff);
    expect(text).toContain(`month,${LAST}\r\n`);
    expect(text).toContain('labelCorrections.corrections,3\r\n');
    expect(text).toContain('labelCorrections.shareCorrected,0.5\r\n');

    // Without the staff sign-in, no CSV.
    expect((await fetch(`${rt.endpoints.gateway}/reports/${LAST}/csv`)).status).toBe(401);
  });
});

describe('an evaluation that stays true', () => {
  let itemId = '';
  let posts: Record<string, string> = {};

  beforeAll(async () => {
    itemId = await submitItem(rt, { evaluateAfter: 'PT10S' });
    await decideThroughPage(rt, await waitForApprovalLink(rt, itemId), 'approve');
    posts = await waitForPublished(rt, itemId);
    await waitForItemStatus(rt, itemId, 'evaluated', 90_000);
  }, 150_000);

  const evaluationPage = async () => {
    const item = await api.request(`/content/${itemId}`);
    const link = (item.body.evaluation as { html: string } | undefined)?.html;
    if (!link) throw new Error('the item has no evaluation link');
    const page = await fetch(link);
    expect(page.status).toBe(200);
    return page.text();
  };

  it('refuses a bad item id with 400 and an unknown item with 404', async () => {
    expect((await api.request('/evaluations/not%20an%20id')).status).toBe(400);
    expect((await api.request('/evaluations/no-such-item-000')).status).toBe(404);
  });

  it('shows a comment and a follow-up that arrived after the evaluation was written', async () => {
    const first = await api.request(`/evaluations/${itemId}`);
    expect(first.status).toBe(200);
    const before = first.body.evaluation as { feedbackAnalysis: { total: number }; followUps: unknown[] };
    expect(before.feedbackAnalysis.total).toBe(0);
    expect(await evaluationPage()).toContain('Belum ada tanggapan');

    // A complaint arrives after the evaluation.
    const r = await fetch(`${rt.endpoints.sandbox}/_sandbox/comments`, {
      method: 'POST',
      body: JSON.stringify({
        platform: 'instagram',
        postId: posts.instagram,
        text: 'Pelayanan di puskesmas Cibiru lambat sekali, antri 3 jam',
        author: 'warga_cibiru',
      }),
    });
    expect(r.status).toBe(201);
    const feedbackId = `instagram-${((await r.json()) as { comment: { id: string } }).comment.id}`;
    await waitForProcessedFeedback(rt, feedbackId);
    await waitFor('the complaint linked to the item', async () => {
      const f = await api.request(`/feedback/${feedbackId}`);
      return f.body.itemId === itemId ? f : undefined;
    });

    const after = await api.request(`/evaluations/${itemId}`);
    const now = after.body.evaluation as {
      evaluatedAt: string;
      feedbackAnalysis: { total: number; byLabel: Record<string, number> };
    };
    expect(now.feedbackAnalysis.total).toBe(1);
    expect(now.feedbackAnalysis.byLabel).toEqual({ complaint: 1 });
    const page = await evaluationPage();
    expect(page).toContain('Keluhan: 1');
    expect(page).not.toContain('Belum ada tanggapan');

    // A follow-up made now is in the page the item links to.
    const fu = await post(`/feedback/${feedbackId}/follow-ups`, { unit: 'Puskesmas Cibiru' });
    expect(fu.status).toBe(201);
    const withFollowUp = await evaluationPage();
    expect(withFollowUp).toContain('Puskesmas Cibiru');
    expect(withFollowUp).not.toContain('Belum ada tindak lanjut');
    // In Indonesian, with the metric names staff read.
    expect(withFollowUp).toContain('Tingkat interaksi');
    expect(withFollowUp).toContain('Jangkauan');
    expect(withFollowUp).not.toMatch(/\b(like_count|impression_count):/);
  });
});
