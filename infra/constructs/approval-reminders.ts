import { Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import type { Construct } from 'constructs';
import { acknowledge, nagValue } from './nag';
import type { SebarFunction } from './sebar-function';

export interface ApprovalRemindersProps {
  /** The schedule group's name (`sebar-<stage>-reminders`); the functions get it as SCHEDULE_GROUP. */
  readonly group: string;
  /** The function the one-time schedules invoke (send-reminders). */
  readonly target: lambda.IFunction;
  /** The account the scheduler acts for (the role trusts only this account's schedules). */
  readonly account: string;
}

/**
 * Approval reminders: request-approval creates one-time schedules in the stage's reminders group; the
 * scheduler invokes send-reminders with its own role, which may invoke nothing else. `allowScheduling`
 * lets a function create and delete those schedules and pass that role.
 *
 * A part of the stack rather than a construct of its own: it adds its resources to the scope it is given,
 * so they keep the paths, and the logical IDs, they had when the stack created them itself.
 */
export class ApprovalReminders {
  readonly group: scheduler.CfnScheduleGroup;
  readonly schedulerRole: iam.Role;

  constructor(
    scope: Construct,
    private readonly props: ApprovalRemindersProps,
  ) {
    this.group = new scheduler.CfnScheduleGroup(scope, 'ReminderSchedules', { name: props.group });
    this.schedulerRole = new iam.Role(scope, 'ReminderSchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': props.account } },
      }),
      description: 'EventBridge Scheduler invokes send-reminders for approval reminders',
    });
    this.schedulerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [props.target.functionArn],
      }),
    );
  }

  /** Lets the function manage reminder schedules, and tells it the target, the role and the group. */
  allowScheduling(fn: SebarFunction): void {
    const GROUP = this.props.group;
    const stack = Stack.of(fn);
    const schedulesArn = stack.formatArn({
      service: 'scheduler',
      resource: 'schedule',
      resourceName: `${GROUP}/*`,
    });
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'ScheduleReminders',
        actions: ['scheduler:CreateSchedule', 'scheduler:DeleteSchedule', 'scheduler:GetSchedule'],
        resources: [schedulesArn],
      }),
    );
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'PassSchedulerRole',
        actions: ['iam:PassRole'],
        resources: [this.schedulerRole.roleArn],
      }),
    );
    acknowledge(
      fn.role,
      `AwsSolutions-IAM5[Resource::arn:aws:scheduler:${nagValue(stack.region, 'AWS::Region')}:${nagValue(stack.account, 'AWS::AccountId')}:schedule/${GROUP}/*]`,
      'Reminder schedules are named per item and revision, so their names are not known at deploy time; ' +
        `the wildcard is limited to the ${GROUP} schedule group.`,
    );
    fn.function.addEnvironment('REMINDER_FUNCTION_ARN', this.props.target.functionArn);
    fn.function.addEnvironment('SCHEDULER_ROLE_ARN', this.schedulerRole.roleArn);
    fn.function.addEnvironment('SCHEDULE_GROUP', GROUP);
  }
}
