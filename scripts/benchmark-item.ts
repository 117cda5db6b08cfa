import '../local/env-defaults';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { GetExecutionHistoryCommand, SFNClient } from '@aws-sdk/client-sfn';
import { freePortSettings } from '../local/ports';
import { startLocal } from '../local/runtime';
import { runItem } from './item-driver';

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
  const calls = async () =>
    (
      (await (await fetch(`${rt.endpoints.sandbox}/_sandbox/calls`)).json()) as {
        calls: Record<string, number>;
      }
    ).calls;
  const image = await readFile(new URL('./assets/sample-infographic.jpg', import.meta.url));
  const before = await calls();
  const rssBefore = process.memoryUsage().rss;
  const started = Date.now();
  const runOne = (i: number) => runItem(rt, i, image, { label: 'Benchmark' });

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
