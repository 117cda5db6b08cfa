import { execFile } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { beforeAll, describe, expect, it } from 'vitest';
import { tables } from '../../infra/catalog';
import { physicalTableName } from '../../local/aws-services';
import { invokeLocal } from '../../local/lambda';
import {
  decideThroughPage,
  outboxEmails,
  staff,
  submitItem,
  waitFor,
  waitForApprovalLink,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * The monthly report over real records: two items published on both platforms, three citizen comments
 * (a complaint, a question, an appreciation), a reply, follow-ups made and resolved through the API, and a
 * complaint with an overdue follow-up from the month before (written straight into the tables: the API
 * cannot backdate). The runtime holds nothing else, so every figure is exact.
 */

const run = promisify(execFile);
const TZ = 'Asia/Jakarta';
const HEAD = 'kepala.dinas@dinkes.example.go.id';
const STAFF = 'humas@dinkes.example.go.id';

const { rt } = useRuntime();
let api: ReturnType<typeof staff>;

/** YYYY-MM of an instant in Jakarta, and the month before. */
const monthOf = (d: Date): string =>
  new Intl.DateTimeFormat('en-CA', { timeZone: TZ, year: 'numeric', month: '2-digit' }).format(d);
const monthBefore = (month: string): string => {
  const index = Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7)) - 2;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
};

let month = '';
let previous = '';
const itemIds: string[] = [];
const feedbackIds = { complaint: '', question: '', appreciation: '' };
let complaintCategory = '';
const PREVIOUS_FEEDBACK_ID = 'x-1900000000000000077';

interface Figures {
  itemsPublished: number;
  posts: { instagram: number; x: number; total: number };
  failedPublications: number;
  feedback: { total: number; byLabel: Record<string, number>; urgent: number; replied: number };
  complaints: { total: number; byCategory: { category: string; count: number }[] };
  followUps: { opened: number; resolved: number; openAtNow: number; overdue: number };
}
interface ReportAnswer {
  month: string;
  keys: { html: string; csv: string; json: string };
  links: { html: string; csv: string };
  figures: Figures;
  emailed: boolean;
  emailedTo?: string[];
  skippedRecords: number;
}

const s3Bytes = async (key: string): Promise<Buffer> => {
  const s3 = new S3Client({
    endpoint: rt.endpoints.s3,
    forcePathStyle: true,
    region: rt.settings.AWS_REGION,
  });
  try {
    const out = await s3.send(new GetObjectCommand({ Bucket: rt.bucket, Key: key }));
    return Buffer.from((await out.Body?.transformToByteArray()) ?? []);
  } finally {
    s3.destroy();
  }
};

const s3Object = async (key: string): Promise<string> => (await s3Bytes(key)).toString('utf8');

const tableName = (name: string) => {
  const spec = tables.find((t) => t.name === name);
  if (!spec) throw new Error(`no table ${name}`);
  return physicalTableName(spec);
};

/** Records the API cannot make: a complaint of last month with a follow-up that went past its due date. */
const writePreviousMonth = async () => {
  const ddb = DynamoDBDocumentClient.from(
    new DynamoDBClient({ endpoint: rt.endpoints.dynamodb, region: rt.settings.AWS_REGION }),
  );
  // The 15th of last month, 10:00 WIB.
  const at = new Date(`${previous}-15T03:00:00.000Z`).toISOString();
  const due = new Date(`${previous}-22T03:00:00.000Z`).toISOString();
  try {
    await ddb.send(
      new PutCommand({
        TableName: tableName('feedback'),
        Item: {
          id: PREVIOUS_FEEDBACK_ID,
          platform: 'x',
          platformId: '1900000000000000077',
          kind: 'reply',
          authorHandle: 'warga_ujungberung',
          text: 'obat di puskesmas habis terus min',
          createdAt: at,
          receivedAt: at,
          label: 'complaint',
          category: 'stock',
          urgent: false,
          status: 'open',
          processedAt: at,
        },
      }),
    );
    await ddb.send(
      new PutCommand({
        TableName: tableName('followups'),
        Item: {
          id: 'fu-previousmonth01',
          feedbackId: PREVIOUS_FEEDBACK_ID,
          unit: 'Puskesmas Ujungberung',
          status: 'open',
          createdAt: at,
          updatedAt: at,
          dueAt: due,
          category: 'stock',
          label: 'complaint',
          summary: 'obat di puskesmas habis terus min',
          createdBy: 'humas@localhost',
          history: [{ at, by: 'humas@localhost', to: 'open' }],
        },
      }),
    );
  } finally {
    ddb.destroy();
  }
};

const comment = async (platform: 'instagram' | 'x', postId: string, text: string) => {
  const r = await fetch(`${rt.endpoints.sandbox}/_sandbox/comments`, {
    method: 'POST',
    body: JSON.stringify({ platform, postId, text, author: 'warga_cibiru' }),
  });
  expect(r.status).toBe(201);
  return `${platform}-${((await r.json()) as { comment: { id: string } }).comment.id}`;
};

/** The `# summary` block of the CSV as key → value. */
const csvSummary = (csv: string): Map<string, string> => {
  const lines = csv.replace(/^\uFEFF/, '').split('\r\n');
  const start = lines.indexOf('# summary');
  const out = new Map<string, string>();
  for (const line of lines.slice(start + 2)) {
    if (!line) break;
    const [key = '', value = ''] = line.split(',');
    out.set(key, value);
  }
  return out;
};

const decodeHeader = (value: string): string =>
  value.replace(/=\?UTF-8\?B\?([^?]+)\?=/g, (_, b64: string) => Buffer.from(b64, 'base64').toString('utf8'));

beforeAll(async () => {
  api = staff(rt);

  // Two items, published on both platforms.
  for (let i = 0; i < 2; i += 1)
    itemIds.push(
      await submitItem(rt, {
        title: `Imunisasi campak gratis ${i + 1}`,
        publishAt: new Date(Date.now() + 3000).toISOString(),
      }),
    );
  for (const id of itemIds) {
    const decided = await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    expect(decided.status).toBe(200);
  }
  const posts = await waitForPublished(rt, itemIds[0] ?? '');
  await waitForPublished(rt, itemIds[1] ?? '');

  // Citizens comment on the first item; the classifier labels each.
  feedbackIds.complaint = await comment(
    'instagram',
    posts.instagram ?? '',
    'min, antri dari jam 7 blm dipanggil',
  );
  feedbackIds.question = await comment(
    'x',
    posts.x ?? '',
    'Jadwal vaksin campak di puskesmas Cibiru kapan ya?',
  );
  feedbackIds.appreciation = await comment(
    'instagram',
    posts.instagram ?? '',
    'Terima kasih infonya kak, sangat membantu',
  );
  const labelled: Record<string, { label: string; category: string | null }> = {};
  for (const [expected, id] of Object.entries(feedbackIds)) {
    labelled[expected] = await waitFor(`feedback ${id} classified`, async () => {
      const r = await api.request(`/feedback/${id}`);
      return r.status === 200 && r.body.label
        ? { label: String(r.body.label), category: (r.body.category as string | null) ?? null }
        : undefined;
    });
    expect(labelled[expected]?.label).toBe(expected);
  }
  complaintCategory = labelled.complaint?.category ?? 'uncategorised';

  const reply = await api.request(`/feedback/${feedbackIds.question}/reply`, {
    method: 'POST',
    body: JSON.stringify({ text: 'Setiap Selasa pukul 08.00-12.00 WIB, kak. Bawa buku KIA ya.' }),
  });
  expect(reply.status).toBe(200);

  // Follow-ups through the API: one handed to a puskesmas and resolved, one still open (due in 7 days).
  const made = await api.request(`/feedback/${feedbackIds.complaint}/follow-ups`, {
    method: 'POST',
    body: JSON.stringify({ unit: 'Puskesmas Cibiru', note: 'Cek antrean pagi' }),
  });
  expect(made.status).toBe(201);
  const resolved = await api.request(`/follow-ups/${String(made.body.id)}`, {
    method: 'POST',
    body: JSON.stringify({ status: 'resolved', note: 'Loket tambahan dibuka pukul 07.00' }),
  });
  expect(resolved.status).toBe(200);
  const open = await api.request(`/feedback/${feedbackIds.question}/follow-ups`, {
    method: 'POST',
    body: JSON.stringify({ unit: 'Bidang P2P' }),
  });
  expect(open.status).toBe(201);

  month = monthOf(new Date());
  previous = monthBefore(month);
  await writePreviousMonth();
}, 120_000);

describe('the monthly report', () => {
  let answer: ReportAnswer;

  it('counts the month from the real records, stores HTML, CSV and JSON, and emails the head of office', async () => {
    const r = await api.request('/reports', { method: 'POST', body: JSON.stringify({ month, email: true }) });
    expect(r.status).toBe(201);
    answer = r.body as unknown as ReportAnswer;
    expect(answer.month).toBe(month);
    expect(answer.keys).toEqual({
      html: `reports/monthly/${month}/report.html`,
      csv: `reports/monthly/${month}/report.csv`,
      json: `reports/monthly/${month}/report.json`,
    });
    expect(answer.skippedRecords).toBe(0);
    expect(answer.emailed).toBe(true);
    expect(answer.figures).toEqual({
      itemsPublished: 2,
      posts: { instagram: 2, x: 2, total: 4 },
      failedPublications: 0,
      feedback: {
        total: 3,
        byLabel: { complaint: 1, question: 1, appreciation: 1, other: 0, unclassified: 0 },
        urgent: 0,
        replied: 1,
      },
      complaints: { total: 1, byCategory: [{ category: complaintCategory, count: 1 }] },
      // Opened this month: 2 (one resolved); open now: this month's other one and last month's overdue one.
      followUps: { opened: 2, resolved: 1, openAtNow: 2, overdue: 1 },
    });

    // The stored JSON is the whole report, with the same figures.
    const report = JSON.parse(await s3Object(answer.keys.json));
    expect(report.month).toBe(month);
    expect(report.timeZone).toBe(TZ);
    expect(report.publishing.itemsPublished).toBe(2);
    expect(report.publishing.postsByPlatform).toEqual({ instagram: 2, x: 2 });
    expect(new Set(report.publishing.posts.map((p: { itemId: string }) => p.itemId))).toEqual(
      new Set(itemIds),
    );
    expect(report.feedback.total).toBe(3);
    expect(report.feedback.byLabel).toEqual({
      complaint: 1,
      question: 1,
      appreciation: 1,
      other: 0,
      unclassified: 0,
    });
    expect(report.feedback.byPlatform).toEqual({ instagram: 2, x: 1 });
    expect(report.feedback.complaintsByCategory).toEqual([{ category: complaintCategory, count: 1 }]);
    // Last month's complaint shows only in the trend.
    expect(report.complaintTrend.previousMonth).toBe(previous);
    expect(report.complaintTrend.totals).toEqual({ thisMonth: 1, previousMonth: 1, difference: 0 });
    expect(report.responseTimes.replied).toBe(1);
    expect(report.responseTimes.answeredWithin24h).toBe(1);
    expect(report.responseTimes.unansweredQuestions).toBe(0);
    expect(report.followUps.opened).toBe(2);
    expect(report.followUps.resolved).toBe(1);
    expect(report.followUps.openAtNow).toBe(2);
    expect(report.followUps.overdueAtNow).toBe(1);
    expect(report.followUps.overdue.map((o: { id: string }) => o.id)).toEqual(['fu-previousmonth01']);
    expect(report.followUps.byUnit.map((u: { unit: string }) => u.unit)).toEqual([
      'Bidang P2P',
      'Puskesmas Cibiru',
      'Puskesmas Ujungberung',
    ]);

    // The presigned links serve the stored HTML (charts as inline SVG) and CSV (same numbers).
    const html = await fetch(answer.links.html);
    expect(html.status).toBe(200);
    expect(html.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await html.text();
    expect(page).toContain('<svg');
    expect(page).toContain('Imunisasi campak gratis 1');
    const csvResponse = await fetch(answer.links.csv);
    expect(csvResponse.status).toBe(200);
    expect(csvResponse.headers.get('content-type')).toMatch(/^text\/csv/);
    const summary = csvSummary(await csvResponse.text());
    expect(
      Object.fromEntries([...summary].filter(([k]) => !k.includes('Minutes') && k !== 'generatedAt')),
    ).toMatchObject({
      month,
      'publishing.itemsPublished': '2',
      'publishing.postsTotal': '4',
      'publishing.postsByPlatform.instagram': '2',
      'publishing.postsByPlatform.x': '2',
      'publishing.failed.total': '0',
      'feedback.total': '3',
      'feedback.byLabel.complaint': '1',
      'feedback.byLabel.question': '1',
      'feedback.byLabel.appreciation': '1',
      'complaintTrend.totals.previousMonth': '1',
      'responseTimes.replied': '1',
      'followUps.opened': '2',
      'followUps.resolved': '1',
      'followUps.openAtNow': '2',
      'followUps.overdueAtNow': '1',
    });
    // Byte for byte, with the byte-order mark that makes Excel read the file as UTF-8.
    const csvBytes = Buffer.from(await (await fetch(answer.links.csv)).arrayBuffer());
    expect(csvBytes.equals(await s3Bytes(answer.keys.csv))).toBe(true);
    expect(csvBytes.subarray(0, 3).toString('hex')).toBe('efbbbf');

    // The email: to the head of office (and the PR team), the report inline, the figures and links in text.
    const emails = await outboxEmails(rt, `X-Sebar-Report: ${month}`);
    expect(emails).toHaveLength(1);
    const email = emails[0];
    expect(email?.headers).toContain(`To: ${HEAD}, ${STAFF}`);
    expect(answer.emailedTo).toEqual([HEAD, STAFF]);
    const subject = decodeHeader(/^Subject: (.*)$/m.exec(email?.headers ?? '')?.[1] ?? '');
    expect(subject).toMatch(/^Laporan evaluasi bulanan Humas — \S+ \d{4}$/);
    expect(subject).toContain(month.slice(0, 4));
    expect(email?.text).toContain('Konten terbit: 2 (unggahan Instagram 2, X 2)');
    expect(email?.text).toContain(`npx sebar report --month ${month}`);
    expect(email?.text).toContain('<svg');
    expect(email?.text).toContain(`/reports/monthly/${month}/report.csv`);
  });

  it('GET /reports/{month} gives fresh links to a stored report, and 404 with the way to make one', async () => {
    const r = await api.request(`/reports/${month}`);
    expect(r.status).toBe(200);
    expect(r.body.keys).toEqual(answer.keys);
    expect((r.body.figures as Figures).itemsPublished).toBe(2);
    const links = r.body.links as { html: string; csv: string };
    expect((await fetch(links.html)).status).toBe(200);

    const never = month === '2026-01' ? '2025-01' : '2026-01';
    const missing = await api.request(`/reports/${never}`);
    expect(missing.status).toBe(404);
    expect(String(missing.body.message)).toContain(`npx sebar report --month ${never}`);
    expect((await api.request('/reports/2026-13')).status).toBe(400);
    expect((await api.request('/reports/november')).status).toBe(400);
  });

  it('refuses a bad request with 400 and stores nothing', async () => {
    const post = (body: unknown) =>
      api.request('/reports', {
        method: 'POST',
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
    const bad = await post({ month: '2026-13' });
    expect(bad.status).toBe(400);
    expect(bad.body.issues).toEqual([{ path: 'month', message: expect.stringMatching(/01 to 12/) }]);
    expect((await post({ month: '2099-01' })).status).toBe(400); // not started yet
    expect((await post({ month, email: 'yes' })).status).toBe(400);
    expect((await post({ month, extra: true })).status).toBe(400);
    expect((await post({})).status).toBe(400);
    expect((await post('not json')).status).toBe(400);
    expect((await api.request('/reports/2099-01')).status).toBe(404);
    // No email went out for any of them.
    expect(await outboxEmails(rt, 'X-Sebar-Report: 2099-01')).toHaveLength(0);
    expect(await outboxEmails(rt, `X-Sebar-Report: ${month}`)).toHaveLength(1);
  });

  it('the scheduled job reports the previous month and emails it', async () => {
    const out = (await invokeLocal('scheduled-jobs', { job: 'monthly-report' })) as {
      month: string;
      emailed: boolean;
      figures: Figures;
    };
    expect(out.month).toBe(previous);
    expect(out.emailed).toBe(true);
    expect(out.figures.itemsPublished).toBe(0);
    expect(out.figures.feedback.total).toBe(1);
    expect(out.figures.complaints.byCategory).toEqual([{ category: 'stock', count: 1 }]);
    expect(out.figures.followUps).toEqual({ opened: 1, resolved: 0, openAtNow: 2, overdue: 1 });
    const emails = await outboxEmails(rt, `X-Sebar-Report: ${previous}`);
    expect(emails).toHaveLength(1);
    expect(emails[0]?.headers).toContain(`To: ${HEAD}`);
    expect((await api.request(`/reports/${previous}`)).status).toBe(200);
    await expect(invokeLocal('scheduled-jobs', { job: 'monthly-report', month: '2026-13' })).rejects.toThrow(
      /ValidationError|Invalid/,
    );
    // The account check still runs through the same function.
    const check = (await invokeLocal('scheduled-jobs', { job: 'check-accounts' })) as { job: string };
    expect(check.job).toBe('check-accounts');
  });

  it('npx sebar report prints the figures and saves the HTML and CSV', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sebar-report-cli-'));
    const env = { ...process.env, SEBAR_URL: rt.endpoints.gateway, SEBAR_API_TOKEN: rt.apiToken };
    const out = await run(
      'npx',
      ['tsx', 'bin/sebar.ts', 'report', '--month', month, '--out', join(dir, 'out')],
      {
        env,
        cwd: join(import.meta.dirname, '..', '..'),
      },
    );
    expect(out.stdout).toContain(`Monthly report ${month}`);
    expect(out.stdout).toMatch(/items published\s+2 \(posts: instagram 2, x 2; failed 0\)/);
    expect(out.stdout).toMatch(/follow-ups\s+opened 2, resolved 1, open 2, overdue 1/);
    const html = join(dir, 'out', `laporan-${month}.html`);
    const csv = join(dir, 'out', `laporan-${month}.csv`);
    expect(out.stdout).toContain(html);
    expect(out.stdout).toContain(csv);
    expect(await readFile(html, 'utf8')).toContain('<svg');
    expect(csvSummary(await readFile(csv, 'utf8')).get('publishing.itemsPublished')).toBe('2');
    // The CLI asked for no email.
    expect(await outboxEmails(rt, `X-Sebar-Report: ${month}`)).toHaveLength(1);

    const usage = await run('npx', ['tsx', 'bin/sebar.ts', 'report', '--month', '2026-13'], {
      env,
      cwd: join(import.meta.dirname, '..', '..'),
    }).catch((error: { code: number; stderr: string }) => error);
    expect('code' in usage ? usage.code : 0).toBe(2);
    expect('stderr' in usage ? usage.stderr : '').toContain('Usage: npx sebar report');
  });
});
