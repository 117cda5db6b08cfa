import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  approvalLinks,
  decideThroughPage,
  localUrl,
  sampleJpeg,
  sandboxPosts,
  staff,
  submitItem,
  waitFor,
  waitForApprovalLink,
  waitForItemStatus,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/** Approval policies through the real workflow: request changes and revise, all-of rules, reminders, language. */
const { rt } = useRuntime();
let api: ReturnType<typeof staff>;

const item = async (id: string) => (await api.request(`/content/${id}`)).body;
const waitForStatus = (id: string, status: string) => waitForItemStatus(rt, id, status);
const submit = (overrides: Record<string, unknown> = {}) => submitItem(rt, overrides);
const linksFor = async (id: string, count: number) =>
  waitFor(`${count} approval email(s) for ${id}`, async () => {
    const links = await approvalLinks(rt, id);
    return links.length >= count ? links : undefined;
  });
const emailsFor = async (id: string) => {
  const out: string[] = [];
  for (const name of (await readdir(rt.outboxDir)).filter((n) => n.endsWith('.eml'))) {
    const mime = await readFile(join(rt.outboxDir, name), 'utf8');
    if (mime.includes(`X-Sebar-Item: ${id}`)) out.push(mime);
  }
  return out;
};
const subjectOf = (mime: string) => {
  const raw = /^Subject: (.*)$/m.exec(mime)?.[1] ?? '';
  const encoded = /^=\?UTF-8\?B\?(.*)\?=$/.exec(raw)?.[1];
  return encoded ? Buffer.from(encoded, 'base64').toString('utf8') : raw;
};

beforeAll(async () => {
  api = staff(rt);
});

describe('request changes, then approve the revision', () => {
  it('goes back to staff with the comment, runs fact-finding and approval again, and publishes the revision', async () => {
    const id = await submit();
    const firstLink = await waitForApprovalLink(rt, id);
    expect((await decideThroughPage(rt, firstLink, 'changes', '')).status).toBe(400);
    expect(
      (await decideThroughPage(rt, firstLink, 'changes', 'Tambahkan jam layanan puskesmas')).status,
    ).toBe(200);
    const waiting = await waitForStatus(id, 'changes-requested');
    expect(waiting.changeRequest).toMatchObject({ comment: 'Tambahkan jam layanan puskesmas', revision: 1 });
    expect((await fetch(localUrl(rt, firstLink))).status).toBe(409);

    // Revising an item that is not waiting for changes is refused.
    const other = await submit();
    const early = await api.request(`/content/${other}/revisions`, {
      method: 'POST',
      body: JSON.stringify({ caption: 'x' }),
    });
    expect(early.status).toBe(409);

    const caption = `${String(waiting.caption)} Layanan buka pukul 08.00-14.00 WIB.`;
    const bad = await api.request(`/content/${id}/revisions`, {
      method: 'POST',
      body: JSON.stringify({ note: 'only a note' }),
    });
    expect(bad.status).toBe(400);
    const revised = await api.request(`/content/${id}/revisions`, {
      method: 'POST',
      body: JSON.stringify({ caption, note: 'jam layanan ditambahkan' }),
    });
    expect(revised.status).toBe(200);
    expect(revised.body.revision).toBe(2);
    expect(revised.body.revisionHash).not.toBe(waiting.revisionHash);

    const links = await linksFor(id, 2);
    const secondLink = links.find((l) => l !== firstLink) ?? '';
    expect(secondLink).not.toBe('');
    // The first revision's link stays dead; the new one decides.
    expect((await decideThroughPage(rt, firstLink, 'approve')).status).toBe(409);
    expect((await decideThroughPage(rt, secondLink, 'approve')).status).toBe(200);
    const done = await waitForStatus(id, 'evaluated');
    expect(done.revision).toBe(2);
    expect((done.revisions as unknown[]).length).toBe(2);
    const stages = (done.timeline as { stage: string }[]).map((t) => t.stage);
    expect(stages).toEqual(
      expect.arrayContaining([
        'changes-requested#r1',
        'revised#r2',
        'fact-finding#r2',
        'approval-requested#r2',
        'approved#r2',
      ]),
    );
    const posts = (await sandboxPosts(rt)).filter((p) => p.text === caption);
    expect(posts.map((p) => p.platform).sort()).toEqual(['instagram', 'x']);
  });

  it('a revision with new images stores them under the new revision', async () => {
    const id = await submit();
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'changes', 'Ganti gambar');
    await waitForStatus(id, 'changes-requested');
    const r = await api.request(`/content/${id}/revisions`, {
      method: 'POST',
      body: JSON.stringify({
        media: [{ dataBase64: (await sampleJpeg()).toString('base64'), altText: 'Poster baru' }],
      }),
    });
    expect(r.status).toBe(200);
    const body = await item(id);
    expect((body.media as { key: string }[])[0]?.key).toMatch(new RegExp(`^media/${id}/r2/`));
  });
});

describe('approval rules', () => {
  it('all of two approvers: the first approval waits, the second schedules', async () => {
    const approvers = ['kepala.dinas@dinkes.example.go.id', 'kabid.p2p@dinkes.example.go.id'];
    const id = await submit({ approvers, approvalRule: 'all' });
    const [a, b] = await linksFor(id, 2);
    const first = await decideThroughPage(rt, a ?? '', 'approve');
    expect(first.status).toBe(200);
    expect(first.html).toContain('semua penyetuju');
    await new Promise((r) => setTimeout(r, 300));
    expect((await item(id)).status).toBe('awaiting-approval');
    expect((await decideThroughPage(rt, b ?? '', 'approve')).status).toBe(200);
    const done = await waitForStatus(id, 'evaluated');
    expect(
      (done.timeline as { stage: string; note?: string }[]).find((t) => t.stage === 'approved')?.note,
    ).toMatch(/last of all approvers/);
  });

  it('all of two approvers: one rejection rejects', async () => {
    const id = await submit({
      approvers: ['kepala.dinas@dinkes.example.go.id', 'kabid.p2p@dinkes.example.go.id'],
      approvalRule: 'all',
    });
    const [a, b] = await linksFor(id, 2);
    await decideThroughPage(rt, a ?? '', 'approve');
    expect((await decideThroughPage(rt, b ?? '', 'reject', 'Belum ada data terbaru')).status).toBe(200);
    const rejected = await waitForStatus(id, 'rejected');
    expect(String(rejected.statusReason)).toContain('Belum ada data terbaru');
  });

  it('any one of two approvers: the first decision closes the other link', async () => {
    // Published a minute later, so the item is still `scheduled` when the test looks.
    const id = await submit({
      approvers: ['kepala.dinas@dinkes.example.go.id', 'sekretaris@dinkes.example.go.id'],
      publishAt: new Date(Date.now() + 60_000).toISOString(),
    });
    const [a, b] = await linksFor(id, 2);
    expect((await decideThroughPage(rt, a ?? '', 'approve')).status).toBe(200);
    await waitForStatus(id, 'scheduled');
    expect((await fetch(localUrl(rt, b ?? ''))).status).toBe(409);
    // The other approver's record stays pending, but nobody waits on it: it is not listed.
    const pending = (await api.request('/approvals?status=pending')).body.approvals as { itemId: string }[];
    expect(pending.filter((p) => p.itemId === id)).toEqual([]);
  });
});

describe('scheduled reminders', () => {
  it('reminds approvers who have not decided, at the configured point before the deadline, once', async () => {
    const approvers = ['kepala.dinas@dinkes.example.go.id', 'kabid.p2p@dinkes.example.go.id'];
    const id = await submit({
      approvers,
      approvalRule: 'all',
      approvalDeadline: new Date(Date.now() + 9000).toISOString(),
      approvalReminderBefore: 'PT5S',
    });
    const [a] = await linksFor(id, 2);
    // Under the all-of rule one approver decides before the reminder time; only the other is reminded.
    const decided = await decideThroughPage(rt, a ?? '', 'approve');
    expect(decided.status).toBe(200);
    const reminders = await waitFor(
      'the scheduled reminder',
      async () => {
        const r = (await emailsFor(id)).filter((m) => subjectOf(m).startsWith('Pengingat persetujuan'));
        return r.length ? r : undefined;
      },
      15_000,
    );
    expect(reminders).toHaveLength(1);
    const decidedApprover = (await api.request('/approvals?status=approved')).body.approvals as {
      itemId: string;
      approver: string;
    }[];
    const who = decidedApprover.find((x) => x.itemId === id)?.approver;
    expect(reminders[0]).not.toContain(`To: ${who}`);
    await new Promise((r) => setTimeout(r, 1500));
    expect(
      (await emailsFor(id)).filter((m) => subjectOf(m).startsWith('Pengingat persetujuan')),
    ).toHaveLength(1);
  });
});

describe('what waits on whom, reminders and language', () => {
  it('lists pending approvals without task tokens, and sends a reminder by hand', async () => {
    const id = await submit({
      approvalLanguage: 'en',
      publishAt: new Date(Date.now() + 60_000).toISOString(),
    });
    const link = await waitForApprovalLink(rt, id);
    const pending = await api.request('/approvals?status=pending');
    expect(pending.status).toBe(200);
    const mine = (pending.body.approvals as Record<string, unknown>[]).filter((a) => a.itemId === id);
    expect(mine).toHaveLength(1);
    expect(JSON.stringify(pending.body)).not.toContain('taskToken');
    expect(JSON.stringify(pending.body)).not.toContain('sebar-local-');

    const reminder = await api.request(`/approvals/${String(mine[0]?.approvalId)}/reminders`, {
      method: 'POST',
    });
    expect(reminder.status).toBe(202);
    const emails = await emailsFor(id);
    expect(emails.map(subjectOf).sort()).toEqual([
      `Approval reminder: ${(await item(id)).title}`,
      `Approval requested: ${(await item(id)).title}`,
    ]);
    expect(emails.every((m) => m.includes('Content-Type: image/jpeg'))).toBe(true);
    // The page speaks the item's language too.
    expect(await (await fetch(localUrl(rt, link))).text()).toContain('Request changes');

    await decideThroughPage(rt, link, 'approve');
    await waitForStatus(id, 'scheduled');
    const late = await api.request(`/approvals/${String(mine[0]?.approvalId)}/reminders`, { method: 'POST' });
    expect(late.status).toBe(409);
    expect((await api.request('/approvals/not-an-approval/reminders', { method: 'POST' })).status).toBe(400);
  });
});
