import { createHash, randomBytes } from 'node:crypto';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import type { Server } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import {
  type FunctionName,
  queues,
  recurringJobs,
  stateMachine,
  substitutions,
  tables,
} from '../infra/catalog';
import {
  backfillLocalPublishMonths,
  closeServer,
  LOCAL_BUCKET,
  listen,
  physicalTableName,
  startDynamo,
  startS3,
} from './aws-services';
import { CONSOLE_DIST } from './console-build';
import { CRASH_POINTS, injectFaults } from './fault-injection';
import { createGateway } from './gateway';
import {
  drainInvocations,
  functionArn,
  functionNameFromArn,
  invokeLocal,
  LambdaInvocationError,
} from './lambda';
import { Sandbox } from './sandbox';
import { LocalScheduler } from './scheduler';
import { createOutboxServer } from './ses-outbox';
import { LocalSqs } from './sqs';
import { LocalStepFunctions } from './stepfunctions/engine';
import { createSfnServer } from './stepfunctions/server';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const port = (fallback: number) => z.coerce.number().int().min(0).max(65535).default(fallback);

/** Local settings, from the environment (documented in the README). */
export const localSettings = z.object({
  PORT: port(3000),
  SEBAR_DATA_DIR: z.string().min(1).default('.sebar'),
  SEBAR_DYNAMODB_PORT: port(8000),
  SEBAR_S3_PORT: port(4569),
  SEBAR_SFN_PORT: port(8083),
  SEBAR_SANDBOX_PORT: port(4010),
  SEBAR_SES_PORT: port(8025),
  SEBAR_SCHEDULER_PORT: port(8090),
  SEBAR_SQS_PORT: port(9324),
  SEBAR_API_TOKEN: z.string().min(16, 'SEBAR_API_TOKEN must be at least 16 characters').optional(),
  /** A second local token for a staff member without the supervisor group (to try what they may not do). */
  SEBAR_STAFF_TOKEN: z.string().min(16, 'SEBAR_STAFF_TOKEN must be at least 16 characters').optional(),
  SEBAR_PUBLIC_URL: z.url().optional(),
  SEBAR_INSTAGRAM_API_BASE: z.url().optional(),
  SEBAR_X_API_BASE: z.url().optional(),
  AWS_REGION: z.string().default('ap-southeast-3'),
  META_APP_SECRET: z.string().min(8).default('sebar-local-meta-app-secret'),
  META_VERIFY_TOKEN: z.string().min(8).default('sebar-local-verify-token'),
  X_CONSUMER_SECRET: z.string().min(8).default('sebar-local-x-consumer-secret'),
  INSTAGRAM_ACCESS_TOKEN: z.string().min(8).default('sandbox-instagram-token'),
  X_ACCESS_TOKEN: z.string().min(8).default('sandbox-x-token'),
  // OAuth 1.0a by default, as on X with console-issued credentials; set X_ACCESS_TOKEN_SECRET= (empty)
  // to send X_ACCESS_TOKEN as an OAuth 2.0 bearer token instead.
  X_CONSUMER_KEY: z.string().min(8).default('sebar-local-x-consumer-key'),
  X_ACCESS_TOKEN_SECRET: z.string().default('sandbox-x-token-secret'),
  INSTAGRAM_USER_ID: z.string().regex(/^\d+$/).default('17841400000000001'),
  X_USER_ID: z.string().regex(/^\d+$/).default('1500000000000000001'),
  /** Tests only: the process kills itself at this point (see fault-injection.ts). */
  SEBAR_CRASH_AT: z.enum(CRASH_POINTS).optional(),
});
export type LocalSettings = z.infer<typeof localSettings>;

export interface LocalRuntime {
  readonly settings: LocalSettings;
  readonly dataDir: string;
  readonly apiToken: string;
  readonly endpoints: {
    readonly gateway: string;
    readonly dynamodb: string;
    readonly s3: string;
    readonly stepfunctions: string;
    readonly ses: string;
    readonly sandbox: string;
    readonly scheduler: string;
    readonly sqs: string;
  };
  readonly stateMachineArn: string;
  readonly bucket: string;
  readonly outboxDir: string;
  readonly engine: LocalStepFunctions;
  readonly sandbox: Sandbox;
  readonly sqs: LocalSqs;
  readonly resumed: number;
  stop(): Promise<void>;
}

export interface StartOptions {
  /** Environment to read settings from (default: process.env). */
  readonly env?: Record<string, string | undefined>;
  /** Shorten Retry intervals (tests). */
  readonly retryIntervalMs?: number;
  readonly quiet?: boolean;
  /** Arm the recurring jobs (account check, digest, report) on their crons; tests run them by hand. */
  readonly recurringJobs?: boolean;
}

/** Invokes a local function by its ARN, as Step Functions and the scheduler name their targets. */
const invokeByArn = async (arn: string, payload: unknown): Promise<unknown> => {
  const name = functionNameFromArn(arn);
  if (!name)
    throw new LambdaInvocationError('Lambda.ResourceNotFoundException', `Function not found: ${arn}`);
  return invokeLocal(name, payload);
};

/** Secrets that must survive restarts (links already emailed must stay valid) are kept in the data folder. */
const persistentSecret = async (dataDir: string, name: string, given?: string): Promise<string> => {
  if (given) return given;
  const file = join(dataDir, name);
  try {
    return (await readFile(file, 'utf8')).trim();
  } catch {
    const value = randomBytes(32).toString('base64url');
    await writeFile(file, `${value}\n`, { mode: 0o600 });
    await chmod(file, 0o600);
    return value;
  }
};

export const loadDefinition = async (region: string): Promise<string> => {
  let text = await readFile(join(ROOT, stateMachine.definitionFile), 'utf8');
  for (const [key, fn] of Object.entries(substitutions))
    text = text.split(`\${${key}}`).join(functionArn(region, fn));
  const left = /\$\{([A-Za-z0-9]+)\}/.exec(text);
  if (left) throw new Error(`The workflow definition uses \${${left[1]}}, which no function fills`);
  return text;
};

/**
 * The local stand-in for the Secrets Manager bundle, for values Sebar itself rewrites (the refreshed
 * Instagram token and its expiry). Seeded from the configured token; a newly configured token replaces a
 * refreshed one, so changing INSTAGRAM_ACCESS_TOKEN always takes effect.
 */
const seedSecretsFile = async (dataDir: string, instagramToken: string): Promise<string> => {
  const file = join(dataDir, 'secrets.json');
  const seed = createHash('sha256').update(instagramToken).digest('hex').slice(0, 16);
  let current: Record<string, string> = {};
  try {
    current = JSON.parse(await readFile(file, 'utf8')) as Record<string, string>;
  } catch {
    // First start, or an unreadable file: seed it again.
  }
  if (current.SEEDED_FROM !== seed) {
    await writeFile(file, JSON.stringify({ INSTAGRAM_ACCESS_TOKEN: instagramToken, SEEDED_FROM: seed }), {
      mode: 0o600,
    });
  }
  return file;
};

/** Starts every local service, wires the handlers to them, and resumes unfinished executions. */
export const startLocal = async (options: StartOptions = {}): Promise<LocalRuntime> => {
  const parsed = localSettings.safeParse(options.env ?? process.env);
  if (!parsed.success) {
    throw new Error(
      `Invalid settings: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`,
    );
  }
  const s = parsed.data;
  // Local clients (ours and the handlers') sign with fixed local credentials; no AWS account is used.
  // s3rver knows only the key pair S3RVER/S3RVER; the other local services accept any.
  Object.assign(process.env, {
    AWS_REGION: s.AWS_REGION,
    AWS_DEFAULT_REGION: s.AWS_REGION,
    AWS_ACCESS_KEY_ID: 'S3RVER',
    AWS_SECRET_ACCESS_KEY: 'S3RVER',
    AWS_REQUEST_CHECKSUM_CALCULATION: 'WHEN_REQUIRED',
    AWS_RESPONSE_CHECKSUM_VALIDATION: 'WHEN_REQUIRED',
    AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true',
  });
  const dataDir = resolve(s.SEBAR_DATA_DIR);
  await mkdir(dataDir, { recursive: true });
  const outboxDir = join(dataDir, 'outbox');
  await mkdir(outboxDir, { recursive: true });
  const apiToken = await persistentSecret(dataDir, 'api-token', s.SEBAR_API_TOKEN);
  const signingKey = await persistentSecret(dataDir, 'approval-signing-key');
  const secretsFile = await seedSecretsFile(dataDir, s.INSTAGRAM_ACCESS_TOKEN);
  const stateMachineArn = `arn:aws:states:${s.AWS_REGION}:000000000000:stateMachine:sebar-${stateMachine.name}`;
  const servers: Server[] = [];
  const stops: (() => Promise<void>)[] = [];

  try {
    const dynamo = await startDynamo(dataDir, s.SEBAR_DYNAMODB_PORT);
    servers.push(dynamo.server);
    if (dynamo.rebuilt.length && !options.quiet)
      console.log(
        JSON.stringify({
          source: 'dynamodb',
          message: 'tables rebuilt with new indexes',
          tables: dynamo.rebuilt,
        }),
      );
    const ses = createOutboxServer(outboxDir);
    servers.push(ses);
    const sesPort = await listen(ses, s.SEBAR_SES_PORT);

    // The gateway and the local S3 name each other (the console's CSP allows the storage origin; the
    // bucket's CORS allows the console's origin), so the storage origin is filled in once S3 listens.
    let storageOrigin = '';
    const gateway = createGateway({
      apiToken,
      staffOnlyToken: s.SEBAR_STAFF_TOKEN,
      console: {
        dir: CONSOLE_DIST,
        get storageOrigin() {
          return storageOrigin;
        },
        config: { auth: 'token' },
      },
      // One structured line per request (see RequestLogLine): the same fields as the AWS access log.
      log: options.quiet ? undefined : (line) => console.log(JSON.stringify(line)),
    });
    servers.push(gateway);
    const gatewayPort = await listen(gateway, s.PORT, '0.0.0.0');
    const gatewayUrl = `http://127.0.0.1:${gatewayPort}`;
    // The console (served by the gateway) uploads straight to the local S3, from either host name.
    const s3 = await startS3(dataDir, s.SEBAR_S3_PORT, [gatewayUrl, `http://localhost:${gatewayPort}`]);
    stops.push(s3.stop);
    storageOrigin = new URL(s3.endpoint).origin;

    const sandbox = new Sandbox({
      dataDir,
      instagramToken: s.INSTAGRAM_ACCESS_TOKEN,
      xToken: s.X_ACCESS_TOKEN,
      instagramUserId: s.INSTAGRAM_USER_ID,
      xUserId: s.X_USER_ID,
      metaAppSecret: s.META_APP_SECRET,
      xConsumerSecret: s.X_CONSUMER_SECRET,
      xConsumerKey: s.X_CONSUMER_KEY,
      xTokenSecret: s.X_ACCESS_TOKEN_SECRET,
      webhookBaseUrl: () => gatewayUrl,
    });
    await sandbox.load();
    servers.push(sandbox.server);
    const sandboxPort = await listen(sandbox.server, s.SEBAR_SANDBOX_PORT);
    const sandboxUrl = `http://127.0.0.1:${sandboxPort}`;

    const engine = new LocalStepFunctions({
      dataDir: join(dataDir, 'stepfunctions'),
      stateMachineArn,
      definition: await loadDefinition(s.AWS_REGION),
      retryIntervalMs: options.retryIntervalMs,
      invoke: invokeByArn,
      log: options.quiet
        ? undefined
        : (message, data) => console.log(JSON.stringify({ source: 'stepfunctions', message, ...data })),
    });
    const scheduler = new LocalScheduler({
      dataDir,
      region: s.AWS_REGION,
      invoke: invokeByArn,
      log: options.quiet
        ? undefined
        : (message, data) => console.log(JSON.stringify({ source: 'scheduler', message, ...data })),
    });
    servers.push(scheduler.server);
    stops.push(async () => scheduler.stop());
    const schedulerPort = await listen(scheduler.server, s.SEBAR_SCHEDULER_PORT);

    const localSqs = new LocalSqs({
      dataDir: join(dataDir, 'sqs'),
      region: s.AWS_REGION,
      queues: queues.flatMap((q) => [
        {
          name: `sebar-${q.name}`,
          consumer: q.consumer,
          batchSize: q.batchSize,
          maxReceiveCount: q.maxReceiveCount,
          deadLetterQueue: `sebar-${q.name}-dlq`,
        },
        { name: `sebar-${q.name}-dlq` },
      ]),
      invoke: (name, event) => invokeLocal(name as FunctionName, event),
      // Locally a failed message is tried again after a second or two, not the AWS visibility timeout.
      retryAfterMs: options.retryIntervalMs ? options.retryIntervalMs * 10 : 2000,
      pollMs: 50,
      log: options.quiet
        ? undefined
        : (message, data) => console.log(JSON.stringify({ source: 'sqs', message, ...data })),
    });
    servers.push(localSqs.server);
    stops.push(() => localSqs.stop());
    const sqsUrl = await localSqs.start(s.SEBAR_SQS_PORT, listen);

    const sfnServer = createSfnServer(engine);
    servers.push(sfnServer);
    const sfnPort = await listen(sfnServer, s.SEBAR_SFN_PORT);

    const endpoints = {
      gateway: gatewayUrl,
      dynamodb: dynamo.endpoint,
      s3: s3.endpoint,
      stepfunctions: `http://127.0.0.1:${sfnPort}`,
      ses: `http://127.0.0.1:${sesPort}`,
      sandbox: sandboxUrl,
      scheduler: `http://127.0.0.1:${schedulerPort}`,
      sqs: sqsUrl,
    };

    // The handlers' whole view of the world: the SDK's standard endpoint variables and plain settings.
    Object.assign(process.env, {
      AWS_ENDPOINT_URL_DYNAMODB: endpoints.dynamodb,
      AWS_ENDPOINT_URL_S3: endpoints.s3,
      AWS_ENDPOINT_URL_SFN: endpoints.stepfunctions,
      AWS_ENDPOINT_URL_SESV2: endpoints.ses,
      AWS_ENDPOINT_URL_SCHEDULER: endpoints.scheduler,
      AWS_ENDPOINT_URL_SQS: endpoints.sqs,
      ...Object.fromEntries(queues.map((q) => [q.envVar, localSqs.queueUrl(`sebar-${q.name}`)])),
      REMINDER_FUNCTION_ARN: functionArn(s.AWS_REGION, 'send-reminders'),
      SCHEDULER_ROLE_ARN: 'arn:aws:iam::000000000000:role/sebar-local-scheduler',
      ...Object.fromEntries(tables.map((t) => [t.envVar, physicalTableName(t)])),
      BUCKET_NAME: LOCAL_BUCKET,
      STATE_MACHINE_ARN: stateMachineArn,
      PUBLIC_BASE_URL: s.SEBAR_PUBLIC_URL ?? `http://localhost:${gatewayPort}`,
      SEBAR_INSTAGRAM_API_BASE: s.SEBAR_INSTAGRAM_API_BASE ?? `${sandboxUrl}/instagram`,
      SEBAR_X_API_BASE: s.SEBAR_X_API_BASE ?? `${sandboxUrl}/x`,
      INSTAGRAM_USER_ID: s.INSTAGRAM_USER_ID,
      X_USER_ID: s.X_USER_ID,
      APPROVAL_SIGNING_KEY: signingKey,
      META_APP_SECRET: s.META_APP_SECRET,
      META_VERIFY_TOKEN: s.META_VERIFY_TOKEN,
      X_CONSUMER_SECRET: s.X_CONSUMER_SECRET,
      X_ACCESS_TOKEN: s.X_ACCESS_TOKEN,
      // An empty token secret means bearer mode: the consumer key is then left out as well.
      X_CONSUMER_KEY: s.X_ACCESS_TOKEN_SECRET ? s.X_CONSUMER_KEY : '',
      X_ACCESS_TOKEN_SECRET: s.X_ACCESS_TOKEN_SECRET,
      SEBAR_SECRETS_FILE: secretsFile,
      SEBAR_INSTAGRAM_AUTH_BASE: s.SEBAR_INSTAGRAM_API_BASE ?? `${sandboxUrl}/instagram`,
    });
    // The Instagram token lives in the local secrets file, where the account check writes refreshed ones.
    delete process.env.INSTAGRAM_ACCESS_TOKEN;
    delete process.env.INSTAGRAM_TOKEN_EXPIRES_AT;
    await injectFaults(s.SEBAR_CRASH_AT);

    // Items from before the calendar index get their publish month (idempotent; usually finds none).
    const backfilled = await backfillLocalPublishMonths(endpoints.dynamodb);
    if (backfilled && !options.quiet)
      console.log(JSON.stringify({ source: 'dynamodb', message: 'calendar index backfilled', backfilled }));

    const { resumed } = await engine.start();
    await scheduler.start();
    if (options.recurringJobs ?? true) {
      const armed = scheduler.armRecurring(
        recurringJobs.map((j) => ({ ...j, targetArn: functionArn(s.AWS_REGION, j.function) })),
      );
      if (!options.quiet)
        console.log(JSON.stringify({ source: 'scheduler', message: 'recurring jobs', armed }));
    }
    let stopped = false;
    return {
      settings: s,
      dataDir,
      apiToken,
      endpoints,
      stateMachineArn,
      bucket: LOCAL_BUCKET,
      outboxDir,
      engine,
      sandbox,
      sqs: localSqs,
      resumed,
      stop: async () => {
        if (stopped) return;
        stopped = true;
        // Nothing new starts: no schedule fires, no execution moves on, no message is consumed,
        // no request comes in. Then the handlers already running finish before the stores close.
        await closeServer(gateway);
        scheduler.stop();
        await engine.close();
        await localSqs.stop();
        const left = await drainInvocations(15_000);
        if (left > 0 && !options.quiet)
          console.log(
            JSON.stringify({ source: 'runtime', message: 'stopping with handlers still running', left }),
          );
        for (const server of servers.reverse()) if (server !== gateway) await closeServer(server);
        for (const stop of stops) await stop();
      },
    };
  } catch (error) {
    for (const server of servers.reverse()) await closeServer(server).catch(() => undefined);
    for (const stop of stops) await stop().catch(() => undefined);
    throw error;
  }
};
