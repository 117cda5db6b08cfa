import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { CreateTableCommand, DynamoDBClient, PutItemCommand, QueryCommand } from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  backfillLocalPublishMonths,
  closeServer,
  listen,
  startDynamo,
  waitForTable,
} from '../../local/aws-services';
import { type LocalAws, startLocalAws, uniqueId } from '../helpers/local-aws';

/*
 * The console's data against the local DynamoDB: drafts with conditional saves, the calendar read through
 * the publish-month index, and items from before the index found again after the rebuild and backfill.
 */

let aws: LocalAws;
let drafts: typeof import('../../functions/domain/content/drafts');
let store: typeof import('../../functions/adapters/drafts-repo');
let items: typeof import('../../functions/adapters/items-repo');
let calendar: typeof import('../../functions/domain/content/calendar');

beforeAll(async () => {
  aws = await startLocalAws();
  drafts = await import('../../functions/domain/content/drafts');
  store = await import('../../functions/adapters/drafts-repo');
  items = await import('../../functions/adapters/items-repo');
  calendar = await import('../../functions/domain/content/calendar');
});

afterAll(async () => {
  await aws?.stop();
});

describe('drafts table', () => {
  it('keeps a draft, saves it by version, refuses a stale save, lists it and deletes it', async () => {
    const s = store.draftStore;
    const created = await drafts.createDraft(s, { title: uniqueId('Draf'), platforms: ['x'] }, 'a@x');
    const saved = await drafts.updateDraft(s, created.id, { version: 1, data: { title: 'Baru' } }, 'b@x');
    expect(saved.version).toBe(2);
    await expect(
      drafts.updateDraft(s, created.id, { version: 1, data: { title: 'Lama' } }, 'c@x'),
    ).rejects.toMatchObject({ name: 'ConflictError', statusCode: 409 });
    expect((await drafts.getDraft(s, created.id)).data).toEqual({ title: 'Baru' });
    // The store's own condition holds even when the version check above is skipped.
    const current = await s.get(created.id);
    expect(current && (await s.replace({ ...current, version: 9 }, 1))).toBe(false);
    const listed = (await drafts.listDrafts(s)).drafts;
    expect(listed[0]).toEqual({
      id: created.id,
      title: 'Baru',
      updatedAt: saved.updatedAt,
      updatedBy: 'b@x',
    });
    await drafts.deleteDraft(s, created.id);
    await expect(drafts.getDraft(s, created.id)).rejects.toMatchObject({ statusCode: 404 });
    await expect(drafts.deleteDraft(s, created.id)).rejects.toMatchObject({ statusCode: 404 });
  });
});

const record = (id: string, publishAt: string, extra: Record<string, unknown> = {}) => ({
  id,
  kind: 'item',
  title: `Judul ${id}`,
  platforms: ['instagram'],
  publishAt,
  publishMonth: calendar.publishMonthOf(publishAt),
  status: 'scheduled',
  revision: 1,
  createdAt: new Date().toISOString(),
  ...extra,
});

describe('calendar index on the items table', () => {
  it('finds items by WIB month and publish time, across a month boundary, cancelled ones included', async () => {
    const { dynamo, PutCommand } = await import('../../functions/common/aws/dynamo');
    const put = (r: Record<string, unknown>) =>
      dynamo.send(new PutCommand({ TableName: 'sebar-items', Item: r }));
    const a = uniqueId('a');
    const b = uniqueId('b');
    const c = uniqueId('c');
    const outside = uniqueId('out');
    await put(record(a, '2031-01-31T16:30:00.000Z')); // 23:30 WIB, 31 January
    await put(record(b, '2031-01-31T17:30:00.000Z', { status: 'cancelled' })); // 00:30 WIB, 1 February
    await put(record(c, '2031-02-10T03:00:00.000Z'));
    await put(record(outside, '2031-03-20T03:00:00.000Z'));
    const entries = await calendar.calendarItems(
      new Date('2031-01-31T00:00:00+07:00'),
      new Date('2031-02-28T23:59:59+07:00'),
      items.itemsPublishingBetween,
    );
    expect(entries.map((e) => e.id)).toEqual([a, b, c]);
    expect(entries[1]?.status).toBe('cancelled');
  });
});

describe('items from before the calendar index', () => {
  it('are rebuilt into a table with the index and given their publish month at start', async () => {
    const dataDir = await mkdtemp(join(tmpdir(), 'sebar-calendar-'));
    const server = dynalite({ path: join(dataDir, 'dynamodb'), createTableMs: 0 });
    const port = await listen(server, 0);
    const client = new DynamoDBClient({ endpoint: `http://127.0.0.1:${port}` });
    await client.send(
      new CreateTableCommand({
        TableName: 'sebar-items',
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          { AttributeName: 'id', AttributeType: 'S' },
          { AttributeName: 'kind', AttributeType: 'S' },
          { AttributeName: 'createdAt', AttributeType: 'S' },
        ],
        KeySchema: [{ AttributeName: 'id', KeyType: 'HASH' }],
        GlobalSecondaryIndexes: [
          {
            IndexName: 'by-created',
            KeySchema: [
              { AttributeName: 'kind', KeyType: 'HASH' },
              { AttributeName: 'createdAt', KeyType: 'RANGE' },
            ],
            Projection: { ProjectionType: 'ALL' },
          },
        ],
      }),
    );
    await waitForTable(client, 'sebar-items', 'ACTIVE');
    for (const [id, at] of [
      ['old1', '2026-11-30T18:00:00.000Z'],
      ['old2', '2026-11-05T02:00:00.000Z'],
    ] as const) {
      await client.send(
        new PutItemCommand({
          TableName: 'sebar-items',
          Item: { id: { S: id }, kind: { S: 'item' }, createdAt: { S: at }, publishAt: { S: at } },
        }),
      );
    }
    client.destroy();
    await closeServer(server);

    const dynamo = await startDynamo(dataDir, 0);
    try {
      expect(dynamo.rebuilt).toContain('sebar-items');
      expect(await backfillLocalPublishMonths(dynamo.endpoint)).toBe(2);
      expect(await backfillLocalPublishMonths(dynamo.endpoint)).toBe(0);
      const reader = new DynamoDBClient({ endpoint: dynamo.endpoint });
      const month = async (m: string) =>
        (
          await reader.send(
            new QueryCommand({
              TableName: 'sebar-items',
              IndexName: 'by-publish-month',
              KeyConditionExpression: 'publishMonth = :m',
              ExpressionAttributeValues: { ':m': { S: m } },
            }),
          )
        ).Items?.map((i) => i.id?.S);
      // 30 November 18:00 UTC is 1 December 01:00 WIB.
      expect(await month('2026-12')).toEqual(['old1']);
      expect(await month('2026-11')).toEqual(['old2']);
      reader.destroy();
    } finally {
      await closeServer(dynamo.server);
    }
  });
});
