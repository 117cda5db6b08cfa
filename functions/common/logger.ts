/**
 * Structured JSON logs (one line each), the shape CloudWatch Logs Insights reads well.
 * Keys that look like secrets are masked, so a careless `log.info('x', { token })` leaks nothing.
 */
const SECRET_KEY = /token|secret|password|signature|authorization|cookie|sig$|nonce|consumer_?key|api_?key/i;
const levels = { debug: 10, info: 20, warn: 30, error: 40 } as const;
type Level = keyof typeof levels;

const threshold = (): number => levels[(process.env.LOG_LEVEL as Level | undefined) ?? 'info'] ?? levels.info;

export const redact = (value: unknown, depth = 0): unknown => {
  if (value === null || typeof value !== 'object') return value;
  // Deeper than this is cut, which also ends cycles: logging must never throw or leak.
  if (depth > 6) return '[truncated]';
  if (Array.isArray(value)) return value.map((v) => redact(v, depth + 1));
  if (value instanceof Error) return { name: value.name, message: value.message };
  return Object.fromEntries(
    Object.entries(value).map(([k, v]) => [k, SECRET_KEY.test(k) ? '[redacted]' : redact(v, depth + 1)]),
  );
};

const write = (level: Level, message: string, data?: Record<string, unknown>): void => {
  if (levels[level] < threshold() || process.env.SEBAR_SILENT_LOGS === 'true') return;
  const line = JSON.stringify({
    level,
    time: new Date().toISOString(),
    message,
    ...(redact(data ?? {}) as object),
  });
  if (level === 'error' || level === 'warn') process.stderr.write(`${line}\n`);
  else process.stdout.write(`${line}\n`);
};

export const log = {
  debug: (message: string, data?: Record<string, unknown>) => write('debug', message, data),
  info: (message: string, data?: Record<string, unknown>) => write('info', message, data),
  warn: (message: string, data?: Record<string, unknown>) => write('warn', message, data),
  error: (message: string, data?: Record<string, unknown>) => write('error', message, data),
};
