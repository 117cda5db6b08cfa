import path from 'node:path';
import { ArnFormat, CfnElement, CfnOutput, Duration, Stack, type StackProps, Tags, Token } from 'aws-cdk-lib';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import { SqsEventSource } from 'aws-cdk-lib/aws-lambda-event-sources';
import * as scheduler from 'aws-cdk-lib/aws-scheduler';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import * as sqs from 'aws-cdk-lib/aws-sqs';
import type { Construct, IConstruct } from 'constructs';
import {
  type FunctionName,
  type FunctionSpec,
  functions,
  queues,
  recurringJobs,
  routes,
  stateMachine,
  substitutions,
  type TableName,
  tables,
} from './catalog';
import { ContentWorkflow } from './constructs/content-workflow';
import { HttpApi } from './constructs/http-api';
import { acknowledge, wildcardResource } from './constructs/nag';
import { pascal } from './constructs/names';
import { SebarFunction } from './constructs/sebar-function';
import { StaffAuth } from './constructs/staff-auth';
import { StaffConsole } from './constructs/staff-console';
import { Storage } from './constructs/storage';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/** Secrets the operator fills in after the first deploy; APPROVAL_SIGNING_KEY is generated. */
export const OPERATOR_SECRETS = [
  'META_APP_SECRET',
  'META_VERIFY_TOKEN',
  'X_CONSUMER_SECRET',
  'INSTAGRAM_ACCESS_TOKEN',
  'X_ACCESS_TOKEN',
  // With these two, X calls are signed with OAuth 1.0a; left empty, X_ACCESS_TOKEN is a bearer token.
  'X_CONSUMER_KEY',
  'X_ACCESS_TOKEN_SECRET',
] as const;

export interface SebarSettings {
  /** Sender of approval emails (context `mailFrom`). */
  readonly mailFrom: string;
  /** SES domain identity the functions may send from (context `mailDomain`, default: mailFrom's domain). */
  readonly mailDomain: string;
  /** Approvers used when an item names none (context `approvers`: a list or comma-separated). */
  readonly approvers: readonly string[];
  /** Staff front-end origins allowed by CORS (context `corsOrigins`); none by default. */
  readonly corsOrigins: readonly string[];
  /** Platform account ids (context `instagramUserId`, `xUserId`); publishing refuses to run without them. */
  readonly instagramUserId?: string;
  readonly xUserId?: string;
}

const EMAIL = /^[^\s@,]+@[^\s@,]+\.[^\s@,]+$/;

const listFromContext = (value: unknown): string[] => {
  if (value === undefined || value === null) return [];
  const items = Array.isArray(value) ? value : String(value).split(',');
  return items.map((x) => String(x).trim()).filter(Boolean);
};

/** Reads and checks the deployment settings from CDK context, failing the synth with a clear message. */
export const settingsFromContext = (scope: IConstruct): SebarSettings => {
  const ctx = (key: string): unknown => scope.node.tryGetContext(key);
  const mailFrom = String(ctx('mailFrom') ?? 'humas@dinkes.example.go.id').trim();
  if (!EMAIL.test(mailFrom)) throw new Error(`Context mailFrom must be an email address, got "${mailFrom}"`);
  const mailDomain = String(ctx('mailDomain') ?? mailFrom.slice(mailFrom.indexOf('@') + 1))
    .trim()
    .toLowerCase();
  const fromDomain = mailFrom.slice(mailFrom.indexOf('@') + 1).toLowerCase();
  if (fromDomain !== mailDomain && !fromDomain.endsWith(`.${mailDomain}`)) {
    throw new Error(
      `mailFrom ${mailFrom} is not in the SES identity domain ${mailDomain} (context mailDomain)`,
    );
  }
  const approvers = listFromContext(ctx('approvers'));
  if (approvers.length === 0) approvers.push('kepala.dinas@dinkes.example.go.id');
  const badApprover = approvers.find((a) => !EMAIL.test(a));
  if (badApprover) throw new Error(`Context approvers holds "${badApprover}", which is not an email address`);
  const corsOrigins = listFromContext(ctx('corsOrigins'));
  const badOrigin = corsOrigins.find((o) => !/^https:\/\/[^/\s]+$/.test(o));
  if (badOrigin) throw new Error(`Context corsOrigins holds "${badOrigin}"; use https://host[:port]`);
  const accountId = (key: string): string | undefined => {
    const v = ctx(key);
    if (v === undefined || v === null || v === '') return undefined;
    if (!/^\d+$/.test(String(v)))
      throw new Error(`Context ${key} must be the numeric account id, got "${String(v)}"`);
    return String(v);
  };
  return {
    mailFrom,
    mailDomain,
    approvers,
    corsOrigins,
    instagramUserId: accountId('instagramUserId'),
    xUserId: accountId('xUserId'),
  };
};

/** How cdk-nag prints a value in a finding id: literally when known at synth, as <Pseudo> otherwise. */
const nagValue = (value: string, pseudo: string): string =>
  Token.isUnresolved(value) ? `<${pseudo}>` : value;

const logicalIdOf = (construct: IConstruct): string => {
  const cfn = construct.node.defaultChild;
  if (!(cfn instanceof CfnElement))
    throw new Error(`No CloudFormation resource under ${construct.node.path}`);
  return Stack.of(construct).getLogicalId(cfn);
};

/**
 * Sebar on AWS. Everything that has a name in infra/catalog.ts (functions, routes, tables, the workflow's
 * substitution keys) is created from the catalog, and each function's permissions come from its `access`
 * entry there, so the local runtime and this stack cannot drift apart.
 */
export class SebarStack extends Stack {
  readonly settings: SebarSettings;
  readonly storage: Storage;
  readonly secret: secretsmanager.Secret;
  readonly functions: ReadonlyMap<FunctionName, SebarFunction>;
  readonly workflow: ContentWorkflow;
  readonly httpApi: HttpApi;
  readonly staffAuth: StaffAuth;
  readonly mailIdentity: ses.EmailIdentity;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    Tags.of(this).add('project', 'sebar');
    const settings = settingsFromContext(this);
    this.settings = settings;

    this.storage = new Storage(this, 'Storage', { tables });

    this.secret = new secretsmanager.Secret(this, 'Secrets', {
      secretName: 'sebar/secrets',
      description:
        'Sebar: approval-link signing key (generated) and Instagram/X credentials (set by the operator)',
      generateSecretString: {
        // Empty until the operator sets them: the functions refuse to work with a missing secret rather
        // than verify webhook signatures against a value anyone could read in this template.
        secretStringTemplate: JSON.stringify(Object.fromEntries(OPERATOR_SECRETS.map((k) => [k, '']))),
        generateStringKey: 'APPROVAL_SIGNING_KEY',
        passwordLength: 64,
        excludePunctuation: true,
      },
    });
    acknowledge(
      this.secret,
      'AwsSolutions-SMG4',
      'No rotation Lambda can rotate these values: the Instagram token is refreshed by the app before its ' +
        '60 days run out, the X and Meta secrets are issued in the platforms developer consoles and rotated ' +
        'there by the operator, and rotating APPROVAL_SIGNING_KEY would invalidate approval links in flight.',
    );

    this.mailIdentity = new ses.EmailIdentity(this, 'MailIdentity', {
      identity: ses.Identity.domain(settings.mailDomain),
    });

    const baseEnvironment: Record<string, string> = {
      ...Object.fromEntries(tables.map((t) => [t.envVar, this.storage.table(t.name).tableName])),
      BUCKET_NAME: this.storage.bucket.bucketName,
      SEBAR_SECRETS_ARN: this.secret.secretArn,
      MAIL_FROM: settings.mailFrom,
      DEFAULT_APPROVERS: settings.approvers.join(','),
      ...(settings.instagramUserId ? { INSTAGRAM_USER_ID: settings.instagramUserId } : {}),
      ...(settings.xUserId ? { X_USER_ID: settings.xUserId } : {}),
    };

    const created = new Map<FunctionName, SebarFunction>();
    for (const spec of functions) {
      const fn = new SebarFunction(this, `${pascal(spec.name)}Function`, {
        spec,
        repoRoot: REPO_ROOT,
        environment: baseEnvironment,
      });
      this.grantFromCatalog(fn, spec);
      created.set(spec.name, fn);
    }
    this.functions = created;

    this.workflow = new ContentWorkflow(this, 'ContentLifecycle', {
      name: `sebar-${stateMachine.name}`,
      definitionFile: path.join(REPO_ROOT, stateMachine.definitionFile),
      tasks: new Map(Object.entries(substitutions).map(([key, name]) => [key, this.fn(name).function])),
    });

    this.staffAuth = new StaffAuth(this, 'StaffAuth');
    const staffConsole = new StaffConsole(this, 'StaffConsole', {
      auth: this.staffAuth,
      storage: this.storage,
      webDist: path.join(REPO_ROOT, 'web', 'dist'),
    });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      routes,
      handlers: new Map<FunctionName, lambda.IFunction>(
        [...created].map(([name, fn]) => [name, fn.function] as const),
      ),
      userPool: this.staffAuth.userPool,
      userPoolClient: this.staffAuth.client,
      consoleClient: staffConsole.client,
      corsOrigins: [staffConsole.origin, ...settings.corsOrigins],
    });
    staffConsole.deploy(this.httpApi.api.apiEndpoint);

    // Approval reminders: request-approval creates one-time schedules in this group; the scheduler invokes
    // send-reminders with its own role, which may invoke nothing else.
    new scheduler.CfnScheduleGroup(this, 'ReminderSchedules', { name: 'sebar-reminders' });
    const reminderTarget = this.fn('send-reminders').function;
    const schedulerRole = new iam.Role(this, 'ReminderSchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'EventBridge Scheduler invokes send-reminders for approval reminders',
    });
    schedulerRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: [reminderTarget.functionArn],
      }),
    );

    // Work queues: webhook intake stores and queues; the consumer classifies and alerts. A message that
    // fails five times moves to the dead-letter queue (kept 14 days) and an alarm goes off.
    for (const q of queues) {
      const deadLetters = new sqs.Queue(this, `${pascal(q.name)}DeadLetterQueue`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        retentionPeriod: Duration.days(14),
      });
      acknowledge(
        deadLetters,
        'AwsSolutions-SQS3',
        'This queue is the dead-letter queue of the feedback queue; it has none of its own.',
      );
      const queue = new sqs.Queue(this, `${pascal(q.name)}Queue`, {
        encryption: sqs.QueueEncryption.SQS_MANAGED,
        enforceSSL: true,
        visibilityTimeout: Duration.seconds(q.visibilityTimeoutSeconds),
        retentionPeriod: Duration.days(4),
        deadLetterQueue: { queue: deadLetters, maxReceiveCount: q.maxReceiveCount },
      });
      new cloudwatch.Alarm(this, `${pascal(q.name)}DeadLettersAlarm`, {
        alarmDescription: `Sebar: ${q.name} messages failed five times and wait in the dead-letter queue`,
        metric: deadLetters.metricApproximateNumberOfMessagesVisible({ period: Duration.minutes(5) }),
        threshold: 0,
        comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
      });
      this.fn(q.consumer).function.addEventSource(
        new SqsEventSource(queue, { batchSize: q.batchSize, reportBatchItemFailures: true }),
      );
      for (const fn of created.values()) {
        if (!(fn.spec.access.queues ?? []).includes(q.name)) continue;
        queue.grantSendMessages(fn.role);
        fn.function.addEnvironment(q.envVar, queue.queueUrl);
      }
    }

    // Recurring jobs (account check, digest, report) run on EventBridge Scheduler crons in the office's
    // time zone, with a role that may invoke only their target functions.
    const jobTargets = [...new Set(recurringJobs.map((j) => j.function))].map((n) => this.fn(n).function);
    const jobsRole = new iam.Role(this, 'RecurringJobsSchedulerRole', {
      assumedBy: new iam.ServicePrincipal('scheduler.amazonaws.com', {
        conditions: { StringEquals: { 'aws:SourceAccount': this.account } },
      }),
      description: 'EventBridge Scheduler runs the recurring jobs (account check, digest, report)',
    });
    jobsRole.addToPolicy(
      new iam.PolicyStatement({
        actions: ['lambda:InvokeFunction'],
        resources: jobTargets.map((f) => f.functionArn),
      }),
    );
    const jobsGroup = new scheduler.CfnScheduleGroup(this, 'RecurringJobs', { name: 'sebar-jobs' });
    for (const job of recurringJobs) {
      const schedule = new scheduler.CfnSchedule(this, `${pascal(job.name)}Schedule`, {
        name: `sebar-${job.name}`,
        groupName: jobsGroup.name,
        description: job.description,
        scheduleExpression: job.expression,
        scheduleExpressionTimezone: job.timeZone,
        flexibleTimeWindow: { mode: 'OFF' },
        target: {
          arn: this.fn(job.function).function.functionArn,
          roleArn: jobsRole.roleArn,
          input: JSON.stringify(job.input),
          retryPolicy: { maximumRetryAttempts: 2, maximumEventAgeInSeconds: 3600 },
        },
      });
      schedule.addDependency(jobsGroup);
    }

    // Wiring that needs resources created after the functions. No cycles: the state machine needs the task
    // functions, content-api (not a task) needs the state machine, and request-approval (not behind the
    // API) needs the API's URL.
    for (const [name, fn] of created) {
      const access: FunctionSpec['access'] = fn.spec.access;
      if (access.startExecution) {
        this.workflow.stateMachine.grantStartExecution(fn.role);
        fn.function.addEnvironment('STATE_MACHINE_ARN', this.workflow.stateMachine.stateMachineArn);
      }
      if (access.stopExecution) {
        const executions = `arn:aws:states:${nagValue(this.region, 'AWS::Region')}:${nagValue(this.account, 'AWS::AccountId')}:execution:sebar-${stateMachine.name}:*`;
        fn.role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            sid: 'CancelItems',
            actions: ['states:StopExecution'],
            resources: [
              Stack.of(this).formatArn({
                service: 'states',
                resource: 'execution',
                resourceName: `sebar-${stateMachine.name}:*`,
                arnFormat: ArnFormat.COLON_RESOURCE_NAME,
              }),
            ],
          }),
        );
        acknowledge(
          fn.role,
          `AwsSolutions-IAM5[Resource::${executions}]`,
          'Executions are named after content items, so their ARNs are not known at deploy time; StopExecution ' +
            'is limited to executions of the Sebar content lifecycle state machine.',
        );
      }
      if (access.sendTaskResult) {
        fn.role.addToPrincipalPolicy(
          new iam.PolicyStatement({
            sid: 'SettleApprovalTasks',
            actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
            resources: [this.workflow.stateMachine.stateMachineArn],
          }),
        );
      }
      if (access.scheduleReminders) {
        const schedulesArn = Stack.of(this).formatArn({
          service: 'scheduler',
          resource: 'schedule',
          resourceName: 'sebar-reminders/*',
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
            resources: [schedulerRole.roleArn],
          }),
        );
        acknowledge(
          fn.role,
          `AwsSolutions-IAM5[Resource::arn:aws:scheduler:${nagValue(this.region, 'AWS::Region')}:${nagValue(this.account, 'AWS::AccountId')}:schedule/sebar-reminders/*]`,
          'Reminder schedules are named per item and revision, so their names are not known at deploy time; ' +
            'the wildcard is limited to the sebar-reminders schedule group.',
        );
        fn.function.addEnvironment('REMINDER_FUNCTION_ARN', reminderTarget.functionArn);
        fn.function.addEnvironment('SCHEDULER_ROLE_ARN', schedulerRole.roleArn);
        fn.function.addEnvironment('SCHEDULE_GROUP', 'sebar-reminders');
      }
      // Functions that email approval links and are not behind the API (approvals-api takes the URL from
      // the request instead, which avoids a dependency cycle).
      if (name === 'request-approval' || name === 'send-reminders') {
        fn.function.addEnvironment('PUBLIC_BASE_URL', this.httpApi.url);
      }
    }

    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the HTTP API (staff routes, approval links, webhooks)',
      value: this.httpApi.url,
    });
    new CfnOutput(this, 'StateMachineArn', {
      description: 'The content lifecycle state machine',
      value: this.workflow.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, 'BucketName', {
      description: 'Records bucket: media, raw webhook payloads, reports',
      value: this.storage.bucket.bucketName,
    });
    new CfnOutput(this, 'UserPoolId', {
      description:
        'Cognito user pool for staff; create accounts and add them to the staff or supervisor group',
      value: this.staffAuth.userPool.userPoolId,
    });
    new CfnOutput(this, 'UserPoolClientId', {
      description: 'App client id for the staff front end (public client, SRP sign-in)',
      value: this.staffAuth.client.userPoolClientId,
    });
    new CfnOutput(this, 'SecretArn', {
      description:
        `After the first deploy, set ${OPERATOR_SECRETS.join(', ')} in this secret's JSON ` +
        '(APPROVAL_SIGNING_KEY is generated; leave it). Webhooks and publishing fail until they are set.',
      value: this.secret.secretArn,
    });
  }

  private fn(name: FunctionName): SebarFunction {
    const fn = this.functions.get(name);
    if (!fn) throw new Error(`The catalog has no function named ${name}`);
    return fn;
  }

  /** Least privilege, straight from the catalog: only the tables, bucket access and services listed. */
  private grantFromCatalog(fn: SebarFunction, spec: FunctionSpec): void {
    const { access } = spec;
    for (const [name, mode] of Object.entries(access.tables ?? {}) as [TableName, 'read' | 'write'][]) {
      const table = this.storage.table(name);
      if (mode === 'write') table.grantReadWriteData(fn.role);
      else table.grantReadData(fn.role);
      if ((tables.find((t) => t.name === name)?.indexes ?? []).length > 0) {
        acknowledge(
          fn.role,
          wildcardResource(logicalIdOf(table), '/index/*'),
          `Queries on the global secondary indexes of the ${name} table only; DynamoDB grants index access ` +
            'through the table ARN followed by /index/<name>, and the wildcard never leaves this one table.',
        );
      }
    }

    if (access.bucket) {
      const bucket = this.storage.bucket;
      const objectActions = access.bucket === 'write' ? ['s3:GetObject', 's3:PutObject'] : ['s3:GetObject'];
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: access.bucket === 'write' ? 'ReadWriteRecords' : 'ReadRecords',
          actions: objectActions,
          resources: [bucket.arnForObjects('*')],
        }),
      );
      // ListBucket turns HeadObject on a missing key into 404 instead of 403, which the media store relies on.
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'ListRecords',
          actions: ['s3:ListBucket'],
          resources: [bucket.bucketArn],
        }),
      );
      acknowledge(
        fn.role,
        wildcardResource(logicalIdOf(bucket), '/*'),
        'Object keys in the records bucket are per item, per webhook delivery and per report, so they are not ' +
          `known in advance; ${spec.name} gets ${objectActions.join(' and ')} on this bucket's objects only (no delete).`,
      );
    }

    if (access.sendEmail) this.mailIdentity.grantSendEmail(fn.role);
    // Every function may read the one secrets bundle (it is one secret, read once per cold start).
    this.secret.grantRead(fn.role);
    // The account check writes a refreshed Instagram token back as a new version of the same secret.
    // PutSecretValue only: no UpdateSecret (which could change the secret's key or description).
    if (access.writeSecrets) {
      fn.role.addToPrincipalPolicy(
        new iam.PolicyStatement({
          sid: 'RefreshPlatformTokens',
          actions: ['secretsmanager:PutSecretValue'],
          resources: [this.secret.secretArn],
        }),
      );
    }
  }
}
