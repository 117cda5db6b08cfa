import { mkdtemp, rm } from 'node:fs/promises';
import type { Server } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PutCommand } from '../../functions/common/aws/dynamo';
import { tables } from '../../infra/catalog';
import {
  closeServer,
  LOCAL_ARCHIVE_BUCKET,
  LOCAL_BUCKET,
  listen,
  physicalTableName,
  startDynamo,
  startS3,
} from '../../local/aws-services';
import { LocalSqs } from '../../local/sqs';

export interface LocalAws {
  readonly dataDir: string;
  readonly dynamoEndpoint: string;
  readonly s3Endpoint: string;
  /** The feedback queue, without a consumer: tests see what was queued. */
  readonly sqs: LocalSqs;
  readonly stop: () => Promise<void>;
}

/**
 * Starts real local DynamoDB (dynalite) and S3 (s3rver) servers on free ports in a fresh folder and points
 * the AWS SDK at them through the standard environment variables. Call it before importing anything from
 * functions/: the AWS clients and the configuration are created once, at module load.
 */
export const startLocalAws = async (options: { corsOrigins?: string[] } = {}): Promise<LocalAws> => {
  // startDynamo's own client needs the region and credentials too.
  Object.assign(process.env, {
    AWS_REGION: 'ap-southeast-3',
    // s3rver accepts only this key pair.
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
  });
  const dataDir = await mkdtemp(join(tmpdir(), 'sebar-integration-'));
  let dynamo: { server: Server; endpoint: string } | undefined;
  let s3: { stop: () => Promise<void>; endpoint: string } | undefined;
  const sqs = new LocalSqs({
    dataDir: join(dataDir, 'sqs'),
    region: 'ap-southeast-3',
    queues: [{ name: 'sebar-feedback' }],
    invoke: async () => undefined,
  });
  let sqsEndpoint = '';
  try {
    dynamo = await startDynamo(dataDir, 0);
    s3 = await startS3(dataDir, 0, options.corsOrigins);
    sqsEndpoint = await sqs.start(0, listen);
  } catch (error) {
    await sqs.stop();
    await closeServer(sqs.server).catch(() => undefined);
    if (dynamo) await closeServer(dynamo.server);
    await rm(dataDir, { recursive: true, force: true });
    throw error;
  }
  Object.assign(process.env, {
    AWS_ENDPOINT_URL_DYNAMODB: dynamo.endpoint,
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    AWS_ENDPOINT_URL_SQS: sqsEndpoint,
    FEEDBACK_QUEUE_URL: sqs.queueUrl('sebar-feedback'),
    // Every table of the catalog, by the name the local runtime gives it.
    ...Object.fromEntries(tables.map((t) => [t.envVar, physicalTableName(t)])),
    BUCKET_NAME: LOCAL_BUCKET,
    ARCHIVE_BUCKET: LOCAL_ARCHIVE_BUCKET,
  });
  const started = { dynamo, s3 };
  return {
    dataDir,
    dynamoEndpoint: dynamo.endpoint,
    s3Endpoint: s3.endpoint,
    sqs,
    stop: async () => {
      await sqs.stop();
      await closeServer(sqs.server);
      await closeServer(started.dynamo.server);
      await started.s3.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
};

/** A unique id for one test, so tests share servers but never records. */
export const uniqueId = (prefix: string): string => `${prefix}-${crypto.randomUUID()}`;

/**
 * Stores one processed feedback record: an open Instagram question unless `fields` says otherwise, created
 * and processed when it was received (`fields.receivedAt`). Call it after startLocalAws.
 */
export const putFeedback = async (id: string, fields: Record<string, unknown>) => {
  const { dynamo } = await import('../../functions/common/aws/dynamo');
  return dynamo.send(
    new PutCommand({
      TableName: 'sebar-feedback',
      Item: {
        id,
        platform: 'instagram',
        platformId: id,
        kind: 'comment',
        authorHandle: 'warga',
        text: 'Kapan jadwal fogging DBD di Cibiru?',
        label: 'question',
        urgent: false,
        status: 'open',
        ...fields,
        createdAt: fields.receivedAt,
        processedAt: fields.receivedAt,
      },
    }),
  );
};
