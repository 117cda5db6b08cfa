import '../local/env-defaults';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { Agent } from 'node:http';
import { Session } from 'node:inspector/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { CreateTableCommand, DeleteTableCommand, DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, PutCommand } from '@aws-sdk/lib-dynamodb';
import { z } from 'zod';
import { documentClient, PutCommand as SebarPut } from '../functions/common/aws/dynamo';
import { tables } from '../infra/catalog';
import { physicalTableName, tableDefinition, waitForTable } from '../local/aws-services';
import { freePortSettings } from '../local/ports';
import { type LocalRuntime, startLocal } from '../local/runtime';
import { digits, type FixtureLine, loadTexts, makeDelivery, schedule } from './load-webhooks/deliveries';
import {
  type Outcome,
  percentile,
  post,
  type StoredRow,
  scanFeedback,
  urgentEmails,
} from './load-webhooks/measure';

/**
 * A burst of signed webhook deliveries (Instagram comments, X mentions and replies) against a local
 * runtime of its own, with a share of redeliveries of the same raw bytes, as the platforms send them.
 * It then waits until the feedback table holds every unique event and prints latency, throughput,
 * losses and duplicates. Before the burst it measures the baseline the intake is judged against: bare
 * conditional puts (attribute_not_exists, as the intake's dedupe write) straight to the local DynamoDB API
 * (with Sebar's own client, and with the SDK's for comparison),
 * at the same concurrency, into a scratch table. Figures plus a verdict, not a test:
 *
 *   npx tsx scripts/load-webhooks.ts [--events 3000] [--concurrency 10] [--redeliver 0.1]
 *                                    [--platform both|instagram|x] [--wait 180] [--baseline-puts 3000]
 *                                    [--profile burst.cpuprofile]
 *
 * --events is the number of unique comments; --redeliver adds events × share redeliveries on top.
 * --profile writes a V8 CPU profile of the burst alone (runtime and load generator share this process);
 * read it with scripts/cpu-profile-summary.ts.
 * Exits 1 if a request failed or was answered non-2xx, an event was lost or stored twice, or an urgent
 * message was emailed twice; 2 on bad arguments.
 */

const USAGE =
  'Usage: npx tsx scripts/load-webhooks.ts [--events 3000] [--concurrency 10] [--redeliver 0.1] ' +
  '[--platform both|instagram|x] [--wait 180] [--baseline-puts 3000] [--profile FILE]';

const argsSchema = z.object({
  events: z.coerce.number().int().min(1).max(200_000),
  concurrency: z.coerce.number().int().min(1).max(1000),
  redeliver: z.coerce.number().min(0).max(1),
  platform: z.enum(['both', 'instagram', 'x']),
  wait: z.coerce.number().int().min(1).max(3600),
  'baseline-puts': z.coerce.number().int().min(0).max(200_000),
  profile: z.string().min(1).optional(),
});
type Args = z.infer<typeof argsSchema>;

const readArgs = (): Args => {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      strict: true,
      allowPositionals: false,
      options: {
        events: { type: 'string', default: '3000' },
        concurrency: { type: 'string', default: '10' },
        redeliver: { type: 'string', default: '0.1' },
        platform: { type: 'string', default: 'both' },
        wait: { type: 'string', default: '180' },
        'baseline-puts': { type: 'string', default: '3000' },
        profile: { type: 'string' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    }).values;
  } catch (error) {
    console.error(`${error instanceof Error ? error.message : String(error)}\n${USAGE}`);
    process.exit(2);
  }
  if (values.help) {
    console.log(USAGE);
    process.exit(0);
  }
  const parsed = argsSchema.safeParse(values);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
    console.error(USAGE);
    process.exit(2);
  }
  return parsed.data;
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const mib = (bytes: number) => `${(bytes / 2 ** 20).toFixed(0)} MiB`;

// ---- main --------------------------------------------------------------------------------------------

const args = readArgs();
let rt: LocalRuntime | undefined;
let dataDir: string | undefined;
let ddb: DynamoDBDocumentClient | undefined;
const agent = new Agent({ keepAlive: true, maxSockets: args.concurrency });
let cleaning: Promise<void> | undefined;

const cleanup = (): Promise<void> => {
  cleaning ??= (async () => {
    agent.destroy();
    ddb?.destroy();
    await rt?.stop().catch((error: unknown) => console.error('stopping the runtime failed:', error));
    if (dataDir) await rm(dataDir, { recursive: true, force: true });
  })();
  return cleaning;
};

let interrupted = false;
let inFlight = 0;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (interrupted) process.exit(130); // a second Ctrl-C: leave at once
    interrupted = true;
    console.error(`\n${signal}: stopping the local runtime and removing ${dataDir ?? 'the data folder'}`);
    // Let requests in flight finish first (briefly): stopping under them makes the stop itself slow.
    void (async () => {
      const until = Date.now() + 5000;
      while (inFlight > 0 && Date.now() < until) await sleep(50);
      await cleanup();
      process.exit(130);
    })();
  });
}

/**
 * Bare conditional puts of small records to a scratch table on the runtime's DynamoDB API (not through the
 * gateway or any handler), `concurrency` at a time: the ceiling the intake's own dedupe write sets. Measured
 * with Sebar's own DynamoDB client (functions/common/aws/dynamo.ts, what the intake writes with, so the ratio
 * counts only what the intake adds) and with the SDK's document client for comparison, in turns.
 */
const conditionalPutRate = async (runtime: LocalRuntime, puts: number, concurrency: number) => {
  if (puts === 0) return undefined;
  const raw = new DynamoDBClient({
    endpoint: runtime.endpoints.dynamodb,
    region: runtime.settings.AWS_REGION,
    credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
  });
  const sdk = DynamoDBDocumentClient.from(raw);
  const ours = documentClient(runtime.endpoints.dynamodb);
  const table = 'sebar-load-baseline';
  const spec = tables.find((t) => t.name === 'feedback');
  if (!spec) throw new Error('The catalog has no feedback table');
  await raw.send(new CreateTableCommand(tableDefinition(spec, table)));
  await waitForTable(raw, table, 'ACTIVE');
  const input = (i: number) => ({
    TableName: table,
    Item: { id: `baseline-${i}`, platform: 'x', text: 'sama panjang dengan komentar biasa', n: i },
    ConditionExpression: 'attribute_not_exists(id)',
  });
  const clients = {
    sebar: (i: number) => ours.send(new SebarPut(input(i))),
    sdk: (i: number) => sdk.send(new PutCommand(input(i))),
  };
  type Run = { puts: number; seconds: number; latencies: number[] };
  const measure = async (put: (i: number) => Promise<unknown>, from: number, count: number): Promise<Run> => {
    const latencies: number[] = [];
    let next = from;
    const until = from + count;
    const started = performance.now();
    const worker = async () => {
      while (next < until) {
        const i = next++;
        const t0 = performance.now();
        await put(i);
        latencies.push(performance.now() - t0);
      }
    };
    await Promise.all(Array.from({ length: concurrency }, worker));
    return { puts: count, seconds: (performance.now() - started) / 1000, latencies };
  };
  // Each client's puts in two halves, in turns (sebar, sdk, sebar, sdk), so a noisy moment hits both alike.
  const runs: Record<'sebar' | 'sdk', Run[]> = { sebar: [], sdk: [] };
  const halves = [Math.ceil(puts / 2), Math.floor(puts / 2)];
  let from = 0;
  for (const [turn, name] of (['sebar', 'sdk', 'sebar', 'sdk'] as const).entries()) {
    const count = halves[Math.floor(turn / 2)] ?? 0;
    if (count > 0) runs[name].push(await measure(clients[name], from, count));
    from += count;
  }
  await raw.send(new DeleteTableCommand({ TableName: table }));
  raw.destroy();
  const merge = (r: Run[]) => {
    const latencies = r.flatMap((x) => x.latencies).sort((a, b) => a - b);
    const n = r.reduce((sum, x) => sum + x.puts, 0);
    return {
      puts: n,
      rate: n / r.reduce((sum, x) => sum + x.seconds, 0),
      p50: percentile(latencies, 50),
      p99: percentile(latencies, 99),
    };
  };
  return { ...merge(runs.sebar), sdk: merge(runs.sdk) };
};

const main = async (): Promise<number> => {
  const texts = await loadTexts();
  dataDir = await mkdtemp(join(tmpdir(), 'sebar-load-'));
  process.env.SEBAR_SILENT_LOGS = 'true';
  const rssStart = process.memoryUsage().rss;
  rt = await startLocal({
    quiet: true,
    env: {
      SEBAR_DATA_DIR: dataDir,
      ...(await freePortSettings()),
      SEBAR_API_TOKEN: 'load-webhooks-token-0123456789',
    },
  });
  const runtime = rt;
  const feedbackSpec = tables.find((t) => t.name === 'feedback');
  if (!feedbackSpec) throw new Error('The catalog has no feedback table');
  const table = physicalTableName(feedbackSpec);
  ddb = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: runtime.endpoints.dynamodb,
      region: runtime.settings.AWS_REGION,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    }),
  );
  const client = ddb;
  console.error(`[load] local runtime up at ${runtime.endpoints.gateway} (data in ${dataDir})`);

  const baseline = await conditionalPutRate(runtime, args['baseline-puts'], args.concurrency);
  if (baseline)
    console.error(
      `[load] baseline: ${baseline.rate.toFixed(0)} conditional puts/s at concurrency ${args.concurrency}`,
    );

  const run = digits(9);
  const platformOf = (i: number): 'instagram' | 'x' =>
    args.platform === 'both' ? (i % 2 === 0 ? 'instagram' : 'x') : args.platform;
  const events = Array.from({ length: args.events }, (_, i) =>
    makeDelivery(i, platformOf(i), texts[i % texts.length] as FixtureLine, run, runtime),
  );
  const redeliveries = Math.round(args.events * args.redeliver);
  const plan = schedule(events.length, redeliveries);
  const base = new URL(runtime.endpoints.gateway);

  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, process.memoryUsage().rss);
  }, 1000);

  // ---- the burst ----
  const outcomes: (Outcome & { event: number; redelivery: boolean })[] = [];
  const acked = new Set<number>();
  let next = 0;
  let nextReport = 1;
  const profiler = args.profile ? new Session() : undefined;
  if (profiler) {
    profiler.connect();
    await profiler.post('Profiler.enable');
    await profiler.post('Profiler.start');
  }
  const started = performance.now();
  const worker = async () => {
    while (!interrupted && next < plan.length) {
      const job = plan[next++];
      if (!job) break;
      const delivery = events[job.event];
      if (!delivery) continue;
      inFlight += 1;
      const o = await post(agent, base, delivery, started).finally(() => {
        inFlight -= 1;
      });
      outcomes.push({ ...o, ...job });
      if (o.status >= 200 && o.status < 300) acked.add(job.event);
      if (outcomes.length >= (nextReport * plan.length) / 10) {
        nextReport = Math.floor((outcomes.length * 10) / plan.length) + 1;
        const secs = (performance.now() - started) / 1000;
        const bad = outcomes.filter((x) => x.status < 200 || x.status >= 300).length;
        console.error(
          `[load] sent ${outcomes.length}/${plan.length} (${Math.round((outcomes.length * 100) / plan.length)}%) ` +
            `in ${secs.toFixed(1)} s, ${(outcomes.length / secs).toFixed(0)} req/s, ${bad} not 2xx`,
        );
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(args.concurrency, plan.length) }, worker));
  const burstSeconds = (performance.now() - started) / 1000;
  if (profiler && args.profile) {
    const { profile } = await profiler.post('Profiler.stop');
    await writeFile(args.profile, JSON.stringify(profile));
    profiler.disconnect();
    console.error(`[load] CPU profile of the burst written to ${args.profile}`);
  }
  if (interrupted) return 130;

  // ---- wait until every acknowledged event is stored (the intake may be asynchronous) ----
  const key = (platform: string | undefined, id: string | undefined) => `${platform}:${id}`;
  const expected = new Set([...acked].map((i) => key(events[i]?.platform, events[i]?.platformId)));
  const waitStarted = performance.now();
  const deadline = Date.now() + args.wait * 1000;
  let rows: StoredRow[] = [];
  let storedExpected = 0;
  let processedExpected = 0;
  let lastPrinted = 0;
  for (;;) {
    rows = await scanFeedback(client, table);
    const present = new Set(rows.map((r) => key(r.platform, r.platformId)));
    const processed = new Set(rows.filter((r) => r.processedAt).map((r) => key(r.platform, r.platformId)));
    storedExpected = [...expected].filter((k) => present.has(k)).length;
    processedExpected = [...expected].filter((k) => processed.has(k)).length;
    if (storedExpected >= expected.size && processedExpected >= expected.size) break;
    if (interrupted) return 130;
    if (Date.now() > deadline) {
      console.error(`[load] gave up waiting after ${args.wait} s: ${storedExpected}/${expected.size} stored`);
      break;
    }
    if (Date.now() - lastPrinted >= 2000) {
      lastPrinted = Date.now();
      console.error(
        `[load] waiting for records: ${storedExpected}/${expected.size} stored, ${processedExpected} processed`,
      );
    }
    await sleep(500);
  }
  const storedSeconds = (performance.now() - started) / 1000;
  const waitSeconds = (performance.now() - waitStarted) / 1000;
  // A moment more for late duplicates or notifications from an asynchronous consumer, then read again.
  await sleep(1000);
  rows = await scanFeedback(client, table);
  clearInterval(sampler);
  rssPeak = Math.max(rssPeak, process.memoryUsage().rss);

  // ---- figures ----
  const sentKeys = new Map(events.map((e) => [key(e.platform, e.platformId), e]));
  const perKey = new Map<string, number>();
  for (const r of rows)
    perKey.set(key(r.platform, r.platformId), (perKey.get(key(r.platform, r.platformId)) ?? 0) + 1);
  const lost = [...expected].filter((k) => !perKey.has(k));
  const duplicated = [...perKey.values()].reduce((sum, n) => sum + Math.max(0, n - 1), 0);
  const foreign = [...perKey.keys()].filter((k) => !sentKeys.has(k)).length;
  const storedUnique = [...perKey.keys()].filter((k) => sentKeys.has(k)).length;
  const neverAcked = events.length - acked.size;

  const statusCounts = new Map<string, number>();
  for (const o of outcomes) {
    const s = o.status === 0 ? 'network error' : String(o.status);
    statusCounts.set(s, (statusCounts.get(s) ?? 0) + 1);
  }
  const failed = outcomes.filter((o) => o.status < 200 || o.status >= 300);
  const latencies = outcomes.map((o) => o.ms).sort((a, b) => a - b);
  const answeredStored = outcomes.reduce((s, o) => s + (o.stored ?? 0), 0);
  const answeredDuplicates = outcomes.reduce((s, o) => s + (o.duplicates ?? 0), 0);
  const byPlatform = (p: string) => events.filter((e) => e.platform === p).length;

  const emails = await urgentEmails(runtime.outboxDir);
  const emailCount = [...emails.values()].reduce((s, n) => s + n, 0);
  const emailedTwice = [...emails.values()].filter((n) => n > 1).length;
  const urgentSent = events.filter((e) => e.urgent).length;
  const urgentRecords = rows.filter((r) => r.urgent).length;
  const urgentNotified = rows.filter((r) => r.urgentNotifiedAt).length;

  const ms = (n: number) => n.toFixed(1);
  console.log(
    `Events sent: ${outcomes.length} (unique ${events.length} + redeliveries ${redeliveries}); ` +
      `unique by platform: instagram ${byPlatform('instagram')}, x ${byPlatform('x')}; concurrency ${args.concurrency}`,
  );
  console.log(
    `HTTP status: ${[...statusCounts.entries()]
      .sort()
      .map(([s, n]) => `${s} × ${n}`)
      .join(', ')}`,
  );
  console.log(
    `Wall time: burst ${burstSeconds.toFixed(2)} s; all records stored and processed ${storedSeconds.toFixed(2)} s after the first request (waited ${waitSeconds.toFixed(2)} s after the burst)`,
  );
  const rate = outcomes.length / burstSeconds;
  console.log(`Throughput: ${rate.toFixed(1)} requests/s`);
  if (baseline)
    console.log(
      `Baseline (bare conditional puts to the local DynamoDB API, concurrency ${args.concurrency}, ${baseline.puts} puts): ` +
        `${baseline.rate.toFixed(1)} puts/s with Sebar's client (what the intake writes with), ` +
        `p50 ${ms(baseline.p50)}, p99 ${ms(baseline.p99)} ms; ` +
        `${baseline.sdk.rate.toFixed(1)} puts/s with the SDK's document client; ` +
        `intake / baseline = ${(rate / baseline.rate).toFixed(2)}`,
    );
  console.log(
    `Latency (ms): p50 ${ms(percentile(latencies, 50))}, p95 ${ms(percentile(latencies, 95))}, ` +
      `p99 ${ms(percentile(latencies, 99))}, max ${ms(latencies.at(-1) ?? 0)}`,
  );
  console.log(
    `Stored unique records: ${storedUnique} of ${events.length} unique events (${acked.size} acknowledged with a 2xx)`,
  );
  console.log(`Lost (acknowledged with a 2xx, not stored): ${lost.length}`);
  console.log(
    `Processed by the queue consumer (classified, linked): ${processedExpected} of ${expected.size}; dead-lettered ${runtime.sqs.depth('sebar-feedback-dlq')}`,
  );
  console.log(`Duplicated (records beyond one per platform id): ${duplicated}`);
  if (foreign) console.log(`Records for ids never sent: ${foreign}`);
  console.log(
    `Non-2xx answers: ${failed.length} (network errors ${failed.filter((o) => o.status === 0).length}; unique events never acknowledged: ${neverAcked})`,
  );
  if (answeredStored || answeredDuplicates)
    console.log(`Answers reported: stored ${answeredStored}, duplicates ${answeredDuplicates}`);
  console.log(
    `Urgent: ${urgentSent} unique events carry texts the fixture marks urgent; ${urgentRecords} records classified urgent, ` +
      `${urgentNotified} marked notified; ${emailCount} urgent emails in the local SES outbox ` +
      `(${emails.size} feedback ids, ${emailedTwice} emailed more than once)`,
  );
  console.log(
    `Memory (runtime and load generator share this process): RSS ${mib(rssStart)} before start, peak ${mib(rssPeak)}, ${mib(process.memoryUsage().rss)} at the end`,
  );
  for (const o of failed.slice(0, 5))
    console.log(
      `  failed: event ${o.event}${o.redelivery ? ' (redelivery)' : ''}: ${o.status} ${o.error ?? ''}`,
    );
  for (const k of lost.slice(0, 5)) console.log(`  lost: ${k}`);
  // A second urgent email for one message: show its deliveries, to tell a race from a late redelivery.
  for (const [id, n] of [...emails.entries()].filter(([, n]) => n > 1).slice(0, 5)) {
    const e = events.find((x) => `${x.platform}-${x.platformId}` === id);
    const spans = outcomes
      .filter((o) => e && o.event === e.index)
      .map((o) => `${o.redelivery ? 'redelivery' : 'original'} ${ms(o.at)}–${ms(o.at + o.ms)} ms`);
    console.log(`  urgent email × ${n}: ${id} (deliveries: ${spans.join(', ')})`);
  }
  for (const [k, n] of [...perKey.entries()].filter(([, n]) => n > 1).slice(0, 5))
    console.log(`  duplicated: ${k} × ${n}`);

  // The on-duty officer gets one email per urgent message, however the deliveries overlap.
  const ok =
    lost.length === 0 &&
    duplicated === 0 &&
    failed.length === 0 &&
    emailedTwice === 0 &&
    storedExpected >= expected.size &&
    processedExpected >= expected.size;
  console.log(`Result: ${ok ? 'OK' : 'FAILED'}`);
  return ok ? 0 : 1;
};

main()
  .then(async (code) => {
    await cleanup();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    // After Ctrl-C, failures of a runtime being stopped are expected noise.
    if (!interrupted) console.error(error);
    await cleanup();
    process.exit(1);
  });
