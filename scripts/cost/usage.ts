import { functions, type RecurringJob } from '../../infra/catalog';
import type { Counters } from '../../local/metering';
import type { FunctionUsage, Usage } from './model';

/**
 * From the cost run's counters to a month of use (scripts/cost/model.ts). What the run cannot measure is
 * named here, as an assumption with its reason, and printed with the table.
 */

/** Runs a month of an EventBridge cron: daily, on given weekdays, or on given days of the month. */
export const runsPerMonth = (expression: string): number => {
  const fields = /^cron\((.+)\)$/.exec(expression)?.[1]?.trim().split(/\s+/);
  if (fields?.length !== 6) throw new Error(`Not an EventBridge cron expression: ${expression}`);
  const [, , dayOfMonth = '*', , dayOfWeek = '?'] = fields;
  if (dayOfMonth !== '*' && dayOfMonth !== '?') return dayOfMonth.split(',').length;
  if (dayOfWeek === '*' || dayOfWeek === '?') return 30;
  if (dayOfWeek === 'MON-FRI') return 22;
  return Math.round((dayOfWeek.split(',').length * 30) / 7);
};

export interface Assumption {
  readonly what: string;
  readonly quantity: number;
  readonly why: string;
}

/** What a month has that the run does not measure (each is printed). */
export const ASSUMPTIONS = {
  /** Lambda writes START, END and REPORT lines per invocation in TEXT format, about 110 bytes each. */
  platformLogBytesPerInvocation: {
    what: 'Lambda platform log bytes per invocation',
    quantity: 330,
    why: 'START, END and REPORT lines (TEXT log format), not written locally',
  },
  /** An SQS event source mapping keeps polling an idle queue: five pollers, 20-second long polls. */
  idleQueuePolls: {
    what: 'SQS receives by the idle event source mapping per month',
    quantity: 5 * 3 * 60 * 24 * 30,
    why: 'five pollers long-polling every 20 s, all month, as the Lambda event source mapping does',
  },
  /** One GetSecretValue per cold start; a cold start per function per hour of the day is an upper bound. */
  secretsApiCalls: {
    what: 'Secrets Manager GetSecretValue calls per month',
    quantity: functions.length * 24 * 30,
    why: 'one read per cold start, at most one cold start per function per hour',
  },
  cloudFrontRequests: {
    what: 'CloudFront requests for the staff console per month',
    quantity: 5 * 22 * 10 * 8,
    why: 'five staff, 22 working days, 10 console loads a day, 8 files a load',
  },
  cognitoMau: {
    what: 'Cognito monthly active users',
    quantity: 10,
    why: 'the PR staff who sign in to the console (approvers use emailed links, not accounts)',
  },
  /** Two platforms for each of Sebar's custom metrics (functions/common/metrics.ts). */
  customMetrics: {
    what: 'CloudWatch custom metrics',
    quantity: 6,
    why: 'PublishFailed, Published and TokenDaysLeft, each for Instagram and X',
  },
} as const satisfies Record<string, Assumption>;

export interface MonthInputs {
  /** Counters for a month (already scaled from the sample and including the recurring jobs). */
  readonly counters: Counters;
  readonly stateTransitions: number;
  readonly stepFunctionsLogBytes: number;
  readonly dynamoStorageBytes: number;
  readonly s3StorageBytes: number;
  readonly recurringJobs: readonly RecurringJob[];
  readonly stack: {
    readonly secrets: number;
    readonly kmsKeys: number;
    readonly alarms: number;
    readonly dashboards: number;
    readonly logRetentionDays: number;
  };
}

export const monthOfUse = (m: MonthInputs): Usage => {
  const c = (name: string) => m.counters.get(name) ?? 0;
  const lambda: Record<string, FunctionUsage> = Object.fromEntries(
    functions.map((f) => [
      f.name,
      { requests: c(`lambda.requests.${f.name}`), billedMs: c(`lambda.ms.${f.name}`), memoryMb: f.memoryMb },
    ]),
  );
  const invocations = Object.values(lambda).reduce((s, f) => s + f.requests, 0);
  const ingestedBytes =
    c('logs.handler.bytes') +
    c('logs.access.bytes') +
    m.stepFunctionsLogBytes +
    invocations * ASSUMPTIONS.platformLogBytesPerInvocation.quantity;
  // At steady state a log group holds its retention's worth of months (uncompressed: an upper bound).
  const monthsKept = Math.max(1, m.stack.logRetentionDays / 30);
  return {
    lambda,
    stateTransitions: m.stateTransitions,
    dynamo: { wru: c('dynamodb.wru'), rru: c('dynamodb.rru'), storageBytes: m.dynamoStorageBytes },
    s3: { tier1: c('s3.tier1'), tier2: c('s3.tier2'), storageBytes: m.s3StorageBytes },
    sqsRequests: c('sqs.requests') + ASSUMPTIONS.idleQueuePolls.quantity,
    sesEmails: c('ses.emails'),
    httpRequests: c('http.requests'),
    schedulerInvocations:
      c('scheduler.invocations') + m.recurringJobs.reduce((s, j) => s + runsPerMonth(j.expression), 0),
    cloudFrontRequests: ASSUMPTIONS.cloudFrontRequests.quantity,
    cognitoMau: ASSUMPTIONS.cognitoMau.quantity,
    secrets: m.stack.secrets,
    secretsApiCalls: ASSUMPTIONS.secretsApiCalls.quantity,
    kmsKeys: m.stack.kmsKeys,
    alarms: m.stack.alarms,
    dashboards: m.stack.dashboards,
    customMetrics: ASSUMPTIONS.customMetrics.quantity,
    logs: { ingestedBytes, storedBytes: ingestedBytes * monthsKept },
  };
};
