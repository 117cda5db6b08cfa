import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import {
  decideThroughPage,
  sampleItem,
  sandboxPosts,
  staff,
  startTestRuntime,
  testEnv,
  waitFor,
  waitForApprovalLink,
} from '../helpers/local';

// Platform calls give up after 1.5 s here (15 s by default), so a held answer is a timeout.
process.env.PLATFORM_TIMEOUT_MS = '1500';

let rt: LocalRuntime;
let api: ReturnType<typeof staff>;
const fault = (f: Record<string, unknown>) =>
  fetch(`${rt.endpoints.sandbox}/_sandbox/faults`, { method: 'POST', body: JSON.stringify(f) });
const publish = async () => {
  const r = await api.request('/content', { method: 'POST', body: JSON.stringify(await sampleItem()) });
  const id = String(r.body.id);
  await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
  return waitFor(`item ${id} evaluated`, async () => {
    const body = (await api.request(`/content/${id}`)).body;
    return ['evaluated', 'failed'].includes(String(body.status)) ? body : undefined;
  });
};

beforeAll(async () => {
  rt = await startTestRuntime(await testEnv());
  api = staff(rt);
});
afterAll(async () => {
  await rt?.stop();
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
});
