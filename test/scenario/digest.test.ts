import { beforeAll, describe, expect, it } from 'vitest';
import { dynamo, UpdateCommand } from '../../functions/common/aws/dynamo';
import { requireSetting } from '../../functions/common/config';
import { invokeLocal } from '../../local/lambda';
import { deliverInstagramComment, outboxEmails, staff } from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

const { rt } = useRuntime();
let api: ReturnType<typeof staff>;

/** A signed Instagram comment delivery, as Meta sends it, written `hoursAgo` hours ago. */
const deliver = async (text: string, hoursAgo = 0) =>
  (await deliverInstagramComment(rt, text, { hoursAgo, author: 'warga_ujungberung' })) as {
    id: string;
    label: string;
    category?: string | null;
    urgent: boolean;
    watches?: string[];
  };

interface DigestBody {
  newFeedback: number;
  complaintsByCategory: { category: string; count: number }[];
  unansweredQuestions: {
    count: number;
    workingDays: number;
    entries: { id: string; workingDaysLate: number }[];
  };
  urgent: { count: number; entries: { id: string }[] };
  watches: { keyword: string; count: number; entries: { id: string }[] }[];
  overdueFollowUps: { count: number; entries: { id: string; workingDaysLate: number }[] };
  sent: boolean;
}

beforeAll(async () => {
  api = staff(rt);
});

describe('the daily digest and keyword watches', () => {
  const records: Record<string, Awaited<ReturnType<typeof deliver>>> = {};

  it('flags watched keywords on intake and filters the inbox by them', async () => {
    records.waiting = await deliver('min antri dari jam 7 pagi blm dipanggil, lama bgt');
    // Ten days old: past the response time (one working day) however weekends and holidays fall.
    records.oldQuestion = await deliver('kapan jadwal fogging DBD di Cibiru?', 240);
    records.urgent = await deliver('tolong ada warga pingsan di depan puskesmas, ambulans belum datang');
    records.measles = await deliver('anak saya kena #campak, vaksinnya ada di puskesmas mana?');
    records.plain = await deliver('Terima kasih infonya, sangat membantu');
    expect(records.oldQuestion?.watches).toEqual(['dbd']);
    expect(records.measles?.watches).toEqual(['campak']);
    expect(records.plain?.watches).toBeUndefined();
    const dbd = await api.request('/feedback?watch=DBD');
    expect((dbd.body.feedback as { id: string }[]).map((f) => f.id)).toEqual([records.oldQuestion?.id]);
    expect((await api.request('/feedback?watch=x')).status).toBe(400);
  });

  it('marks in the inbox the questions past the response time, and only those', async () => {
    const list = await api.request('/feedback?limit=50');
    const rows = list.body.feedback as { id: string; responseLate?: { workingDays: number } }[];
    const late = rows.filter((r) => r.responseLate).map((r) => r.id);
    expect(late).toEqual([records.oldQuestion?.id]);
    expect(
      rows.find((r) => r.id === records.oldQuestion?.id)?.responseLate?.workingDays,
    ).toBeGreaterThanOrEqual(3);
  });

  it('previews the digest with every section counted from the records', async () => {
    // A follow-up, then its due date moved two weeks back (past the end of its due working day).
    const fu = await api.request(`/feedback/${records.waiting?.id}/follow-ups`, {
      method: 'POST',
      body: JSON.stringify({ unit: 'Puskesmas Ujungberung' }),
    });
    expect(fu.status).toBe(201);
    await dynamo.send(
      new UpdateCommand({
        TableName: requireSetting('FOLLOWUPS_TABLE'),
        Key: { id: String(fu.body.id) },
        UpdateExpression: 'SET dueAt = :d',
        ExpressionAttributeValues: { ':d': new Date(Date.now() - 14 * 86_400_000).toISOString() },
      }),
    );

    const r = await api.request('/digest', { method: 'POST', body: '{}' });
    expect(r.status).toBe(200);
    const d = r.body as unknown as DigestBody;
    expect(d.sent).toBe(false);
    expect(d.newFeedback).toBe(5);
    const complaints = Object.values(records).filter((x) => x.label === 'complaint');
    expect(d.complaintsByCategory.reduce((n, c) => n + c.count, 0)).toBe(complaints.length);
    expect(d.complaintsByCategory.map((c) => c.category)).toContain(
      records.waiting?.category ?? 'uncategorised',
    );
    expect(d.unansweredQuestions.entries.map((e) => e.id)).toEqual([records.oldQuestion?.id]);
    expect(d.unansweredQuestions.workingDays).toBe(1);
    expect(d.unansweredQuestions.entries[0]?.workingDaysLate).toBeGreaterThanOrEqual(3);
    expect(d.urgent.entries.map((e) => e.id)).toEqual([records.urgent?.id]);
    expect(d.watches.map((w) => [w.keyword, w.count])).toEqual([
      ['dbd', 1],
      ['campak', 1],
    ]);
    expect(d.overdueFollowUps.entries.map((e) => e.id)).toEqual([fu.body.id]);
    expect(d.overdueFollowUps.entries[0]?.workingDaysLate).toBeGreaterThanOrEqual(5);
    expect(await outboxEmails(rt, 'X-Sebar-Digest:')).toHaveLength(0);
  });

  it('emails it to the team when asked, and every morning from the schedule', async () => {
    const r = await api.request('/digest', { method: 'POST', body: JSON.stringify({ send: true }) });
    expect(r.body.sent).toBe(true);
    const mails = await outboxEmails(rt, 'X-Sebar-Digest:');
    expect(mails).toHaveLength(1);
    expect(mails[0]?.headers).toContain('To: humas@dinkes.example.go.id');
    expect(mails[0]?.text).toContain('DARURAT: 1');
    expect(mails[0]?.text).toContain('kapan jadwal fogging DBD di Cibiru?');
    expect(mails[0]?.text).toContain('Puskesmas Ujungberung');
    expect(mails[0]?.text).toMatch(/Puskesmas Ujungberung, tenggat \w+, .*, terlambat \d+ hari kerja/);
    expect(mails[0]?.text).toContain('Pertanyaan belum dijawab lewat batas waktu jawab (1 hari kerja): 1');
    const job = (await invokeLocal('scheduled-jobs', { job: 'daily-digest' })) as Record<string, number>;
    expect(job).toMatchObject({ newFeedback: 5, urgent: 1, unanswered: 1, overdueFollowUps: 1 });
    expect(await outboxEmails(rt, 'X-Sebar-Digest:')).toHaveLength(2);
  });

  it('refuses a bad request and sends nothing', async () => {
    expect(
      (await api.request('/digest', { method: 'POST', body: JSON.stringify({ send: 'yes' }) })).status,
    ).toBe(400);
    expect(
      (await api.request('/digest', { method: 'POST', body: JSON.stringify({ other: 1 }) })).status,
    ).toBe(400);
    expect(await outboxEmails(rt, 'X-Sebar-Digest:')).toHaveLength(2);
  });
});
