import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import {
  type AttributeValue,
  BatchWriteItemCommand,
  CreateTableCommand,
  type CreateTableCommandInput,
  DeleteTableCommand,
  DescribeTableCommand,
  DynamoDBClient,
  ListTablesCommand,
  ScanCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { backfillPublishMonths } from '../functions/adapters/items-backfill';
import { documentClient } from '../functions/common/aws/dynamo';
import { type TableSpec, tables } from '../infra/catalog';
import { postPolicyMiddleware } from './s3-post-policy';

export const closeServer = (server: Server): Promise<void> =>
  new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections?.();
  });

export const listen = (server: Server, port: number, host = '127.0.0.1'): Promise<number> =>
  new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      const address = server.address();
      resolve(typeof address === 'object' && address ? address.port : port);
    });
  });

/** The same key schema and indexes as the CDK stack creates, from the shared catalog. */
export const tableDefinition = (spec: TableSpec, physicalName: string): CreateTableCommandInput => {
  const attributes = new Set([spec.partitionKey, ...(spec.sortKey ? [spec.sortKey] : [])]);
  for (const index of spec.indexes ?? []) {
    attributes.add(index.partitionKey);
    if (index.sortKey) attributes.add(index.sortKey);
  }
  return {
    TableName: physicalName,
    BillingMode: 'PAY_PER_REQUEST',
    AttributeDefinitions: [...attributes].map((name) => ({ AttributeName: name, AttributeType: 'S' })),
    KeySchema: [
      { AttributeName: spec.partitionKey, KeyType: 'HASH' },
      ...(spec.sortKey ? [{ AttributeName: spec.sortKey, KeyType: 'RANGE' as const }] : []),
    ],
    ...(spec.indexes?.length
      ? {
          GlobalSecondaryIndexes: spec.indexes.map((index) => ({
            IndexName: index.name,
            KeySchema: [
              { AttributeName: index.partitionKey, KeyType: 'HASH' as const },
              ...(index.sortKey ? [{ AttributeName: index.sortKey, KeyType: 'RANGE' as const }] : []),
            ],
            Projection: { ProjectionType: 'ALL' as const },
          })),
        }
      : {}),
  };
};

export const physicalTableName = (spec: TableSpec) => `sebar-${spec.name}`;

type RawItem = Record<string, AttributeValue>;

/** dynalite, like DynamoDB, creates and deletes tables in the background: wait for the outcome. */
export const waitForTable = async (client: DynamoDBClient, name: string, want: 'ACTIVE' | 'GONE') => {
  for (let i = 0; i < 500; i++) {
    const status = await client
      .send(new DescribeTableCommand({ TableName: name }))
      .then((d) => d.Table?.TableStatus)
      .catch((error: Error) => {
        if (error.name === 'ResourceNotFoundException') return 'GONE';
        throw error;
      });
    if (status === want) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error(`Table ${name} did not become ${want}`);
};

/** Creates the table afresh from the catalog and writes the items back, 25 at a time. */
const recreate = async (client: DynamoDBClient, spec: TableSpec, name: string, items: RawItem[]) => {
  await waitForTable(client, name, 'ACTIVE').catch(() => undefined);
  await client.send(new DeleteTableCommand({ TableName: name })).catch((error: Error) => {
    if (error.name !== 'ResourceNotFoundException') throw error;
  });
  await waitForTable(client, name, 'GONE');
  await client.send(new CreateTableCommand(tableDefinition(spec, name)));
  await waitForTable(client, name, 'ACTIVE');
  for (let i = 0; i < items.length; i += 25) {
    let requests: Record<string, { PutRequest: { Item: RawItem } }[]> | undefined = {
      [name]: items.slice(i, i + 25).map((Item) => ({ PutRequest: { Item } })),
    };
    while (requests && Object.keys(requests).length) {
      const out = await client.send(new BatchWriteItemCommand({ RequestItems: requests }));
      requests = out.UnprocessedItems as typeof requests;
    }
  }
};

/**
 * dynalite cannot add an index to an existing table, so a data folder written by an earlier version,
 * whose table lacks an index the catalog now declares, is rebuilt: every item is saved to a file beside
 * the database (written whole, then renamed into place), the table is created again with all its indexes,
 * and the items are written back; the file goes last. A start that finds the file, with or without the
 * table, finishes that rebuild first. (On AWS, CloudFormation adds the index to the live table.)
 */
const rebuildIfNeeded = async (
  client: DynamoDBClient,
  spec: TableSpec,
  name: string,
  exists: boolean,
  dir: string,
): Promise<boolean> => {
  const saved = join(dir, `rebuilding-${name}.json`);
  const pending = await readFile(saved, 'utf8').catch(() => undefined);
  if (pending !== undefined) {
    await recreate(client, spec, name, JSON.parse(pending) as RawItem[]);
    await rm(saved);
    return true;
  }
  if (!exists) {
    await client.send(new CreateTableCommand(tableDefinition(spec, name)));
    return false;
  }
  const described = await client.send(new DescribeTableCommand({ TableName: name }));
  const have = new Set((described.Table?.GlobalSecondaryIndexes ?? []).map((i) => i.IndexName));
  if ((spec.indexes ?? []).every((i) => have.has(i.name))) return false;
  const items: RawItem[] = [];
  let start: RawItem | undefined;
  do {
    const page = await client.send(new ScanCommand({ TableName: name, ExclusiveStartKey: start }));
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  await writeFile(`${saved}.tmp`, JSON.stringify(items));
  await rename(`${saved}.tmp`, saved);
  await recreate(client, spec, name, items);
  await rm(saved);
  return true;
};

/** DynamoDB API on disk (dynalite over LevelDB), with Sebar's tables created, or rebuilt with missing indexes. */
export const startDynamo = async (
  dataDir: string,
  port: number,
): Promise<{ server: Server; endpoint: string; rebuilt: string[] }> => {
  const path = join(dataDir, 'dynamodb');
  await mkdir(path, { recursive: true });
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const bound = await listen(server, port);
  const endpoint = `http://127.0.0.1:${bound}`;
  const client = new DynamoDBClient({ endpoint });
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  const rebuilt: string[] = [];
  for (const spec of tables) {
    const name = physicalTableName(spec);
    if (await rebuildIfNeeded(client, spec, name, existing.has(name), dataDir)) rebuilt.push(name);
  }
  client.destroy();
  return { server, endpoint, rebuilt };
};

/** Writes the calendar index's publish month on items stored before the index existed. */
export const backfillLocalPublishMonths = async (endpoint: string): Promise<number> => {
  const items = tables.find((t) => t.name === 'items');
  return items ? await backfillPublishMonths(documentClient(endpoint), physicalTableName(items)) : 0;
};

export const LOCAL_BUCKET = 'sebar-local';
/**
 * The records archive (docs/decisions/0025). s3rver has no Object Lock and ignores If-None-Match on PUT,
 * so write-once is kept locally by the archive adapter itself (it reads the key before it writes).
 */
export const LOCAL_ARCHIVE_BUCKET = 'sebar-local-archive';

/** The bucket's CORS rule: the console's origins may upload (presigned POST) and read (previews). */
export const corsConfiguration = (origins: readonly string[]): string =>
  `<CORSConfiguration><CORSRule>${origins.map((o) => `<AllowedOrigin>${o}</AllowedOrigin>`).join('')}` +
  '<AllowedMethod>GET</AllowedMethod><AllowedMethod>HEAD</AllowedMethod><AllowedMethod>POST</AllowedMethod>' +
  '<AllowedHeader>*</AllowedHeader><ExposeHeader>ETag</ExposeHeader><MaxAgeSeconds>3000</MaxAgeSeconds>' +
  '</CORSRule></CORSConfiguration>';

/**
 * S3 API on disk (s3rver), with browser POST uploads checked against their policy as S3 does. `corsOrigins`
 * are the origins that may upload from a browser (the console, served by the gateway).
 */
export const startS3 = async (
  dataDir: string,
  port: number,
  corsOrigins: readonly string[] = [],
): Promise<{ stop: () => Promise<void>; endpoint: string }> => {
  const directory = join(dataDir, 's3');
  await mkdir(directory, { recursive: true });
  const s3rver = new S3rver({
    address: '127.0.0.1',
    port,
    silent: true,
    directory,
    vhostBuckets: false,
    allowMismatchedSignatures: true,
    configureBuckets: [
      { name: LOCAL_BUCKET, configs: corsOrigins.length ? [corsConfiguration(corsOrigins)] : [] },
      { name: LOCAL_ARCHIVE_BUCKET, configs: [] },
    ],
  });
  const chain = (s3rver as unknown as { middleware: unknown[] }).middleware;
  // s3rver formats a log line for every request (koa-logger) even when silent, which its own logger then
  // drops: about 3 % of the runtime's CPU under webhook load. Silent here, so the formatter goes.
  const formatter = chain.findIndex((m) => (m as { name?: string }).name === 'logger');
  if (formatter >= 0) chain.splice(formatter, 1);
  // First in the chain, before s3rver's own routes: s3rver accepts any POST policy.
  chain.unshift(postPolicyMiddleware({ secretAccessKey: 'S3RVER', allowedOrigins: corsOrigins }));
  const address = await s3rver.run();
  return { stop: () => s3rver.close(), endpoint: `http://127.0.0.1:${address.port}` };
};
