import { GetObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  approvalLinks,
  decideThroughPage,
  localUrl,
  sampleItem,
  sandboxPosts,
  staff,
  submitItem,
  waitForApprovalLink,
  waitForItemStatus,
  waitForStage,
} from '../helpers/local';
import { useRuntime } from '../helpers/runtime';

/** The real ASL, run by the local Step Functions service with the real handlers, end to end over HTTP. */
const { rt } = useRuntime();
let api: ReturnType<typeof staff>;

const waitForStatus = (id: string, status: string, timeoutMs?: number) =>
  waitForItemStatus(rt, id, status, timeoutMs);
const submit = (overrides: Record<string, unknown> = {}) => submitItem(rt, overrides);

beforeAll(async () => {
  api = staff(rt);
});

describe('content lifecycle through the real workflow', () => {
  it('approved → published once per platform → evaluated, with a report in S3', async () => {
    const id = await submit();
    const link = await waitForApprovalLink(rt, id);
    expect(link).not.toContain('sebar-local-'); // the task token never appears in a link
    expect((await decideThroughPage(rt, link, 'approve')).status).toBe(200);

    const item = await waitForStatus(id, 'evaluated');
    const stages = (item.timeline as { stage: string }[]).map((t) => t.stage);
    expect(stages).toEqual([
      'submitted',
      'fact-finding',
      'approval-requested',
      'approved',
      'published',
      'evaluated',
    ]);
    const pubs = item.publications as {
      platform: string;
      state: string;
      postId: string;
      metrics?: unknown[];
    }[];
    expect(pubs.map((p) => [p.platform, p.state]).sort()).toEqual([
      ['instagram', 'published'],
      ['x', 'published'],
    ]);
    expect(pubs.every((p) => (p.metrics?.length ?? 0) >= 1)).toBe(true);

    const posts = await sandboxPosts(rt);
    for (const p of pubs) {
      const matching = posts.filter((s) => s.platform === p.platform && s.id === p.postId);
      expect(matching).toHaveLength(1);
      expect(matching[0]?.media.length).toBe(1);
    }
    const s3 = new S3Client({ endpoint: rt.endpoints.s3, forcePathStyle: true });
    const report = await s3.send(new GetObjectCommand({ Bucket: rt.bucket, Key: String(item.reportKey) }));
    const json = JSON.parse(await report.Body!.transformToString()) as {
      itemId: string;
      platforms: unknown[];
    };
    expect(json.itemId).toBe(id);
    expect(json.platforms).toHaveLength(2);
    s3.destroy();
  });

  it('rejected through the page ends as rejected with the reason, and nothing is published', async () => {
    const id = await submit();
    const link = await waitForApprovalLink(rt, id);
    const missingReason = await decideThroughPage(rt, link, 'reject', '');
    expect(missingReason.status).toBe(400);
    expect((await decideThroughPage(rt, link, 'reject', 'Data kasus belum diverifikasi')).status).toBe(200);
    const item = await waitForStatus(id, 'rejected');
    expect(String(item.statusReason)).toContain('Data kasus belum diverifikasi');
    expect(item.publications).toEqual([]);
    // The same link cannot decide again.
    const again = await fetch(localUrl(rt, link));
    expect(again.status).toBe(409);
  });

  it('expires when nobody decides before the deadline', async () => {
    const id = await submit({ approvalDeadline: new Date(Date.now() + 2500).toISOString() });
    const link = await waitForApprovalLink(rt, id);
    const item = await waitForStatus(id, 'expired');
    expect(String(item.statusReason)).toMatch(/deadline/);
    const page = await fetch(localUrl(rt, link));
    expect([409, 410]).toContain(page.status);
  });

  it('blocks an item that identifies a patient, before any approval email', async () => {
    const id = await submit({
      caption:
        'Ibu Siti Aminah (NIK 3273015203900001) positif DBD dan dirawat di RSHS, hubungi 0812-3456-7890.',
    });
    const item = await waitForStatus(id, 'blocked');
    expect(String(item.statusReason)).toMatch(/NIK/);
    expect(String(item.statusReason)).toMatch(/phone/);
    expect(await approvalLinks(rt, id)).toEqual([]);
  });

  it('a platform refusing permanently fails that platform only; the other still publishes', async () => {
    const fault = await fetch(`${rt.endpoints.sandbox}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ platform: 'x', operation: 'upload', status: 401, times: 1 }),
    });
    expect(fault.status).toBe(201);
    const id = await submit();
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    const item = await waitForStatus(id, 'evaluated');
    const pubs = item.publications as { platform: string; state: string; error?: string }[];
    expect(pubs.find((p) => p.platform === 'instagram')?.state).toBe('published');
    const x = pubs.find((p) => p.platform === 'x');
    expect(x?.state).toBe('failed');
    expect(x?.error).toMatch(/X refused/);
    expect(String(item.statusReason)).toMatch(/^Not published to x/);
  });

  it('a 500 after the platform accepted the post is reconciled, not posted twice', async () => {
    await fetch(`${rt.endpoints.sandbox}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({ platform: 'x', operation: 'post', status: 503, afterSuccess: true, times: 1 }),
    });
    const id = await submit();
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    const item = await waitForStatus(id, 'evaluated');
    const x = (item.publications as { platform: string; state: string; postId: string }[]).find(
      (p) => p.platform === 'x',
    );
    expect(x?.state).toBe('published');
    const caption = String(item.caption);
    const posts = (await sandboxPosts(rt)).filter((p) => p.platform === 'x' && p.text === caption);
    expect(posts).toHaveLength(1);
    expect(posts[0]?.id).toBe(x?.postId);
  });
});

describe('late metrics', () => {
  it('reads the metrics a second time after the re-evaluation window and rewrites the report', async () => {
    const id = await submit({ reevaluateAfter: 'PT10S' });
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    await waitForStatus(id, 'evaluated');
    const item = await waitForStage(rt, id, 'reevaluated', 40_000);
    expect(item.status).toBe('evaluated');
    const pubs = item.publications as { metrics: { at: string }[] }[];
    expect(pubs.every((p) => p.metrics.length === 2)).toBe(true);
    const s3 = new S3Client({ endpoint: rt.endpoints.s3, forcePathStyle: true });
    const report = await s3.send(new GetObjectCommand({ Bucket: rt.bucket, Key: String(item.reportKey) }));
    const json = JSON.parse(await report.Body!.transformToString()) as {
      pass: number;
      platforms: { readings: unknown[] }[];
    };
    expect(json.pass).toBe(2);
    expect(json.platforms.every((p) => p.readings.length === 2)).toBe(true);
    s3.destroy();
  });
});

describe('platform limits', () => {
  it('a 429 waits in the state machine until the rate-limit reset, then posts once', async () => {
    const reset = Math.floor(Date.now() / 1000) + 4;
    await fetch(`${rt.endpoints.sandbox}/_sandbox/faults`, {
      method: 'POST',
      body: JSON.stringify({
        platform: 'x',
        operation: 'post',
        status: 429,
        times: 1,
        headers: { 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(reset) },
        body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
      }),
    });
    const id = await submit();
    await decideThroughPage(rt, await waitForApprovalLink(rt, id), 'approve');
    const item = await waitForStatus(id, 'evaluated');
    const x = (
      item.publications as { platform: string; state: string; postId: string; publishedAt: string }[]
    ).find((p) => p.platform === 'x');
    expect(x?.state).toBe('published');
    expect(new Date(x?.publishedAt ?? 0).getTime()).toBeGreaterThanOrEqual(reset * 1000);
    expect(
      (await sandboxPosts(rt)).filter((p) => p.text === item.caption && p.platform === 'x'),
    ).toHaveLength(1);
    const arn = String(item.executionArn);
    const history = await fetch(rt.endpoints.stepfunctions, {
      method: 'POST',
      headers: {
        'x-amz-target': 'AWSStepFunctions.GetExecutionHistory',
        'content-type': 'application/x-amz-json-1.0',
      },
      body: JSON.stringify({ executionArn: arn }),
    });
    const events = (
      (await history.json()) as { events: { type: string; stateEnteredEventDetails?: { name: string } }[] }
    ).events;
    expect(
      events.some((e) => e.type === 'WaitStateEntered' && e.stateEnteredEventDetails?.name === 'Wait for X'),
    ).toBe(true);
  });
});

describe('the staff API', () => {
  it('refuses a missing or wrong token with 401 and creates nothing', async () => {
    const before = (await api.request('/content')).body.items as unknown[];
    const noToken = await fetch(`${rt.endpoints.gateway}/content`, {
      method: 'POST',
      body: JSON.stringify(await sampleItem()),
    });
    expect(noToken.status).toBe(401);
    const wrong = await fetch(`${rt.endpoints.gateway}/content`, {
      method: 'POST',
      headers: { authorization: 'Bearer not-the-token-at-all' },
      body: JSON.stringify(await sampleItem()),
    });
    expect(wrong.status).toBe(401);
    expect(((await api.request('/content')).body.items as unknown[]).length).toBe(before.length);
  });

  it('answers bad input with 400 and the field errors, creating nothing', async () => {
    const before = ((await api.request('/content?limit=100')).body.items as unknown[]).length;
    const r = await api.request('/content', {
      method: 'POST',
      body: JSON.stringify(
        await sampleItem({ platforms: ['tiktok'], sources: [], publishAt: '2026-12-01 10:00' }),
      ),
    });
    expect(r.status).toBe(400);
    const paths = (r.body.issues as { path: string }[]).map((i) => i.path);
    expect(paths).toEqual(expect.arrayContaining(['platforms.0', 'sources', 'publishAt']));
    const notJson = await api.request('/content', { method: 'POST', body: '{oops' });
    expect(notJson.status).toBe(400);
    const notImage = await api.request('/content', {
      method: 'POST',
      body: JSON.stringify(
        await sampleItem({ media: [{ dataBase64: Buffer.from('hello').toString('base64'), altText: 'x' }] }),
      ),
    });
    expect(notImage.status).toBe(400);
    expect(((await api.request('/content?limit=100')).body.items as unknown[]).length).toBe(before);
  });

  it('lists items newest first and 404s an unknown id', async () => {
    const list = (await api.request('/content')).body.items as { createdAt: string }[];
    const times = list.map((i) => i.createdAt);
    expect(times).toEqual([...times].sort().reverse());
    expect((await api.request('/content/c000000000000000000000')).status).toBe(404);
    expect((await api.request('/content/not-an-id')).status).toBe(400);
  });
});

describe('approval links', () => {
  it('GET and HEAD (as a mail scanner does) change nothing; tampered links get a clear page', async () => {
    const id = await submit();
    const link = await waitForApprovalLink(rt, id);
    const url = localUrl(rt, link);
    const head = await fetch(url, { method: 'HEAD' });
    expect(head.status).toBe(200);
    for (let i = 0; i < 3; i++) expect((await fetch(url)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 300));
    expect((await api.request(`/content/${id}`)).body.status).toBe('awaiting-approval');

    const tampered = url.replace(/sig=[^&]+/, `sig=${'A'.repeat(43)}`);
    const bad = await fetch(tampered);
    expect(bad.status).toBe(403);
    expect(await bad.text()).toContain('tidak sah');
    const english = await fetch(`${tampered}&lang=en`);
    expect(await english.text()).toContain('not valid');
    // A POST without the page's nonce decides nothing.
    const forged = await fetch(url.split('?')[0] ?? '', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        exp: new URL(url).searchParams.get('exp') ?? '',
        sig: new URL(url).searchParams.get('sig') ?? '',
        nonce: '1.x',
        decision: 'approve',
      }),
    });
    expect(forged.status).toBe(400);
    expect((await api.request(`/content/${id}`)).body.status).toBe('awaiting-approval');
  });
});
