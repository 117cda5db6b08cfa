import { type Price, type PriceKey, prices } from './prices';

/**
 * The cost model's arithmetic, pure: monthly quantities in, one priced row per billed item out
 * (docs/decisions/0026). The quantities come from the cost run's counters (scripts/cost/usage.ts).
 */

export const GB = 2 ** 30;

/** Lambda's GB-seconds for `billedMs` of duration at `memoryMb`. */
export const gbSeconds = (billedMs: number, memoryMb: number): number =>
  (billedMs / 1000) * (memoryMb / 1024);

/** US dollars rounded to the cent, half up (as a bill's total is shown). */
export const cents = (usd: number): number => Math.round((usd + Number.EPSILON) * 100) / 100;

export interface FunctionUsage {
  readonly requests: number;
  readonly billedMs: number;
  readonly memoryMb: number;
}

/** A month of use for one office, or for a province when multiplied (see `forOffices`). */
export interface Usage {
  readonly lambda: Readonly<Record<string, FunctionUsage>>;
  readonly stateTransitions: number;
  readonly dynamo: { readonly wru: number; readonly rru: number; readonly storageBytes: number };
  readonly s3: { readonly tier1: number; readonly tier2: number; readonly storageBytes: number };
  readonly sqsRequests: number;
  readonly sesEmails: number;
  readonly httpRequests: number;
  readonly schedulerInvocations: number;
  readonly cloudFrontRequests: number;
  readonly cognitoMau: number;
  readonly secrets: number;
  readonly secretsApiCalls: number;
  readonly kmsKeys: number;
  readonly alarms: number;
  readonly dashboards: number;
  readonly customMetrics: number;
  readonly logs: { readonly ingestedBytes: number; readonly storedBytes: number };
}

export interface Row {
  readonly service: string;
  readonly item: string;
  readonly quantity: number;
  readonly price: Price;
  /** The always-free quantity taken off (12-month offers are never taken off). */
  readonly free: number;
  readonly usd: number;
}

/** The quantity a price's free tier takes off every month: only offers that never expire. */
export const alwaysFree = (price: Price): number =>
  price.freeTier.kind === 'always' ? price.freeTier.quantity : 0;

/** One priced row: the always-free quantity first (up to what was used), the rest at the price. */
export const priceRow = (key: PriceKey, quantity: number, freeLeft?: number): Row => {
  const price: Price = prices[key];
  const allowance = alwaysFree(price);
  const free = Math.min(quantity, freeLeft ?? allowance);
  return {
    service: price.service,
    item: price.item,
    quantity,
    price,
    free,
    usd: ((quantity - free) / price.per) * price.usd,
  };
};

export const totalGbSeconds = (usage: Usage): number =>
  Object.values(usage.lambda).reduce((s, f) => s + gbSeconds(f.billedMs, f.memoryMb), 0);

export const lambdaRequests = (usage: Usage): number =>
  Object.values(usage.lambda).reduce((s, f) => s + f.requests, 0);

/** Every billed row for a month of `usage`. */
export const costRows = (usage: Usage): Row[] => {
  const logFree = alwaysFree(prices.logIngestion);
  const ingestFree = Math.min(usage.logs.ingestedBytes, logFree);
  return [
    priceRow('lambdaRequests', lambdaRequests(usage)),
    priceRow('lambdaArmGbSeconds', totalGbSeconds(usage)),
    priceRow('stateTransitions', usage.stateTransitions),
    priceRow('dynamoWrites', usage.dynamo.wru),
    priceRow('dynamoReads', usage.dynamo.rru),
    priceRow('dynamoStorage', usage.dynamo.storageBytes / GB),
    priceRow('s3Tier1', usage.s3.tier1),
    priceRow('s3Tier2', usage.s3.tier2),
    priceRow('s3Storage', usage.s3.storageBytes / GB),
    priceRow('sqsRequests', usage.sqsRequests),
    priceRow('sesEmails', usage.sesEmails),
    priceRow('httpApiRequests', usage.httpRequests),
    priceRow('schedulerInvocations', usage.schedulerInvocations),
    priceRow('cloudFrontRequests', usage.cloudFrontRequests),
    priceRow('cognitoMau', usage.cognitoMau),
    priceRow('secrets', usage.secrets),
    priceRow('secretsApi', usage.secretsApiCalls),
    priceRow('kmsKeys', usage.kmsKeys),
    priceRow('alarms', usage.alarms),
    priceRow('dashboards', usage.dashboards),
    priceRow('customMetrics', usage.customMetrics),
    priceRow('logIngestion', usage.logs.ingestedBytes, ingestFree),
    // Storage gets what is left of the shared 5 GB.
    priceRow('logStorage', usage.logs.storedBytes, logFree - ingestFree),
  ];
};

export const total = (rows: readonly Row[]): number => rows.reduce((s, r) => s + r.usd, 0);

/** Lambda durations multiplied by `factor` (the sensitivity to how fast Lambda runs what ran here). */
export const withDurationFactor = (usage: Usage, factor: number): Usage => ({
  ...usage,
  lambda: Object.fromEntries(
    Object.entries(usage.lambda).map(([k, f]) => [k, { ...f, billedMs: f.billedMs * factor }]),
  ),
});

/**
 * `n` offices, each with its own stack (its own secret, key, alarms and dashboard) in one AWS organisation:
 * every quantity is multiplied, and the always-free tiers, which an organisation gets once, apply once.
 */
export const forOffices = (usage: Usage, n: number): Usage => scaled(usage, n) as Usage;

/** Every count in `value` times `n`; a function's memory size is a setting, not a count. */
const scaled = (value: unknown, n: number, key = ''): unknown => {
  if (typeof value === 'number') return key === 'memoryMb' ? value : value * n;
  if (value === null || typeof value !== 'object') return value;
  return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, scaled(v, n, k)]));
};
