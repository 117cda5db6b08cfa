import { Duration, Stack, Tags } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import type * as sqs from 'aws-cdk-lib/aws-sqs';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import type { FunctionName } from '../catalog';
import { PLATFORMS, sebarMetric, sebarSearch, sebarTotal } from './alarms';
import type { SebarFunction } from './sebar-function';

export interface DashboardProps {
  readonly functions: ReadonlyMap<FunctionName, SebarFunction>;
  readonly stateMachine: sfn.IStateMachine;
  readonly httpApi: apigw.IHttpApi;
  readonly deadLetterQueues: readonly sqs.IQueue[];
  readonly alarms: readonly cloudwatch.IAlarm[];
}

const label = { instagram: 'Instagram', x: 'X' } as const;
const DAY = Duration.days(1);
const FIVE_MINUTES = Duration.minutes(5);

/**
 * Sebar's one CloudWatch dashboard (an account has three free; each further one is billed monthly, so there
 * is exactly one). The top rows are the office's figures, in a day's buckets; the rows below are the
 * engineer's, in five minutes. Graph metrics cost nothing beyond the dashboard itself.
 */
export class Dashboard extends Construct {
  readonly dashboard: cloudwatch.Dashboard;

  constructor(scope: Construct, id: string, props: DashboardProps) {
    super(scope, id);
    const fns = [...props.functions.values()];
    const invocations = (name: FunctionName, text: string) => {
      const fn = props.functions.get(name);
      if (!fn) throw new Error(`Dashboard: the catalog has no function named ${name}`);
      return fn.function.metricInvocations({ period: DAY, statistic: 'Sum', label: text });
    };
    const perFunction = (metric: (fn: SebarFunction) => cloudwatch.IMetric): cloudwatch.IMetric[] =>
      fns.map(metric);

    this.dashboard = new cloudwatch.Dashboard(this, 'Dashboard', {
      dashboardName: Stack.of(this).stackName,
      defaultInterval: Duration.days(7),
    });
    // The stack tags everything it makes; cfn-lint's schema for AWS::CloudWatch::Dashboard has no Tags.
    Tags.of(this.dashboard).remove('project');

    this.dashboard.addWidgets(
      new cloudwatch.TextWidget({
        markdown:
          '## Sebar\nTop: what the office sees (per day). Below: what the engineer watches (per 5 minutes). ' +
          'Alarms and what to do: README, section "Alarms".',
        width: 24,
        height: 2,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Items published per platform (per day)',
        left: PLATFORMS.map((p) =>
          sebarMetric('Published', p, { period: DAY, statistic: 'Sum', label: label[p] }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Items that failed to publish per platform (per day)',
        left: PLATFORMS.map((p) =>
          sebarMetric('PublishFailed', p, { period: DAY, statistic: 'Sum', label: label[p] }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Token days left (morning check)',
        left: PLATFORMS.map((p) =>
          sebarMetric('TokenDaysLeft', p, { period: DAY, statistic: 'Minimum', label: label[p] }),
        ),
        leftYAxis: { min: 0 },
        width: 8,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Approvals: requests emailed and approval pages opened or decided (per day)',
        left: [
          invocations('request-approval', 'approval requests emailed'),
          invocations('send-reminders', 'reminders emailed'),
          invocations('approval-page', 'approval page requests'),
        ],
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Webhook events received per platform: new messages and deletions (per day)',
        left: PLATFORMS.map((p) =>
          sebarSearch('WebhookEvents', ['EventType', 'Platform'], ` Platform="${p}"`, {
            period: DAY,
            label: label[p],
            sum: true,
          }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Messages waiting in the dead-letter queue',
        left: props.deadLetterQueues.map((q) =>
          q.metricApproximateNumberOfMessagesVisible({ period: FIVE_MINUTES, statistic: 'Maximum' }),
        ),
        leftYAxis: { min: 0 },
        width: 8,
      }),
    );
    // Powertools metrics (docs/decisions/0028): how fast the office moves, and what citizens write.
    const hours = { label: 'hours' };
    // Each graph line needs its own metric id inside the expression.
    const inHours = (metric: cloudwatch.Metric, id: string, text: string) =>
      new cloudwatch.MathExpression({
        expression: `${id} / 3600`,
        usingMetrics: { [id]: metric },
        period: DAY,
        label: text,
      });
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: "Items submitted and approvers' decisions (per day)",
        left: [
          sebarTotal('ItemSubmitted', { period: DAY, statistic: 'Sum', label: 'submitted' }),
          sebarTotal('ItemApproved', { period: DAY, statistic: 'Sum', label: 'approved' }),
          sebarTotal('ItemChangesRequested', { period: DAY, statistic: 'Sum', label: 'changes requested' }),
          sebarTotal('ItemRejected', { period: DAY, statistic: 'Sum', label: 'rejected' }),
        ],
        width: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'Approval latency p50 / p90 (hours from request to decision, per day)',
        left: (['p50', 'p90'] as const).map((stat) =>
          inHours(sebarTotal('ApprovalLatency', { period: DAY, statistic: stat }), stat, stat),
        ),
        leftYAxis: { min: 0, ...hours },
        width: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'Time to first reply p50 / p90 per platform (hours, per day)',
        left: PLATFORMS.flatMap((p) =>
          (['p50', 'p90'] as const).map((stat) =>
            inHours(
              sebarMetric('TimeToFirstReply', p, { period: DAY, statistic: stat }),
              `${p}_${stat}`,
              `${label[p]} ${stat}`,
            ),
          ),
        ),
        leftYAxis: { min: 0, ...hours },
        width: 6,
      }),
      new cloudwatch.GraphWidget({
        title: 'Publish latency p90 per platform (seconds after the planned time) and messages by label',
        left: PLATFORMS.map((p) =>
          sebarMetric('PublishLatency', p, { period: DAY, statistic: 'p90', label: `${label[p]} p90` }),
        ),
        right: [sebarSearch('FeedbackLabel', ['Label'], '', { period: DAY, label: '' })],
        leftYAxis: { min: 0, label: 'seconds' },
        rightYAxis: { min: 0, label: 'messages' },
        width: 6,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.AlarmStatusWidget({ title: 'Alarms', alarms: [...props.alarms], width: 24, height: 4 }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Workflow executions',
        left: [
          props.stateMachine.metricStarted({ period: FIVE_MINUTES, statistic: 'Sum', label: 'started' }),
          props.stateMachine.metricSucceeded({ period: FIVE_MINUTES, statistic: 'Sum', label: 'succeeded' }),
          props.stateMachine.metricFailed({ period: FIVE_MINUTES, statistic: 'Sum', label: 'failed' }),
          props.stateMachine.metricTimedOut({ period: FIVE_MINUTES, statistic: 'Sum', label: 'timed out' }),
          props.stateMachine.metricAborted({ period: FIVE_MINUTES, statistic: 'Sum', label: 'aborted' }),
        ],
        width: 12,
      }),
      new cloudwatch.GraphWidget({
        title: 'HTTP API: 5xx, 4xx and latency p95',
        left: [
          props.httpApi.metricServerError({ period: FIVE_MINUTES, statistic: 'Sum', label: '5xx' }),
          props.httpApi.metricClientError({ period: FIVE_MINUTES, statistic: 'Sum', label: '4xx' }),
        ],
        right: [
          props.httpApi.metricLatency({ period: FIVE_MINUTES, statistic: 'p95', label: 'latency p95 (ms)' }),
        ],
        width: 12,
      }),
    );
    this.dashboard.addWidgets(
      new cloudwatch.GraphWidget({
        title: 'Lambda errors per function',
        left: perFunction((fn) =>
          fn.function.metricErrors({ period: FIVE_MINUTES, statistic: 'Sum', label: fn.spec.name }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda duration p95 per function (ms)',
        left: perFunction((fn) =>
          fn.function.metricDuration({ period: FIVE_MINUTES, statistic: 'p95', label: fn.spec.name }),
        ),
        width: 8,
      }),
      new cloudwatch.GraphWidget({
        title: 'Lambda throttles per function',
        left: perFunction((fn) =>
          fn.function.metricThrottles({ period: FIVE_MINUTES, statistic: 'Sum', label: fn.spec.name }),
        ),
        width: 8,
      }),
    );
  }
}
