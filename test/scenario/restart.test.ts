import { readdir } from 'node:fs/promises';
import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
import { describe, expect, it } from 'vitest';
import {
  approvalLinks,
  decideThroughPage,
  sampleItem,
  sandboxPosts,
  staff,
  waitFor,
  waitForApprovalLink,
  waitForItemStatus,
  waitForStage,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/**
 * The local runtime is stopped mid-item and started again on the same data folder: nothing is lost,
 * nothing is sent or published twice.
 */
// rt stays the same object across restarts: it always reads the runtime running now.
const { rt, restart, start, stop } = useRuntime();

const status = async (id: string) => (await staff(rt).request(`/content/${id}`)).body;
const waitForStatus = (id: string, want: string) => waitForItemStatus(rt, id, want);

describe('restarting the local runtime', () => {
  it('an item waiting for approval can still be approved after a restart, with one email and one post each', async () => {
    const api = staff(rt);
    const created = await api.request('/content', {
      method: 'POST',
      body: JSON.stringify(await sampleItem()),
    });
    const id = String(created.body.id);
    const link = await waitForApprovalLink(rt, id);
    const emailsBefore = (await readdir(rt.outboxDir)).length;

    await restart();
    expect(rt.resumed).toBeGreaterThanOrEqual(1);
    expect((await status(id)).status).toBe('awaiting-approval');
    // The resumed execution re-ran its steps; the approval email was not sent again.
    await new Promise((r) => setTimeout(r, 500));
    expect((await readdir(rt.outboxDir)).length).toBe(emailsBefore);
    expect(await approvalLinks(rt, id)).toEqual([link]);

    expect((await decideThroughPage(rt, link, 'approve')).status).toBe(200);
    const item = await waitForStatus(id, 'evaluated');
    const pubs = item.publications as { platform: string; postId: string }[];
    const posts = await sandboxPosts(rt);
    for (const p of pubs)
      expect(posts.filter((s) => s.id === p.postId && s.platform === p.platform)).toHaveLength(1);
    expect(posts.filter((s) => s.text === item.caption)).toHaveLength(2);
  });

  it('an approved item waiting to publish publishes once after a restart that spans its publish time', async () => {
    const api = staff(rt);
    // Far enough ahead that the item is still `scheduled` when the runtime stops, even on a slow machine.
    const publishAt = new Date(Date.now() + 8000).toISOString();
    const created = await api.request('/content', {
      method: 'POST',
      body: JSON.stringify(await sampleItem({ publishAt })),
    });
    const id = String(created.body.id);
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    await waitForStatus(id, 'scheduled');

    await stop();
    await new Promise((r) => setTimeout(r, Math.max(0, new Date(publishAt).getTime() - Date.now() + 500)));
    await start();

    const item = await waitForStatus(id, 'evaluated');
    const posts = (await sandboxPosts(rt)).filter((s) => s.text === item.caption);
    expect(posts.map((p) => p.platform).sort()).toEqual(['instagram', 'x']);
  });

  it('an item stopped in the middle of publishing is published once per platform', async () => {
    const api = staff(rt);
    // The container stays IN_PROGRESS for a while, so the runtime stops while Instagram is mid-publish.
    await fetch(`${rt.endpoints.sandbox}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({
        platform: 'instagram',
        operation: 'create-container',
        inProgressPolls: 1,
        times: 1,
      }),
    });
    const created = await api.request('/content', {
      method: 'POST',
      body: JSON.stringify(await sampleItem()),
    });
    const id = String(created.body.id);
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    await waitFor(
      'a publication to start',
      async () => ((await status(id)).publications as unknown[]).length > 0,
    );
    await restart();
    const item = await waitForStatus(id, 'evaluated');
    const posts = (await sandboxPosts(rt)).filter((s) => s.text === item.caption);
    expect(posts.map((p) => p.platform).sort()).toEqual(['instagram', 'x']);
  });

  it('an evaluated item waiting for its late metrics reads them once after a restart, nothing redone', async () => {
    const api = staff(rt);
    const created = await api.request('/content', {
      method: 'POST',
      body: JSON.stringify(await sampleItem({ reevaluateAfter: 'PT12S' })),
    });
    const id = String(created.body.id);
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    const evaluated = await waitForStatus(id, 'evaluated');
    const firstReadings = (evaluated.publications as { metrics: { at: string }[] }[]).map((p) => p.metrics);
    expect(firstReadings.every((m) => m.length === 1)).toBe(true);
    const emailsBefore = (await readdir(rt.outboxDir)).length;
    await restart();
    const item = await waitForStage(rt, id, 'reevaluated', 45_000);
    // The first reading is the one taken before the restart; the second is the late one. Nothing else.
    const pubs = item.publications as { metrics: { at: string }[] }[];
    expect(pubs.map((p) => p.metrics.length)).toEqual([2, 2]);
    expect(pubs.map((p) => p.metrics[0]?.at)).toEqual(firstReadings.map((m) => m[0]?.at));
    expect((await sandboxPosts(rt)).filter((p) => p.text === item.caption)).toHaveLength(2);
    expect((await readdir(rt.outboxDir)).length).toBe(emailsBefore);
    const sfn = new SFNClient({
      endpoint: rt.endpoints.stepfunctions,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    const execution = await waitFor('the execution to end', async () => {
      const d = await sfn.send(new DescribeExecutionCommand({ executionArn: String(item.executionArn) }));
      return d.status !== 'RUNNING' ? d : undefined;
    });
    sfn.destroy();
    expect(execution.status).toBe('SUCCEEDED');
  });
});
