import * as z from 'zod';
import { parseWatchList } from '../domain/feedback/watches';
import { ConfigError } from './errors';
import { logLevelSchema } from './logger';

/**
 * Function configuration, read from the environment once and validated. The same names are set by the
 * CDK stack on AWS and by the local runtime on one machine. Secrets are not here: see secrets.ts.
 */
const optionalUrl = z.url().optional();

const schema = z.object({
  AWS_REGION: z.string().min(1).default('ap-southeast-3'),
  ITEMS_TABLE: z.string().min(1),
  APPROVALS_TABLE: z.string().min(1),
  PUBLICATIONS_TABLE: z.string().min(1),
  FEEDBACK_TABLE: z.string().min(1),
  FOLLOWUPS_TABLE: z.string().min(1).optional(),
  /** Settings the office edits from the console (its leave days). */
  SETTINGS_TABLE: z.string().min(1).optional(),
  /** Drafts the staff console saves (they start no workflow). */
  DRAFTS_TABLE: z.string().min(1).optional(),
  /** The answers staff reuse in the inbox (saved replies). */
  SAVED_REPLIES_TABLE: z.string().min(1).optional(),
  AUDIT_TABLE: z.string().min(1),
  BUCKET_NAME: z.string().min(1),
  /** The records archive (write-once records, Object Lock on AWS; docs/decisions/0025). */
  ARCHIVE_BUCKET: z.string().min(1).optional(),
  /** The queue archive exports wait in (POST /archive/exports). */
  ARCHIVE_EXPORTS_QUEUE_URL: z.url().optional(),
  /** The queue webhook intake hands stored feedback to, for classification and alerts. */
  FEEDBACK_QUEUE_URL: z.url().optional(),
  STATE_MACHINE_ARN: z.string().startsWith('arn:').optional(),
  /** Base URL of the public HTTP API, used to build approval links. */
  PUBLIC_BASE_URL: optionalUrl,
  MAIL_FROM: z.email().default('humas@dinkes.example.go.id'),
  /** Who is told at once about an urgent citizen message (the PR team's on-duty address). */
  ON_DUTY_EMAIL: z.email().default('piket.humas@dinkes.example.go.id'),
  /** Comma-separated approver emails used when an item names none. */
  DEFAULT_APPROVERS: z
    .string()
    .default('kepala.dinas@dinkes.example.go.id')
    .transform((s) =>
      s
        .split(',')
        .map((x) => x.trim())
        .filter(Boolean),
    )
    .pipe(z.array(z.email()).min(1)),
  /** Hours an approval link stays valid, and the default approval deadline. */
  APPROVAL_DEADLINE_HOURS: z.coerce.number().int().min(1).max(720).default(48),
  DISPLAY_TIME_ZONE: z.string().default('Asia/Jakarta'),
  SEBAR_INSTAGRAM_API_BASE: z.url().default('https://graph.facebook.com'),
  /** Where long-lived Instagram user tokens are refreshed (Instagram API with Instagram Login). */
  SEBAR_INSTAGRAM_AUTH_BASE: z.url().default('https://graph.instagram.com'),
  /** Refresh the Instagram token once fewer than this many days remain (tokens last 60). */
  TOKEN_REFRESH_DAYS_LEFT: z.coerce.number().int().min(1).max(59).default(30),
  /** Warn staff when a token expires within this many days, or is invalid, before a scheduled publish. */
  TOKEN_WARNING_DAYS: z.coerce.number().int().min(1).max(59).default(7),
  /** Where operational warnings and the daily digest go (the PR team's shared address). */
  STAFF_EMAIL: z.email().default('humas@dinkes.example.go.id'),
  /** Comma-separated keyword watches flagged on incoming feedback and listed in the daily digest. */
  WATCH_KEYWORDS: z
    .string()
    .default('dbd,demam berdarah,keracunan,campak,difteri,rabies,diare')
    .transform(parseWatchList)
    .pipe(z.array(z.string().min(2).max(60)).max(100)),
  /** Who receives the monthly evaluation report (the head of the office). */
  HEAD_OF_OFFICE_EMAIL: z.email().default('kepala.dinas@dinkes.example.go.id'),
  INSTAGRAM_API_VERSION: z
    .string()
    .regex(/^v\d+\.\d+$/)
    .default('v23.0'),
  /** The Instagram business account id (set by the local runtime, or by CDK context on AWS). */
  INSTAGRAM_USER_ID: z.string().regex(/^\d+$/).optional(),
  SEBAR_X_API_BASE: z.url().default('https://api.x.com'),
  /** The X account id that publishes (for reconciling posts and skipping our own webhook events). */
  X_USER_ID: z.string().regex(/^\d+$/).optional(),
  /** How long to wait for a platform's answer before treating the outcome as unknown. */
  PLATFORM_TIMEOUT_MS: z.coerce.number().int().min(500).max(120_000).default(15_000),
  /** How long presigned media URLs handed to a platform stay valid. */
  MEDIA_URL_TTL_SECONDS: z.coerce.number().int().min(60).max(3600).default(900),
  /** Longest single wait before the workflow re-reads the publish time (so a reschedule is seen). */
  SCHEDULE_CHECK_SECONDS: z.coerce.number().int().min(1).max(86_400).default(3600),
  /** Scheduled reminders: the function schedules invoke, the role the scheduler uses, and its group. */
  REMINDER_FUNCTION_ARN: z.string().startsWith('arn:').optional(),
  SCHEDULER_ROLE_ARN: z.string().startsWith('arn:').optional(),
  SCHEDULE_GROUP: z.string().min(1).default('sebar-reminders'),
  /**
   * Let media `url`s reach loopback and private addresses. For local tests only: never on AWS. The size
   * limit and the timeout still hold.
   */
  SEBAR_ALLOW_PRIVATE_MEDIA_URLS: z
    .enum(['true', 'false'])
    .default('false')
    .transform((v) => v === 'true'),
  /** How long fetching one media `url` may take in total (every redirect hop and the body). */
  MEDIA_FETCH_TIMEOUT_MS: z.coerce.number().int().min(500).max(60_000).default(10_000),
  /** How far ahead a publish time may be set (submit, revision, reschedule). */
  MAX_PUBLISH_AHEAD_DAYS: z.coerce.number().int().min(1).max(3650).default(365),
  /**
   * The office's response time for a citizen's question, in working days (weekends, national public holidays
   * and the office's leave days do not count): unanswered by the end of that working day (WIB) it is late.
   */
  RESPONSE_WORKING_DAYS: z.coerce.number().int().min(0).max(30).default(1),
  /** Working days a follow-up is given when staff pick no due date. */
  FOLLOW_UP_WORKING_DAYS: z.coerce.number().int().min(1).max(60).default(5),
  /**
   * How long fact-finding may spend reading the text of one image (OCR), a worker start included. An image
   * not read in time is flagged for the approver, not passed silently (docs/decisions/0016).
   */
  // At most 22 s: ten images must fit in fact-finding's 240 s Lambda timeout (infra/catalog.ts).
  IMAGE_TEXT_TIMEOUT_MS: z.coerce.number().int().min(1000).max(22_000).default(20_000),
  /** The office's brand kit for infographics (docs/decisions/0022); unset: the default palette. */
  INFOGRAPHIC_BRAND_FILE: z.string().min(1).optional(),
  /** Read by the logger itself (logger.ts), which starts before any configuration: the same rule here. */
  LOG_LEVEL: logLevelSchema,
});

export type Config = z.infer<typeof schema>;

let cached: Config | undefined;

export const config = (): Config => {
  if (cached) return cached;
  const parsed = schema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ');
    throw new ConfigError(`Invalid configuration: ${problems}`);
  }
  cached = parsed.data;
  return cached;
};

export const requireSetting = <K extends keyof Config>(key: K): NonNullable<Config[K]> => {
  const value = config()[key];
  if (value === undefined || value === null) throw new ConfigError(`Setting ${String(key)} is required here`);
  return value as NonNullable<Config[K]>;
};
