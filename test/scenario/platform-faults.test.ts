import { beforeAll, describe, expect, it } from 'vitest';
import {
  decideThroughPage,
  sampleItem,
  sandboxPosts,
  staff,
  waitFor,
  waitForApprovalLink,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

// Platform calls give up after 1.5 s here (15 s by default), so a held answer is a timeout.
process.env.PLATFORM_TIMEOUT_MS = '1500';

const { rt } = useRuntime();
let api: ReturnType<typeof staff>;
const fault = (f: Record<string, unknown>) =>
  fetch(`${rt.endpoints.sandbox}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(f) });
const publish = async (overrides: Record<string, unknown> = {}) => {
  const r = await api.request('/content', {
    method: 'POST',
    body: JSON.stringify(await sampleItem(overrides)),
  });
  const id = String(r.body.id);
  await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
  return waitFor(`item ${id} evaluated`, async () => {
    const body = (await api.request(`/content/${id}`)).body;
    return ['evaluated', 'failed'].includes(String(body.status)) ? body : undefined;
  });
};

beforeAll(async () => {
  api = staff(rt);
});

describe('platform faults end with exactly one post, or none with an honest status', () => {
  it('a timeout after X accepted the post: reconciled, one post', async () => {
    await fault({
      platform: 'x',
      operation: 'post',
      status: 201,
      afterSuccess: true,
      delayMs: 4000,
      times: 1,
    });
    const item = await publish();
    const x = (item.publications as { platform: string; state: string; postId: string }[]).find(
      (p) => p.platform === 'x',
    );
    expect(x?.state).toBe('published');
    const posts = (await sandboxPosts(rt)).filter((p) => p.platform === 'x' && p.text === item.caption);
    expect(posts.map((p) => p.id)).toEqual([x?.postId]);
  });

  it('a timeout after Instagram published: reconciled, one post', async () => {
    await fault({
      platform: 'instagram',
      operation: 'publish',
      status: 200,
      afterSuccess: true,
      delayMs: 4000,
      times: 1,
    });
    const item = await publish();
    const ig = (item.publications as { platform: string; state: string; postId: string }[]).find(
      (p) => p.platform === 'instagram',
    );
    expect(ig?.state).toBe('published');
    const posts = (await sandboxPosts(rt)).filter(
      (p) => p.platform === 'instagram' && p.text === item.caption,
    );
    expect(posts.map((p) => p.id)).toEqual([ig?.postId]);
  });

  it('an EXPIRED container is replaced, and the item is posted once', async () => {
    await fault({
      platform: 'instagram',
      operation: 'create-container',
      containerStatus: 'EXPIRED',
      times: 1,
    });
    const item = await publish();
    expect(
      (item.publications as { platform: string; state: string }[]).every((p) => p.state === 'published'),
    ).toBe(true);
    expect(
      (await sandboxPosts(rt)).filter((p) => p.platform === 'instagram' && p.text === item.caption),
    ).toHaveLength(1);
  });

  it('an invalid Instagram token fails Instagram only, with the reason', async () => {
    await fault({
      platform: 'instagram',
      operation: 'create-container',
      status: 400,
      times: 1,
      body: {
        error: {
          message: 'Error validating access token: Session has expired',
          type: 'OAuthException',
          code: 190,
        },
      },
    });
    const item = await publish();
    const pubs = item.publications as { platform: string; state: string; error?: string }[];
    expect(pubs.find((p) => p.platform === 'x')?.state).toBe('published');
    expect(pubs.find((p) => p.platform === 'instagram')).toMatchObject({ state: 'failed' });
    expect(pubs.find((p) => p.platform === 'instagram')?.error).toMatch(/access token is invalid or expired/);
    expect(
      (await sandboxPosts(rt)).filter((p) => p.platform === 'instagram' && p.text === item.caption),
    ).toHaveLength(0);
  });

  // A caption long enough for a three-post thread on X (each part numbered, so each text is unique).
  const longCaption = (tag: string, rest = tag) =>
    [
      `Waspada DBD di musim hujan (${tag}).`,
      'Lakukan 3M Plus setiap minggu: menguras bak mandi dan tempat penampungan air, menutup rapat wadah air, dan mendaur ulang barang bekas yang bisa menampung air hujan.',
      `Plus (${rest}): pakai losion anti nyamuk, pasang kelambu saat tidur siang, tanam tanaman pengusir nyamuk, dan periksa jentik di rumah dan sekolah.`,
      `Jika demam tinggi mendadak dua hari atau lebih, muncul bintik merah, atau nyeri perut hebat, segera periksa ke puskesmas terdekat. Info ${rest}: 119.`,
    ].join(' ');
  const xThread = async (caption: string) => {
    const posts = (await sandboxPosts(rt)).filter((p) => p.platform === 'x');
    const head = posts.find((p) => p.text.startsWith(caption.slice(0, 30)));
    const thread = head ? [head] : [];
    for (
      let next = posts.find((p) => p.replyTo === head?.id);
      next;
      next = posts.find((p) => p.replyTo === next?.id)
    )
      thread.push(next);
    return { thread, all: posts.filter((p) => p === head || thread.includes(p)) };
  };

  it('a thread whose second post failed is finished on the retry, not restarted', async () => {
    await fault({ platform: 'x', operation: 'post', status: 503, skip: 1, times: 1 });
    const caption = longCaption(`503 ${Date.now()}`);
    const item = await publish({ caption });
    const x = (
      item.publications as { platform: string; state: string; postId: string; attempts: number }[]
    ).find((p) => p.platform === 'x');
    expect(x?.state).toBe('published');
    expect(x?.attempts).toBeGreaterThanOrEqual(2);
    const { thread } = await xThread(caption);
    expect(thread.map((p) => p.text.match(/\((\d+\/\d+)\)$/)?.[1])).toEqual(['1/3', '2/3', '3/3']);
    expect(thread[0]?.id).toBe(x?.postId);
    // Exactly three posts on X for this caption: the head was not posted again.
    expect(
      (await sandboxPosts(rt)).filter((p) => p.platform === 'x' && thread.some((t) => t.text === p.text)),
    ).toHaveLength(3);
  });

  it('a thread part that went out without an answer is found, not posted twice', async () => {
    await fault({ platform: 'x', operation: 'post', status: 500, afterSuccess: true, skip: 1, times: 1 });
    const caption = longCaption(`500 ${Date.now()}`);
    const item = await publish({ caption });
    expect(
      (item.publications as { platform: string; state: string }[]).find((p) => p.platform === 'x')?.state,
    ).toBe('published');
    const { thread } = await xThread(caption);
    expect(thread.map((p) => p.text.match(/\((\d+\/\d+)\)$/)?.[1])).toEqual(['1/3', '2/3', '3/3']);
    expect(
      (await sandboxPosts(rt)).filter((p) => p.platform === 'x' && thread.some((t) => t.text === p.text)),
    ).toHaveLength(3);
  });

  it('a thread part X refuses as a repeat of an earlier post leaves the thread published, with a warning', async () => {
    // Two threads that differ only in their first part: X already has the later parts from the first.
    const shared = `bersama ${Date.now()}`;
    const first = longCaption(`a ${Date.now()}`, shared);
    await publish({ caption: first });
    const second = longCaption(`b ${Date.now()}`, shared);
    const item = await publish({ caption: second });
    const x = (item.publications as { platform: string; state: string; warning?: string }[]).find(
      (p) => p.platform === 'x',
    );
    expect(x?.state).toBe('published');
    expect(x?.warning).toMatch(/part 2 of 3 as a duplicate/);
    // The second thread stops where X refused it; it never borrows the first thread's posts.
    const { thread } = await xThread(second);
    expect(thread).toHaveLength(1);
    expect((await xThread(first)).thread).toHaveLength(3);
  });

  it('X media still processing is polled on the next attempt, not uploaded again', async () => {
    const calls = async () =>
      (
        (await (await fetch(`${rt.endpoints.sandbox}/_sandbox/calls`)).json()) as {
          calls: Record<string, number>;
        }
      ).calls;
    const before = (await calls())['POST /x/2/media/upload/initialize'] ?? 0;
    await fault({ platform: 'x', operation: 'media-processing', status: 200, inProgressPolls: 2, times: 1 });
    const item = await publish();
    const x = (item.publications as { platform: string; state: string; attempts: number }[]).find(
      (p) => p.platform === 'x',
    );
    expect(x?.state).toBe('published');
    expect(x?.attempts).toBeGreaterThanOrEqual(2);
    expect(((await calls())['POST /x/2/media/upload/initialize'] ?? 0) - before).toBe(1);
  });
});
