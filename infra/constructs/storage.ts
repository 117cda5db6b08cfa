import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import type { TableName, TableSpec } from '../catalog';
import { pascal } from './names';

export interface StorageProps {
  readonly tables: readonly TableSpec[];
  /** The records archive's Object Lock: default retention in years and its mode (docs/decisions/0025). */
  readonly archive: { readonly retentionYears: number; readonly lockMode: 'GOVERNANCE' | 'COMPLIANCE' };
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
  /** Write-once records (posts as published, replies, decisions, platform reports) under Object Lock. */
  readonly archiveBucket: s3.Bucket;

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
        // Export zips hold citizens' messages: a handed-over copy is the officer's; ours go after a month.
        {
          id: 'expire-archive-exports',
          prefix: 'exports/',
          expiration: Duration.days(30),
          noncurrentVersionExpiration: Duration.days(1),
        },
      ],
    });

    // A bucket of its own: Object Lock is set when a bucket is created (the records bucket above predates
    // it), and a default retention there would lock every upload and preview too.
    const { retentionYears, lockMode } = props.archive;
    const retention = Duration.days(retentionYears * 365);
    this.archiveBucket = new s3.Bucket(this, 'ArchiveBucket', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      versioned: true,
      objectLockEnabled: true,
      objectLockDefaultRetention:
        lockMode === 'COMPLIANCE'
          ? s3.ObjectLockRetention.compliance(retention)
          : s3.ObjectLockRetention.governance(retention),
      serverAccessLogsBucket: this.accessLogsBucket,
      serverAccessLogsPrefix: 'archive/',
      removalPolicy: RemovalPolicy.RETAIN,
      // Records are small JSON files: let S3 move those under 128 KB too, to the classes that take them.
      transitionDefaultMinimumObjectSize: s3.TransitionDefaultMinimumObjectSize.VARIES_BY_STORAGE_CLASS,
      lifecycleRules: [
        {
          id: 'records-to-cold-storage',
          transitions: [
            // Read by exports within milliseconds still, at a fraction of the price.
            { storageClass: s3.StorageClass.GLACIER_INSTANT_RETRIEVAL, transitionAfter: Duration.days(90) },
            // Older than three years: kept for the retention, restored (hours) before an export reads it.
            { storageClass: s3.StorageClass.DEEP_ARCHIVE, transitionAfter: Duration.days(3 * 365) },
          ],
        },
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
