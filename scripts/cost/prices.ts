/**
 * The prices the cost model uses, in one table (docs/decisions/0026). Checked 2026-12-02, offline: this machine
 * has no internet, so each row says where its figure comes from. Asia Pacific (Jakarta, ap-southeast-3) prices
 * were not found in the stored reference pages for any service; every row is therefore the published US East
 * (N. Virginia) list price, marked `basis: 'us-east-1'`. Jakarta list prices are usually the same or somewhat
 * higher; the run prints the total at +25 % beside the main one for that reason. `assumed: true` marks a figure
 * that was not seen in a stored page at all and is the us-east-1 list price as last known to the author.
 */

export const PRICES_CHECKED = '2026-12-02';

export type FreeTier =
  /** Does not expire: counted in the main total. */
  | { readonly kind: 'always'; readonly quantity: number }
  /** For new accounts' first 12 months only (or replaced by credits on accounts opened since July 2025): not counted. */
  | { readonly kind: '12-month'; readonly quantity: number }
  | { readonly kind: 'none' };

export interface Price {
  readonly service: string;
  readonly item: string;
  /** What `usd` is the price of, e.g. "per 1M requests". */
  readonly unit: string;
  /** How many of the measured quantity one `unit` is (1,000,000 for "per 1M requests"). */
  readonly per: number;
  readonly usd: number;
  readonly freeTier: FreeTier;
  readonly basis: 'us-east-1';
  readonly source: string;
  readonly assumed?: boolean;
  readonly note?: string;
}

const always = (quantity: number): FreeTier => ({ kind: 'always', quantity });
const trial = (quantity: number): FreeTier => ({ kind: '12-month', quantity });
const none: FreeTier = { kind: 'none' };

export const prices = {
  lambdaRequests: {
    service: 'Lambda',
    item: 'requests',
    unit: 'per 1M requests',
    per: 1e6,
    usd: 0.2,
    freeTier: always(1e6),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/lambda/pricing/',
    assumed: true,
  },
  lambdaArmGbSeconds: {
    service: 'Lambda',
    item: 'duration, arm64',
    unit: 'per GB-second',
    per: 1,
    usd: 0.0000133334,
    freeTier: always(400_000),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/lambda/pricing/',
    assumed: true,
    note: 'the free 400,000 GB-s are shared by x86 and arm64',
  },
  stateTransitions: {
    service: 'Step Functions',
    item: 'state transitions (Standard)',
    unit: 'per 1,000 transitions',
    per: 1000,
    usd: 0.025,
    freeTier: always(4000),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/step-functions/pricing/ (Jakarta not in the stored table)',
  },
  dynamoWrites: {
    service: 'DynamoDB',
    item: 'write request units (on-demand)',
    unit: 'per 1M WRU',
    per: 1e6,
    usd: 0.625,
    freeTier: none,
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    assumed: true,
    note: 'after the November 2024 halving; older pages quote $1.25',
  },
  dynamoReads: {
    service: 'DynamoDB',
    item: 'read request units (on-demand)',
    unit: 'per 1M RRU',
    per: 1e6,
    usd: 0.125,
    freeTier: none,
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    assumed: true,
    note: 'after the November 2024 halving; older pages quote $0.25',
  },
  dynamoStorage: {
    service: 'DynamoDB',
    item: 'storage',
    unit: 'per GB-month',
    per: 1,
    usd: 0.25,
    freeTier: always(25),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/dynamodb/pricing/on-demand/',
    assumed: true,
  },
  s3Tier1: {
    service: 'S3',
    item: 'PUT, COPY, POST, LIST requests',
    unit: 'per 1,000 requests',
    per: 1000,
    usd: 0.005,
    freeTier: trial(2000),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/s3/pricing/',
    assumed: true,
  },
  s3Tier2: {
    service: 'S3',
    item: 'GET and other requests',
    unit: 'per 1,000 requests',
    per: 1000,
    usd: 0.0004,
    freeTier: trial(20_000),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/s3/pricing/',
    assumed: true,
  },
  s3Storage: {
    service: 'S3',
    item: 'Standard storage',
    unit: 'per GB-month',
    per: 1,
    usd: 0.023,
    freeTier: trial(5),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/s3/pricing/',
    assumed: true,
  },
  sqsRequests: {
    service: 'SQS',
    item: 'standard queue requests (64 KB chunks)',
    unit: 'per 1M requests',
    per: 1e6,
    usd: 0.4,
    freeTier: always(1e6),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/sqs/pricing/',
    assumed: true,
  },
  sesEmails: {
    service: 'SES',
    item: 'outbound emails (per recipient)',
    unit: 'per 1,000 emails',
    per: 1000,
    usd: 0.1,
    freeTier: trial(3000),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/ses/pricing/',
    assumed: true,
  },
  httpApiRequests: {
    service: 'API Gateway',
    item: 'HTTP API requests (512 KB increments)',
    unit: 'per 1M requests',
    per: 1e6,
    usd: 1.0,
    freeTier: trial(1e6),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/api-gateway/pricing/',
    assumed: true,
  },
  schedulerInvocations: {
    service: 'EventBridge Scheduler',
    item: 'invocations',
    unit: 'per 1M invocations',
    per: 1e6,
    usd: 1.0,
    freeTier: always(14e6),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/eventbridge/pricing/',
    assumed: true,
  },
  cloudFrontRequests: {
    service: 'CloudFront',
    item: 'HTTPS requests (the staff console)',
    unit: 'per 10,000 requests',
    per: 10_000,
    usd: 0.01,
    freeTier: always(10e6),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/cloudfront/pricing/',
    assumed: true,
    note: 'the always-free tier also carries 1 TB of transfer out a month',
  },
  cognitoMau: {
    service: 'Cognito',
    item: 'monthly active users (Essentials)',
    unit: 'per MAU',
    per: 1,
    usd: 0.015,
    freeTier: always(10_000),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/cognito/pricing/',
    assumed: true,
  },
  secrets: {
    service: 'Secrets Manager',
    item: 'secrets',
    unit: 'per secret-month',
    per: 1,
    usd: 0.4,
    freeTier: none,
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
    assumed: true,
    note: 'a 30-day trial only',
  },
  secretsApi: {
    service: 'Secrets Manager',
    item: 'API calls',
    unit: 'per 10,000 calls',
    per: 10_000,
    usd: 0.05,
    freeTier: none,
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/secrets-manager/pricing/',
    assumed: true,
  },
  kmsKeys: {
    service: 'KMS',
    item: 'customer managed keys',
    unit: 'per key-month',
    per: 1,
    usd: 1.0,
    freeTier: none,
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/kms/pricing/',
    assumed: true,
  },
  alarms: {
    service: 'CloudWatch',
    item: 'standard alarms',
    unit: 'per alarm-month',
    per: 1,
    usd: 0.1,
    freeTier: always(10),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/cloudwatch/pricing/ (free tier: 10 alarm metrics)',
    assumed: true,
  },
  dashboards: {
    service: 'CloudWatch',
    item: 'custom dashboards',
    unit: 'per dashboard-month',
    per: 1,
    usd: 3.0,
    freeTier: always(3),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/cloudwatch/pricing/ (free tier: 3 dashboards of up to 50 metrics)',
    assumed: true,
  },
  customMetrics: {
    service: 'CloudWatch',
    item: 'custom metrics (EMF)',
    unit: 'per metric-month',
    per: 1,
    usd: 0.3,
    freeTier: always(10),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/cloudwatch/pricing/ (free tier: 10 custom metrics)',
    assumed: true,
  },
  logIngestion: {
    service: 'CloudWatch',
    item: 'log ingestion',
    unit: 'per GB',
    per: 2 ** 30,
    usd: 0.5,
    // The 5 GB are shared by ingestion, storage and Logs Insights scans; the model gives them to ingestion first.
    freeTier: always(5 * 2 ** 30),
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/cloudwatch/pricing/ (free tier: 5 GB ingestion, storage and scans)',
    assumed: true,
  },
  logStorage: {
    service: 'CloudWatch',
    item: 'log storage',
    unit: 'per GB-month',
    per: 2 ** 30,
    usd: 0.03,
    freeTier: none,
    basis: 'us-east-1',
    source: 'https://aws.amazon.com/cloudwatch/pricing/',
    assumed: true,
    note: 'the share of the 5 GB left after ingestion is applied in the model',
  },
} as const satisfies Record<string, Price>;

export type PriceKey = keyof typeof prices;
