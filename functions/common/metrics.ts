/**
 * Custom metrics as CloudWatch embedded metric format (EMF): one JSON line on stdout, which CloudWatch Logs
 * turns into a metric in the `Sebar` namespace when it reads a Lambda function's log. No SDK call, no extra
 * permission, nothing to batch. Locally the line is printed with the other logs and goes nowhere else.
 *
 * Written with process.stdout.write, not console.log: Lambda prefixes console lines with a timestamp and a
 * request id, and CloudWatch only reads a line that is a JSON object from its first character.
 */

export const METRICS_NAMESPACE = 'Sebar';

/** The custom metrics Sebar emits, with their unit and dimensions (the alarms and dashboard read these). */
export const METRICS = {
  /** A platform refused an item for good (after the workflow's retries): the item is not on that platform. */
  PublishFailed: { unit: 'Count', dimensions: ['Platform'] },
  /** An item went out on a platform (counted once per item revision). */
  Published: { unit: 'Count', dimensions: ['Platform'] },
  /** Days until a platform token expires, from the morning account check; 0 when the token is invalid. */
  TokenDaysLeft: { unit: 'None', dimensions: ['Platform'] },
} as const satisfies Record<string, { unit: string; dimensions: readonly string[] }>;

export type MetricName = keyof typeof METRICS;
type DimensionsOf<M extends MetricName> = Record<(typeof METRICS)[M]['dimensions'][number], string>;

/** The EMF document for one value of one metric (pure, for tests). */
export const emfLine = <M extends MetricName>(
  name: M,
  value: number,
  dimensions: DimensionsOf<M>,
  at: Date = new Date(),
  properties: Record<string, string | number> = {},
): string => {
  const spec = METRICS[name];
  return JSON.stringify({
    // Context first, so a property can never overwrite the metric's value or its dimensions.
    ...properties,
    ...dimensions,
    [name]: value,
    _aws: {
      Timestamp: at.getTime(),
      CloudWatchMetrics: [
        {
          Namespace: METRICS_NAMESPACE,
          Dimensions: [[...spec.dimensions]],
          Metrics: [{ Name: name, Unit: spec.unit }],
        },
      ],
    },
  });
};

/** Emits one value of one metric. `properties` travel in the log line (searchable), not as dimensions. */
export const putMetric = <M extends MetricName>(
  name: M,
  value: number,
  dimensions: DimensionsOf<M>,
  properties: Record<string, string | number> = {},
): void => {
  if (process.env.SEBAR_SILENT_LOGS === 'true') return;
  process.stdout.write(`${emfLine(name, value, dimensions, new Date(), properties)}\n`);
};
