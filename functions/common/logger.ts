import { LogFormatter, Logger, LogItem } from '@aws-lambda-powertools/logger';
import type { LogAttributes, UnformattedAttributes } from '@aws-lambda-powertools/logger/types';
import * as z from 'zod';
import { ConfigError } from './errors';

/**
 * Structured JSON logs (one line each) written by Powertools for AWS Lambda's Logger, the shape CloudWatch
 * Logs Insights reads well, with the invocation's correlation keys (docs/decisions/0028): `service` (the
 * catalog's function name), `cold_start`, `function_request_id`, and what our middlewares append (`requestId`,
 * `route`, `itemId`, `executionArn`; functions/common/observability.ts).
 *
 * Nothing secret reaches the output: keys that look like secrets are masked, strings are scrubbed of
 * credentials in URLs and headers and of every secret value Sebar has read (secrets.ts registers them), and
 * errors are reduced to name and message. This runs twice: on what `log.*` is given, and again in the JSON
 * replacer, for what Powertools adds itself (an event logged with POWERTOOLS_LOGGER_LOG_EVENT).
 */
const SECRET_KEY = /token|secret|password|signature|authorization|cookie|sig$|nonce|consumer_?key|api_?key/i;
const MASK = '[redacted]';
/** Credentials inside text: `access_token=...` in a URL or form, `Bearer ...`, OAuth 1.0a header fields. */
const SECRET_IN_TEXT: readonly [RegExp, string][] = [
  [
    /\b((?:[\w.]*token|[\w.]*secret|password|signature|sig|api_?key|consumer_key|oauth_[a-z_]+)=)("?)[^&\s"',]+/gi,
    `$1$2${MASK}`,
  ],
  [/\b(Bearer|Basic)\s+[\w.~+/=-]+/g, `$1 ${MASK}`],
];
const knownSecrets = new Set<string>();

/** A secret value read at run time (a token, an app secret): masked wherever it appears in a log line. */
export const maskInLogs = (value: string): void => {
  // Short values would mask ordinary words; Sebar's secrets are long.
  if (value.length >= 8) knownSecrets.add(value);
};

export const scrubText = (text: string): string => {
  let out = text;
  for (const secret of knownSecrets) if (out.includes(secret)) out = out.split(secret).join(MASK);
  for (const [pattern, replacement] of SECRET_IN_TEXT) out = out.replace(pattern, replacement);
  return out;
};

export const redact = (value: unknown, depth = 0): unknown => {
  if (typeof value === 'string') return scrubText(value);
  if (value === null || typeof value !== 'object') return value;
  // Deeper than this is cut, which also ends cycles: logging must never throw or leak.
  if (depth > 6) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: scrubText(value.message) };
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? MASK : redact(v, depth + 1)]),
  );
};

/** The second pass, inside JSON.stringify: masks by key, scrubs strings, keeps no stack. */
const replacer = (key: string, value: unknown): unknown => {
  if (key && SECRET_KEY.test(key) && value !== undefined) return MASK;
  if (typeof value === 'string') return scrubText(value);
  if (value instanceof Error) return { name: value.name, message: scrubText(value.message) };
  return value;
};

/** LOG_LEVEL, validated once (any case; default INFO). A wrong value stops the function at start. */
export const logLevelSchema = z
  .string()
  .transform((s) => s.toUpperCase())
  .pipe(z.enum(['DEBUG', 'INFO', 'WARN', 'ERROR', 'SILENT']))
  .default('INFO');
export type LogLevelName = z.output<typeof logLevelSchema>;

export const logLevelFromEnv = (env: NodeJS.ProcessEnv = process.env): LogLevelName => {
  const parsed = logLevelSchema.safeParse(env.LOG_LEVEL || undefined);
  if (!parsed.success)
    throw new ConfigError(`Invalid configuration: LOG_LEVEL must be DEBUG, INFO, WARN, ERROR or SILENT`);
  return parsed.data;
};

/**
 * Powertools' keys, in an order that reads well on the local console too: what happened first, then where.
 * `service` is POWERTOOLS_SERVICE_NAME (the stack sets the catalog name per function); locally, where every
 * function shares one process and one logger, it is the invoked function's catalog name.
 */
class SebarLogFormatter extends LogFormatter {
  formatAttributes(attributes: UnformattedAttributes, additional: LogAttributes): LogItem {
    const ctx = attributes.lambdaContext;
    const local = process.env.POWERTOOLS_SERVICE_NAME ? undefined : ctx?.functionName?.replace(/^sebar-/, '');
    const { requestId, itemId, executionArn, route, ...rest } = additional;
    return new LogItem({
      attributes: {
        level: attributes.logLevel,
        message: attributes.message,
        timestamp: this.formatTimestamp(attributes.timestamp),
        service: local ?? attributes.serviceName,
        requestId,
        itemId,
        executionArn,
        route,
        cold_start: ctx?.coldStart,
        function_name: ctx?.functionName,
        function_request_id: ctx?.awsRequestId,
        function_arn: ctx?.invokedFunctionArn,
        function_memory_size: ctx?.memoryLimitInMB,
        xray_trace_id: attributes.xRayTraceId,
        sampling_rate: attributes.sampleRateValue || undefined,
      },
    }).addAttributes(rest);
  }
}

export const createLogger = (options: { logLevel?: LogLevelName; serviceName?: string } = {}): Logger =>
  new Logger({
    serviceName: options.serviceName ?? process.env.POWERTOOLS_SERVICE_NAME ?? 'sebar',
    logLevel: options.logLevel ?? logLevelFromEnv(),
    logFormatter: new SebarLogFormatter(),
    jsonReplacerFn: replacer,
  });

/** The one Powertools logger of the process; the middlewares give it the invocation's context. */
export const logger = createLogger();

type Data = Record<string, unknown>;
const write = (level: 'debug' | 'info' | 'warn' | 'error', message: string, data?: Data): void => {
  // Read at each call: tests and benchmarks switch it on after this module loaded.
  if (process.env.SEBAR_SILENT_LOGS === 'true') return;
  logger[level](scrubText(message), redact(data ?? {}) as LogAttributes);
};

/** Sebar's logging API (unchanged by the move to Powertools): a message and a flat object of fields. */
export const log = {
  debug: (message: string, data?: Data) => write('debug', message, data),
  info: (message: string, data?: Data) => write('info', message, data),
  warn: (message: string, data?: Data) => write('warn', message, data),
  error: (message: string, data?: Data) => write('error', message, data),
};
