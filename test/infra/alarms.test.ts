import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Annotations, Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { METRICS } from '../../functions/common/metrics';
import { platforms } from '../../functions/domain/content/content';
import { functions, queues } from '../../infra/catalog';
import { METRICS_NAMESPACE, PLATFORMS, TOKEN_DAYS_THRESHOLD } from '../../infra/constructs/alarms';
import { SebarStack, settingsFromContext } from '../../infra/sebar-stack';

/*
 * The alarms that reach people, read from the synthesized template (cdk.json context, cdk-nag, bundling
 * skipped): the encrypted topic and its email subscription, every alarm with its action, the one dashboard.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cdkContext = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')).context;

const synth = (extra: Record<string, unknown>) => {
  const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [], ...extra } });
  const stack = new SebarStack(app, 'Sebar', { env: { account: '123456789012', region: 'ap-southeast-3' } });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  // Throws with cdk-nag's report if an unacknowledged error remains.
  app.synth();
  return { stack, template: Template.fromStack(stack) };
};

const withEmail = synth({ alarmEmail: 'engineer@dinkes.example.go.id' });
const without = synth({});

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON; the assertions check its shape.
type Cfn = any;
const resources = (t: Template, type: string): [string, Cfn][] => Object.entries(t.findResources(type));
const alarms = resources(withEmail.template, 'AWS::CloudWatch::Alarm');
const topicId = (t: Template): string => {
  const topics = resources(t, 'AWS::SNS::Topic');
  expect(topics).toHaveLength(1);
  return topics[0]?.[0] ?? '';
};

const alarmFor = (metricName: string, dimensions: Record<string, string> = {}) => {
  const found = alarms.filter(
    ([, a]) =>
      a.Properties.MetricName === metricName &&
      Object.entries(dimensions).every(([k, v]) =>
        (a.Properties.Dimensions ?? []).some((d: Cfn) => d.Name === k && d.Value === v),
      ),
  );
  expect(found, `one alarm on ${metricName} ${JSON.stringify(dimensions)}`).toHaveLength(1);
  return found[0]?.[1].Properties;
};

describe('the alarm topic', () => {
  it('is encrypted with a rotated key that CloudWatch may use, and refuses plain HTTP', () => {
    const [, topic] = resources(withEmail.template, 'AWS::SNS::Topic')[0] ?? [];
    expect(topic.Properties.KmsMasterKeyId).toBeDefined();
    const keyId = topic.Properties.KmsMasterKeyId['Fn::GetAtt'][0];
    const key = withEmail.template.toJSON().Resources[keyId];
    expect(key.Type).toBe('AWS::KMS::Key');
    expect(key.Properties.EnableKeyRotation).toBe(true);
    const forCloudWatch = key.Properties.KeyPolicy.Statement.find(
      (s: Cfn) => s.Principal?.Service === 'cloudwatch.amazonaws.com',
    );
    expect(forCloudWatch.Action).toEqual(['kms:Decrypt', 'kms:GenerateDataKey*']);

    const policies = resources(withEmail.template, 'AWS::SNS::TopicPolicy');
    const denyPlain = policies
      .flatMap(([, p]) => p.Properties.PolicyDocument.Statement)
      .find((s: Cfn) => s.Effect === 'Deny' && s.Condition?.Bool?.['aws:SecureTransport'] === 'false');
    expect(denyPlain).toBeDefined();
  });

  it('emails alarmEmail when it is set', () => {
    const subs = resources(withEmail.template, 'AWS::SNS::Subscription');
    expect(subs).toHaveLength(1);
    expect(subs[0]?.[1].Properties).toMatchObject({
      Protocol: 'email',
      Endpoint: 'engineer@dinkes.example.go.id',
      TopicArn: { Ref: topicId(withEmail.template) },
    });
  });

  it('has no subscription without alarmEmail, and the synth says so', () => {
    topicId(without.template);
    expect(resources(without.template, 'AWS::SNS::Subscription')).toHaveLength(0);
    Annotations.fromStack(without.stack).hasInfo('*', Match.stringLikeRegexp('alarmEmail is not set'));
    expect(
      Annotations.fromStack(withEmail.stack).findInfo('*', Match.stringLikeRegexp('alarmEmail')),
    ).toHaveLength(0);
  });

  it('refuses an alarmEmail that is not one email address', () => {
    const app = (alarmEmail: unknown) => new App({ context: { ...cdkContext, alarmEmail } });
    for (const bad of ['engineer', 'a@b.id,c@d.id', 'a b@c.id', 42]) {
      expect(() => settingsFromContext(app(bad)), String(bad)).toThrow(/alarmEmail must be one email/);
    }
    expect(settingsFromContext(app(' engineer@dinkes.example.go.id ')).alarmEmail).toBe(
      'engineer@dinkes.example.go.id',
    );
    expect(settingsFromContext(app('')).alarmEmail).toBeUndefined();
  });
});

describe('the alarms', () => {
  it('every alarm tells the topic when it fires and when it is over, and says what to do', () => {
    const topic = topicId(withEmail.template);
    // Ten, and one per catalog queue's dead-letter queue.
    expect(alarms.length).toBe(10 + queues.length);
    for (const [id, a] of alarms) {
      expect(a.Properties.AlarmActions, id).toEqual([{ Ref: topic }]);
      expect(a.Properties.OKActions, id).toEqual([{ Ref: topic }]);
      expect(a.Properties.AlarmDescription, id).toMatch(/^Sebar: /);
      expect(a.Properties.AlarmDescription.length, id).toBeGreaterThan(100);
      expect(a.Properties.TreatMissingData, id).toBe('notBreaching');
    }
  });

  it('goes off on any failed or timed-out workflow, and on many aborted ones (staff cancels abort too)', () => {
    for (const [metric, threshold, operator, period] of [
      ['ExecutionsFailed', 1, 'GreaterThanOrEqualToThreshold', 300],
      ['ExecutionsTimedOut', 1, 'GreaterThanOrEqualToThreshold', 300],
      ['ExecutionsAborted', 5, 'GreaterThanThreshold', 3600],
    ] as const) {
      const a = alarmFor(metric);
      expect(a).toMatchObject({
        Namespace: 'AWS/States',
        Statistic: 'Sum',
        Threshold: threshold,
        ComparisonOperator: operator,
        Period: period,
        EvaluationPeriods: 1,
      });
      expect(JSON.stringify(a.Dimensions)).toContain('StateMachineArn');
    }
  });

  it('goes off on messages in the dead-letter queue (the alarm that was there, now with an action)', () => {
    const dlq = alarms.filter(([, x]) => x.Properties.MetricName === 'ApproximateNumberOfMessagesVisible');
    // One per queue: the feedback queue's and the archive exports queue's.
    expect(dlq).toHaveLength(queues.length);
    const a = dlq.find(([id]) => id.startsWith('FeedbackDeadLettersAlarm'))?.[1].Properties;
    expect(a).toMatchObject({
      Namespace: 'AWS/SQS',
      Threshold: 0,
      ComparisonOperator: 'GreaterThanThreshold',
    });
    expect(a.AlarmDescription).toMatch(/redrive/);
    // Same logical id as before, so deploying this does not replace it.
    const ids = alarms.map(([id]) => id);
    expect(ids.some((id) => id.startsWith('FeedbackDeadLettersAlarm'))).toBe(true);
  });

  it('goes off on HTTP API 5xx answers', () => {
    const a = alarmFor('5xx');
    expect(a).toMatchObject({
      Namespace: 'AWS/ApiGateway',
      Statistic: 'Sum',
      Threshold: 3,
      Period: 300,
      ComparisonOperator: 'GreaterThanOrEqualToThreshold',
    });
    expect(a.Dimensions[0].Name).toBe('ApiId');
  });

  it("covers every function's errors and throttles with two alarms on Lambda's all-functions metrics", () => {
    for (const [metric, period] of [
      ['Errors', 900],
      ['Throttles', 300],
    ] as const) {
      const a = alarmFor(metric);
      expect(a).toMatchObject({ Namespace: 'AWS/Lambda', Statistic: 'Sum', Threshold: 5, Period: period });
      // No FunctionName dimension: the metric counts every function, including ones added later.
      expect(a.Dimensions).toBeUndefined();
    }
    expect(functions.length).toBeGreaterThan(10);
  });

  it('goes off on a publish failure and an expiring token, per platform, on the metrics the code writes', () => {
    expect([...PLATFORMS]).toEqual([...platforms]);
    expect(METRICS_NAMESPACE).toBe('Sebar');
    expect(METRICS.PublishFailed.dimensions).toEqual(['Platform']);
    expect(METRICS.TokenDaysLeft.dimensions).toEqual(['Platform']);
    for (const platform of PLATFORMS) {
      expect(alarmFor('PublishFailed', { Platform: platform })).toMatchObject({
        Namespace: 'Sebar',
        Statistic: 'Sum',
        Threshold: 1,
        Period: 300,
        ComparisonOperator: 'GreaterThanOrEqualToThreshold',
      });
      expect(alarmFor('TokenDaysLeft', { Platform: platform })).toMatchObject({
        Namespace: 'Sebar',
        Statistic: 'Minimum',
        Threshold: TOKEN_DAYS_THRESHOLD,
        Period: 86_400,
        ComparisonOperator: 'LessThanOrEqualToThreshold',
      });
    }
  });
});

describe('the dashboard', () => {
  it('is the only one, and shows the office and the engineer figures', () => {
    const dashboards = resources(withEmail.template, 'AWS::CloudWatch::Dashboard');
    expect(dashboards).toHaveLength(1);
    expect(dashboards[0]?.[1].Properties.Tags).toBeUndefined();
    const body = JSON.stringify(dashboards[0]?.[1].Properties.DashboardBody);
    for (const text of [
      'Items published per platform',
      'failed to publish',
      'Approvals',
      'Webhook events',
      'dead-letter queue',
      'Lambda errors per function',
      'Lambda duration p95',
      'Lambda throttles per function',
      '5xx',
      'latency p95',
      'Workflow executions',
      'ExecutionsFailed',
      'Published',
      'PublishFailed',
      'TokenDaysLeft',
      'ApproximateNumberOfMessagesVisible',
      // The Powertools metrics (docs/decisions/0028).
      'ItemSubmitted',
      'ItemApproved',
      'ApprovalLatency',
      'TimeToFirstReply',
      'PublishLatency',
      'WebhookEvents',
      'FeedbackLabel',
      'p90',
    ]) {
      expect(body, text).toContain(text);
    }
    // One errors line per catalog function.
    expect(body.split('\\"Errors\\"').length - 1).toBe(functions.length);
  });
});
