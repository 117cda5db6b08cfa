import path from 'node:path';
import { AspectPriority, Aspects, CfnOutput, Stack, type StackProps, Tags } from 'aws-cdk-lib';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import type * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import * as ses from 'aws-cdk-lib/aws-ses';
import type { Construct } from 'constructs';
import { SHIPPED_BRAND_PATH, stagedBrandKit } from './brand-kit';
import {
  type FunctionName,
  functions,
  queues,
  recurringJobs,
  routes,
  stateMachine,
  substitutions,
  tables,
} from './catalog';
import { Alarms } from './constructs/alarms';
import { ApprovalReminders } from './constructs/approval-reminders';
import { grantFromCatalog } from './constructs/catalog-grants';
import { ContentWorkflow } from './constructs/content-workflow';
import { Dashboard } from './constructs/dashboard';
import { HttpApi } from './constructs/http-api';
import { pascal } from './constructs/names';
import { OPERATOR_SECRETS, platformSecrets } from './constructs/platform-secrets';
import { RecurringJobs } from './constructs/recurring-jobs';
import { SebarFunction } from './constructs/sebar-function';
import { StaffAuth } from './constructs/staff-auth';
import { StaffConsole } from './constructs/staff-console';
import { Storage } from './constructs/storage';
import { WorkQueues } from './constructs/work-queues';
import { type SebarSettings, settingsFromContext } from './settings';
import { StagePolicies } from './stage-config';

export { OPERATOR_SECRETS } from './constructs/platform-secrets';
export { type SebarSettings, settingsFromContext } from './settings';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');

/**
 * Sebar on AWS. Everything that has a name in infra/catalog.ts (functions, routes, tables, queues, recurring
 * jobs, the workflow's substitution keys) is created from the catalog, and each function's permissions come
 * from its `access` entry there, so the local runtime and this stack cannot drift apart.
 *
 * The constructor is the list of parts, in the order they depend on each other. Parts that are not
 * constructs of their own (queues, recurring jobs, reminders, the secret) add their resources to the stack
 * itself, so every resource keeps the path and logical ID it has always had.
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
  readonly reminders: ApprovalReminders;
  readonly workQueues: WorkQueues;
  readonly recurringJobs: RecurringJobs;
  readonly alarms: Alarms;
  readonly dashboard: Dashboard;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    Tags.of(this).add('project', 'sebar');
    const settings = settingsFromContext(this);
    this.settings = settings;
    const { stage } = settings;
    // cfn-lint's schema for AWS::CloudWatch::Dashboard has no Tags (dashboard.ts removes `project` too).
    Tags.of(this).add('stage', stage.stage, { excludeResourceTypes: ['AWS::CloudWatch::Dashboard'] });
    // Retention, removal policies, deletion protection and PITR per stage, on every resource (stage-config.ts).
    Aspects.of(this).add(new StagePolicies(stage), { priority: AspectPriority.MUTATING });

    this.storage = new Storage(this, 'Storage', { tables, archive: settings.archive });
    this.secret = platformSecrets(this, `${stage.namePrefix}/secrets`);
    this.mailIdentity = new ses.EmailIdentity(this, 'MailIdentity', {
      identity: ses.Identity.domain(settings.mailDomain),
    });
    this.functions = this.createFunctions(settings);

    this.workflow = new ContentWorkflow(this, 'ContentLifecycle', {
      name: `${stage.namePrefix}-${stateMachine.name}`,
      definitionFile: path.join(REPO_ROOT, stateMachine.definitionFile),
      tasks: new Map(Object.entries(substitutions).map(([key, name]) => [key, this.fn(name).function])),
    });

    this.staffAuth = new StaffAuth(this, 'StaffAuth', {
      domainPrefix: stage.consoleDomainPrefix ?? `sebar-humas-${stage.stage}-${this.account}`,
    });
    const staffConsole = new StaffConsole(this, 'StaffConsole', {
      auth: this.staffAuth,
      storage: this.storage,
      webDist: path.join(REPO_ROOT, 'web', 'dist'),
    });
    this.httpApi = new HttpApi(this, 'HttpApi', {
      routes,
      handlers: new Map<FunctionName, lambda.IFunction>(
        [...this.functions].map(([name, fn]) => [name, fn.function] as const),
      ),
      userPool: this.staffAuth.userPool,
      userPoolClient: this.staffAuth.client,
      consoleClient: staffConsole.client,
      corsOrigins: [staffConsole.origin, ...settings.corsOrigins],
      domain: stage.apiDomain,
    });
    staffConsole.deploy(this.httpApi.api.apiEndpoint);

    this.reminders = new ApprovalReminders(this, {
      group: `${stage.namePrefix}-reminders`,
      target: this.fn('send-reminders').function,
      account: this.account,
    });
    this.workQueues = new WorkQueues(this, { queues, functions: this.functions });
    this.recurringJobs = new RecurringJobs(this, {
      group: `${stage.namePrefix}-jobs`,
      jobs: recurringJobs,
      target: (name) => this.fn(name).function,
      account: this.account,
    });

    this.alarms = new Alarms(this, 'Alarms', {
      alarmEmail: settings.alarmEmail,
      stateMachine: this.workflow.stateMachine,
      httpApi: this.httpApi.api,
      existing: [...this.workQueues.deadLetterAlarms.values()],
    });
    this.dashboard = new Dashboard(this, 'Monitoring', {
      functions: this.functions,
      stateMachine: this.workflow.stateMachine,
      httpApi: this.httpApi.api,
      deadLetterQueues: [...this.workQueues.deadLetterQueues.values()],
      alarms: [...this.alarms.alarms.values()],
    });

    this.wireFunctions();
    this.outputs();
  }

  /** One function per catalog entry, with the tables, bucket, secret and mail it may use. */
  private createFunctions(settings: SebarSettings): ReadonlyMap<FunctionName, SebarFunction> {
    const environment: Record<string, string> = {
      ...Object.fromEntries(tables.map((t) => [t.envVar, this.storage.table(t.name).tableName])),
      BUCKET_NAME: this.storage.bucket.bucketName,
      ARCHIVE_BUCKET: this.storage.archiveBucket.bucketName,
      SEBAR_SECRETS_ARN: this.secret.secretArn,
      MAIL_FROM: settings.mailFrom,
      DEFAULT_APPROVERS: settings.approvers.join(','),
      ...(settings.instagramUserId ? { INSTAGRAM_USER_ID: settings.instagramUserId } : {}),
      ...(settings.xUserId ? { X_USER_ID: settings.xUserId } : {}),
    };
    const created = new Map<FunctionName, SebarFunction>();
    const brandKit = stagedBrandKit(this, REPO_ROOT);
    for (const spec of functions) {
      const withBrand = brandKit !== undefined && spec.name === 'infographics-api';
      const fn = new SebarFunction(this, `${pascal(spec.name)}Function`, {
        spec,
        repoRoot: REPO_ROOT,
        environment: withBrand ? { ...environment, INFOGRAPHIC_BRAND_FILE: SHIPPED_BRAND_PATH } : environment,
        ...(withBrand ? { extraFiles: [{ from: brandKit, to: 'brand.json' }] } : {}),
      });
      grantFromCatalog(fn, { storage: this.storage, secret: this.secret, mailIdentity: this.mailIdentity });
      created.set(spec.name, fn);
    }
    return created;
  }

  /**
   * Wiring that needs resources created after the functions. No cycles: the state machine needs the task
   * functions, content-api (not a task) needs the state machine, and request-approval (not behind the
   * API) needs the API's URL.
   */
  private wireFunctions(): void {
    for (const [name, fn] of this.functions) {
      const { access } = fn.spec;
      if (access.startExecution) this.workflow.allowStart(fn);
      if (access.stopExecution) this.workflow.allowStop(fn);
      if (access.sendTaskResult) this.workflow.allowSettleTasks(fn);
      if (access.scheduleReminders) this.reminders.allowScheduling(fn);
      // Functions that email approval links and are not behind the API (approvals-api takes the URL from
      // the request instead, which avoids a dependency cycle).
      if (name === 'request-approval' || name === 'send-reminders') {
        fn.function.addEnvironment('PUBLIC_BASE_URL', this.httpApi.url);
      }
    }
  }

  private outputs(): void {
    new CfnOutput(this, 'ApiUrl', {
      description: 'Base URL of the HTTP API (staff routes, approval links, webhooks)',
      value: this.httpApi.url,
    });
    if (this.httpApi.domainName && this.settings.stage.apiDomain) {
      new CfnOutput(this, 'ApiDomainTarget', {
        description: `Point a CNAME for ${this.settings.stage.apiDomain.name} at this name`,
        value: this.httpApi.domainName.regionalDomainName,
      });
    }
    new CfnOutput(this, 'StateMachineArn', {
      description: 'The content lifecycle state machine',
      value: this.workflow.stateMachine.stateMachineArn,
    });
    new CfnOutput(this, 'BucketName', {
      description: 'Records bucket: media, raw webhook payloads, reports',
      value: this.storage.bucket.bucketName,
    });
    new CfnOutput(this, 'ArchiveBucketName', {
      description: `Records archive: write-once records under Object Lock (${this.settings.archive.lockMode}, ${this.settings.archive.retentionYears} years)`,
      value: this.storage.archiveBucket.bucketName,
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
    new CfnOutput(this, 'AlarmTopicArn', {
      description: this.settings.alarmEmail
        ? `Alarms are emailed to ${this.settings.alarmEmail} (confirm the subscription email first)`
        : 'Alarms go here; nobody is subscribed (deploy with -c alarmEmail=... to have them emailed)',
      value: this.alarms.topic.topicArn,
    });
    new CfnOutput(this, 'DashboardName', {
      description: 'The CloudWatch dashboard: what the office and the engineer watch',
      value: this.dashboard.dashboard.dashboardName,
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
}
