import { Duration } from 'aws-cdk-lib';
import type * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as actions from 'aws-cdk-lib/aws-cloudwatch-actions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as subscriptions from 'aws-cdk-lib/aws-sns-subscriptions';
import type * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';

/** The custom metrics' namespace and platforms (functions/common/metrics.ts writes them; a test checks both agree). */
export const METRICS_NAMESPACE = 'Sebar';
export const PLATFORMS = ['instagram', 'x'] as const;
const PLATFORM_NAMES: Record<(typeof PLATFORMS)[number], string> = { instagram: 'Instagram', x: 'X' };

/**
 * Days left on a platform token at which the engineer is told. Sebar refreshes the Instagram token when 30
 * days are left and warns the staff at 7 (TOKEN_WARNING_DAYS), so 14 means the refresh has failed for two
 * weeks and there are still two weeks to fix it before the staff's warnings start and publishing stops.
 */
export const TOKEN_DAYS_THRESHOLD = 14;

/** A custom metric Sebar writes as an EMF log line (functions/common/metrics.ts), for one platform. */
export const sebarMetric = (
  metricName: 'PublishFailed' | 'Published' | 'TokenDaysLeft' | 'PublishLatency' | 'TimeToFirstReply',
  platform: (typeof PLATFORMS)[number],
  props: cloudwatch.MetricOptions = {},
): cloudwatch.Metric =>
  new cloudwatch.Metric({
    namespace: METRICS_NAMESPACE,
    metricName,
    dimensionsMap: { Platform: platform },
    ...props,
  });

/** One of Sebar's metrics without dimensions (the items' and approvals' counts and latency). */
export const sebarTotal = (
  metricName: 'ItemSubmitted' | 'ItemApproved' | 'ItemRejected' | 'ItemChangesRequested' | 'ApprovalLatency',
  props: cloudwatch.MetricOptions = {},
): cloudwatch.Metric => new cloudwatch.Metric({ namespace: METRICS_NAMESPACE, metricName, ...props });

/**
 * A metric summed over a dimension whose values are open-ended (webhook event types, classifier labels):
 * a SEARCH expression, so a new value appears on the graph without a change here.
 */
export const sebarSearch = (
  metricName: 'WebhookEvents' | 'FeedbackLabel',
  dimensions: readonly string[],
  filter: string,
  props: { period: Duration; label: string; sum?: boolean },
): cloudwatch.MathExpression => {
  const search = `SEARCH('{${METRICS_NAMESPACE},${dimensions.join(',')}} MetricName="${metricName}"${filter}', 'Sum', ${props.period.toSeconds()})`;
  return new cloudwatch.MathExpression({
    expression: props.sum ? `SUM(${search})` : search,
    period: props.period,
    label: props.label,
    usingMetrics: {},
  });
};

export interface AlarmsProps {
  /** Who is emailed; without it the topic has no subscription (settings.ts warns at synth). */
  readonly alarmEmail?: string;
  readonly stateMachine: sfn.IStateMachine;
  readonly httpApi: apigw.IHttpApi;
  /** Alarms made elsewhere (the dead-letter queue's) that should also reach people. */
  readonly existing?: readonly cloudwatch.Alarm[];
}

/**
 * The alarms that reach people: an encrypted SNS topic (with the engineer's email subscribed when context
 * `alarmEmail` is set) and one alarm per thing that needs a person, each with an action to the topic and a
 * description that says what happened and what to do. docs/decisions/0024 explains the thresholds and cost.
 *
 * Lambda errors and throttles are alarmed on Lambda's account-wide metrics (every function in the region,
 * two alarm metrics) rather than per function: 20 functions × 2 would be 40 alarm metrics, and a metric-math
 * alarm over them is billed per metric too. The dashboard shows which function it was.
 */
export class Alarms extends Construct {
  readonly topic: sns.Topic;
  readonly key: kms.Key;
  /** Every alarm that notifies the topic, by a short name (the tests and the README use these names). */
  readonly alarms: ReadonlyMap<string, cloudwatch.Alarm>;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);

    // CloudWatch cannot publish to a topic encrypted with the AWS managed SNS key (its policy cannot name
    // CloudWatch), so the topic has its own key, which lets CloudWatch alarms use it and nothing else.
    this.key = new kms.Key(this, 'TopicKey', {
      description: 'Sebar alarm topic encryption',
      enableKeyRotation: true,
    });
    this.key.addToResourcePolicy(
      new iam.PolicyStatement({
        sid: 'CloudWatchAlarmsPublish',
        principals: [new iam.ServicePrincipal('cloudwatch.amazonaws.com')],
        actions: ['kms:Decrypt', 'kms:GenerateDataKey*'],
        resources: ['*'],
      }),
    );
    this.topic = new sns.Topic(this, 'Topic', {
      displayName: 'Sebar alarms',
      masterKey: this.key,
      enforceSSL: true,
    });
    if (props.alarmEmail) this.topic.addSubscription(new subscriptions.EmailSubscription(props.alarmEmail));

    const alarms = new Map<string, cloudwatch.Alarm>();
    const add = (
      name: string,
      metric: cloudwatch.Metric,
      options: Omit<cloudwatch.CreateAlarmOptions, 'alarmName'>,
    ) => {
      const alarm = metric.createAlarm(this, `${name}Alarm`, {
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
        ...options,
        alarmDescription: `Sebar: ${options.alarmDescription}`,
      });
      alarms.set(name, alarm);
      return alarm;
    };
    const fiveMinutes = Duration.minutes(5);
    const sm = props.stateMachine;

    add('WorkflowFailed', sm.metricFailed({ period: fiveMinutes, statistic: 'Sum' }), {
      alarmDescription:
        'a content item workflow failed (nothing was published, or a step failed after its retries). ' +
        "Open the item in the staff console: its status gives the reason. Then read the execution's " +
        'history in Step Functions (content-lifecycle) to see which step failed.',
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
    add('WorkflowTimedOut', sm.metricTimedOut({ period: fiveMinutes, statistic: 'Sum' }), {
      alarmDescription:
        'a content item workflow ran out of time, so that item stopped where it was. Find the execution ' +
        'that timed out in Step Functions (content-lifecycle), see which state it was in, and submit the ' +
        'item again if it still has to be published.',
      threshold: 1,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });
    // Staff cancelling an item stops its execution, so a few aborts are normal; many in an hour are not.
    add('WorkflowsAborted', sm.metricAborted({ period: Duration.hours(1), statistic: 'Sum' }), {
      alarmDescription:
        'more than 5 content workflows were stopped within an hour. Staff cancelling an item stops its ' +
        'workflow, but this many looks like executions stopped by hand or by a fault. Check the aborted ' +
        "executions in Step Functions and the items' audit trail, and restart the ones that should run.",
      threshold: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
    });

    add('ApiServerErrors', props.httpApi.metricServerError({ period: fiveMinutes, statistic: 'Sum' }), {
      alarmDescription:
        'the HTTP API answered 5xx (a server error) 3 or more times in 5 minutes: staff, approvers or ' +
        "the platforms' webhooks are getting errors. Read the API access log for the failing routes, then " +
        "the logs of those routes' functions.",
      threshold: 3,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    // Workflow steps throw on purpose (a refusal, a closed item, a retryable error), so one error is not
    // news; five in a quarter of an hour is a fault.
    add(
      'FunctionErrors',
      lambda.Function.metricAllErrors({ period: Duration.minutes(15), statistic: 'Sum' }),
      {
        alarmDescription:
          'Lambda functions failed 5 or more times in 15 minutes. Open the dashboard (Sebar) to see which ' +
          "function, then that function's log group for the error.",
        threshold: 5,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
        evaluationPeriods: 1,
      },
    );
    add('FunctionThrottles', lambda.Function.metricAllThrottles({ period: fiveMinutes, statistic: 'Sum' }), {
      alarmDescription:
        'Lambda refused to run functions 5 or more times in 5 minutes because the concurrency limit was ' +
        'reached; webhooks and workflow steps are being delayed. Check the account concurrency quota ' +
        '(Service Quotas, Lambda) and which function is throttled on the dashboard.',
      threshold: 5,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
      evaluationPeriods: 1,
    });

    for (const platform of PLATFORMS) {
      const name = PLATFORM_NAMES[platform];
      add(
        `${name}PublishFailed`,
        sebarMetric('PublishFailed', platform, { period: fiveMinutes, statistic: 'Sum' }),
        {
          alarmDescription:
            `${name} refused to publish an item after every retry, so it is not on ${name}. The staff were ` +
            "emailed the reason. Read the item's status in the staff console; if it is the token, renew it in " +
            'the secret and run POST /platforms/check.',
          threshold: 1,
          comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
        },
      );
      add(
        `${name}TokenExpiring`,
        sebarMetric('TokenDaysLeft', platform, { period: Duration.days(1), statistic: 'Minimum' }),
        {
          alarmDescription:
            `the ${name} token expires in ${TOKEN_DAYS_THRESHOLD} days or fewer, or ${name} refused it ` +
            '(0 days), and the automatic refresh has not fixed it. Renew the token in the secret and run ' +
            'POST /platforms/check before the scheduled items fail.',
          threshold: TOKEN_DAYS_THRESHOLD,
          comparisonOperator: cloudwatch.ComparisonOperator.LESS_THAN_OR_EQUAL_TO_THRESHOLD,
          evaluationPeriods: 1,
        },
      );
    }

    const action = new actions.SnsAction(this.topic);
    for (const alarm of [...alarms.values(), ...(props.existing ?? [])]) {
      alarm.addAlarmAction(action);
      // Also say when it is over, so the engineer is not left wondering.
      alarm.addOkAction(action);
    }
    for (const alarm of props.existing ?? []) alarms.set(alarm.node.id.replace(/Alarm$/, ''), alarm);
    this.alarms = alarms;
  }
}
