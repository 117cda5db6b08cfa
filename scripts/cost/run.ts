import { readdir, readFile, stat } from 'node:fs/promises';
import type { Agent } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { DynamoDBClient, paginateScan } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient } from '@aws-sdk/lib-dynamodb';
import { itemSize } from 'dynalite/db/index.js';
import { z } from 'zod';
import { tables } from '../../infra/catalog';
import { physicalTableName } from '../../local/aws-services';
import type { LocalRuntime } from '../../local/runtime';
import { type ItemRun, runItem } from '../item-driver';
import {
  type Delivery,
  digits,
  type FixtureLine,
  loadTexts,
  makeDelivery,
  makeDirectMessage,
} from '../load-webhooks/deliveries';
import { post, scanFeedback } from '../load-webhooks/measure';

/** The cost run's workload on a metered local runtime: items, webhook events, and what they left stored. */

const count = z.coerce.number().int();

export const costArgs = z
  .object({
    items: count.min(1).max(10_000),
    events: count.min(0).max(1_000_000),
    'sample-items': count.min(1).max(10_000).optional(),
    'sample-events': count.min(1).max(1_000_000).optional(),
    concurrency: count.min(1).max(50),
  })
  .transform((a) => {
    // A month for one office by default; larger months are measured on a sample and scaled linearly.
    const sampleItems = Math.min(a.items, a['sample-items'] ?? 30);
    const sampleEvents = Math.min(a.events, a['sample-events'] ?? 2000);
    return {
      items: a.items,
      events: a.events,
      concurrency: a.concurrency,
      sampleItems,
      sampleEvents,
      itemFactor: a.items / sampleItems,
      eventFactor: sampleEvents ? a.events / sampleEvents : 0,
    };
  })
  .refine((a) => a.events === 0 || a.sampleEvents > 0, {
    message: 'a sample of at least one event is needed',
  });
export type CostArgs = z.output<typeof costArgs>;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Runs `n` items through the whole workflow, eight at a time, late metrics included (their seven-day window
 * shortened to seconds): the execution is watched until it ends, not the staff API polled. An item that does
 * not finish within five minutes is reported, not waited for.
 */
export const runItems = async (
  rt: LocalRuntime,
  n: number,
  progress: (m: string) => void,
): Promise<{ runs: ItemRun[]; unfinished: string[] }> => {
  const image = await readFile(new URL('../assets/sample-infographic.jpg', import.meta.url));
  const settled = async (executionArn: string) => {
    const deadline = Date.now() + 300_000;
    while (rt.engine.describeExecution(executionArn).status === 'RUNNING') {
      if (Date.now() > deadline)
        throw new Error(`${executionArn.split(':').pop()} still running after 5 minutes`);
      await sleep(250);
    }
  };
  const runs: ItemRun[] = [];
  const unfinished: string[] = [];
  let next = 0;
  const worker = async () => {
    while (next < n) {
      const i = next++;
      try {
        runs.push(
          await runItem(rt, i, image, {
            label: 'Biaya',
            settled,
            timeoutMs: 300_000,
            reevaluateAfter: 'PT10S',
          }),
        );
      } catch (error) {
        // Reported and left out of the scaling (its partial counts stay in, a small overestimate).
        unfinished.push(error instanceof Error ? error.message : String(error));
        progress(`item ${i} did not finish: ${unfinished.at(-1)}`);
      }
      const done = runs.length + unfinished.length;
      if (done % 10 === 0 || done === n) progress(`items: ${done}/${n} done`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(8, n) }, worker));
  const failed = runs.filter((r) => r.status !== 'evaluated');
  if (failed.length)
    throw new Error(
      `${failed.length} items did not end evaluated: ${failed.map((r) => r.status).join(', ')}`,
    );
  if (!runs.length) throw new Error('no item finished');
  return { runs, unfinished };
};

/**
 * State transitions (each state entered, retries included, as Standard workflows bill) and the bytes the
 * state machine's log group would take at level ALL without execution data: one line per history event.
 */
export const stepFunctionsUse = (rt: LocalRuntime, runs: readonly ItemRun[]) => {
  let transitions = 0;
  let logBytes = 0;
  for (const r of runs) {
    const { events } = rt.engine.getExecutionHistory({ executionArn: r.executionArn, maxResults: 1000 });
    for (const e of events as { type: string; [k: string]: unknown }[]) {
      if (e.type.endsWith('StateEntered')) transitions += 1;
      const { stateEnteredEventDetails, stateExitedEventDetails, ...rest } = e as Record<string, unknown>;
      const name = ((stateEnteredEventDetails ?? stateExitedEventDetails) as { name?: string } | undefined)
        ?.name;
      logBytes += JSON.stringify({ ...rest, name, execution_arn: r.executionArn }).length + 1;
    }
  }
  return { transitions, logBytes };
};

/**
 * Bytes stored: DynamoDB as it bills storage (each item's size plus 100 bytes, again for every index the item
 * is in, all indexes projecting ALL), and S3 objects' sizes. Read straight from the local stores, uncounted.
 */
export const measureStorage = async (rt: LocalRuntime): Promise<{ dynamoBytes: number; s3Bytes: number }> => {
  const credentials = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };
  const region = rt.settings.AWS_REGION;
  const ddb = new DynamoDBClient({ endpoint: rt.endpoints.dynamodb, region, credentials });
  let dynamoBytes = 0;
  for (const t of tables) {
    for await (const page of paginateScan({ client: ddb }, { TableName: physicalTableName(t) })) {
      for (const item of page.Items ?? []) {
        const copies = 1 + (t.indexes ?? []).filter((i) => i.partitionKey in item).length;
        dynamoBytes += (itemSize(item) + 100) * copies;
      }
    }
  }
  ddb.destroy();
  // s3rver keeps each object in a file named `<key>._S3rver_object` (its listing fails on a large bucket).
  let s3Bytes = 0;
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (entry.name.endsWith('._S3rver_object')) s3Bytes += (await stat(path)).size;
    }
  };
  await walk(join(rt.dataDir, 's3', rt.bucket));
  return { dynamoBytes, s3Bytes };
};

/**
 * `n` signed webhook deliveries, `concurrency` at a time: Instagram comments and replies, X mentions and
 * replies, and one in ten an X direct message (archived, not stored). Then waits until every stored event
 * has been processed by the queue consumer, and checks that none was lost or stored twice.
 */
export const runEvents = async (
  rt: LocalRuntime,
  agent: Agent,
  n: number,
  concurrency: number,
  progress: (m: string) => void,
): Promise<{ stored: number }> => {
  const texts = await loadTexts();
  const run = digits(9);
  const isMessage = (i: number) => i % 10 === 9;
  const deliveries: Delivery[] = Array.from({ length: n }, (_, i) => {
    const line = texts[i % texts.length] as FixtureLine;
    return isMessage(i)
      ? makeDirectMessage(i, line, run, rt)
      : makeDelivery(i, i % 2 ? 'x' : 'instagram', line, run, rt);
  });
  const base = new URL(rt.endpoints.gateway);
  const t0 = performance.now();
  let next = 0;
  let failed = 0;
  const worker = async () => {
    while (next < deliveries.length) {
      const i = next++;
      const o = await post(agent, base, deliveries[i] as Delivery, t0);
      if (o.status < 200 || o.status >= 300) failed += 1;
      if ((i + 1) % 500 === 0) progress(`webhook events: ${i + 1}/${n} sent`);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, n) }, worker));
  if (failed) throw new Error(`${failed} webhook deliveries were not answered 2xx`);
  const expected = new Set(
    deliveries.filter((d) => !isMessage(d.index)).map((d) => `${d.platform}:${d.platformId}`),
  );
  const doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: rt.endpoints.dynamodb,
      region: rt.settings.AWS_REGION,
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    }),
  );
  const feedback = tables.find((t) => t.name === 'feedback');
  if (!feedback) throw new Error('The catalog has no feedback table');
  const table = physicalTableName(feedback);
  const deadline = Date.now() + 600_000;
  for (;;) {
    const rows = await scanFeedback(doc, table);
    const keys = rows.map((r) => `${r.platform}:${r.platformId}`);
    const processed = rows.filter(
      (r) => r.processedAt && expected.has(`${r.platform}:${r.platformId}`),
    ).length;
    if (processed >= expected.size) {
      const present = new Set(keys);
      const duplicated = keys.length - present.size;
      const lost = [...expected].filter((k) => !present.has(k)).length;
      doc.destroy();
      if (duplicated || lost) throw new Error(`webhook events: ${lost} lost, ${duplicated} duplicated`);
      progress(`webhook events: ${expected.size} stored and processed, none lost or duplicated`);
      return { stored: expected.size };
    }
    if (Date.now() > deadline) throw new Error(`only ${processed} of ${expected.size} events were processed`);
    progress(`webhook events: ${processed}/${expected.size} processed`);
    await sleep(2000);
  }
};
