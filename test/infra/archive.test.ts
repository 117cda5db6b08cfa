import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, type CfnElement, Stack } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import { functions, tables } from '../../infra/catalog';
import { Storage } from '../../infra/constructs/storage';
import { SebarStack } from '../../infra/sebar-stack';
import { archiveFrom } from '../../infra/settings';

/**
 * The records archive on AWS (docs/decisions/0025): a bucket created with Object Lock and a default
 * retention from context, versioned, encrypted, TLS only, moving older records to colder storage; only
 * the functions that write records may put them, the export only reads, and nobody may delete.
 */
const repoRoot = path.resolve(import.meta.dirname, '../..');
const cdkContext = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')).context;
const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
const stack = new SebarStack(app, 'Sebar', { env: { account: '123456789012', region: 'ap-southeast-3' } });
// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON.
type Cfn = any;
const json = Template.fromStack(stack).toJSON() as { Resources: Record<string, Cfn> };
const logicalId = (c: IConstruct) => Stack.of(c).getLogicalId(c.node.defaultChild as CfnElement);
const archiveId = logicalId(stack.storage.archiveBucket);
const archive = json.Resources[archiveId];

const statementsOn = (roleId: string): { Action: string[]; Resource: unknown[] }[] =>
  Object.values(json.Resources)
    .filter((r) => r.Type === 'AWS::IAM::Policy' && JSON.stringify(r.Properties.Roles).includes(roleId))
    .flatMap((p) => p.Properties.PolicyDocument.Statement as Cfn[])
    .map((st) => ({ Action: [st.Action].flat(), Resource: [st.Resource].flat() }))
    .filter((st) => JSON.stringify(st.Resource).includes(archiveId));

describe('the archive bucket', () => {
  it('is created with Object Lock, a ten-year GOVERNANCE default retention, and versioning', () => {
    expect(archive.Properties.ObjectLockEnabled).toBe(true);
    expect(archive.Properties.ObjectLockConfiguration).toEqual({
      ObjectLockEnabled: 'Enabled',
      Rule: { DefaultRetention: { Mode: 'GOVERNANCE', Days: 3650 } },
    });
    expect(archive.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(archive.DeletionPolicy).toBe('Retain');
  });

  it('moves records to Glacier Instant Retrieval after 90 days and Deep Archive after three years', () => {
    const rules = archive.Properties.LifecycleConfiguration.Rules as Cfn[];
    const cold = rules.find((r) => r.Id === 'records-to-cold-storage');
    expect(cold.Status).toBe('Enabled');
    expect(cold.Transitions).toEqual([
      { StorageClass: 'GLACIER_IR', TransitionInDays: 90 },
      { StorageClass: 'DEEP_ARCHIVE', TransitionInDays: 1095 },
    ]);
    expect(archive.Properties.LifecycleConfiguration.TransitionDefaultMinimumObjectSize).toBe(
      'varies_by_storage_class',
    );
  });

  it('is private, encrypted, logged and reachable over TLS only', () => {
    expect(archive.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(archive.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toMatchObject({
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
    });
    expect(archive.Properties.LoggingConfiguration.LogFilePrefix).toBe('archive/');
    const policy = Object.values(json.Resources).find(
      (r) => r.Type === 'AWS::S3::BucketPolicy' && JSON.stringify(r.Properties.Bucket).includes(archiveId),
    );
    expect(JSON.stringify(policy.Properties.PolicyDocument)).toContain('"aws:SecureTransport":"false"');
  });

  it('gives every function its name, and only the record writers PutObject; the export reads; nobody deletes', () => {
    for (const fn of stack.functions.values())
      expect(json.Resources[logicalId(fn.function)].Properties.Environment.Variables.ARCHIVE_BUCKET).toEqual({
        Ref: archiveId,
      });
    const writers = functions
      .filter((f) => 'archive' in f.access && f.access.archive === 'write')
      .map((f) => f.name);
    expect(writers.sort()).toEqual(
      [
        'approval-page',
        'content-api',
        'feedback-api',
        'publish-instagram',
        'publish-x',
        'webhook-instagram',
        'webhook-x',
      ].sort(),
    );
    for (const f of functions) {
      const actions = statementsOn(logicalId(stack.functions.get(f.name)?.role ?? stack)).flatMap(
        (s) => s.Action,
      );
      const mode = 'archive' in f.access ? f.access.archive : undefined;
      expect(actions.includes('s3:PutObject'), f.name).toBe(mode === 'write');
      expect(actions.includes('s3:GetObject'), f.name).toBe(mode !== undefined);
      expect(
        actions.filter((a) => /Delete|Retention|Bypass|LegalHold|\*/.test(a)),
        f.name,
      ).toEqual([]);
    }
    const exporter = statementsOn(logicalId(stack.functions.get('archive-export')?.role ?? stack));
    expect(exporter.flatMap((s) => s.Action).sort()).toEqual(['s3:GetObject', 's3:ListBucket']);
  });
});

describe('retention settings from context', () => {
  it('takes years and a mode, and refuses what is not a sensible retention', () => {
    expect(archiveFrom(undefined, undefined)).toEqual({ retentionYears: 10, lockMode: 'GOVERNANCE' });
    expect(archiveFrom('7', 'compliance')).toEqual({ retentionYears: 7, lockMode: 'COMPLIANCE' });
    expect(() => archiveFrom('0', undefined)).toThrow(/at least 1/);
    expect(() => archiveFrom('ten', undefined)).toThrow(/archiveRetentionYears/);
    expect(() => archiveFrom('2.5', undefined)).toThrow(/whole number/);
    expect(() => archiveFrom(10, 'LEGAL')).toThrow(/archiveLockMode/);
  });

  it('a COMPLIANCE archive keeps its records for the years given', () => {
    const s = new Stack(new App({ context: cdkContext }), 'Archive');
    new Storage(s, 'Storage', { tables, archive: { retentionYears: 7, lockMode: 'COMPLIANCE' } });
    const resources = Template.fromStack(s).toJSON().Resources as Record<string, Cfn>;
    const bucket = Object.values(resources).find((r) => r.Properties?.ObjectLockEnabled === true);
    expect(bucket.Properties.ObjectLockConfiguration.Rule.DefaultRetention).toEqual({
      Mode: 'COMPLIANCE',
      Days: 2555,
    });
  });
});
