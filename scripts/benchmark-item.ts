import '../local/env-defaults';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { freePortSettings } from '../local/ports';
import { startLocal } from '../local/runtime';

/**
 * What one content item costs: platform API calls (by route) and Step Functions state transitions,
 * from submission to evaluation, on the local runtime with the real ASL and handlers. Figures, not a
 * pass/fail test: `npx tsx scripts/benchmark-item.ts [--items 5]`.
 */

const { values } = parseArgs({ options: { items: { type: 'string', default: '5' } } });
const count = Math.max(1, Math.min(50, Number(values.items) || 5));

const main = async () => {
  const dataDir = await mkdtemp(join(tmpdir(), 'sebar-bench-'));
  const rt = await startLocal({
    quiet: true,
    env: {
      SEBAR_DATA_DIR: dataDir,
      ...(await freePortSettings()),
      SEBAR_API_TOKEN: 'benchmark-token-0123456789',
    },
  });
  process.env.SEBAR_SILENT_LOGS = 'true';
  const headers = { authorization: `Bearer ${rt.apiToken}`, 'content-type': 'application/json' };
  const calls = async () =>
    (
      (await (await fetch(`${rt.endpoints.sandbox}/_sandbox/calls`)).json()) as {
        calls: Record<string, number>;
      }
    ).calls;
  const image = (await import('node:fs/promises')).readFile(
    new URL('./assets/sample-infographic.jpg', import.meta.url),
  );
  const before = await calls();
  const rssBefore = process.memoryUsage().rss;
  const started = Date.now();

  const runOne = async (i: number) => {
    const t0 = Date.now();
    const r = await fetch(`${rt.endpoints.gateway}/content`, {
      method: 'POST',
      headers,
      body: JSON.stringify({
        title: `Benchmark ${i}`,
        caption: `Pengukuran ${i}: cuci tangan pakai sabun mencegah diare. ${crypto.randomUUID().slice(0, 8)}`,
        platforms: ['instagram', 'x'],
        publishAt: new Date(Date.now() + 2000).toISOString(),
        evaluateAfter: 'PT10S',
        sources: [{ url: 'https://ayosehat.kemkes.go.id/', title: 'Kemenkes' }],
        media: [{ dataBase64: (await image).toString('base64'), altText: 'Poster cuci tangan' }],
      }),
    });
    const { id, executionArn } = (await r.json()) as { id: string; executionArn: string };
    if (!id) throw new Error(`submission refused: ${r.status}`);
    // Approve through the page, as an approver would.
    let link = '';
    while (!link) {
      const { readdir, readFile } = await import('node:fs/promises');
      for (const n of await readdir(rt.outboxDir)) {
        const mime = await readFile(join(rt.outboxDir, n), 'utf8');
        if (!mime.includes(`X-Sebar-Item: ${id}`)) continue;
        for (const part of mime.split(/\r\n\r\n/)) {
          const m = /\/approvals\/[^\s"<]+/.exec(
            Buffer.from(part.replace(/\r\n/g, ''), 'base64').toString('utf8'),
          );
          if (m && !link) link = `${rt.endpoints.gateway}${m[0].replace(/&amp;/g, '&')}`;
        }
      }
      if (!link) await new Promise((res) => setTimeout(res, 100));
    }
    const page = await (await fetch(link)).text();
    const hidden = Object.fromEntries(
      [...page.matchAll(/name="([^"]+)" value="([^"]*)"/g)].map((m) => [m[1], m[2]]),
    );
    await fetch(link.split('?')[0] ?? link, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      // Approved after its publish time, the page asks for a choice (docs/decisions/0017): publish now.
      body: new URLSearchParams({
        ...hidden,
        decision: 'approve',
        ...(page.includes('name="lateChoice"') ? { lateChoice: 'now', newPublishAt: '' } : {}),
      }),
    });
    let status = '';
    const deadline = Date.now() + 120_000;
    while (!['evaluated', 'failed', 'evaluation-failed', 'rejected', 'blocked', 'expired'].includes(status)) {
      if (Date.now() > deadline) throw new Error(`item ${id} did not finish (status ${status})`);
      await new Promise((res) => setTimeout(res, 200));
      status = String(
        (
          (await (await fetch(`${rt.endpoints.gateway}/content/${id}`, { headers })).json()) as {
            status: string;
          }
        ).status,
      );
    }
    return { id, executionArn, status, seconds: (Date.now() - t0) / 1000 };
  };

  const results = await Promise.all(Array.from({ length: count }, (_, i) => runOne(i)));
  const elapsed = (Date.now() - started) / 1000;
  const after = await calls();
  const sfn = new SFNClient({
    endpoint: rt.endpoints.stepfunctions,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'x', secretAccessKey: 'x' },
  });
  let transitions = 0;
  let events = 0;
  for (const r of results) {
    const h = await sfn.send(
      new GetExecutionHistoryCommand({ executionArn: r.executionArn, maxResults: 1000 }),
    );
    events += h.events?.length ?? 0;
    transitions += (h.events ?? []).filter((e) => e.type?.endsWith('StateEntered')).length;
  }
  sfn.destroy();

  const perItem = Object.entries(after)
    .map(([route, n]) => [route, (n - (before[route] ?? 0)) / count] as const)
    .filter(([, n]) => n > 0)
    .sort((a, b) => a[0].localeCompare(b[0]));
  const platformCalls = perItem.filter(([route]) => route.includes(' /')).reduce((sum, [, n]) => sum + n, 0);

  console.log(
    `Items: ${count} (all ${results.every((r) => r.status === 'evaluated') ? 'evaluated' : 'NOT all evaluated'})`,
  );
  console.log(
    `Wall time: ${elapsed.toFixed(1)} s in all; per item ${(results.reduce((s, r) => s + r.seconds, 0) / count).toFixed(1)} s, of which about 12 s are the item's own publish delay and evaluation window`,
  );
  console.log(
    `State transitions per item: ${(transitions / count).toFixed(1)} (history events: ${(events / count).toFixed(1)})`,
  );
  console.log(`Platform API calls per item: ${platformCalls.toFixed(1)}`);
  for (const [route, n] of perItem.filter(([r]) => r.includes(' /')))
    console.log(`  ${n.toFixed(1).padStart(5)}  ${route}`);
  console.log(
    `Memory: RSS ${(process.memoryUsage().rss / 2 ** 20).toFixed(0)} MiB (grew ${((process.memoryUsage().rss - rssBefore) / 2 ** 20).toFixed(0)} MiB)`,
  );
  await rt.stop();
  await rm(dataDir, { recursive: true, force: true });
};

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
