import { Duration } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct } from 'constructs';
import type { FunctionName, QueueName, QueueSpec } from '../catalog';
import { acknowledge } from './nag';
import { pascal } from './names';
import type { SebarFunction } from './sebar-function';

export interface WorkQueuesProps {
  readonly queues: readonly QueueSpec[];
  readonly functions: ReadonlyMap<FunctionName, SebarFunction>;
}

/**
 * The work queues: webhook intake stores and queues; the consumer classifies and alerts. A message that
 * fails `maxReceiveCount` times moves to the dead-letter queue (kept 14 days) and an alarm goes off. Each
 * function whose catalog entry lists a queue may send to it and finds its URL in the queue's variable.
 *
 * A part of the stack rather than a construct of its own: it adds its resources to the scope it is given,
 * so they keep the paths, and the logical IDs, they had when the stack created them itself.
 */
export class WorkQueues {
  readonly queues: ReadonlyMap<QueueName, sqs.Queue>;
  readonly deadLetterQueues: ReadonlyMap<QueueName, sqs.Queue>;
  /** One alarm per dead-letter queue (the Alarms part sends them to the alarm topic). */
  readonly deadLetterAlarms: ReadonlyMap<QueueName, cloudwatch.Alarm>;

  constructor(scope: Construct, props: WorkQueuesProps) {
    const queues = new Map<QueueName, sqs.Queue>();
    const deadLetterQueues = new Map<QueueName, sqs.Queue>();
    const deadLetterAlarms = new Map<QueueName, cloudwatch.Alarm>();
    for (const q of props.queues) {
      const deadLetters = new sqs.Queue(scope, `${pascal(q.name)}DeadLetterQueue`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledge(
        deadLetters,
        'AwsSolutions-SQS3',
        'This queue is the dead-letter queue of the feedback queue; it has none of its own.',
      );
      const queue = new sqs.Queue(scope, `${pascal(q.name)}Queue`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(q.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: q.maxReceiveCount },
      });
      const alarm = new cloudwatch.Alarm(scope, `${pascal(q.name)}DeadLettersAlarm`, {
        alarmDescription:
          `Sebar: ${q.name} messages failed ${q.maxReceiveCount} times and wait in the dead-letter queue ` +
          `(kept 14 days), so they were not processed. Read the ${q.consumer} function's log for the error, ` +
          'fix it, then redrive the dead-letter queue to its source queue (SQS console, "Start DLQ redrive").',
        metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      const consumer = props.functions.get(q.consumer);
      if (!consumer) throw new Error(`Queue ${q.name}: the catalog has no function named ${q.consumer}`);
      consumer.function.addEventSource(
        new SqsEventSource(queue, { batchSize: q.batchSize, reportBatchItemFailures: true }),
      );
      for (const fn of props.functions.values()) {
        if (!(fn.spec.access.queues ?? []).includes(q.name)) continue;
        queue.grantSendMessages(fn.role);
        fn.function.addEnvironment(q.envVar, queue.queueUrl);
      }
      queues.set(q.name, queue);
      deadLetterQueues.set(q.name, deadLetters);
      deadLetterAlarms.set(q.name, alarm);
    }
    this.queues = queues;
    this.deadLetterQueues = deadLetterQueues;
    this.deadLetterAlarms = deadLetterAlarms;
  }
}
