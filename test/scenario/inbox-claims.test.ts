import { beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import {
  decideThroughPage,
  sampleItem,
  staff,
  waitForApprovalLink,
  waitForProcessedFeedback,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * The inbox API through real HTTP at the local runtime, with two staff members (two tokens): two replies
 * sent at once reach the platform once and the other sender is told who answered; a platform failure keeps
 * the message open with the claim released; label corrections, assignment, who is writing, saved replies,
 * filters, and bad input that changes nothing.
 */
const COLLEAGUE = 'colleague-token-0123456789';
const { rt } = useRuntime({ env: { SEBAR_STAFF_TOKEN: COLLEAGUE } });
let itemId = '';
const posts: Record<string, string> = {};

/** Requests as the second staff member (staf.humas@localhost). */
const colleague = (r: LocalRuntime) => ({
  request: async (path: string, init: RequestInit = {}) => {
    const res = await fetch(`${r.endpoints.gateway}${path}`, {
      ...init,
      headers: { authorization: `Bearer ${COLLEAGUE}`, 'content-type': 'application/json' },
    });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : {}) as Record<string, unknown> };
  },
});

const comment = async (platform: string, text: string, author = 'warga_antapani') => {
  const r = await fetch(`${rt.endpoints.sandbox}/_sandbox/comments`, {
    method: 'POST',
    body: JSON.stringify({ platform, postId: posts[platform], text, author }),
  });
  expect(r.status).toBe(201);
  const id = `${platform}-${((await r.json()) as { comment: { id: string } }).comment.id}`;
  await waitForProcessedFeedback(rt, id);
  return id;
};

/** What the sandbox platforms hold as replies to one comment (Instagram replies and X reply posts). */
const repliesOnPlatform = async (feedbackId: string) => {
  const platformId = feedbackId.replace(/^(instagram|x)-/, '');
  const comments = (
    (await (await fetch(`${rt.endpoints.sandbox}/_sandbox/comments`)).json()) as {
      comments: { id: string; replyTo?: string; text: string }[];
    }
  ).comments;
  const xPosts = (
    (await (await fetch(`${rt.endpoints.sandbox}/_sandbox/posts`)).json()) as {
      posts: { id: string; replyTo?: string; text: string }[];
    }
  ).posts;
  // An X reply is a post, which the sandbox may also list as a comment: count each id once.
  const byId = new Map(
    [...comments, ...xPosts].filter((c) => c.replyTo === platformId).map((c) => [c.id, c]),
  );
  return [...byId.values()];
};

const post = (body: unknown) => ({ method: 'POST', body: JSON.stringify(body) });

beforeAll(async () => {
  const r = await staff(rt).request('/content', post(await sampleItem()));
  itemId = String(r.body.id);
  await decideThroughPage(rt, await waitForApprovalLink(rt, itemId), 'approve');
  Object.assign(posts, await waitForPublished(rt, itemId));
}, 120_000);

describe('two staff, one citizen', () => {
  it('two replies sent at once: one reaches the platform, the other is told who answered', async () => {
    const id = await comment('instagram', 'Posyandu di Antapani buka hari apa ya?');
    const [a, b] = await Promise.all([
      staff(rt).request(`/feedback/${id}/reply`, post({ text: 'Setiap Rabu pagi, kak.', seenReplies: 0 })),
      colleague(rt).request(`/feedback/${id}/reply`, post({ text: 'Hari Rabu, kak.', seenReplies: 0 })),
    ]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    const [winner, loser] = a.status === 200 ? [a, b] : [b, a];
    const winnerEmail = winner === a ? 'humas@localhost' : 'staf.humas@localhost';
    expect(String(loser.body.message)).toContain(winnerEmail);
    const onPlatform = await repliesOnPlatform(id);
    expect(onPlatform).toHaveLength(1);
    const stored = (await staff(rt).request(`/feedback/${id}`)).body;
    expect(stored.status).toBe('answered');
    expect(stored.replies).toHaveLength(1);
    expect((stored.replies as { by: string; text: string }[])[0]).toMatchObject({
      by: winnerEmail,
      text: onPlatform[0]?.text,
    });
    expect(stored.replyClaim).toBeUndefined();
    // A reply sent later by someone who had not seen the answer is refused too, in the same words.
    const late = await colleague(rt).request(
      `/feedback/${id}/reply`,
      post({ text: 'Rabu.', seenReplies: 0 }),
    );
    expect(late.status).toBe(409);
    expect(String(late.body.message)).toContain(`answered by ${winnerEmail}`);
    expect(await repliesOnPlatform(id)).toHaveLength(1);
    // Having seen it, a second answer on purpose goes through.
    const again = await colleague(rt).request(
      `/feedback/${id}/reply`,
      post({ text: 'Tambahan: mulai pukul 08.00 WIB.', seenReplies: 1 }),
    );
    expect(again.status).toBe(200);
    expect(await repliesOnPlatform(id)).toHaveLength(2);
  }, 60_000);

  it('a platform failure keeps the message open, the claim released and the reason recorded', async () => {
    const id = await comment('x', 'Kenapa jadwal di web beda dengan di puskesmas?');
    const fault = await fetch(`${rt.endpoints.sandbox}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ platform: 'x', operation: 'post', status: 401, times: 1 }),
    });
    expect(fault.status).toBe(201);
    const failed = await staff(rt).request(`/feedback/${id}/reply`, post({ text: 'Kami cek dulu ya, kak.' }));
    expect(failed.status).toBe(502);
    const stored = (await staff(rt).request(`/feedback/${id}`)).body;
    expect(stored.status).toBe('open');
    expect(stored.replyClaim).toBeUndefined();
    expect(stored.replies).toBeUndefined();
    expect(String(stored.lastReplyError)).toMatch(/X refused the access token/);
    expect((stored.history as { kind: string }[]).map((e) => e.kind)).toContain('reply-failed');
    expect(await repliesOnPlatform(id)).toHaveLength(0);
    // The colleague can answer at once: nothing holds the message.
    const retry = await colleague(rt).request(
      `/feedback/${id}/reply`,
      post({ text: 'Kami cek dulu ya, kak.' }),
    );
    expect(retry.status).toBe(200);
    expect(await repliesOnPlatform(id)).toHaveLength(1);
  }, 60_000);

  it('says who else is writing a reply, until they stop', async () => {
    const id = await comment('instagram', 'Kak, vaksin HPV buat umur berapa?');
    // Before anyone writes, stopping is harmless (no leases yet: nothing to remove).
    const idle = await staff(rt).request(`/feedback/${id}/writing`, post({ active: false }));
    expect(idle).toEqual({ status: 200, body: { id, writing: [] } });
    const beat = await colleague(rt).request(`/feedback/${id}/writing`, post({ active: true }));
    expect(beat.status).toBe(200);
    expect(beat.body.writing).toEqual([]);
    const seen = (await staff(rt).request(`/feedback/${id}`)).body;
    expect(seen.writing).toEqual([{ by: 'staf.humas@localhost', until: expect.any(String) }]);
    const mine = await staff(rt).request(`/feedback/${id}/writing`, post({ active: true }));
    expect((mine.body.writing as { by: string }[]).map((w) => w.by)).toEqual(['staf.humas@localhost']);
    await colleague(rt).request(`/feedback/${id}/writing`, post({ active: false }));
    expect((await staff(rt).request(`/feedback/${id}`)).body.writing).toEqual([]);
    expect((await staff(rt).request(`/feedback/${id}/writing`, post({ active: 'yes' }))).status).toBe(400);
    expect((await staff(rt).request('/feedback/x-nothere/writing', post({ active: true }))).status).toBe(404);
  });
});

describe('labels, assignment and filters', () => {
  it('keeps a label correction in the agreed shape, and filters by the new label and category', async () => {
    const id = await comment('instagram', 'obatnya kosong terus di puskesmas, kapan ada lagi');
    const before = (await staff(rt).request(`/feedback/${id}`)).body;
    expect(before.why).toMatchObject({ source: 'classifier' });
    const bad = await staff(rt).request(`/feedback/${id}/label`, post({ label: 'complaint' }));
    expect(bad.status).toBe(400);
    const wrong = await staff(rt).request(
      `/feedback/${id}/label`,
      post({ label: 'question', category: 'stock' }),
    );
    expect(wrong.status).toBe(400);
    expect((await staff(rt).request(`/feedback/${id}`)).body.corrections).toBeUndefined();

    const r = await colleague(rt).request(
      `/feedback/${id}/label`,
      post({ label: 'complaint', category: 'stock' }),
    );
    const to = { label: 'complaint', category: 'stock' };
    if (before.label === 'complaint' && before.category === 'stock') expect(r.status).toBe(400);
    else expect(r.status).toBe(200);
    const fix = await staff(rt).request(
      `/feedback/${id}/label`,
      post({ label: 'complaint', category: 'facility' }),
    );
    expect(fix.status).toBe(200);
    const after = (await staff(rt).request(`/feedback/${id}`)).body;
    expect(after.label).toBe('complaint');
    expect(after.category).toBe('facility');
    const corrections = after.corrections as { by: string; at: string; from: unknown; to: unknown }[];
    expect(corrections.at(-1)).toEqual({
      by: 'humas@localhost',
      at: expect.any(String),
      from: r.status === 200 ? to : { label: before.label, category: before.category ?? null },
      to: { label: 'complaint', category: 'facility' },
    });
    expect(after.why).toMatchObject({ source: 'staff', by: 'humas@localhost' });
    expect((after.history as { kind: string }[]).map((e) => e.kind)).toContain('relabelled');

    const facility = (await staff(rt).request(`/feedback?category=facility&itemId=${itemId}`)).body
      .feedback as { id: string }[];
    expect(facility.map((f) => f.id)).toEqual([id]);
    expect((await staff(rt).request('/feedback?category=parking')).status).toBe(400);
  });

  it('assigns a message to a colleague and filters by who has it', async () => {
    const id = await comment('x', 'Min, pendaftaran BPJS untuk bayi bagaimana?');
    const given = await staff(rt).request(`/feedback/${id}/assign`, post({ to: 'staf.humas@localhost' }));
    expect(given.status).toBe(200);
    const mine = (await colleague(rt).request('/feedback?assignedTo=staf.humas@localhost')).body.feedback as {
      id: string;
    }[];
    expect(mine.map((f) => f.id)).toEqual([id]);
    const nobody = (await staff(rt).request(`/feedback?assignedTo=none&itemId=${itemId}`)).body.feedback as {
      id: string;
    }[];
    expect(nobody.map((f) => f.id)).not.toContain(id);
    expect(nobody.length).toBeGreaterThan(0);
    expect((await staff(rt).request(`/feedback/${id}/assign`, post({ to: 'not an email' }))).status).toBe(
      400,
    );
    expect((await staff(rt).request('/feedback?assignedTo=someone')).status).toBe(400);
    expect((await staff(rt).request('/feedback?lable=complaint')).status).toBe(400);
    const back = await colleague(rt).request(`/feedback/${id}/assign`, post({ to: null }));
    expect(back.status).toBe(200);
    const stored = (await staff(rt).request(`/feedback/${id}`)).body;
    expect(stored.assignedTo).toBeUndefined();
    expect(stored.assignments).toEqual([
      { by: 'humas@localhost', at: expect.any(String), to: 'staf.humas@localhost' },
      { by: 'staf.humas@localhost', at: expect.any(String), to: null },
    ]);
  });

  it('shows the post a message answers: its title, caption and image', async () => {
    const id = await comment('instagram', 'Terima kasih infonya, Dinkes!');
    const detail = (await staff(rt).request(`/feedback/${id}`)).body;
    const post = detail.post as { itemId: string; caption: string; image?: { url: string; altText: string } };
    expect(post.itemId).toBe(itemId);
    expect(post.caption).toMatch(/Imunisasi campak-rubela/);
    expect(post.image?.altText).toBe('Poster imunisasi campak-rubela');
    const image = await fetch(String(post.image?.url));
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toMatch(/image\/jpeg/);
  });
});

describe('saved replies', () => {
  it('are created, edited with the version seen, and deleted; stale or bad edits change nothing', async () => {
    const created = await staff(rt).request(
      '/saved-replies',
      post({ title: 'Jadwal posyandu', text: 'Halo {nama}, posyandu buka setiap Rabu pukul 08.00 WIB.' }),
    );
    expect(created.status).toBe(201);
    const sr = created.body as { id: string; version: number };
    expect(
      (await staff(rt).request('/saved-replies', post({ title: 'Typo', text: 'Halo {nma}' }))).status,
    ).toBe(400);
    const edit = await colleague(rt).request(`/saved-replies/${sr.id}`, {
      method: 'PUT',
      body: JSON.stringify({
        title: 'Jadwal posyandu',
        text: 'Halo {nama}, posyandu buka Rabu.',
        version: 1,
      }),
    });
    expect(edit.status).toBe(200);
    const stale = await staff(rt).request(`/saved-replies/${sr.id}`, {
      method: 'PUT',
      body: JSON.stringify({ title: 'Lama', text: 'Versi lama', version: 1 }),
    });
    expect(stale.status).toBe(409);
    const list = (await staff(rt).request('/saved-replies')).body.savedReplies as {
      id: string;
      text: string;
      version: number;
      updatedBy: string;
    }[];
    expect(list.find((r) => r.id === sr.id)).toMatchObject({
      text: 'Halo {nama}, posyandu buka Rabu.',
      version: 2,
      updatedBy: 'staf.humas@localhost',
    });
    expect((await staff(rt).request(`/saved-replies/${sr.id}?version=1`, { method: 'DELETE' })).status).toBe(
      409,
    );
    expect((await staff(rt).request(`/saved-replies/${sr.id}?version=2`, { method: 'DELETE' })).status).toBe(
      200,
    );
    expect((await staff(rt).request(`/saved-replies/${sr.id}?version=2`, { method: 'DELETE' })).status).toBe(
      404,
    );
    expect((await staff(rt).request('/saved-replies/bad id', { method: 'DELETE' })).status).toBe(400);
  });
});
