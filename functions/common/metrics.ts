import { Metrics } from '@aws-lambda-powertools/metrics';
import type { MetricUnit } from '@aws-lambda-powertools/metrics/types';

/**
 * Custom metrics as CloudWatch embedded metric format (EMF), written by Powertools for AWS Lambda's Metrics:
 * JSON lines on stdout, which CloudWatch Logs turns into metrics in the `Sebar` namespace when it reads a
 * Lambda function's log. No SDK call, no extra permission (docs/decisions/0024, 0028).
 *
 * Inside an invocation (the middlewares in observability.ts open one) values are kept and written once, when
 * it ends: one EMF document per set of dimension values (an EMF document holds one value per dimension, so
 * Published for Instagram and for X are two documents). Outside one (scripts, tests) a value is written at
 * once. No `service` dimension: the alarms and the dashboard read `Platform` alone, and every dimension
 * multiplies the metrics billed. Locally the runtime sets POWERTOOLS_METRICS_DISABLED (see local/lambda.ts).
 */

export const METRICS_NAMESPACE = 'Sebar';

type Unit = 'Count' | 'Seconds' | 'None';
/** The custom metrics Sebar emits, with their unit and dimensions (the alarms and dashboard read these). */
export const METRICS = {
  /** A platform refused an item for good (after the workflow's retries): the item is not on that platform. */
  PublishFailed: { unit: 'Count', dimensions: ['Platform'] },
  /** An item went out on a platform (counted once per item revision). */
  Published: { unit: 'Count', dimensions: ['Platform'] },
  /** Days until a platform token expires, from the morning account check; 0 when the token is invalid. */
  TokenDaysLeft: { unit: 'None', dimensions: ['Platform'] },
  /** Staff submitted a new item (its workflow started). */
  ItemSubmitted: { unit: 'Count', dimensions: [] },
  /** An approver's decision, once per approval link (with rule `all`, one per approver). */
  ItemApproved: { unit: 'Count', dimensions: [] },
  ItemRejected: { unit: 'Count', dimensions: [] },
  ItemChangesRequested: { unit: 'Count', dimensions: [] },
  /** Seconds from the approval request (the link made and emailed) to the approver's decision. */
  ApprovalLatency: { unit: 'Seconds', dimensions: [] },
  /** Seconds from the planned publish time to the post existing on the platform (0 or more). */
  PublishLatency: { unit: 'Seconds', dimensions: ['Platform'] },
  /** Citizen messages taken in by webhook (each stored once), by kind; deletions as EventType `deletion`. */
  WebhookEvents: { unit: 'Count', dimensions: ['Platform', 'EventType'] },
  /** The classifier's label for each message, when it is first classified. */
  FeedbackLabel: { unit: 'Count', dimensions: ['Label'] },
  /** Seconds from a message's arrival to the first staff reply posted on the platform. */
  TimeToFirstReply: { unit: 'Seconds', dimensions: ['Platform'] },
} as const satisfies Record<string, { unit: Unit; dimensions: readonly string[] }>;

export type MetricName = keyof typeof METRICS;
type DimensionsOf<M extends MetricName> = Record<(typeof METRICS)[M]['dimensions'][number], string>;
type Properties = Record<string, string | number>;

interface Pending {
  readonly name: MetricName;
  readonly value: number;
  readonly dimensions: Record<string, string>;
  readonly properties: Properties;
}

/** One EMF document: these values of metrics that share the dimension values. */
const fill = (m: Metrics, entries: readonly Pending[], dimensions: Record<string, string>): Metrics => {
  m.clearDefaultDimensions();
  for (const [k, v] of Object.entries(dimensions)) m.addDimension(k, v);
  for (const e of entries) m.addMetric(e.name, METRICS[e.name].unit as MetricUnit, e.value);
  const taken = new Set([...Object.keys(dimensions), ...entries.map((e) => e.name)]);
  // A property never overwrites a value or a dimension (Powertools would refuse the document).
  for (const e of entries)
    for (const [k, v] of Object.entries(e.properties)) if (!taken.has(k)) m.addMetadata(k, v as string);
  return m;
};

/** The EMF document for one value of one metric (pure, for tests). */
export const emfLine = <M extends MetricName>(
  name: M,
  value: number,
  dimensions: DimensionsOf<M>,
  at: Date = new Date(),
  properties: Properties = {},
): string => {
  const m = fill(
    new Metrics({ namespace: METRICS_NAMESPACE }),
    [{ name, value, dimensions, properties }],
    dimensions,
  );
  m.setTimestamp(at);
  return JSON.stringify(m.serializeMetrics());
};

const emf = new Metrics({ namespace: METRICS_NAMESPACE });

const write = (pending: readonly Pending[]): void => {
  if (process.env.SEBAR_SILENT_LOGS === 'true' || pending.length === 0) return;
  const groups = new Map<string, Pending[]>();
  for (const p of pending) {
    const key = JSON.stringify(Object.entries(p.dimensions).sort());
    groups.set(key, [...(groups.get(key) ?? []), p]);
  }
  for (const entries of groups.values())
    fill(emf, entries, entries[0]?.dimensions ?? {}).publishStoredMetrics();
};

// The values of the invocation in progress. On Lambda one process runs one invocation at a time; where
// several run at once in one process (the local runtime, Lambda Managed Instances) the runtime's InvokeStore
// keeps one list per invocation, as Powertools keeps its own state.
const PENDING = Symbol('sebar.metrics.pending');
interface InvokeStoreLike {
  get(key: symbol): unknown;
  set(key: symbol, value: unknown): void;
}
const invokeStore = (): InvokeStoreLike | undefined =>
  process.env.AWS_LAMBDA_MAX_CONCURRENCY
    ? (globalThis as { awslambda?: { InvokeStore?: InvokeStoreLike } }).awslambda?.InvokeStore
    : undefined;
let pendingHere: Pending[] | undefined;
const current = (): Pending[] | undefined => {
  const store = invokeStore();
  return store ? (store.get(PENDING) as Pending[] | undefined) : pendingHere;
};
const setCurrent = (list: Pending[] | undefined): void => {
  const store = invokeStore();
  if (store) store.set(PENDING, list);
  else pendingHere = list;
};

/** Starts keeping the invocation's values (the observability middleware, before the handler). */
export const openMetrics = (): void => setCurrent([]);

/** Writes the invocation's values, once, when it ends (after the handler, or when it threw). */
export const flushMetrics = (): void => {
  const list = current();
  setCurrent(undefined);
  if (list) write(list);
};

/** Emits one value of one metric. `properties` travel in the log line (searchable), not as dimensions. */
export const putMetric = <M extends MetricName>(
  name: M,
  value: number,
  dimensions: DimensionsOf<M>,
  properties: Properties = {},
): void => {
  const entry: Pending = { name, value, dimensions, properties };
  const list = current();
  if (list) list.push(entry);
  else write([entry]);
};

/** Seconds from one ISO time to another, for latencies: 0 when the end is earlier, undefined without a start. */
export const secondsBetween = (from: string | undefined, to: string | Date): number | undefined => {
  if (!from) return undefined;
  const start = Date.parse(from);
  const end = typeof to === 'string' ? Date.parse(to) : to.getTime();
  if (Number.isNaN(start) || Number.isNaN(end)) return undefined;
  return Math.max(0, Math.round((end - start) / 1000));
};
