import { DescribeExecutionCommand, SFNClient } from '@aws-sdk/client-sfn';
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

// The workflow re-reads the publish time at least this often (one hour by default).
process.env.SCHEDULE_CHECK_SECONDS = '2';

const { rt } = useRuntime();
let api: ReturnType<typeof staff>;
const inSeconds = (s: number) => new Date(Date.now() + s * 1000).toISOString();
const item = async (id: string) => (await api.request(`/content/${id}`)).body;
const approved = async (publishAt: string) => {
  const r = await api.request('/content', {
    method: 'POST',
    body: JSON.stringify(await sampleItem({ publishAt })),
  });
  const id = String(r.body.id);
  await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
  await waitFor('scheduled', async () => (await item(id)).status === 'scheduled');
  return id;
};
const publishedAt = async (id: string) =>
  waitFor('publication', async () => {
    const body = await item(id);
    const times = (body.publications as { publishedAt?: string }[]).map((p) => p.publishedAt).filter(Boolean);
    return times.length === 2 ? (times as string[]).sort()[0] : undefined;
  });

beforeAll(async () => {
  api = staff(rt);
});

describe('reschedule and cancel an approved item', () => {
  it('a later publish time keeps the approval and is honoured', async () => {
    const id = await approved(inSeconds(30));
    const later = inSeconds(8);
    const r = await api.request(`/content/${id}/schedule`, {
      method: 'POST',
      body: JSON.stringify({ publishAt: later }),
    });
    expect(r.status).toBe(200);
    expect(r.body.approvalKept).toBe(true);
    expect(String(r.body.publishAtLocal)).toContain('WIB');
    const at = await publishedAt(id);
    expect(new Date(at).getTime()).toBeGreaterThanOrEqual(new Date(later).getTime() - 1000);
    const body = await item(id);
    expect(body.revision).toBe(1);
    expect((body.reschedules as { to: string }[]).map((x) => x.to)).toEqual([new Date(later).toISOString()]);
  });

  it('an earlier publish time is picked up at the next schedule check', async () => {
    const id = await approved(inSeconds(600));
    const sooner = inSeconds(6);
    expect(
      (
        await api.request(`/content/${id}/schedule`, {
          method: 'POST',
          body: JSON.stringify({ publishAt: sooner }),
        })
      ).status,
    ).toBe(200);
    const at = await publishedAt(id);
    expect(new Date(at).getTime()).toBeLessThan(Date.now() + 60_000);
    expect(new Date(at).getTime()).toBeGreaterThanOrEqual(new Date(sooner).getTime() - 1000);
  });

  it('refuses bad times and items that already went out', async () => {
    const id = await approved(inSeconds(600));
    const past = await api.request(`/content/${id}/schedule`, {
      method: 'POST',
      body: JSON.stringify({ publishAt: inSeconds(-60) }),
    });
    expect(past.status).toBe(400);
    const noOffset = await api.request(`/content/${id}/schedule`, {
      method: 'POST',
      body: JSON.stringify({ publishAt: '2027-01-01T09:00:00' }),
    });
    expect(noOffset.status).toBe(400);
    await api.request(`/content/${id}/cancel`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'cleanup' }),
    });
    const closed = await api.request(`/content/${id}/schedule`, {
      method: 'POST',
      body: JSON.stringify({ publishAt: inSeconds(120) }),
    });
    expect(closed.status).toBe(409);
  });

  it('cancel stops the execution cleanly and nothing is published', async () => {
    const publishAt = inSeconds(15);
    const id = await approved(publishAt);
    expect(
      (await api.request(`/content/${id}/cancel`, { method: 'POST', body: JSON.stringify({}) })).status,
    ).toBe(400);
    const r = await api.request(`/content/${id}/cancel`, {
      method: 'POST',
      body: JSON.stringify({ reason: 'Data diperbarui, konten ditarik' }),
    });
    expect(r.status).toBe(200);
    const body = await item(id);
    expect(body.status).toBe('cancelled');
    expect(String(body.statusReason)).toContain('Data diperbarui');
    const sfn = new SFNClient({
      endpoint: rt.endpoints.stepfunctions,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
    });
    expect(
      (await sfn.send(new DescribeExecutionCommand({ executionArn: String(body.executionArn) }))).status,
    ).toBe('ABORTED');
    sfn.destroy();
    // Past the publish time it would have had: still nothing on the platforms.
    await new Promise((res) =>
      setTimeout(res, Math.max(0, new Date(publishAt).getTime() - Date.now() + 2000)),
    );
    expect((await sandboxPosts(rt)).filter((p) => p.text === body.caption)).toEqual([]);
    expect(
      (
        await api.request(`/content/${id}/cancel`, {
          method: 'POST',
          body: JSON.stringify({ reason: 'again' }),
        })
      ).status,
    ).toBe(409);
  });
});
