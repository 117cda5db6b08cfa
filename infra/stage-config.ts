import { type IAspect, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import * as dynamodb from 'aws-cdk-lib/aws-dynamodb';
import * as logs from 'aws-cdk-lib/aws-logs';
import type { IConstruct } from 'constructs';
import { z } from 'zod';
import { acknowledge } from './constructs/nag';

/**
 * The stage a synth is for (`-c stage=dev|prod`, default dev) and everything that differs between stages,
 * read from CDK context and checked with zod at synth. A bad value fails the synth with one message that
 * names every offending context key. docs/decisions/0027 explains the choices.
 */

export const STAGES = ['dev', 'prod'] as const;
export type StageName = (typeof STAGES)[number];

/** The retention periods CloudWatch Logs accepts, in days. */
const RETENTION_DAYS = [
  1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653,
] as const;

/** Public-sector records: prod keeps its logs (functions, workflow, API access) at least a year. */
const PROD_MIN_RETENTION_DAYS = 365;

export interface StageConfig {
  readonly stage: StageName;
  /** The CloudFormation stack: `Sebar-dev`, `Sebar-prod`. */
  readonly stackName: string;
  /**
   * Start of every physical name that must be unique in the account and region (state machine, secret,
   * schedule groups), so dev and prod can live in one account: `sebar-dev`, `sebar-prod`.
   */
  readonly namePrefix: string;
  /** How long every log group keeps its events (context `logRetentionDays`; dev 30, prod 365). */
  readonly logRetentionDays: number;
  /**
   * Prod keeps tables, log groups and the user pool when the stack is deleted or a resource is replaced, with
   * deletion protection and point-in-time recovery on the tables; dev deletes them with the stack.
   */
  readonly retainData: boolean;
  /** Who the alarms email (context `alarmEmail`); required for prod. */
  readonly alarmEmail?: string;
  /** A custom domain for the HTTP API (contexts `apiDomain` and `apiCertificateArn`, both or neither). */
  readonly apiDomain?: { readonly name: string; readonly certificateArn: string };
  /** The managed-login domain prefix (context `consoleDomainPrefix`, default `sebar-humas-<stage>-<account>`). */
  readonly consoleDomainPrefix?: string;
}

const STAGE_DEFAULTS: Record<StageName, { logRetentionDays: number; retainData: boolean }> = {
  dev: { logRetentionDays: 30, retainData: false },
  prod: { logRetentionDays: 365, retainData: true },
};

/** Absent, null and '' (`-c key=`) all mean "not set". */
const optional = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === '' || v === null ? undefined : v), schema.optional());

const HOSTNAME = /^(?=.{1,253}$)(?:[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]{2,63}$/;
const ACM_ARN = /^arn:aws[a-z-]*:acm:([a-z0-9-]+):\d{12}:certificate\/[0-9a-f-]{36}$/;

const contextSchema = z
  .object({
    stage: optional(
      z.enum(STAGES, { error: (i) => `must be one of ${STAGES.join(', ')}, got "${String(i.input)}"` }),
    ),
    logRetentionDays: optional(
      z.coerce
        .number({ error: (i) => `must be a number of days, got "${String(i.input)}"` })
        .refine((d) => (RETENTION_DAYS as readonly number[]).includes(d), {
          error: (i) => `must be one of CloudWatch's periods (${RETENTION_DAYS.join(', ')}), got ${i.input}`,
        }),
    ),
    alarmEmail: optional(
      z
        .string({ error: (i) => `must be one email address, got "${String(i.input)}"` })
        .trim()
        .pipe(z.email({ error: (i) => `must be one email address, got "${String(i.input)}"` })),
    ),
    apiDomain: optional(
      z
        .string()
        .trim()
        .toLowerCase()
        .regex(HOSTNAME, { error: (i) => `must be a host name such as api.example.go.id, got "${i.input}"` }),
    ),
    apiCertificateArn: optional(
      z
        .string()
        .trim()
        .regex(ACM_ARN, {
          error: (i) =>
            `must be an ACM certificate ARN (arn:aws:acm:<region>:<account>:certificate/<id>), got "${i.input}"`,
        }),
    ),
    consoleDomainPrefix: optional(
      z
        .string()
        .regex(/^[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?$/, {
          error: (i) => `must be lower-case letters, digits and hyphens (at most 63), got "${i.input}"`,
        })
        .refine((p) => !/aws|amazon|cognito/.test(p), {
          error: (i) => `may not contain aws, amazon or cognito (Cognito reserves them), got "${i.input}"`,
        }),
    ),
  })
  .superRefine((c, ctx) => {
    const stage = c.stage ?? 'dev';
    if (stage === 'prod' && !c.alarmEmail) {
      ctx.addIssue({
        code: 'custom',
        path: ['alarmEmail'],
        message: 'is required for stage prod (someone must be told when something breaks): -c alarmEmail=...',
      });
    }
    if (
      stage === 'prod' &&
      c.logRetentionDays !== undefined &&
      c.logRetentionDays < PROD_MIN_RETENTION_DAYS
    ) {
      ctx.addIssue({
        code: 'custom',
        path: ['logRetentionDays'],
        message: `must be at least ${PROD_MIN_RETENTION_DAYS} for stage prod (public-sector records), got ${c.logRetentionDays}`,
      });
    }
    if (Boolean(c.apiDomain) !== Boolean(c.apiCertificateArn)) {
      ctx.addIssue({
        code: 'custom',
        path: [c.apiDomain ? 'apiCertificateArn' : 'apiDomain'],
        message: 'is needed too: apiDomain and apiCertificateArn go together',
      });
    }
  });

/**
 * Reads and checks the stage configuration from CDK context. `region` is the stack's region: a custom
 * domain's certificate must be in it (HTTP API domains are regional).
 */
export const stageConfigFromContext = (scope: IConstruct, region?: string): StageConfig => {
  const keys = Object.keys(contextSchema.shape) as (keyof typeof contextSchema.shape)[];
  const raw = Object.fromEntries(keys.map((k) => [k, scope.node.tryGetContext(k)]));
  const parsed = contextSchema.safeParse(raw);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `Context ${i.path.join('.') || '(stage)'} ${i.message}`);
    throw new Error(lines.join('\n'));
  }
  const c = parsed.data;
  const stage = c.stage ?? 'dev';
  const certRegion = c.apiCertificateArn?.match(ACM_ARN)?.[1];
  if (certRegion && region && !region.startsWith('${') && certRegion !== region) {
    throw new Error(
      `Context apiCertificateArn must be a certificate in the stack's region ${region} (HTTP API domains are regional), got one in ${certRegion}`,
    );
  }
  const defaults = STAGE_DEFAULTS[stage];
  return {
    stage,
    stackName: `Sebar-${stage}`,
    namePrefix: `sebar-${stage}`,
    logRetentionDays: c.logRetentionDays ?? defaults.logRetentionDays,
    retainData: defaults.retainData,
    ...(c.alarmEmail ? { alarmEmail: c.alarmEmail } : {}),
    ...(c.apiDomain && c.apiCertificateArn
      ? { apiDomain: { name: c.apiDomain, certificateArn: c.apiCertificateArn } }
      : {}),
    ...(c.consoleDomainPrefix ? { consoleDomainPrefix: c.consoleDomainPrefix } : {}),
  };
};

/**
 * Applies the stage's data policy to every resource of the stack, including ones added later: each log
 * group's retention and removal policy, each table's removal policy, deletion protection and point-in-time
 * recovery, and the user pool's. Buckets are retained on every stage (see docs/decisions/0027): CloudFormation
 * cannot delete a versioned bucket that holds objects, and emptying it at deletion needs a custom-resource
 * function with an AWS managed policy.
 */
export class StagePolicies implements IAspect {
  constructor(private readonly config: StageConfig) {}

  visit(node: IConstruct): void {
    const { retainData, logRetentionDays } = this.config;
    const removal = retainData ? RemovalPolicy.RETAIN : RemovalPolicy.DESTROY;
    if (node instanceof logs.CfnLogGroup) {
      node.retentionInDays = logRetentionDays;
      node.applyRemovalPolicy(removal);
    } else if (node instanceof dynamodb.CfnTable) {
      node.applyRemovalPolicy(removal);
      node.deletionProtectionEnabled = retainData;
      node.pointInTimeRecoverySpecification = { pointInTimeRecoveryEnabled: retainData };
      if (!retainData) {
        acknowledge(
          node,
          'AwsSolutions-DDB3',
          `Stage ${this.config.stage} holds test data only and is deleted with its stack; point-in-time ` +
            'recovery (billed per GB a month) is for prod, where it is on.',
        );
      }
    } else if (node instanceof cognito.CfnUserPool) {
      node.applyRemovalPolicy(removal);
      node.deletionProtection = retainData ? 'ACTIVE' : 'INACTIVE';
    }
  }
}
