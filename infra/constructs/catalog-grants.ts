import { CfnElement, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as s3 from 'aws-cdk-lib/aws-s3';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type * as ses from 'aws-cdk-lib/aws-ses';
import type { IConstruct } from 'constructs';
import { type TableName, tables } from '../catalog';
import { acknowledge, wildcardResource } from './nag';
import type { SebarFunction } from './sebar-function';
import type { Storage } from './storage';

/** What a function's catalog `access` entry can name (the workflow, queues and reminders grant their own). */
export interface GrantSources {
  readonly storage: Storage;
  readonly secret: secretsmanager.ISecret;
  readonly mailIdentity: ses.EmailIdentity;
}

const logicalIdOf = (construct: IConstruct): string => {
  const cfn = construct.node.defaultChild;
  if (!(cfn instanceof CfnElement))
    throw new Error(`No CloudFormation resource under ${construct.node.path}`);
  return Stack.of(construct).getLogicalId(cfn);
};

/** GetObject (and PutObject to write) on a bucket's keys, and ListBucket, with the wildcard acknowledged. */
const grantObjects = (
  fn: SebarFunction,
  bucket: s3.IBucket,
  mode: 'read' | 'write',
  o: { sids: [string, string]; keys: string; why: (actions: string) => string },
): void => {
  const actions = mode === 'write' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'];
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: o.sids[0], actions, resources: [bucket.arnForObjects(o.keys)] }),
  );
  // ListBucket turns HeadObject on a missing key into 404 instead of 403, which the stores rely on.
  fn.role.addToPrincipalPolicy(
    new iam.PolicyStatement({ sid: o.sids[1], actions: ['s3:ListBucket'], resources: [bucket.bucketArn] }),
  );
  acknowledge(fn.role, wildcardResource(logicalIdOf(bucket), `/${o.keys}`), o.why(actions.join(' and ')));
};

/** Least privilege, straight from the catalog: only the tables, bucket access and services listed. */
export const grantFromCatalog = (
  fn: SebarFunction,
  { storage, secret, mailIdentity }: GrantSources,
): void => {
  const { spec } = fn;
  const { access } = spec;
  for (const [name, mode] of Object.entries(access.tables ?? {}) as [TableName, 'read' | 'write'][]) {
    const table = storage.table(name);
    if (mode === 'write') table.grantReadWriteData(fn.role);
    else table.grantReadData(fn.role);
    if ((tables.find((t) => t.name === name)?.indexes ?? []).length > 0) {
      acknowledge(
        fn.role,
        wildcardResource(logicalIdOf(table), '/index/*'),
        `Queries on the global secondary indexes of the ${name} table only; DynamoDB grants index access ` +
          'through the table ARN followed by /index/<name>, and the wildcard never leaves this one table.',
      );
    }
  }

  if (access.bucket) {
    grantObjects(fn, storage.bucket, access.bucket, {
      sids: access.bucket === 'write' ? ['ReadWriteRecords', 'ListRecords'] : ['ReadRecords', 'ListRecords'],
      keys: '*',
      why: (actions) =>
        'Object keys in the records bucket are per item, per webhook delivery and per report, so they are not ' +
        `known in advance; ${spec.name} gets ${actions} on this bucket's objects only (no delete).`,
    });
  }

  if (access.archive) {
    // Put and Get only: never a delete, a retention change or a governance bypass (docs/decisions/0025).
    grantObjects(fn, storage.archiveBucket, access.archive, {
      sids:
        access.archive === 'write'
          ? ['WriteArchiveRecords', 'ListArchiveRecords']
          : ['ReadArchiveRecords', 'ListArchiveRecords'],
      keys: 'records/*',
      why: (actions) =>
        'Archive records are keyed by WIB day, kind and event id, so they are not known in advance; ' +
        `${spec.name} gets ${actions} on records/ in the archive bucket only (no delete).`,
    });
  }

  if (access.sendEmail) mailIdentity.grantSendEmail(fn.role);
  // Every function may read the one secrets bundle (it is one secret, read once per cold start).
  secret.grantRead(fn.role);
  // The account check writes a refreshed Instagram token back as a new version of the same secret.
  // PutSecretValue only: no UpdateSecret (which could change the secret's key or description).
  if (access.writeSecrets) {
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'RefreshPlatformTokens',
        actions: ['secretsmanager:PutSecretValue'],
        resources: [secret.secretArn],
      }),
    );
  }
};
