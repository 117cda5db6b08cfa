import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  decideThroughPage,
  sampleItem,
  staff,
  waitFor,
  waitForApprovalLink,
  waitForProcessedFeedback,
  waitForPublished,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/** Sandbox comment on a published item → inbox (classified, linked) → reply → the sandbox holds the reply. */
const { rt } = useRuntime();
let api: ReturnType<typeof staff>;
let itemId = '';
const posts: Record<string, string> = {};

const comment = async (platform: string, text: string) => {
  const r = await fetch(`${rt.endpoints.sandbox}/_sandbox/comments`, {
    method: 'POST',
    body: JSON.stringify({ platform, postId: posts[platform], text, author: 'warga_cibiru' }),
  });
  expect(r.status).toBe(201);
  const id = ((await r.json()) as { comment: { id: string } }).comment.id;
  await waitForProcessedFeedback(rt, `${platform}-${id}`);
  return id;
};
const sandboxComments = async () =>
  (
    (await (await fetch(`${rt.endpoints.sandbox}/_sandbox/comments`)).json()) as {
      comments: { platform: string; id: string; text: string; replyTo?: string }[];
    }
  ).comments;

beforeAll(async () => {
  api = staff(rt);
  const r = await api.request('/content', { method: 'POST', body: JSON.stringify(await sampleItem()) });
  itemId = String(r.body.id);
  await decideThroughPage(rt, await waitForApprovalLink(rt, itemId), 'approve');
  Object.assign(posts, await waitForPublished(rt, itemId));
});

describe('the feedback inbox', () => {
  it('shows comments classified, linked to the item, urgent first', async () => {
    await comment('instagram', 'Terima kasih infonya kak, sangat membantu');
    await comment('x', 'tolong ada warga pingsan di antrian puskesmas, ambulans belum datang');
    await comment('instagram', 'min, antri dari jam 7 blm dipanggil');
    const r = await api.request(`/feedback?itemId=${itemId}`);
    expect(r.status).toBe(200);
    const list = r.body.feedback as {
      text: string;
      urgent: boolean;
      label: string;
      itemId: string;
      status: string;
    }[];
    expect(list).toHaveLength(3);
    expect(list[0]?.urgent).toBe(true);
    expect(list.every((f) => f.itemId === itemId && f.status === 'open')).toBe(true);
    // The urgent one reached the on-duty officer at once, by email.
    const alerts = await waitFor('the urgent alert', async () => {
      const found: string[] = [];
      for (const n of (await readdir(rt.outboxDir)).filter((f) => f.endsWith('.eml'))) {
        const mime = await readFile(join(rt.outboxDir, n), 'utf8');
        if (mime.includes('X-Sebar-Feedback: x-') && mime.includes('To: piket.humas@dinkes.example.go.id'))
          found.push(mime);
      }
      return found.length ? found : undefined;
    });
    expect(alerts).toHaveLength(1);
    const complaints = await api.request(`/feedback?itemId=${itemId}&label=complaint`);
    expect((complaints.body.feedback as { text: string }[]).map((f) => f.text)).toContain(
      'min, antri dari jam 7 blm dipanggil',
    );
    expect((await api.request('/feedback?label=nonsense')).status).toBe(400);
  });

  it('replies on Instagram and X, records the reply, and the sandbox holds it', async () => {
    const igComment = await comment('instagram', 'Jadwal vaksin campak di puskesmas Cibiru kapan ya?');
    const xComment = await comment('x', 'Vaksin campak gratis kah min?');
    for (const [platform, id, text] of [
      ['instagram', igComment, 'Setiap Selasa pukul 08.00-12.00 WIB, kak. Bawa buku KIA ya.'],
      ['x', xComment, 'Gratis, kak. Datang ke puskesmas terdekat dengan buku KIA.'],
    ] as const) {
      const r = await api.request(`/feedback/${platform}-${id}/reply`, {
        method: 'POST',
        body: JSON.stringify({ text }),
      });
      expect(r.status).toBe(200);
      const stored = (await api.request(`/feedback/${platform}-${id}`)).body;
      expect(stored.status).toBe('answered');
      expect((stored.replies as { text: string }[])[0]?.text).toBe(text);
      expect(
        (await sandboxComments()).some((c) => c.platform === platform && c.replyTo === id && c.text === text),
      ).toBe(true);
    }
  });

  it('says why a reply failed, and closes with a note', async () => {
    const id = await comment('x', 'Kok informasinya beda sama di puskesmas?');
    await fetch(`${rt.endpoints.sandbox}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ platform: 'x', operation: 'post', status: 401, times: 1 }),
    });
    const failed = await api.request(`/feedback/x-${id}/reply`, {
      method: 'POST',
      body: JSON.stringify({ text: 'Mohon maaf kak, kami cek.' }),
    });
    expect(failed.status).toBe(502);
    expect(String(failed.body.message)).toMatch(/X refused the access token/);
    expect((await api.request(`/feedback/x-${id}`)).body.status).toBe('open');
    const closed = await api.request(`/feedback/x-${id}/close`, {
      method: 'POST',
      body: JSON.stringify({ note: 'Dijawab lewat telepon' }),
    });
    expect(closed.status).toBe(200);
    expect(
      (
        await api.request(`/feedback/x-${id}/close`, {
          method: 'POST',
          body: JSON.stringify({ note: 'lagi' }),
        })
      ).status,
    ).toBe(409);
    expect(
      (await api.request(`/feedback/x-${id}/reply`, { method: 'POST', body: JSON.stringify({ text: 'x' }) }))
        .status,
    ).toBe(409);
    expect(
      (await api.request('/feedback/x-999/close', { method: 'POST', body: JSON.stringify({ note: 'n' }) }))
        .status,
    ).toBe(404);
  });

  it('fact-finding puts recent related questions and complaints beside a new item', async () => {
    const r = await api.request('/content', {
      method: 'POST',
      body: JSON.stringify(await sampleItem({ publishAt: new Date(Date.now() + 600_000).toISOString() })),
    });
    const id = String(r.body.id);
    const item = await waitFor('fact-finding', async () => {
      const body = (await api.request(`/content/${id}`)).body;
      return body.factFinding ? body : undefined;
    });
    const related = (item.factFinding as { related: { text: string; shared: string[] }[] }).related;
    const texts = related.map((x) => x.text);
    expect(texts).toEqual(
      expect.arrayContaining([
        'Jadwal vaksin campak di puskesmas Cibiru kapan ya?',
        'Vaksin campak gratis kah min?',
      ]),
    );
    expect(texts).not.toContain('min, antri dari jam 7 blm dipanggil');
    expect(texts).not.toContain('Terima kasih infonya kak, sangat membantu');
    expect(related.every((x) => x.shared.includes('campak'))).toBe(true);
    // The approver sees them too.
    const page = await (
      await fetch(
        (await waitForApprovalLink(rt, id)).replace(/^http:\/\/localhost:\d+/, rt.endpoints.gateway),
      )
    ).text();
    expect(page).toContain('Pertanyaan dan keluhan warga terkait');
    expect(page).toContain('Vaksin campak gratis kah min?');
  });
});
