import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { TableName, TableSpec } from '../catalog';
import { pascal } from './names';

export interface StorageProps {
  readonly tables: readonly TableSpec[];
}

const stringKey = (name: string): dynamodb.Attribute => ({ name, type: dynamodb.AttributeType.STRING });

/**
 * Where Sebar keeps its records: one DynamoDB table per catalog entry and one S3 bucket for media, raw
 * webhook payloads and reports. Everything here is retained when the stack goes away: the office must be able
 * to show what it published and what citizens said. That is prod; on dev, the stage policy
 * (infra/stage-config.ts) lets the tables go with the stack, without PITR (the buckets stay on both).
 */
export class Storage extends Construct {
  readonly tables: ReadonlyMap<TableName, dynamodb.Table>;
  readonly bucket: s3.Bucket;
  readonly accessLogsBucket: s3.Bucket;

  constructor(scope: Construct, id: string, props: StorageProps) {
    super(scope, id);

    const tables = new Map<TableName, dynamodb.Table>();
    for (const spec of props.tables) {
      const table = new dynamodb.Table(this, `${pascal(spec.name)}Table`, {
        partitionKey: stringKey(spec.partitionKey),
        sortKey: spec.sortKey ? stringKey(spec.sortKey) : undefined,
        billingMode: dynamodb.BillingMode.PAY_PER_REQUEST,
        encryption: dynamodb.TableEncryption.AWS_MANAGED,
        pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
        deletionProtection: true,
        removalPolicy: RemovalPolicy.RETAIN,
      });
      for (const index of spec.indexes ?? []) {
        table.addGlobalSecondaryIndex({
          indexName: index.name,
          partitionKey: stringKey(index.partitionKey),
          sortKey: index.sortKey ? stringKey(index.sortKey) : undefined,
          projectionType: dynamodb.ProjectionType.ALL,
        });
      }
      tables.set(spec.name, table);
    }
    this.tables = tables;

    this.accessLogsBucket = new s3.Bucket(this, 'AccessLogsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      // Server access log delivery supports SSE-S3 only on the target bucket.
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        {
          id: 'expire-access-logs',
          expiration: Duration.days(400),
          noncurrentVersionExpiration: Duration.days(30),
        },
      ],
    });

    this.bucket = new s3.Bucket(this, 'RecordsBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'records/',
      removalPolicy: RemovalPolicy.RETAIN,
      lifecycleRules: [
        { id: 'abort-incomplete-uploads', abortIncompleteMultipartUploadAfter: Duration.days(7) },
      ],
    });
  }

  table(name: TableName): dynamodb.Table {
    const table = this.tables.get(name);
    if (!table) throw new Error(`The catalog has no table named ${name}`);
    return table;
  }
}
