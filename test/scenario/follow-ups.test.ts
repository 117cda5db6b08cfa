import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import { auditTrail } from '../../functions/adapters/audit-repo';
import { dynamo, UpdateCommand } from '../../functions/common/aws/dynamo';
import { requireSetting } from '../../functions/common/config';
import { addWorkingDays, dayEnd, wibDay, workingCalendar } from '../../functions/domain/support/working-days';
import {
  decideThroughPage,
  staff,
  submitItem,
  waitFor,
  waitForApprovalLink,
  waitForItemStatus,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * A citizen's complaint on a published item becomes a follow-up for a puskesmas: created once, moved to
 * in_progress, resolved with a note, listed (overdue first), and shown in the item's evaluation. Due dates
 * are working days in WIB, and skip the office's leave days, which supervisors keep in a setting.
 */
const STAFF_ONLY = 'staff-only-token-follow-ups-0123';
const { rt } = useRuntime({ env: { SEBAR_STAFF_TOKEN: STAFF_ONLY } });
let api: ReturnType<typeof staff>;
let itemId = '';
const posts: Record<string, string> = {};

const COMPLAINT = 'Pelayanan di puskesmas Cibiru lambat sekali, antri 3 jam obat habis';
const QUESTION = 'Jadwal imunisasi campak di puskesmas Cibiru kapan ya?';

interface FollowUp {
  id: string;
  feedbackId: string;
  itemId?: string;
  unit: string;
  status: string;
  dueAt: string;
  createdAt: string;
  updatedAt: string;
  resolvedAt?: string;
  resolutionNote?: string;
  category?: string;
  label?: string;
  summary: string;
  createdBy: string;
  dueDay: string;
  overdue: boolean;
  workingDaysLate: number;
  history: { at: string; by: string; from?: string; to: string; note?: string }[];
}

const comment = async (platform: string, text: string): Promise<string> => {
  const r = await fetch(`${rt.endpoints.sandbox}/_sandbox/comments`, {
    method: 'POST',
    body: JSON.stringify({ platform, postId: posts[platform], text, author: 'warga_cibiru' }),
  });
  expect(r.status).toBe(201);
  const id = ((await r.json()) as { comment: { id: string } }).comment.id;
  return `${platform}-${id}`;
};

const inInbox = (feedbackId: string) =>
  waitFor(`feedback ${feedbackId} in the inbox`, async () => {
    const list = (await api.request(`/feedback?itemId=${itemId}`)).body.feedback as { id: string }[];
    return list.find((f) => f.id === feedbackId);
  });

const post = (path: string, body: unknown) =>
  api.request(path, { method: 'POST', body: JSON.stringify(body) });

/** The end (WIB) of the working day `n` working days after today, as the API stores it. */
const endOfWorkingDay = (n: number, leave: string[] = []) =>
  new Date(dayEnd(addWorkingDays(workingCalendar(leave), wibDay(new Date()), n)) - 1).toISOString();

/** Moves a stored follow-up's due date into the past (the clock cannot be turned forward a day). */
const backdate = async (id: string, dueAt: string) => {
  await dynamo.send(
    new UpdateCommand({
      TableName: requireSetting('FOLLOWUPS_TABLE'),
      Key: { id },
      UpdateExpression: 'SET dueAt = :d',
      ExpressionAttributeValues: { ':d': dueAt },
    }),
  );
};

const listFollowUps = async (query: string) => {
  const r = await api.request(`/follow-ups${query}`);
  expect(r.status).toBe(200);
  return r.body.followUps as FollowUp[];
};

let complaintId = '';
let questionId = '';
let firstFollowUp = '';

beforeAll(async () => {
  api = staff(rt);
  // The evaluation runs 30 s after publishing: time enough for the follow-up to exist before it.
  itemId = await submitItem(rt, { evaluateAfter: 'PT30S' });
  await decideThroughPage(rt, await waitForApprovalLink(rt, itemId), 'approve');
  Object.assign(posts, await waitForPublished(rt, itemId));
  complaintId = await comment('instagram', COMPLAINT);
  questionId = await comment('x', QUESTION);
  await inInbox(complaintId);
  await inInbox(questionId);
});

describe('follow-ups', () => {
  it('turns a complaint into a follow-up for a unit, once', async () => {
    const before = Date.now();
    const r = await post(`/feedback/${complaintId}/follow-ups`, {
      unit: '  Puskesmas Cibiru ',
      note: 'Mohon cek antrean dan stok obat',
    });
    expect(r.status).toBe(201);
    const f = r.body as unknown as FollowUp;
    firstFollowUp = f.id;
    expect(f.id).toMatch(/^fu-[A-Za-z0-9_-]+$/);
    expect(f).toMatchObject({
      feedbackId: complaintId,
      itemId,
      unit: 'Puskesmas Cibiru',
      status: 'open',
      label: 'complaint',
      category: 'waiting_time',
      summary: COMPLAINT,
      overdue: false,
    });
    expect(f.createdBy).toBeTruthy();
    // Due by the end (WIB) of the fifth working day after today by default (FOLLOW_UP_WORKING_DAYS).
    expect(f.dueAt).toBe(endOfWorkingDay(5));
    expect(f.dueDay).toBe(wibDay(f.dueAt));
    expect(Date.parse(f.dueAt) - before).toBeGreaterThan(5 * 86_400_000);
    expect(f.history).toEqual([
      expect.objectContaining({ to: 'open', note: 'Mohon cek antrean dan stok obat', by: f.createdBy }),
    ]);

    const again = await post(`/feedback/${complaintId}/follow-ups`, { unit: 'Bidang Yankes' });
    expect(again.status).toBe(409);
    expect(String(again.body.message)).toContain(f.id);

    // The inbox shows it.
    expect((await api.request(`/feedback/${complaintId}`)).body.followUpId).toBe(f.id);
    expect((await api.request(`/follow-ups/${f.id}`)).body).toMatchObject({ id: f.id, status: 'open' });
  });

  it('refuses bad input with 400 and stores nothing', async () => {
    const count = async () => (await listFollowUps('')).length;
    const n = await count();
    for (const body of [
      { unit: 'P' },
      { unit: 'x'.repeat(121) },
      {},
      { unit: 'Bidang P2P', dueAt: 'besok' },
      { unit: 'Bidang P2P', dueAt: '2026-01-01T10:00:00' },
      { unit: 'Bidang P2P', dueAt: '2026-02-30' },
      { unit: 'Bidang P2P', dueAt: wibDay(Date.now() - 2 * 86_400_000) },
      { unit: 'Bidang P2P', dueAt: new Date(Date.now() - 60_000).toISOString() },
      { unit: 'Bidang P2P', note: 'x'.repeat(2001) },
      { unit: 'Bidang P2P', assignee: 'someone' },
    ]) {
      const r = await post(`/feedback/${questionId}/follow-ups`, body);
      expect(r.status, JSON.stringify(body)).toBe(400);
    }
    const bad = await post(`/feedback/${questionId}/follow-ups`, {
      unit: 'Bidang P2P',
      dueAt: '2020-01-01T00:00:00+07:00',
    });
    expect(bad.body.issues).toEqual([{ path: 'dueAt', message: 'must be in the future' }]);
    expect(await count()).toBe(n);
    expect((await api.request(`/feedback/${questionId}`)).body.followUpId).toBeUndefined();
    // Unknown feedback, unknown follow-up, malformed ids, unknown status filter.
    expect((await post('/feedback/x-999999/follow-ups', { unit: 'Bidang P2P' })).status).toBe(404);
    expect((await api.request('/follow-ups/fu-doesnotexist')).status).toBe(404);
    expect((await post('/follow-ups/fu-doesnotexist', { status: 'in_progress' })).status).toBe(404);
    expect((await api.request('/follow-ups/not-an-id')).status).toBe(400);
    expect((await api.request('/follow-ups?status=done')).status).toBe(400);
    expect((await api.request('/follow-ups?overdue=maybe')).status).toBe(400);
  });

  it('moves open → in_progress → resolved (with a note), and no further', async () => {
    const started = await post(`/follow-ups/${firstFollowUp}`, {
      status: 'in_progress',
      note: 'Kepala puskesmas sudah dihubungi',
    });
    expect(started.status).toBe(200);
    expect(started.body.status).toBe('in_progress');

    // Resolving needs a note: a 400 (bad input), and the status stays as it was.
    const noNote = await post(`/follow-ups/${firstFollowUp}`, { status: 'resolved' });
    expect(noNote.status).toBe(400);
    expect(String(JSON.stringify(noNote.body.issues))).toMatch(/resolution note is required/);
    expect((await post(`/follow-ups/${firstFollowUp}`, { status: 'resolved', note: ' ' })).status).toBe(400);
    expect((await api.request(`/follow-ups/${firstFollowUp}`)).body.status).toBe('in_progress');

    // in_progress → in_progress is not a move.
    expect((await post(`/follow-ups/${firstFollowUp}`, { status: 'in_progress' })).status).toBe(409);

    const resolved = await post(`/follow-ups/${firstFollowUp}`, {
      status: 'resolved',
      note: 'Loket pendaftaran ditambah satu; stok obat dipenuhi dari gudang farmasi',
    });
    expect(resolved.status).toBe(200);
    const f = resolved.body as unknown as FollowUp;
    expect(f.status).toBe('resolved');
    expect(f.resolutionNote).toBe('Loket pendaftaran ditambah satu; stok obat dipenuhi dari gudang farmasi');
    expect(f.resolvedAt).toBeTruthy();
    expect(f.history.map((h) => [h.from, h.to])).toEqual([
      [undefined, 'open'],
      ['open', 'in_progress'],
      ['in_progress', 'resolved'],
    ]);

    const back = await post(`/follow-ups/${firstFollowUp}`, { status: 'in_progress' });
    expect(back.status).toBe(409);
    expect(String(back.body.message)).toMatch(/already resolved/);
    expect((await api.request(`/follow-ups/${firstFollowUp}`)).body.status).toBe('resolved');

    const list = await listFollowUps('?status=resolved');
    expect(list.find((x) => x.id === firstFollowUp)?.resolutionNote).toBe(f.resolutionNote);
    expect((await listFollowUps('?status=open')).some((x) => x.id === firstFollowUp)).toBe(false);
    expect((await listFollowUps('?unit=puskesmas%20cibiru')).some((x) => x.id === firstFollowUp)).toBe(true);
    expect((await listFollowUps('?unit=Bidang%20P2P')).some((x) => x.id === firstFollowUp)).toBe(false);
    expect((await api.request(`/feedback/${complaintId}`)).body.followUpId).toBe(firstFollowUp);

    // Each change is in the item's audit trail (the runtime runs in this process, on the same tables).
    const trail = (await auditTrail(itemId)).filter((a) => a.detail?.followUpId === firstFollowUp);
    expect(trail.map((a) => a.action).sort()).toEqual([
      'followup.created',
      'followup.in_progress',
      'followup.resolved',
    ]);
    expect(trail.every((a) => a.actor === f.createdBy)).toBe(true);
  });

  it('lets only one of two simultaneous creations or changes win', async () => {
    const creations = await Promise.all([
      post(`/feedback/${questionId}/follow-ups`, { unit: 'Bidang Yankes' }),
      post(`/feedback/${questionId}/follow-ups`, { unit: 'Puskesmas Ujungberung' }),
    ]);
    expect(creations.map((r) => r.status).sort()).toEqual([201, 409]);
    const created = creations.find((r) => r.status === 201)!;
    expect((await listFollowUps('')).filter((f) => f.feedbackId === questionId)).toHaveLength(1);
    const id = String(created.body.id);
    const results = await Promise.all([
      post(`/follow-ups/${id}`, { status: 'resolved', note: 'Dijawab oleh staf A' }),
      post(`/follow-ups/${id}`, { status: 'resolved', note: 'Dijawab oleh staf B' }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const stored = (await api.request(`/follow-ups/${id}`)).body as unknown as FollowUp;
    expect(stored.history).toHaveLength(2);
  });

  it('a resolved follow-up does not block a new one, and an overdue one is listed first', async () => {
    // A due date picked as a day (WIB): due by the end of it, and not overdue before that.
    const today = wibDay(new Date());
    const r = await post(`/feedback/${complaintId}/follow-ups`, { unit: 'Bidang P2P', dueAt: today });
    expect(r.status).toBe(201);
    const id = String(r.body.id);
    expect(r.body).toMatchObject({ overdue: false, workingDaysLate: 0 });
    expect(r.body.dueAt).toBe(new Date(dayEnd(today) - 1).toISOString());
    expect((await api.request(`/feedback/${complaintId}`)).body.followUpId).toBe(id);
    // Two weeks ago: past the end of its due working day, however the weekends and holidays fall.
    await backdate(id, new Date(Date.now() - 14 * 86_400_000).toISOString());

    const overdue = await listFollowUps('?overdue=true');
    expect(overdue[0]).toMatchObject({ id, overdue: true, status: 'open' });
    expect(overdue[0]?.workingDaysLate).toBeGreaterThanOrEqual(5);
    expect(overdue.every((f) => f.overdue && f.status !== 'resolved')).toBe(true);

    // In the whole list too, the overdue one comes before the others.
    const all = await listFollowUps('');
    expect(all[0]?.id).toBe(id);
    expect(all.length).toBeGreaterThanOrEqual(3);
    expect((await api.request(`/follow-ups/${id}`)).body.overdue).toBe(true);
  });

  it('keeps the office leave days: staff read them, supervisors change them, bad input changes nothing', async () => {
    const put = (body: unknown, token = rt.apiToken) =>
      api.request('/settings/leave-days', {
        method: 'PUT',
        body: JSON.stringify(body),
        headers: { authorization: `Bearer ${token}` },
      });
    const start = await api.request('/settings/leave-days');
    expect(start).toMatchObject({ status: 200, body: { days: [], version: 0 } });

    for (const body of [
      {},
      { days: ['2026-12-24'] },
      { days: '2026-12-24', version: 0 },
      { days: ['24-12-2026'], version: 0 },
      { days: ['2026-02-30'], version: 0 },
      { days: ['1999-12-24'], version: 0 },
      { days: [20261224], version: 0 },
      { days: [], version: -1 },
      { days: [], version: 0, note: 'x' },
      { days: Array.from({ length: 201 }, (_, i) => wibDay(Date.UTC(2030, 0, 1 + i))), version: 0 },
    ]) {
      const r = await put(body);
      expect(r.status, JSON.stringify(body).slice(0, 80)).toBe(400);
    }
    const bad = await put({ days: ['2026-12-24', '2026-13-01'], version: 0 });
    expect(bad.body.issues).toEqual([{ path: 'days.1', message: expect.stringMatching(/YYYY-MM-DD/) }]);
    // A staff member who is not a supervisor is refused, and told who can do it.
    const refused = await put({ days: ['2026-12-24'], version: 0 }, STAFF_ONLY);
    expect(refused.status).toBe(403);
    expect(String(refused.body.message)).toMatch(/supervisor/);
    expect((await api.request('/settings/leave-days')).body).toMatchObject({ days: [], version: 0 });

    // The next three working days become leave days: the default due date moves past them.
    const leave = [1, 2, 3].map((n) => addWorkingDays(workingCalendar(), wibDay(new Date()), n));
    const saved = await put({ days: [leave[2], leave[0], leave[1], leave[0]], version: 0 });
    expect(saved.status).toBe(200);
    expect(saved.body).toMatchObject({ days: leave, version: 1, updatedBy: 'humas@localhost' });
    expect(
      (await api.request('/settings/leave-days', { headers: { authorization: `Bearer ${STAFF_ONLY}` } }))
        .body,
    ).toMatchObject({
      days: leave,
      version: 1,
    });
    // A save from the old version is a conflict and changes nothing.
    const stale = await put({ days: [], version: 0 });
    expect(stale.status).toBe(409);
    expect((await api.request('/settings/leave-days')).body.days).toEqual(leave);

    // The question's first follow-up was resolved above, so it may have another.
    const f = await post(`/feedback/${questionId}/follow-ups`, { unit: 'Puskesmas Cibiru' });
    expect(f.status).toBe(201);
    expect(f.body.dueAt).toBe(endOfWorkingDay(5, leave));
    expect(f.body.dueAt).not.toBe(endOfWorkingDay(5));

    const trail = (await auditTrail('settings#leave-days')).map((a) => a.detail);
    expect(trail).toEqual([expect.objectContaining({ version: 1, added: leave, removed: [] })]);
    // Back to none, so the other tests' dates are as they expect.
    expect((await put({ days: [], version: 1 })).status).toBe(200);
  });

  it("puts what citizens said and what was done into the item's evaluation", async () => {
    const item = await waitForItemStatus(rt, itemId, 'evaluated', 60_000);
    const s3 = new S3Client({
      endpoint: rt.endpoints.s3,
      forcePathStyle: true,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    });
    try {
      const key = `reports/items/${itemId}/evaluation.json`;
      expect(item.reportKey).toBe(key);
      const out = await s3.send(new GetObjectCommand({ Bucket: rt.bucket, Key: key }));
      const report = JSON.parse(await out.Body!.transformToString()) as {
        platforms: unknown[];
        feedback: Record<string, number>;
        feedbackAnalysis: {
          total: number;
          byLabel: Record<string, number>;
          complaintsByCategory: Record<string, number>;
          urgent: number;
          unansweredQuestions: {
            count: number;
            olderThan24h: number;
            items: { id: string; text: string; platform: string }[];
          };
        };
        followUps: { id: string; unit: string; status: string; dueAt: string; overdue: boolean }[];
      };
      expect(report.platforms).toHaveLength(2);
      expect(report.feedback).toEqual({ complaint: 1, question: 1 });
      expect(report.feedbackAnalysis).toMatchObject({
        total: 2,
        byLabel: { complaint: 1, question: 1 },
        complaintsByCategory: { waiting_time: 1 },
        urgent: 0,
      });
      // The question was never answered on the platform (only followed up), so it is still open.
      expect(report.feedbackAnalysis.unansweredQuestions).toMatchObject({ count: 1, olderThan24h: 0 });
      expect(report.feedbackAnalysis.unansweredQuestions.items[0]).toMatchObject({
        id: questionId,
        text: QUESTION,
        platform: 'x',
      });
      const first = report.followUps.find((f) => f.id === firstFollowUp);
      expect(first).toMatchObject({ unit: 'Puskesmas Cibiru' });
      expect(typeof first?.overdue).toBe('boolean');

      const page = await s3.send(
        new GetObjectCommand({ Bucket: rt.bucket, Key: `reports/items/${itemId}/evaluation.html` }),
      );
      const html = await page.Body!.transformToString();
      expect(html).toContain('Tindak lanjut');
      expect(html).toContain('Puskesmas Cibiru');
      expect(html).toContain('Pertanyaan belum dijawab');
    } finally {
      s3.destroy();
    }
  });
});
