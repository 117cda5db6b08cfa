import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import type { FunctionName, RecurringJob } from '../catalog';
import { pascal } from './names';

export interface RecurringJobsProps {
  /** The schedule group's name (`sebar-<stage>-jobs`); schedule names need only be unique inside it. */
  readonly group: string;
  readonly jobs: readonly RecurringJob[];
  /** The function each job names. */
  readonly target: (name: FunctionName) => lambda.IFunction;
  /** The account the scheduler acts for (the role trusts only this account's schedules). */
  readonly account: string;
}

/**
 * Recurring jobs (account check, digest, report) on EventBridge Scheduler crons in the office's time zone,
 * in the stage's jobs group, with a role that may invoke only their target functions.
 *
 * A part of the stack rather than a construct of its own: it adds its resources to the scope it is given,
 * so they keep the paths, and the logical IDs, they had when the stack created them itself.
 */
export class RecurringJobs {
  readonly role: iam.Role;
  readonly group: scheduler.CfnScheduleGroup;

  constructor(scope: Construct, props: RecurringJobsProps) {
    const targets = [...new Set(props.jobs.map((j) => j.function))].map((n) => props.target(n));
    this.role = new iam.Role(scope, 'RecurringJobsSchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': props.account } },
      }),
      description: 'EventBridge Scheduler runs the recurring jobs (account check, digest, report)',
    });
    this.role.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: targets.map((f) => f.functionArn),
      }),
    );
    this.group = new scheduler.CfnScheduleGroup(scope, 'RecurringJobs', { name: props.group });
    for (const job of props.jobs) {
      const schedule = new scheduler.CfnSchedule(scope, `${pascal(job.name)}Schedule`, {
        name: `sebar-${job.name}`,
        groupName: this.group.name,
        description: job.description,
        scheduleExpression: job.expression,
        scheduleExpressionTimezone: job.timeZone,
        flexibleTimeWindow: { mode: 'OFF' },
        target: {
          arn: props.target(job.function).functionArn,
          roleArn: this.role.roleArn,
          input: JSON.stringify(job.input),
          retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
        },
      });
      schedule.addResourceDependency(this.group);
    }
  }
}
