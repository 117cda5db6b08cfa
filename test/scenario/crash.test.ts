import { type ChildProcess, spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import {
  decideThroughPage,
  sandboxPosts,
  staff,
  submitItem,
  type TestEnv,
  testEnv,
  waitFor,
  waitForApprovalLink,
  waitForItemStatus,
} from '../helpers/local';

/**
 * The worst moment for exactly-once: the platform has accepted the post and the process dies (kill -9)
 * before Sebar writes it down. Started again on the same folder, the workflow runs the publish step
 * again; it must find the post on the platform instead of posting again. Sebar runs in a child process
 * (`local/start.ts`, as `npm start` does), so the kill is a real one.
 */
let env: TestEnv;
let child: ChildProcess | undefined;

const startChild = (extra: Record<string, string>) =>
  spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
    env: { ...process.env, ...env.env, ...extra },
    stdio: ['ignore', 'ignore', 'inherit'],
  });

/** What the test helpers need of a runtime running in another process: its endpoints and folders. */
const seenFromOutside = (): LocalRuntime =>
  ({
    apiToken: env.env.SEBAR_API_TOKEN,
    outboxDir: `${env.dataDir}/outbox`,
    endpoints: {
      gateway: `http://127.0.0.1:${env.env.PORT}`,
      sandbox: `http://127.0.0.1:${env.env.SEBAR_SANDBOX_PORT}`,
    },
  }) as unknown as LocalRuntime;

const started = async () => {
  const rt = seenFromOutside();
  await waitFor('the runtime', async () => (await staff(rt).request('/content')).status === 200, 60_000);
  return rt;
};

beforeAll(async () => {
  env = await testEnv();
});

afterEach(async () => {
  if (child && child.exitCode === null && child.signalCode === null) {
    const gone = new Promise((resolve) => child?.once('exit', resolve));
    child.kill('SIGTERM');
    await gone;
  }
});

describe('a crash between the platform answer and our write', () => {
  it.each(['x', 'instagram'])('is reconciled after the restart: one post on %s', async (platform) => {
    child = startChild({ SEBAR_CRASH_AT: `after-platform-post:${platform}` });
    const exited = new Promise<NodeJS.Signals | null>((resolve) =>
      child?.once('exit', (_code, signal) => resolve(signal)),
    );
    const rt = await started();
    const caption = `Uji crash ${platform} ${Date.now()}: cuci tangan pakai sabun.`;
    const id = await submitItem(rt, { caption });
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    expect(await exited).toBe('SIGKILL');
    // The platform had the post when the process died.
    expect((await sandboxFile()).filter((p) => p.platform === platform && p.text === caption)).toHaveLength(
      1,
    );

    child = startChild({});
    await started();
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
  const state = JSON.parse(await readFile(`${env.dataDir}/sandbox/state.json`, 'utf8')) as {
    posts: { platform: string; text: string }[];
  };
  return state.posts;
};
