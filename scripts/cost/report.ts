import type { ItemRun } from '../item-driver';
import { cents, costRows, GB, gbSeconds, type Row, total, type Usage } from './model';
import { PRICES_CHECKED, type Price } from './prices';
import type { CostArgs } from './run';
import type { StackCounts } from './stack-counts';
import { ASSUMPTIONS } from './usage';

/** The cost run's printout: a table per service, the assumptions, the sensitivities, the total last. */

const n = (x: number, digits = 0) =>
  x.toLocaleString('en-US', { maximumFractionDigits: digits, minimumFractionDigits: digits });

/** Quantities in their billing unit: bytes as GB (GB-months for storage), the rest as counted. */
const quantity = (r: Row): string => {
  if (r.price.per === GB) return `${n(r.quantity / GB, 4)} GB`;
  if (r.price.unit === 'per GB-second') return `${n(r.quantity, 1)} GB-s`;
  if (r.price.unit.includes('GB')) return `${n(r.quantity, 4)} GB`;
  return n(r.quantity, r.quantity % 1 ? 1 : 0);
};

const freeTier = (p: Price): string => {
  const q = (x: number) => (p.per === GB ? `${n(x / GB)} GB` : n(x));
  if (p.freeTier.kind === 'always') return `always ${q(p.freeTier.quantity)}`;
  if (p.freeTier.kind === '12-month') return `12-month ${q(p.freeTier.quantity)} (not applied)`;
  return 'none';
};

/** What the 12-month offers would take off (new accounts only): shown beside the total, never in it. */
const trialSavings = (rows: readonly Row[]): number =>
  rows.reduce((s, r) => {
    const t = r.price.freeTier;
    return t.kind === '12-month' ? s + (Math.min(r.quantity, t.quantity) / r.price.per) * r.price.usd : s;
  }, 0);

export const printReport = (r: {
  args: CostArgs;
  usage: Usage;
  doubled: Usage;
  province: Usage;
  stack: StackCounts;
  itemRuns: readonly ItemRun[];
  unfinished: readonly string[];
  seconds: number;
}): void => {
  const rows = costRows(r.usage);
  const out = (line = '') => console.log(line);
  const a = r.args;
  out('Sebar on AWS: one health office, one month');
  out(
    `Prices: AWS list prices as published, checked ${PRICES_CHECKED}; Jakarta (ap-southeast-3) prices were not ` +
      'available offline, so every price is the us-east-1 one (scripts/cost/prices.ts says which rows are assumed).',
  );
  out(
    `Measured on the local runtime: ${r.itemRuns.length} of ${a.items} items (scaled × ${n(a.itemFactor, 2)}), ` +
      `${a.sampleEvents} of ${a.events} webhook events (scaled × ${n(a.eventFactor, 2)}); each recurring job once, ` +
      'scaled by its runs a month.',
  );
  out();
  const header = ['', 'quantity', 'price', 'free tier', 'US$'];
  const table: string[][] = [];
  for (const service of [...new Set(rows.map((x) => x.service))]) {
    const mine = rows.filter((x) => x.service === service);
    table.push([service, '', '', '', n(total(mine), 4)]);
    for (const x of mine)
      table.push([
        `  ${x.item}${x.price.assumed ? ' *' : ''}`,
        quantity(x),
        `$${x.price.usd} ${x.price.unit}`,
        freeTier(x.price),
        n(x.usd, 4),
      ]);
  }
  const widths = header.map((_, i) =>
    Math.max(header[i]?.length ?? 0, ...table.map((row) => row[i]?.length ?? 0)),
  );
  const line = (row: string[]) =>
    row
      .map((c, i) => (i === 0 || i === 3 ? c.padEnd(widths[i] ?? 0) : c.padStart(widths[i] ?? 0)))
      .join('  ');
  out(line(header));
  for (const row of table) out(line(row));
  out('  * price not seen in a stored page: the us-east-1 list price as last known (see prices.ts)');
  out();
  out('Lambda by function (arm64; duration measured here, rounded up to the ms per invocation):');
  for (const [name, f] of Object.entries(r.usage.lambda).filter(([, f]) => f.requests > 0))
    out(
      `  ${name.padEnd(18)} ${n(f.requests).padStart(9)} requests  ${n(f.billedMs / Math.max(1, f.requests)).padStart(6)} ms avg  ` +
        `${String(f.memoryMb).padStart(5)} MB  ${n(gbSeconds(f.billedMs, f.memoryMb), 1).padStart(10)} GB-s`,
    );
  out(
    `Fixed, from the stack template: ${r.stack.secrets} secret(s), ${r.stack.kmsKeys} KMS key(s), ${r.stack.alarms} alarms, ` +
      `${r.stack.dashboards} dashboard(s), ${r.stack.logGroups} log groups kept ${r.stack.logRetentionDays} days ` +
      '(log storage shown at steady state: that many days of ingestion, uncompressed).',
  );
  out('Assumed, not measured:');
  for (const x of Object.values(ASSUMPTIONS)) out(`  ${x.what}: ${n(x.quantity)} (${x.why})`);
  const itemSeconds = r.itemRuns.reduce((s, x) => s + x.seconds, 0) / Math.max(1, r.itemRuns.length);
  out(
    `Items: all ${r.itemRuns.length} evaluated, ${n(itemSeconds, 1)} s each from submission to evaluation ` +
      '(of which about 22 s are their own publish delay and two evaluation windows).',
  );
  if (r.unfinished.length)
    out(
      `  ${r.unfinished.length} more did not finish and are left out of the scaling: ${r.unfinished.join('; ')}`,
    );
  out();
  const main = total(rows);
  out(
    `With the 12-month free tier (accounts opened before July 2025, first year only): US$ ${n(cents(main - trialSavings(rows)), 2)}`,
  );
  out(
    `Sensitivity: Lambda durations here are this machine's, not Lambda's; at twice the measured durations: ` +
      `US$ ${n(cents(total(costRows(r.doubled))), 2)}; at prices 25 % above us-east-1 (a what-if for Jakarta): ` +
      `US$ ${n(cents(main * 1.25), 2)}`,
  );
  const province = total(costRows(r.province));
  out(
    `A province (27 offices, a stack each in one AWS organisation, its free tiers counted once): ` +
      `US$ ${n(cents(province), 2)} a month (US$ ${n(cents(province / 27), 2)} an office)`,
  );
  out(`Cost run: ${n(r.seconds)} s on this machine`);
  out(`Monthly total: US$ ${cents(main).toFixed(2)}`);
};
