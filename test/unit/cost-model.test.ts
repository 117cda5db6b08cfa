import { describe, expect, it } from 'vitest';
import {
  cents,
  costRows,
  forOffices,
  GB,
  gbSeconds,
  priceRow,
  total,
  totalGbSeconds,
  type Usage,
  withDurationFactor,
} from '../../scripts/cost/model';
import { runsPerMonth } from '../../scripts/cost/usage';

/** The cost model's arithmetic, against figures worked out by hand from the prices in scripts/cost/prices.ts. */

const idle: Usage = {
  lambda: {},
  stateTransitions: 0,
  dynamo: { wru: 0, rru: 0, storageBytes: 0 },
  s3: { tier1: 0, tier2: 0, storageBytes: 0 },
  sqsRequests: 0,
  sesEmails: 0,
  httpRequests: 0,
  schedulerInvocations: 0,
  cloudFrontRequests: 0,
  cognitoMau: 0,
  secrets: 0,
  secretsApiCalls: 0,
  kmsKeys: 0,
  alarms: 0,
  dashboards: 0,
  customMetrics: 0,
  logs: { ingestedBytes: 0, storedBytes: 0 },
};

const row = (usage: Usage, item: string) => {
  const found = costRows(usage).find((r) => r.item === item);
  if (!found) throw new Error(`no row ${item}`);
  return found;
};

describe('free tiers', () => {
  it('takes the always-free quantity off first', () => {
    // 1.5M requests, 1M free, $0.20 per 1M: 0.5 × 0.20.
    const r = priceRow('lambdaRequests', 1_500_000);
    expect(r.free).toBe(1_000_000);
    expect(r.usd).toBeCloseTo(0.1, 10);
  });

  it('charges nothing below the free tier, and never less than nothing', () => {
    const r = priceRow('stateTransitions', 3_999);
    expect(r.free).toBe(3_999);
    expect(r.usd).toBe(0);
  });

  it('does not apply 12-month offers', () => {
    // 3,000 PUTs at $0.005 per 1,000, though new accounts get 2,000 free for a year.
    const r = priceRow('s3Tier1', 3_000);
    expect(r.free).toBe(0);
    expect(r.usd).toBeCloseTo(0.015, 10);
  });

  it('shares the 5 GB of CloudWatch Logs between ingestion and storage', () => {
    const usage = { ...idle, logs: { ingestedBytes: 4 * GB, storedBytes: 48 * GB } };
    expect(row(usage, 'log ingestion').usd).toBe(0);
    // 1 GB of the 5 is left for storage: 47 GB × $0.03.
    expect(row(usage, 'log storage').usd).toBeCloseTo(1.41, 10);
  });

  it('gives alarms and dashboards their free counts', () => {
    const usage = { ...idle, alarms: 11, dashboards: 1, secrets: 1, kmsKeys: 1 };
    expect(row(usage, 'standard alarms').usd).toBeCloseTo(0.1, 10);
    expect(row(usage, 'custom dashboards').usd).toBe(0);
    // $0.40 + $1.00 + $0.10.
    expect(total(costRows(usage))).toBeCloseTo(1.5, 10);
  });
});

describe('Lambda GB-seconds', () => {
  it('multiplies billed seconds by memory in GB', () => {
    expect(gbSeconds(1500, 512)).toBe(0.75);
    expect(gbSeconds(8000, 2048)).toBe(16);
  });

  it('sums the functions and scales with the duration factor', () => {
    const usage: Usage = {
      ...idle,
      lambda: {
        a: { requests: 10, billedMs: 1000, memoryMb: 1024 },
        b: { requests: 4, billedMs: 2000, memoryMb: 256 },
      },
    };
    // 1 s × 1 GB + 2 s × 0.25 GB.
    expect(totalGbSeconds(usage)).toBe(1.5);
    expect(totalGbSeconds(withDurationFactor(usage, 2))).toBe(3);
  });

  it('prices GB-seconds above the 400,000 free', () => {
    const usage: Usage = { ...idle, lambda: { a: { requests: 1, billedMs: 500_000_000, memoryMb: 1024 } } };
    // 500,000 GB-s − 400,000 free = 100,000 × $0.0000133334.
    expect(row(usage, 'duration, arm64').usd).toBeCloseTo(1.33334, 8);
  });
});

describe('rounding', () => {
  it('rounds to the cent, half up', () => {
    expect(cents(1.005)).toBe(1.01);
    expect(cents(2.994999)).toBe(2.99);
    expect(cents(0.004)).toBe(0);
  });
});

describe('a province', () => {
  it('multiplies use and fixed resources, and counts the free tiers once', () => {
    const office = { ...idle, alarms: 11, dashboards: 1, sqsRequests: 700_000 };
    const province = forOffices(office, 27);
    // 297 alarms − 10 free = 287 × $0.10; 27 dashboards − 3 free = 24 × $3; 18.9M − 1M SQS × $0.40 per 1M.
    expect(row(province, 'standard alarms').usd).toBeCloseTo(28.7, 8);
    expect(row(province, 'custom dashboards').usd).toBeCloseTo(72, 8);
    expect(row(province, 'standard queue requests (64 KB chunks)').usd).toBeCloseTo(7.16, 8);
  });
});

describe('recurring jobs', () => {
  it('counts a month of runs from the cron', () => {
    expect(runsPerMonth('cron(0 6 * * ? *)')).toBe(30);
    expect(runsPerMonth('cron(0 7 1 * ? *)')).toBe(1);
    expect(runsPerMonth('cron(0 7 ? * MON-FRI *)')).toBe(22);
    expect(() => runsPerMonth('rate(1 day)')).toThrow(/cron/);
  });
});
