import { readFile, rm } from 'node:fs/promises';
import { Agent } from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { functions } from '../../infra/catalog';
import { Meter } from '../../local/metering';
import { type LocalRuntime, startLocal } from '../../local/runtime';
import { costRows, total } from '../../scripts/cost/model';
import { stepFunctionsUse } from '../../scripts/cost/run';
import { monthOfUse } from '../../scripts/cost/usage';
import { runItem } from '../../scripts/item-driver';
import { digits, loadTexts, makeDelivery, makeDirectMessage } from '../../scripts/load-webhooks/deliveries';
import { post } from '../../scripts/load-webhooks/measure';
import { type TestEnv, testEnv, waitFor } from '../helpers/local';

/**
 * One item and a handful of webhook events through a metered runtime: every service the cost model prices is
 * counted, and the counts agree with what was sent.
 */

const meter = new Meter();
let env: TestEnv;
let rt: LocalRuntime;

beforeAll(async () => {
  env = await testEnv();
  rt = await startLocal({ env: env.env, retryIntervalMs: 20, quiet: true, recurringJobs: false, meter });
});

afterAll(async () => {
  await rt?.stop();
  if (env) await rm(env.dataDir, { recursive: true, force: true });
});

describe('the cost meter', () => {
  it('counts an item and webhook events in every service', { timeout: 180_000 }, async () => {
    const image = await readFile(new URL('../../scripts/assets/sample-infographic.jpg', import.meta.url));
    // Watched without a request (requests are what is counted), with a deadline that says where it stopped.
    const settled = async (arn: string) => {
      const deadline = Date.now() + 150_000;
      while (rt.engine.describeExecution(arn).status === 'RUNNING') {
        if (Date.now() > deadline) {
          const { events } = rt.engine.getExecutionHistory({
            executionArn: arn,
            reverseOrder: true,
            maxResults: 3,
          });
          throw new Error(`the execution is still running; its last events: ${JSON.stringify(events)}`);
        }
        await new Promise((r) => setTimeout(r, 200));
      }
    };
    const item = await runItem(rt, 0, image, { settled, reevaluateAfter: 'PT10S', timeoutMs: 150_000 });
    expect(item.status).toBe('evaluated');
    const afterItem = meter.snapshot();
    // The item's staff and approver requests: submit, the approval page, the decision, one read.
    expect(afterItem.get('http.calls')).toBe(4);

    const texts = await loadTexts();
    const run = digits(9);
    const deliveries = [
      makeDelivery(0, 'instagram', texts[0] ?? { text: 'halo' }, run, rt),
      makeDelivery(1, 'x', texts[1] ?? { text: 'halo' }, run, rt),
      makeDelivery(2, 'instagram', texts[2] ?? { text: 'halo' }, run, rt),
      makeDirectMessage(3, texts[3] ?? { text: 'halo' }, run, rt),
    ];
    const agent = new Agent({ keepAlive: true });
    for (const d of deliveries)
      expect((await post(agent, new URL(rt.endpoints.gateway), d, 0)).status).toBe(200);
    agent.destroy();
    // Three stored events are each processed once by the queue consumer.
    await waitFor(
      'the queue consumer',
      async () =>
        meter.get('sqs.action.DeleteMessageBatch') >= 1 &&
        meter.get('lambda.requests.process-feedback') >= 1 &&
        rt.sqs.depth('sebar-feedback') === 0,
    );

    const c = (name: string) => meter.get(name);
    expect(c('http.calls')).toBe(4 + deliveries.length);
    expect(c('lambda.requests.webhook-instagram') + c('lambda.requests.webhook-x')).toBe(deliveries.length);
    for (const fn of [
      'fact-finding',
      'request-approval',
      'approval-page',
      'publish-instagram',
      'publish-x',
      'evaluate',
    ])
      expect(c(`lambda.requests.${fn}`), fn).toBeGreaterThan(0);
    expect(c('dynamodb.wru')).toBeGreaterThan(0);
    expect(c('dynamodb.rru')).toBeGreaterThan(0);
    // Media and four archived payloads written; the images read back for OCR and publishing.
    expect(c('s3.tier1')).toBeGreaterThanOrEqual(1 + deliveries.length);
    expect(c('s3.tier2')).toBeGreaterThan(0);
    // Three records queued (the direct message is archived, not stored).
    expect(c('sqs.action.SendMessageBatch')).toBe(3);
    expect(c('sqs.requests')).toBeGreaterThanOrEqual(3);
    expect(c('ses.emails')).toBeGreaterThan(0);

    const sfn = stepFunctionsUse(rt, [item]);
    expect(sfn.transitions).toBeGreaterThan(10);
    const usage = monthOfUse({
      counters: meter.snapshot(),
      stateTransitions: sfn.transitions,
      stepFunctionsLogBytes: sfn.logBytes,
      dynamoStorageBytes: 0,
      s3StorageBytes: 0,
      recurringJobs: [],
      stack: { secrets: 1, kmsKeys: 1, alarms: 11, dashboards: 1, logRetentionDays: 365 },
    });
    const rows = costRows(usage);
    const lambdaRequests = Object.values(usage.lambda).reduce((s, f) => s + f.requests, 0);
    expect(rows.find((r) => r.item === 'requests')?.quantity).toBe(lambdaRequests);
    expect(lambdaRequests).toBe(
      [...meter.counters].filter(([k]) => k.startsWith('lambda.requests.')).reduce((s, [, v]) => s + v, 0),
    );
    // GB-seconds from the raw counters and each function's memory in the catalog.
    const gbs = functions.reduce(
      (sum, f) => sum + (meter.get(`lambda.ms.${f.name}`) / 1000) * (f.memoryMb / 1024),
      0,
    );
    expect(rows.find((r) => r.item === 'duration, arm64')?.quantity).toBeCloseTo(gbs, 6);
    // The fixed part alone: a secret, a key and one alarm over the free ten.
    expect(total(rows)).toBeGreaterThanOrEqual(1.5);
  });
});
