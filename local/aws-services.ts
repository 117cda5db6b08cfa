import { mkdir } from 'node:fs/promises';
import type { Server } from 'node:http';
import { join } from 'node:path';
import {
  CreateTableCommand,
  type CreateTableCommandInput,
  DynamoDBClient,
  ListTablesCommand,
} from '@aws-sdk/client-dynamodb';
import dynalite from 'dynalite';
import S3rver from 's3rver';
import { type TableSpec, tables } from '../infra/catalog';

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

/** DynamoDB API on disk (dynalite over LevelDB), with Sebar's tables created if missing. */
export const startDynamo = async (
  dataDir: string,
  port: number,
): Promise<{ server: Server; endpoint: string }> => {
  const path = join(dataDir, 'dynamodb');
  await mkdir(path, { recursive: true });
  const server = dynalite({ path, createTableMs: 0, deleteTableMs: 0, updateTableMs: 0 });
  const bound = await listen(server, port);
  const endpoint = `http://127.0.0.1:${bound}`;
  const client = new DynamoDBClient({ endpoint });
  const existing = new Set((await client.send(new ListTablesCommand({}))).TableNames ?? []);
  for (const spec of tables) {
    const name = physicalTableName(spec);
    if (!existing.has(name)) await client.send(new CreateTableCommand(tableDefinition(spec, name)));
  }
  client.destroy();
  return { server, endpoint };
};

export const LOCAL_BUCKET = 'sebar-local';

/** S3 API on disk (s3rver). */
export const startS3 = async (
  dataDir: string,
  port: number,
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
    configureBuckets: [{ name: LOCAL_BUCKET }],
  });
  const address = await s3rver.run();
  return { stop: () => s3rver.close(), endpoint: `http://127.0.0.1:${address.port}` };
};
