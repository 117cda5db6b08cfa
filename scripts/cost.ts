import '../local/env-defaults';
import { mkdtemp, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { recurringJobs } from '../infra/catalog';
import { invokeLocal } from '../local/lambda';
import { type Counters, Meter, scaleAdd, subtract } from '../local/metering';
import { freePortSettings } from '../local/ports';
import { startLocal } from '../local/runtime';
import { forOffices, withDurationFactor } from './cost/model';
import { printReport } from './cost/report';
import { costArgs, measureStorage, runEvents, runItems, stepFunctionsUse } from './cost/run';
import { stackCounts } from './cost/stack-counts';
import { monthOfUse, runsPerMonth } from './cost/usage';

/**
 * `npm run cost -- --items 150 --events 10000`: what a month of one office costs on AWS, from counts measured
 * on the local runtime (docs/decisions/0026). Items go through fact-finding, approval by the emailed link,
 * publishing to the sandbox platforms and evaluation; webhook events (comments, mentions, replies, direct
 * messages) arrive signed through the webhook routes; the recurring jobs run once each. Every call the
 * handlers make is counted where it passes (local/metering.ts), priced (scripts/cost/prices.ts) and printed
 * as a table, with `Monthly total: US$ X.XX` last. Progress goes to stderr.
 */

const USAGE =
  'Usage: npm run cost -- [--items 150] [--events 10000] [--sample-items N] [--sample-events N] [--concurrency 4]';

const read = () => {
  try {
    const { values } = parseArgs({
      strict: true,
      options: {
        items: { type: 'string', default: '150' },
        events: { type: 'string', default: '10000' },
        'sample-items': { type: 'string' },
        'sample-events': { type: 'string' },
        concurrency: { type: 'string', default: '4' },
        help: { type: 'boolean', short: 'h', default: false },
      },
    });
    if (values.help) {
      console.log(USAGE);
      process.exit(0);
    }
    const parsed = costArgs.safeParse(values);
    if (parsed.success) return parsed.data;
    for (const issue of parsed.error.issues) console.error(`--${issue.path.join('.')}: ${issue.message}`);
  } catch (error) {
    console.error(error instanceof Error ? error.message : String(error));
  }
  console.error(USAGE);
  process.exit(2);
};

const main = async () => {
  const args = read();
  const started = Date.now();
  const progress = (message: string) =>
    console.error(`[cost ${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${message}`);
  const dataDir = await mkdtemp(join(tmpdir(), 'sebar-cost-'));
  const meter = new Meter();
  const rt = await startLocal({
    quiet: true,
    recurringJobs: false,
    meter,
    env: {
      SEBAR_DATA_DIR: dataDir,
      ...(await freePortSettings()),
      SEBAR_API_TOKEN: 'cost-run-token-0123456789',
    },
  });
  // The handlers' log lines are what CloudWatch Logs would ingest: counted, not shown.
  const write = process.stdout.write.bind(process.stdout);
  process.stdout.write = ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    meter.add('logs.handler.bytes', typeof chunk === 'string' ? Buffer.byteLength(chunk) : chunk.length);
    const done = rest.find((r) => typeof r === 'function') as (() => void) | undefined;
    done?.();
    return true;
  }) as typeof process.stdout.write;
  const agent = new Agent({ keepAlive: true, maxSockets: args.concurrency });
  try {
    progress(`local runtime up; ${args.sampleItems} items, then ${args.sampleEvents} webhook events`);
    const { runs: itemRuns, unfinished } = await runItems(rt, args.sampleItems, progress);
    // Scaled by the items that finished.
    const itemFactor = args.items / itemRuns.length;
    const afterItems = meter.snapshot();
    const sfn = stepFunctionsUse(rt, itemRuns);
    const itemStorage = await measureStorage(rt);
    await runEvents(rt, agent, args.sampleEvents, args.concurrency, progress);
    const afterEvents = meter.snapshot();
    const allStorage = await measureStorage(rt);
    // Each recurring job once, on the data the run left, then as often as its cron runs in a month.
    let jobs: Counters = new Map();
    let before = afterEvents;
    for (const job of recurringJobs) {
      progress(`recurring job ${job.name}`);
      await invokeLocal(job.function, job.input);
      const after = meter.snapshot();
      jobs = scaleAdd(subtract(after, before), runsPerMonth(job.expression), jobs);
      before = after;
    }
    process.stdout.write = write;
    progress('reading the stack template for the fixed costs');
    const stack = stackCounts();
    const counters = scaleAdd(
      subtract(afterEvents, afterItems),
      args.eventFactor,
      scaleAdd(afterItems, itemFactor, jobs),
    );
    const usage = monthOfUse({
      counters,
      stateTransitions: sfn.transitions * itemFactor,
      stepFunctionsLogBytes: sfn.logBytes * itemFactor,
      dynamoStorageBytes:
        itemStorage.dynamoBytes * itemFactor +
        (allStorage.dynamoBytes - itemStorage.dynamoBytes) * args.eventFactor,
      s3StorageBytes:
        itemStorage.s3Bytes * itemFactor + (allStorage.s3Bytes - itemStorage.s3Bytes) * args.eventFactor,
      recurringJobs,
      stack,
    });
    printReport({
      args: { ...args, itemFactor },
      unfinished,
      usage,
      doubled: withDurationFactor(usage, 2),
      province: forOffices(usage, 27),
      stack,
      itemRuns,
      seconds: (Date.now() - started) / 1000,
    });
  } finally {
    process.stdout.write = write;
    agent.destroy();
    await rt.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
};

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
