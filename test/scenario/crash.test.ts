import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import {
  decideThroughPage,
  sandboxPosts,
  submitItem,
  waitForApprovalLink,
  waitForItemStatus,
} from '../helpers/local';
import { useRuntimeProcess } from '../helpers/runtime';

/**
 * The worst moment for exactly-once: the platform has accepted the post and the process dies (kill -9)
 * before Sebar writes it down. Started again on the same folder, the workflow runs the publish step
 * again; it must find the post on the platform instead of posting again. Sebar runs in a child process
 * (`local/start.ts`, as `npm start` does), so the kill is a real one.
 */
const runtime = useRuntimeProcess();

// Two process starts and a wait of up to a minute: alone here each test takes 30 to 50 s, on Node 20 and 24
// alike, and both ran out of the default minute in a full run under load.
describe('a crash between the platform answer and our write', { timeout: 180_000 }, () => {
  it.each(['x', 'instagram'])('is reconciled after the restart: one post on %s', async (platform) => {
    const child = runtime.spawn({ SEBAR_CRASH_AT: `after-platform-post:${platform}` });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child.once('exit', (_code, signal) => resolve(signal)),
    );
    const rt = await runtime.started();
    const caption = `Uji crash ${platform} ${Date.now()}: cuci tangan pakai sabun.`;
    const id = await submitItem(rt, { caption });
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    expect(await exited).toBe('SIGKILL');
    // The platform had the post when the process died.
    expect((await sandboxFile()).filter((p) => p.platform === platform && p.text === caption)).toHaveLength(
      1,
    );

    runtime.spawn();
    await runtime.started();
    const done = await waitForItemStatus(rt, id, 'evaluated', 60_000);
    const posts = (await sandboxPosts(rt)).filter((p) => p.text === caption);
    expect(posts.map((p) => p.platform).sort()).toEqual(['instagram', 'x']);
    const pub = (
      done.publications as { platform: string; state: string; postId: string; attempts: number }[]
    ).find((p) => p.platform === platform);
    expect(pub).toMatchObject({ state: 'published', postId: posts.find((p) => p.platform === platform)?.id });
    // The second attempt found the post instead of making one.
    expect(pub?.attempts).toBeGreaterThanOrEqual(2);
  });
});

/** The sandbox's saved state, read from disk while no runtime is running. */
const sandboxFile = async () => {
  const state = JSON.parse(await readFile(`${runtime.env().dataDir}/sandbox/state.json`, 'utf8')) as {
    posts: { platform: string; text: string }[];
  };
  return state.posts;
};
