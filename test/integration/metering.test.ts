import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DynamoDBClient } from '@aws-sdk/client-dynamodb';
import { DynamoDBDocumentClient, GetCommand, PutCommand } from '@aws-sdk/lib-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen, startDynamo } from '../../local/aws-services';
import { dynamoMeter, Meter } from '../../local/metering';

/**
 * The DynamoDB counting proxy bills as on-demand does: write units per KB, read units per 4 KB (half when
 * eventually consistent), a failed conditional write still billed, and a write to an indexed item billed again
 * for each index. Expected units are worked out by hand from the item sizes.
 */

let dir: string;
let dynamo: Server;
let proxy: Server;
let doc: DynamoDBDocumentClient;
const meter = new Meter();

beforeAll(async () => {
  // startDynamo's own client reads the region and credentials from the environment.
  Object.assign(process.env, {
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
  });
  dir = await mkdtemp(join(tmpdir(), 'sebar-meter-'));
  const started = await startDynamo(dir, 0);
  dynamo = started.server;
  proxy = dynamoMeter(started.endpoint, meter);
  const port = await listen(proxy, 0);
  doc = DynamoDBDocumentClient.from(
    new DynamoDBClient({
      endpoint: `http://127.0.0.1:${port}`,
      region: 'ap-southeast-3',
      credentials: { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' },
    }),
  );
});

afterAll(async () => {
  doc?.destroy();
  if (proxy) await closeServer(proxy);
  if (dynamo) await closeServer(dynamo);
  await rm(dir, { recursive: true, force: true });
});

/** Counter deltas while `fn` runs. */
const units = async (fn: () => Promise<unknown>) => {
  const before = { wru: meter.get('dynamodb.wru'), rru: meter.get('dynamodb.rru') };
  await fn().catch((error: Error) => {
    if (error.name !== 'ConditionalCheckFailedException') throw error;
  });
  // The proxy counts after it has answered: give it a moment.
  await new Promise((r) => setTimeout(r, 50));
  return { wru: meter.get('dynamodb.wru') - before.wru, rru: meter.get('dynamodb.rru') - before.rru };
};

// About 2.5 KB: 3 write units, 1 read unit.
const text = 'x'.repeat(2500);

describe('the DynamoDB meter', () => {
  it('bills writes per KB and reads per 4 KB, eventually consistent at half', async () => {
    const item = { itemId: 'i-1', sk: 'a', text };
    expect(await units(() => doc.send(new PutCommand({ TableName: 'sebar-audit', Item: item })))).toEqual({
      wru: 3,
      rru: 0,
    });
    const key = { itemId: 'i-1', sk: 'a' };
    expect(
      await units(() =>
        doc.send(new GetCommand({ TableName: 'sebar-audit', Key: key, ConsistentRead: true })),
      ),
    ).toEqual({ wru: 0, rru: 1 });
    expect(await units(() => doc.send(new GetCommand({ TableName: 'sebar-audit', Key: key })))).toEqual({
      wru: 0,
      rru: 0.5,
    });
  });

  it('bills a refused conditional write', async () => {
    const put = () =>
      doc.send(
        new PutCommand({
          TableName: 'sebar-audit',
          Item: { itemId: 'i-1', sk: 'a', text },
          ConditionExpression: 'attribute_not_exists(itemId)',
        }),
      );
    expect(await units(put)).toEqual({ wru: 3, rru: 0 });
  });

  it('bills a write again for each index the item is in', async () => {
    // The feedback table's by-status index takes the item (it has a status); by-item does not (no itemId).
    const item = { id: 'x-1', status: 'open', receivedAt: '2026-12-02T00:00:00Z', text };
    expect(await units(() => doc.send(new PutCommand({ TableName: 'sebar-feedback', Item: item })))).toEqual({
      wru: 6,
      rru: 0,
    });
  });
});
