import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { describe, expect, it } from 'vitest';
import { addSebarStack } from '../../infra/sebar-app';
import { stageConfigFromContext } from '../../infra/stage-config';
import { diffTemplates, normalize } from '../../scripts/infra-diff';

/*
 * The two stages from one app (`-c stage=dev|prod`): what differs in the synthesized template, and the
 * context values the synth refuses. The app is the real one (infra/sebar-app.ts: stack name, cdk-nag), with
 * bundling skipped.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cdkContext = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')).context;
const CERT = 'arn:aws:acm:ap-southeast-3:123456789012:certificate/0b6c2a4e-1f3d-4a5b-8c7d-9e0f1a2b3c4d';

const synth = (extra: Record<string, unknown>) => {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], ...extra } });
  const stack = addSebarStack(app);
  // Throws with cdk-nag's report if an unacknowledged error remains.
  app.synth();
  return { stack, template: Template.fromStack(stack) };
};

const dev = synth({ stage: 'dev' });
const prod = synth({ stage: 'prod', alarmEmail: 'engineer@dinkes.example.go.id' });

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON; the assertions check its shape.
type Cfn = any;
const all = (t: Template, type: string): Cfn[] => Object.values(t.findResources(type));
const config = (context: Record<string, unknown>) =>
  stageConfigFromContext(new App({ context: { ...cdkContext, ...context } }), 'ap-southeast-3');

describe('one app, two stages', () => {
  it('names the stack and every account-unique resource after the stage', () => {
    expect(dev.stack.stackName).toBe('Sebar-dev');
    expect(prod.stack.stackName).toBe('Sebar-prod');
    for (const [{ template }, stage] of [
      [dev, 'dev'],
      [prod, 'prod'],
    ] as const) {
      expect(all(template, 'AWS::StepFunctions::StateMachine')[0].Properties.StateMachineName).toBe(
        `sebar-${stage}-content-lifecycle`,
      );
      expect(all(template, 'AWS::SecretsManager::Secret')[0].Properties.Name).toBe(`sebar-${stage}/secrets`);
      expect(all(template, 'AWS::Scheduler::ScheduleGroup').map((g) => g.Properties.Name)).toEqual(
        expect.arrayContaining([`sebar-${stage}-reminders`, `sebar-${stage}-jobs`]),
      );
      const domain = all(template, 'AWS::Cognito::UserPoolDomain')[0].Properties.Domain;
      expect(JSON.stringify(domain)).toContain(`sebar-humas-${stage}-`);
    }
  });

  it('without -c stage, synthesizes dev (the CI synth and every test that names no stage)', () => {
    expect(config({})).toMatchObject({ stage: 'dev', stackName: 'Sebar-dev', retainData: false });
  });

  it('prod retains its tables, with deletion protection and point-in-time recovery; dev deletes them', () => {
    const devTables = all(dev.template, 'AWS::DynamoDB::Table');
    const prodTables = all(prod.template, 'AWS::DynamoDB::Table');
    expect(devTables.length).toBe(prodTables.length);
    for (const t of prodTables) {
      expect(t.DeletionPolicy).toBe('Retain');
      expect(t.UpdateReplacePolicy).toBe('Retain');
      expect(t.Properties.DeletionProtectionEnabled).toBe(true);
      expect(t.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
    }
    for (const t of devTables) {
      expect(t.DeletionPolicy).toBe('Delete');
      expect(t.Properties.DeletionProtectionEnabled).toBe(false);
      expect(t.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: false });
    }
  });

  it('prod keeps every log group a year and retains it; dev keeps 30 days and deletes them', () => {
    const devLogs = all(dev.template, 'AWS::Logs::LogGroup');
    expect(devLogs.length).toBeGreaterThan(20);
    for (const g of devLogs) {
      expect(g.Properties.RetentionInDays).toBe(30);
      expect(g.DeletionPolicy).toBe('Delete');
    }
    for (const g of all(prod.template, 'AWS::Logs::LogGroup')) {
      expect(g.Properties.RetentionInDays).toBe(365);
      expect(g.DeletionPolicy).toBe('Retain');
    }
    expect(config({ stage: 'prod', alarmEmail: 'a@b.id', logRetentionDays: '731' }).logRetentionDays).toBe(
      731,
    );
  });

  it("prod retains the staff user pool; dev's goes with the stack; buckets are retained on both", () => {
    const [devPool] = all(dev.template, 'AWS::Cognito::UserPool');
    const [prodPool] = all(prod.template, 'AWS::Cognito::UserPool');
    expect([devPool.DeletionPolicy, devPool.Properties.DeletionProtection]).toEqual(['Delete', 'INACTIVE']);
    expect([prodPool.DeletionPolicy, prodPool.Properties.DeletionProtection]).toEqual(['Retain', 'ACTIVE']);
    for (const t of [dev.template, prod.template]) {
      const buckets = all(t, 'AWS::S3::Bucket');
      expect(buckets.length).toBeGreaterThanOrEqual(3);
      for (const b of buckets) expect(b.DeletionPolicy).toBe('Retain');
    }
  });

  it('prod emails the alarms to alarmEmail and dev may go without', () => {
    expect(all(prod.template, 'AWS::SNS::Subscription')[0].Properties.Endpoint).toBe(
      'engineer@dinkes.example.go.id',
    );
    expect(all(dev.template, 'AWS::SNS::Subscription')).toHaveLength(0);
  });
});

describe('a custom domain for the HTTP API', () => {
  const withDomain = synth({ stage: 'dev', apiDomain: 'API.Sebar.Example.go.id', apiCertificateArn: CERT });

  it('maps the domain to the default stage and puts it in approval links', () => {
    const [domain] = all(withDomain.template, 'AWS::ApiGatewayV2::DomainName');
    expect(domain.Properties.DomainName).toBe('api.sebar.example.go.id');
    expect(domain.Properties.DomainNameConfigurations[0].CertificateArn).toBe(CERT);
    expect(all(withDomain.template, 'AWS::ApiGatewayV2::ApiMapping')).toHaveLength(1);
    const env = withDomain.stack.functions.get('request-approval')?.function;
    expect(env).toBeDefined();
    const fn =
      withDomain.template.toJSON().Resources[withDomain.stack.getLogicalId(env?.node.defaultChild as Cfn)];
    expect(fn.Properties.Environment.Variables.PUBLIC_BASE_URL).toBe('https://api.sebar.example.go.id/');
    expect(Object.keys(withDomain.template.toJSON().Outputs)).toContain('ApiDomainTarget');
    expect(all(dev.template, 'AWS::ApiGatewayV2::DomainName')).toHaveLength(0);
  });
});

describe('context the synth refuses, naming the key', () => {
  it.each([
    [{ stage: 'staging' }, /Context stage must be one of dev, prod, got "staging"/],
    [{ stage: 'prod' }, /Context alarmEmail is required for stage prod/],
    [{ alarmEmail: 'a@b.id,c@d.id' }, /Context alarmEmail must be one email address/],
    [{ logRetentionDays: '45' }, /Context logRetentionDays must be one of CloudWatch's periods/],
    [{ logRetentionDays: 'forever' }, /Context logRetentionDays must be a number of days/],
    [
      { stage: 'prod', alarmEmail: 'a@b.id', logRetentionDays: 30 },
      /Context logRetentionDays must be at least 365 for stage prod/,
    ],
    [{ apiDomain: 'api.sebar.example.go.id' }, /Context apiCertificateArn is needed too/],
    [{ apiCertificateArn: CERT }, /Context apiDomain is needed too/],
    [
      { apiDomain: 'https://api.example.go.id', apiCertificateArn: CERT },
      /Context apiDomain must be a host name/,
    ],
    [
      { apiDomain: 'api.example.go.id', apiCertificateArn: 'arn:aws:iam::1:x' },
      /Context apiCertificateArn must be an ACM/,
    ],
    [
      { apiDomain: 'api.example.go.id', apiCertificateArn: CERT.replace('ap-southeast-3', 'us-east-1') },
      /Context apiCertificateArn must be a certificate in the stack's region ap-southeast-3/,
    ],
    [{ consoleDomainPrefix: 'Sebar_Humas' }, /Context consoleDomainPrefix must be lower-case/],
    [{ consoleDomainPrefix: 'sebar-aws-humas' }, /Context consoleDomainPrefix may not contain aws/],
  ])('%j', (context, message) => {
    expect(() => config(context)).toThrow(message);
  });

  it('lists every bad key at once, and stops the real app before it builds anything', () => {
    expect(() => config({ stage: 'test', logRetentionDays: 2 })).toThrow(
      /Context stage must be one of[^\n]*\nContext logRetentionDays/,
    );
    const app = new App({ context: { ...cdkContext, stage: 'production' } });
    expect(() => addSebarStack(app)).toThrow(/Context stage must be one of dev, prod, got "production"/);
    expect(app.node.children).toHaveLength(0);
  });

  it('treats an empty value (-c key=) as not set', () => {
    expect(config({ stage: '', alarmEmail: '', logRetentionDays: '' })).toMatchObject({
      stage: 'dev',
      logRetentionDays: 30,
    });
  });
});

describe('the saved-template diff (npm run infra:diff)', () => {
  const template = normalize(dev.template.toJSON());

  it('ignores asset hashes and metadata, so a code change is not an infrastructure change', () => {
    const text = JSON.stringify(template);
    expect(text).not.toMatch(/[0-9a-f]{64}/);
    expect(text).not.toContain('"Metadata"');
    const touched = JSON.parse(
      JSON.stringify(dev.template.toJSON()).replaceAll(/[0-9a-f]{64}/g, 'f'.repeat(64)),
    );
    expect(diffTemplates(template, normalize(touched))).toEqual([]);
  });

  it('names the resource and the property that changed, and resources added or removed', () => {
    const changed = normalize(prod.template.toJSON());
    const lines = diffTemplates(template, changed);
    expect(lines).toContain('    DeletionPolicy: "Delete" → "Retain"');
    expect(lines.some((l) => /^\+ \S+ \(AWS::SNS::Subscription\)$/.test(l))).toBe(true);
    expect(lines.some((l) => /^~ StorageItemsTable\S* \(AWS::DynamoDB::Table\)$/.test(l))).toBe(true);
    expect(lines.some((l) => l.includes('PointInTimeRecoveryEnabled: false → true'))).toBe(true);
  });
});
