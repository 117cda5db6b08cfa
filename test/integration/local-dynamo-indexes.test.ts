import { mkdtemp, readdir, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  CreateTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  PutItemCommand,
  QueryCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { beforeAll, describe, expect, it } from 'vitest';
import { closeServer, listen, startDynamo, waitForTable } from '../../local/aws-services';

beforeAll(() => {
  Object.assign(process.env, {
    AWS_REGION: 'ap-southeast-3',
    AWS_ACCESS_KEY_ID: 'local',
    AWS_SECRET_ACCESS_KEY: 'local',
  });
});

const feedbackItem = (i: number) => ({
  id: { S: `f${String(i).padStart(3, '0')}` },
  status: { S: i % 3 === 0 ? 'closed' : 'open' },
  receivedAt: { S: new Date(Date.UTC(2026, 10, 1, 0, i)).toISOString() },
  text: { S: `pesan ${i}` },
});

/** A data folder as an earlier version left it: the feedback table with its item index only. */
const oldDataFolder = async (count: number): Promise<string> => {
  const dataDir = await mkdtemp(join(tmpdir(), 'sebar-indexes-'));
  const server = dynalite({ path: join(dataDir, 'dynamodb'), createTableMs: 0 });
  const port = await listen(server, 0);
  const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}` });
  await client.send(
    new CreateTableCommand({
      TableName: 'sebar-feedback',
      BillingMode: 'PAY_PER_REQUEST',
      AttributeDefinitions: [
        { AttributeName: 'id', AttributeType: 'S' },
        { AttributeName: 'itemId', AttributeType: 'S' },
        { AttributeName: 'receivedAt', AttributeType: 'S' },
      ],
      KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
      GlobalSecondaryIndexes: [
        {
          IndexName: 'by-item',
          KeySchema: [
            { AttributeName: 'itemId', KeyType: 'HASH' },
            { AttributeName: 'receivedAt', KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        },
      ],
    }),
  );
  await waitForTable(client, 'sebar-feedback', 'ACTIVE');
  for (let i = 0; i < count; i++)
    await client.send(new PutItemCommand({ TableName: 'sebar-feedback', Item: feedbackItem(i) }));
  client.destroy();
  await closeServer(server);
  return dataDir;
};

const openThroughIndex = async (endpoint: string) => {
  const client = new DynamoDBClient({ endpoint });
  const out = await client.send(
    new QueryCommand({
      TableName: 'sebar-feedback',
      IndexName: 'by-status',
      KeyConditionExpression: '#s = :s',
      ExpressionAttributeNames: { '#s': 'status' },
      ExpressionAttributeValues: { ':s': { S: 'open' } },
      ScanIndexForward: false,
    }),
  );
  const all = await client.send(new ScanCommand({ TableName: 'sebar-feedback' }));
  const indexes = (
    await client.send(new DescribeTableCommand({ TableName: 'sebar-feedback' }))
  ).Table?.GlobalSecondaryIndexes?.map((i) => i.IndexName);
  client.destroy();
  return { open: out.Items ?? [], count: all.Count, indexes };
};

describe('a data folder from an earlier version gets the indexes the catalog added', () => {
  it('rebuilds the table with every item kept and the new index answering', async () => {
    const dataDir = await oldDataFolder(40);
    const dynamo = await startDynamo(dataDir, 0);
    try {
      expect(dynamo.rebuilt).toEqual(['sebar-feedback']);
      const { open, count, indexes } = await openThroughIndex(dynamo.endpoint);
      expect(count).toBe(40);
      expect(indexes?.sort()).toEqual(['by-item', 'by-status']);
      expect(open).toHaveLength(26);
      expect(open[0]?.id?.S).toBe('f038'); // newest open first (f039 is closed)
      expect(await readdir(dataDir)).not.toContain('rebuilding-sebar-feedback.json');
    } finally {
      await closeServer(dynamo.server);
    }
    // The next start finds nothing to do.
    const again = await startDynamo(dataDir, 0);
    expect(again.rebuilt).toEqual([]);
    await closeServer(again.server);
  });

  it('finishes a rebuild that stopped halfway, from the saved items', async () => {
    const dataDir = await oldDataFolder(0);
    const saved = [0, 1, 2, 3].map(feedbackItem);
    await writeFile(join(dataDir, 'rebuilding-sebar-feedback.json'), JSON.stringify(saved));
    const dynamo = await startDynamo(dataDir, 0);
    try {
      expect(dynamo.rebuilt).toEqual(['sebar-feedback']);
      const { open, count } = await openThroughIndex(dynamo.endpoint);
      expect(count).toBe(4);
      expect(open.map((i) => i.id?.S)).toEqual(['f002', 'f001']);
      expect(await readdir(dataDir)).not.toContain('rebuilding-sebar-feedback.json');
    } finally {
      await closeServer(dynamo.server);
    }
  });

  it('a rebuild that stopped after the table was deleted is finished, and nothing written later is lost', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sebar-indexes-'));
    await writeFile(
      join(dataDir, 'rebuilding-sebar-feedback.json'),
      JSON.stringify([0, 1, 2].map(feedbackItem)),
    );
    const first = await startDynamo(dataDir, 0);
    try {
      expect(first.rebuilt).toEqual(['sebar-feedback']);
      expect((await openThroughIndex(first.endpoint)).count).toBe(3);
      expect(await readdir(dataDir)).not.toContain('rebuilding-sebar-feedback.json');
      const client = new DynamoDBClient({ endpoint: first.endpoint });
      await client.send(new PutItemCommand({ TableName: 'sebar-feedback', Item: feedbackItem(7) }));
      client.destroy();
    } finally {
      await closeServer(first.server);
    }
    const second = await startDynamo(dataDir, 0);
    try {
      expect(second.rebuilt).toEqual([]);
      const { open, count } = await openThroughIndex(second.endpoint);
      expect(count).toBe(4);
      expect(open.map((i) => i.id?.S)).toEqual(['f007', 'f002', 'f001']);
    } finally {
      await closeServer(second.server);
    }
  });
});
