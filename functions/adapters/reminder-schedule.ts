import { createSchedule } from '../common/aws/scheduler';
import { AwsServiceError } from '../common/aws/signed-request';
import { config } from '../common/config';
import { log } from '../common/logger';

/**
 * One-time schedule (EventBridge Scheduler on AWS, the local scheduler locally) that invokes
 * send-reminders at `at`. Named after the item and revision, so asking twice schedules once.
 */
export const scheduleReminder = async (
  itemId: string,
  revision: number,
  at: Date,
): Promise<'scheduled' | 'exists' | 'off'> => {
  const cfg = config();
  if (!cfg.REMINDER_FUNCTION_ARN || !cfg.SCHEDULER_ROLE_ARN) {
    log.warn('reminders are not configured (REMINDER_FUNCTION_ARN, SCHEDULER_ROLE_ARN)', { itemId });
    return 'off';
  }
  try {
    await createSchedule(`reminder-${itemId}-r${revision}`, {
      GroupName: cfg.SCHEDULE_GROUP,
      ScheduleExpression: `at(${at.toISOString().slice(0, 19)})`,
      ScheduleExpressionTimezone: 'UTC',
      FlexibleTimeWindow: { Mode: 'OFF' },
      ActionAfterCompletion: 'DELETE',
      Target: {
        Arn: cfg.REMINDER_FUNCTION_ARN,
        RoleArn: cfg.SCHEDULER_ROLE_ARN,
        Input: JSON.stringify({ itemId, revision }),
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 3600 },
      },
    });
    return 'scheduled';
  } catch (error) {
    if (error instanceof AwsServiceError && error.name === 'ConflictException') return 'exists';
    throw error;
  }
};
