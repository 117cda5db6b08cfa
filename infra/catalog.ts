/**
 * The one description of Sebar's moving parts, read by both the CDK stack and the local runtime:
 * functions, the HTTP route table, the tables and the state machine's substitution keys.
 * Plain data only (no CDK imports), so the local runtime can load it without aws-cdk-lib.
 */

export type TableName =
  | 'items'
  | 'approvals'
  | 'publications'
  | 'feedback'
  | 'followups'
  | 'audit'
  | 'drafts'
  | 'saved-replies'
  | 'settings';

/** Which AWS resources a function may touch; the CDK stack turns this into least-privilege grants. */
export interface FunctionAccess {
  readonly tables?: Partial<Record<TableName, 'read' | 'write'>>;
  readonly bucket?: 'read' | 'write';
  /**
   * The records archive (docs/decisions/0025): `write` puts new records (and reads them, to take a retried
   * write of the same record as done); `read` lists and reads them. Never delete, never overwrite.
   */
  readonly archive?: 'read' | 'write';
  readonly startExecution?: boolean;
  /** May stop executions of the workflow (cancelling an item). */
  readonly stopExecution?: boolean;
  readonly sendTaskResult?: boolean;
  readonly sendEmail?: boolean;
  /** May create one-time EventBridge Scheduler schedules that invoke send-reminders. */
  readonly scheduleReminders?: boolean;
  /** May write a new version of the secrets bundle (a refreshed platform token). */
  readonly writeSecrets?: boolean;
  /** May send to these queues. */
  readonly queues?: readonly QueueName[];
}

export interface FunctionSpec {
  /** Folder under functions/ holding handler.ts. */
  readonly name: string;
  readonly description: string;
  readonly timeoutSeconds: number;
  readonly memoryMb: number;
  readonly access: FunctionAccess;
  /** Key used in the ASL definition (`${Key}`) for this function's ARN, when the workflow invokes it. */
  readonly substitutionKey?: string;
  /**
   * Packages with native code that esbuild cannot bundle: installed beside the bundle for Lambda's
   * platform (Linux arm64) at the version package.json pins.
   */
  readonly nativeModules?: readonly string[];
  /**
   * Pure JavaScript/wasm packages that load their own files at run time (a worker script, a wasm core, data
   * files), so esbuild must leave them out: copied beside the bundle with their dependencies, from the
   * project's node_modules as package-lock.json pins them (infra/constructs/shipped-modules.ts). Also the
   * heavy libraries a function loads lazily on first use (date-holidays, vega), so they stay out of its bundle
   * and its cold start (docs/decisions/0023).
   */
  readonly shippedModules?: readonly string[];
}

/**
 * What the platform account check, the daily digest and the monthly report need, on demand
 * (operations-api) and on schedule (scheduled-jobs) alike.
 */
const reportJobsAccess = {
  tables: {
    items: 'read',
    publications: 'read',
    feedback: 'read',
    followups: 'read',
    settings: 'read',
    audit: 'write',
  },
  bucket: 'write',
  sendEmail: true,
  writeSecrets: true,
} as const satisfies FunctionAccess;

export const functions = [
  {
    name: 'content-api',
    description: 'Staff API: submit, list and read content items; drafts, the calendar, screening, uploads',
    timeoutSeconds: 29,
    memoryMb: 512,
    access: {
      // Drafts: a submitted item deletes the draft it came from.
      // Feedback and follow-ups: the item page's evaluation is rendered again from them (docs/decisions/0020).
      tables: {
        items: 'write',
        publications: 'read',
        approvals: 'read',
        audit: 'write',
        drafts: 'write',
        feedback: 'read',
        followups: 'read',
        // The leave days: a follow-up's lateness is counted in working days (docs/decisions/0019).
        settings: 'read',
      },
      // Also signs the browsers' presigned POSTs to uploads/ (a presigned request acts with this role).
      bucket: 'write',
      startExecution: true,
      stopExecution: true,
      // Submitting a revision resumes the execution that waits for it.
      sendTaskResult: true,
      // Reschedules, cancellations and overrides are archived as decisions.
      archive: 'write',
    },
    shippedModules: ['date-holidays', 'sastrawijs'],
  },
  {
    name: 'media-preview',
    description: 'Staff API: an uploaded image exactly as Instagram will receive it (converted, padded)',
    timeoutSeconds: 29,
    memoryMb: 1024,
    // Reads the upload and writes the converted copy under previews/ (the publisher's own conversion).
    access: { bucket: 'write' },
    nativeModules: ['sharp'],
  },
  {
    name: 'infographics-api',
    description: 'Staff API: a table of figures as an infographic (PNG or JPEG) stored under uploads/',
    timeoutSeconds: 29,
    // 1769 MB is one full vCPU: a render costs up to about 270 ms of CPU (docs/decisions/0022), so the
    // answer comes in about that time instead of half a second at 1024 MB. Staff make a few a week.
    memoryMb: 1769,
    // Writes the rendered image under uploads/, where POST /content takes it as media.
    access: { bucket: 'write' },
    nativeModules: ['@resvg/resvg-js', 'sharp'],
    // The TTF files are read from the package at run time.
    shippedModules: ['@expo-google-fonts/plus-jakarta-sans', 'sastrawijs', 'satori'],
  },
  {
    name: 'dashboard-api',
    description: 'Staff API: the console home page (today, this week, approvals, failures, urgent messages)',
    timeoutSeconds: 29,
    memoryMb: 512,
    access: {
      tables: {
        items: 'read',
        approvals: 'read',
        publications: 'read',
        feedback: 'read',
        followups: 'read',
        settings: 'read',
        audit: 'read',
      },
    },
    shippedModules: ['date-holidays', 'sastrawijs'],
  },
  {
    name: 'approvals-api',
    description: 'Staff API: what waits on which approver, and reminders sent by hand',
    timeoutSeconds: 29,
    memoryMb: 512,
    // A reminder sent by hand is recorded on the approval (markReminded).
    access: {
      tables: { items: 'read', approvals: 'write', audit: 'write' },
      bucket: 'read',
      sendEmail: true,
    },
  },
  {
    name: 'fact-finding',
    description: 'Checks sources and screens the item and the text of its images for excluded information',
    // OCR of up to 10 images, each bounded by IMAGE_TEXT_TIMEOUT_MS (20 s): under the ASL task's 300 s.
    timeoutSeconds: 240,
    // OCR is CPU-bound; Lambda gives a whole vCPU from 1,769 MB. Peak RSS measured 330-350 MB (docs/decisions/0016).
    memoryMb: 2048,
    // Reads the item's images to read their text.
    access: { tables: { items: 'write', audit: 'write', feedback: 'read' }, bucket: 'read' },
    substitutionKey: 'FactFindingFunctionArn',
    shippedModules: ['tesseract.js', '@tesseract.js-data/ind', 'sastrawijs'],
  },
  {
    name: 'request-approval',
    description: 'Creates signed approval links and emails them to approvers',
    timeoutSeconds: 30,
    memoryMb: 512,
    access: {
      tables: { items: 'write', approvals: 'write', audit: 'write' },
      bucket: 'read',
      sendEmail: true,
      scheduleReminders: true,
    },
    substitutionKey: 'RequestApprovalFunctionArn',
  },
  {
    name: 'send-reminders',
    description: 'Scheduled: reminds approvers who have not decided before the deadline',
    timeoutSeconds: 60,
    memoryMb: 512,
    access: {
      tables: { items: 'read', approvals: 'write', audit: 'write' },
      bucket: 'read',
      sendEmail: true,
    },
  },
  {
    name: 'approval-page',
    description: 'Approval link: confirmation page on GET/HEAD, decision on POST',
    timeoutSeconds: 15,
    memoryMb: 512,
    access: {
      tables: { items: 'write', approvals: 'write', audit: 'write' },
      // The page shows the images through presigned links, signed with this function's role.
      bucket: 'read',
      sendTaskResult: true,
      // Every decision is archived before the workflow hears of it.
      archive: 'write',
    },
  },
  {
    name: 'publish-instagram',
    description: 'Publishes one item revision to Instagram, exactly once (converting images it would refuse)',
    timeoutSeconds: 60,
    // sharp decodes whole images in memory; more memory also buys CPU on Lambda.
    memoryMb: 1024,
    // Writes the converted copy of an image under media/instagram/.
    // The post as published goes to the archive, with the approvals read from the audit trail.
    access: {
      tables: { items: 'read', publications: 'write', audit: 'write' },
      bucket: 'write',
      archive: 'write',
    },
    nativeModules: ['sharp'],
    substitutionKey: 'PublishInstagramFunctionArn',
  },
  {
    name: 'publish-x',
    description: 'Publishes one item revision to X, exactly once',
    timeoutSeconds: 60,
    memoryMb: 512,
    access: {
      tables: { items: 'read', publications: 'write', audit: 'write' },
      bucket: 'read',
      archive: 'write',
    },
    substitutionKey: 'PublishXFunctionArn',
  },
  {
    name: 'record-status',
    description: 'Writes workflow progress and final status to the item record',
    timeoutSeconds: 15,
    memoryMb: 256,
    // Emails the staff at once when a platform refuses an item (publishing/publish-failure.ts).
    access: { tables: { items: 'write', publications: 'read', audit: 'write' }, sendEmail: true },
    substitutionKey: 'RecordStatusFunctionArn',
  },
  {
    name: 'collect-metrics',
    description: 'Reads per-platform metrics for the item publications',
    timeoutSeconds: 60,
    memoryMb: 256,
    access: { tables: { items: 'read', publications: 'write' } },
    substitutionKey: 'CollectMetricsFunctionArn',
    shippedModules: ['date-holidays'],
  },
  {
    name: 'evaluate',
    description: 'Writes the per-item evaluation report',
    timeoutSeconds: 60,
    memoryMb: 512,
    access: {
      tables: { items: 'write', publications: 'read', feedback: 'read', followups: 'read', settings: 'read' },
      bucket: 'write',
    },
    substitutionKey: 'EvaluateFunctionArn',
    shippedModules: ['date-holidays'],
  },
  {
    name: 'feedback-api',
    description: 'Staff API: the citizens feedback inbox, replies, closing and follow-ups',
    timeoutSeconds: 29,
    memoryMb: 512,
    // The inbox shows the post a message answers: the item's caption and its first image (presigned).
    access: {
      tables: {
        feedback: 'write',
        followups: 'write',
        audit: 'write',
        items: 'read',
        'saved-replies': 'write',
        settings: 'write',
      },
      bucket: 'read',
      // Every reply sent is archived.
      archive: 'write',
    },
    shippedModules: ['date-holidays', 'sastrawijs'],
  },
  {
    name: 'operations-api',
    description: 'Staff API: platform account health, and the daily digest and monthly report on demand',
    timeoutSeconds: 29,
    memoryMb: 1024,
    access: reportJobsAccess,
    shippedModules: ['date-holidays', 'vega', 'vega-lite'],
  },
  {
    name: 'scheduled-jobs',
    description: 'Scheduled: platform account check, daily digest, monthly report',
    timeoutSeconds: 300,
    memoryMb: 1024,
    access: reportJobsAccess,
    shippedModules: ['date-holidays', 'vega', 'vega-lite'],
  },
  {
    name: 'webhook-instagram',
    description: 'Instagram webhook intake: handshake, signature check, archive, store once, queue',
    timeoutSeconds: 10,
    memoryMb: 512,
    // A deletion the platform reports is archived (the message itself is never erased).
    access: { tables: { feedback: 'write' }, bucket: 'write', queues: ['feedback'], archive: 'write' },
  },
  {
    name: 'webhook-x',
    description: 'X Account Activity webhook intake: CRC, signature check, archive, store once, queue',
    timeoutSeconds: 10,
    memoryMb: 512,
    access: { tables: { feedback: 'write' }, bucket: 'write', queues: ['feedback'], archive: 'write' },
  },
  {
    name: 'process-feedback',
    description: 'Feedback queue consumer: classify, link to the item, alert on urgent messages',
    timeoutSeconds: 30,
    memoryMb: 512,
    access: { tables: { feedback: 'write', publications: 'read' }, sendEmail: true },
    shippedModules: ['sastrawijs'],
  },
  {
    name: 'archive-api',
    description: 'Staff API: exports of the records archive for an information request (supervisors only)',
    timeoutSeconds: 29,
    memoryMb: 256,
    // Writes and reads the export's status under exports/ and presigns the finished zip; queues the work.
    access: { bucket: 'write', queues: ['archive-exports'] },
  },
  {
    name: 'archive-export',
    description: 'Archive exports queue consumer: builds the zip of a date range (records, messages, index)',
    timeoutSeconds: 900,
    memoryMb: 1024,
    // Read-only on the archive; reads the raw deliveries and writes the zip and its status under exports/.
    access: { tables: { feedback: 'read' }, bucket: 'write', archive: 'read' },
    shippedModules: ['sastrawijs'],
  },
] as const satisfies readonly FunctionSpec[];

export type FunctionName = (typeof functions)[number]['name'];

export type HttpMethod = 'GET' | 'POST' | 'HEAD' | 'PUT' | 'DELETE' | 'PATCH';

export interface RouteSpec {
  readonly method: HttpMethod;
  /** API Gateway HTTP API path template, e.g. /content/{id}. */
  readonly path: string;
  readonly function: FunctionName;
  /** `staff` routes need a signed-in staff member; `public` routes protect themselves by signatures. */
  readonly auth: 'staff' | 'public';
}

export const routes: readonly RouteSpec[] = [
  { method: 'POST', path: '/content', function: 'content-api', auth: 'staff' },
  { method: 'GET', path: '/content', function: 'content-api', auth: 'staff' },
  { method: 'GET', path: '/content/{id}', function: 'content-api', auth: 'staff' },
  { method: 'POST', path: '/content/{id}/revisions', function: 'content-api', auth: 'staff' },
  { method: 'POST', path: '/content/{id}/schedule', function: 'content-api', auth: 'staff' },
  { method: 'POST', path: '/content/{id}/cancel', function: 'content-api', auth: 'staff' },
  // Supervisors only (Cognito group `supervisor`), checked in the handler.
  { method: 'POST', path: '/content/{id}/override', function: 'content-api', auth: 'staff' },
  { method: 'POST', path: '/uploads', function: 'content-api', auth: 'staff' },
  { method: 'POST', path: '/screening', function: 'content-api', auth: 'staff' },
  { method: 'POST', path: '/drafts', function: 'content-api', auth: 'staff' },
  { method: 'GET', path: '/drafts', function: 'content-api', auth: 'staff' },
  { method: 'GET', path: '/drafts/{id}', function: 'content-api', auth: 'staff' },
  { method: 'PUT', path: '/drafts/{id}', function: 'content-api', auth: 'staff' },
  { method: 'DELETE', path: '/drafts/{id}', function: 'content-api', auth: 'staff' },
  { method: 'GET', path: '/calendar', function: 'content-api', auth: 'staff' },
  { method: 'POST', path: '/media/preview', function: 'media-preview', auth: 'staff' },
  { method: 'POST', path: '/infographics', function: 'infographics-api', auth: 'staff' },
  { method: 'GET', path: '/dashboard', function: 'dashboard-api', auth: 'staff' },
  { method: 'GET', path: '/approvals', function: 'approvals-api', auth: 'staff' },
  { method: 'POST', path: '/approvals/{id}/reminders', function: 'approvals-api', auth: 'staff' },
  { method: 'GET', path: '/approvals/{id}', function: 'approval-page', auth: 'public' },
  { method: 'HEAD', path: '/approvals/{id}', function: 'approval-page', auth: 'public' },
  { method: 'POST', path: '/approvals/{id}', function: 'approval-page', auth: 'public' },
  { method: 'GET', path: '/feedback', function: 'feedback-api', auth: 'staff' },
  // Before /feedback/{id}: the local gateway takes the first route that matches.
  { method: 'GET', path: '/feedback/corrections', function: 'feedback-api', auth: 'staff' },
  { method: 'GET', path: '/feedback/{id}', function: 'feedback-api', auth: 'staff' },
  { method: 'POST', path: '/feedback/{id}/reply', function: 'feedback-api', auth: 'staff' },
  { method: 'POST', path: '/feedback/{id}/close', function: 'feedback-api', auth: 'staff' },
  { method: 'POST', path: '/feedback/{id}/follow-ups', function: 'feedback-api', auth: 'staff' },
  { method: 'GET', path: '/follow-ups', function: 'feedback-api', auth: 'staff' },
  { method: 'GET', path: '/follow-ups/{id}', function: 'feedback-api', auth: 'staff' },
  { method: 'POST', path: '/follow-ups/{id}', function: 'feedback-api', auth: 'staff' },
  // The office's leave days, which working days skip: staff read them, supervisors change them.
  { method: 'GET', path: '/settings/leave-days', function: 'feedback-api', auth: 'staff' },
  { method: 'PUT', path: '/settings/leave-days', function: 'feedback-api', auth: 'staff' },
  { method: 'GET', path: '/platforms', function: 'operations-api', auth: 'staff' },
  { method: 'POST', path: '/platforms/check', function: 'operations-api', auth: 'staff' },
  { method: 'POST', path: '/reports', function: 'operations-api', auth: 'staff' },
  { method: 'GET', path: '/reports/{month}', function: 'operations-api', auth: 'staff' },
  { method: 'POST', path: '/digest', function: 'operations-api', auth: 'staff' },
  { method: 'GET', path: '/reports/{month}/csv', function: 'operations-api', auth: 'staff' },
  { method: 'GET', path: '/evaluations/{id}', function: 'operations-api', auth: 'staff' },
  { method: 'GET', path: '/webhooks/instagram', function: 'webhook-instagram', auth: 'public' },
  { method: 'POST', path: '/webhooks/instagram', function: 'webhook-instagram', auth: 'public' },
  { method: 'GET', path: '/webhooks/x', function: 'webhook-x', auth: 'public' },
  { method: 'POST', path: '/webhooks/x', function: 'webhook-x', auth: 'public' },
  // The inbox (docs/decisions/0018): who is writing, label corrections, assignment, saved replies.
  { method: 'POST', path: '/feedback/{id}/writing', function: 'feedback-api', auth: 'staff' },
  { method: 'POST', path: '/feedback/{id}/label', function: 'feedback-api', auth: 'staff' },
  { method: 'POST', path: '/feedback/{id}/assign', function: 'feedback-api', auth: 'staff' },
  { method: 'GET', path: '/saved-replies', function: 'feedback-api', auth: 'staff' },
  { method: 'POST', path: '/saved-replies', function: 'feedback-api', auth: 'staff' },
  { method: 'PUT', path: '/saved-replies/{id}', function: 'feedback-api', auth: 'staff' },
  { method: 'DELETE', path: '/saved-replies/{id}', function: 'feedback-api', auth: 'staff' },
  // Supervisors only, checked in the handler (docs/decisions/0025).
  { method: 'POST', path: '/archive/exports', function: 'archive-api', auth: 'staff' },
  { method: 'GET', path: '/archive/exports/{id}', function: 'archive-api', auth: 'staff' },
];

export interface TableSpec {
  readonly name: TableName;
  /** Environment variable through which functions learn the physical table name. */
  readonly envVar: string;
  readonly partitionKey: string;
  readonly sortKey?: string;
  readonly indexes?: readonly {
    readonly name: string;
    readonly partitionKey: string;
    readonly sortKey?: string;
  }[];
}

/** All key attributes are strings. */
export const tables: readonly TableSpec[] = [
  {
    name: 'items',
    envVar: 'ITEMS_TABLE',
    partitionKey: 'id',
    indexes: [
      { name: 'by-created', partitionKey: 'kind', sortKey: 'createdAt' },
      // The calendar: the publish month in WIB (`YYYY-MM`) and the publish instant (UTC ISO).
      { name: 'by-publish-month', partitionKey: 'publishMonth', sortKey: 'publishAt' },
    ],
  },
  {
    name: 'approvals',
    envVar: 'APPROVALS_TABLE',
    partitionKey: 'approvalId',
    indexes: [
      { name: 'by-item', partitionKey: 'itemId', sortKey: 'createdAt' },
      { name: 'by-status', partitionKey: 'status', sortKey: 'createdAt' },
    ],
  },
  {
    name: 'publications',
    envVar: 'PUBLICATIONS_TABLE',
    partitionKey: 'itemId',
    sortKey: 'key',
    indexes: [{ name: 'by-post', partitionKey: 'postKey' }],
  },
  {
    name: 'feedback',
    envVar: 'FEEDBACK_TABLE',
    partitionKey: 'id',
    indexes: [
      { name: 'by-item', partitionKey: 'itemId', sortKey: 'receivedAt' },
      // The inbox (open first), the digest and fact-finding read by status and arrival time.
      { name: 'by-status', partitionKey: 'status', sortKey: 'receivedAt' },
    ],
  },
  {
    name: 'followups',
    envVar: 'FOLLOWUPS_TABLE',
    partitionKey: 'id',
    indexes: [{ name: 'by-feedback', partitionKey: 'feedbackId', sortKey: 'createdAt' }],
  },
  { name: 'audit', envVar: 'AUDIT_TABLE', partitionKey: 'itemId', sortKey: 'sk' },
  {
    name: 'drafts',
    envVar: 'DRAFTS_TABLE',
    partitionKey: 'id',
    // Newest first, one partition (`kind = draft`): a team keeps tens of drafts, not thousands.
    indexes: [{ name: 'by-updated', partitionKey: 'kind', sortKey: 'updatedAt' }],
  },
  // Answers staff reuse in the inbox; tens of them, listed by one scan.
  { name: 'saved-replies', envVar: 'SAVED_REPLIES_TABLE', partitionKey: 'id' },
  // A few records the office edits (its leave days), keyed by name.
  { name: 'settings', envVar: 'SETTINGS_TABLE', partitionKey: 'id' },
];

export type QueueName = 'feedback' | 'archive-exports';

/** A queue with its consumer (Lambda event source mapping on AWS; the local SQS's poller on one machine). */
export interface QueueSpec {
  readonly name: QueueName;
  readonly envVar: string;
  readonly consumer: FunctionName;
  readonly batchSize: number;
  /** Failed receives before a message moves to the dead-letter queue. */
  readonly maxReceiveCount: number;
  /** How long a failed message waits before its next try on AWS (at least 6x the consumer's timeout). */
  readonly visibilityTimeoutSeconds: number;
}

export const queues: readonly QueueSpec[] = [
  {
    name: 'feedback',
    envVar: 'FEEDBACK_QUEUE_URL',
    consumer: 'process-feedback',
    batchSize: 10,
    maxReceiveCount: 5,
    visibilityTimeoutSeconds: 180,
  },
  {
    name: 'archive-exports',
    envVar: 'ARCHIVE_EXPORTS_QUEUE_URL',
    consumer: 'archive-export',
    batchSize: 1,
    maxReceiveCount: 3,
    // Six times the consumer's 900 s timeout.
    visibilityTimeoutSeconds: 5400,
  },
];

/** A job EventBridge Scheduler runs on a recurring cron (locally, the local scheduler arms the same). */
export interface RecurringJob {
  readonly name: string;
  readonly description: string;
  /** EventBridge cron: minutes hours day-of-month month day-of-week year. */
  readonly expression: string;
  readonly timeZone: string;
  readonly function: FunctionName;
  readonly input: Record<string, unknown>;
}

export const recurringJobs: readonly RecurringJob[] = [
  {
    name: 'check-accounts',
    description: 'Every morning: refresh the Instagram token when due, try both tokens, warn staff',
    expression: 'cron(0 6 * * ? *)',
    timeZone: 'Asia/Jakarta',
    function: 'scheduled-jobs',
    input: { job: 'check-accounts' },
  },
  {
    name: 'daily-digest',
    description:
      'Every morning: complaints by category, unanswered questions, urgent messages, watches, overdue follow-ups',
    expression: 'cron(0 7 * * ? *)',
    timeZone: 'Asia/Jakarta',
    function: 'scheduled-jobs',
    input: { job: 'daily-digest' },
  },
  {
    name: 'monthly-report',
    description:
      'On the 1st: the previous month evaluation report, stored in S3 and emailed to the head of office',
    expression: 'cron(0 7 1 * ? *)',
    timeZone: 'Asia/Jakarta',
    function: 'scheduled-jobs',
    input: { job: 'monthly-report' },
  },
];

export const stateMachine = {
  name: 'content-lifecycle',
  definitionFile: 'statemachines/content-lifecycle.asl.json',
} as const;

/** Substitution keys used by the ASL file, mapped to the function that fills each. */
export const substitutions: Record<string, FunctionName> = Object.fromEntries(
  functions.flatMap((f) => ('substitutionKey' in f ? [[f.substitutionKey, f.name]] : [])),
);
