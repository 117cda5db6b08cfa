/**
 * What the labelled-data scripts (evaluate-screening, evaluate-classifier, corrections-file) share: reading
 * JSON lines against a schema, with malformed lines reported by line number, and a rate argument.
 */
import type { z } from 'zod';

export interface JsonLines<T> {
  readonly rows: T[];
  readonly errors: { line: number; message: string }[];
}

/** Parses JSON lines; blank lines are skipped, malformed ones reported by line number. */
export const parseJsonLines = <In, Row = In>(
  content: string,
  schema: z.ZodType<In>,
  toRow: (value: In) => Row = (value) => value as unknown as Row,
): JsonLines<Row> => {
  const rows: Row[] = [];
  const errors: { line: number; message: string }[] = [];
  content.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      errors.push({ line: i + 1, message: 'not valid JSON' });
      return;
    }
    const parsed = schema.safeParse(json);
    if (parsed.success) rows.push(toRow(parsed.data));
    else {
      const issues = parsed.error.issues.map(
        (issue) => `${issue.path.join('.') || '(line)'}: ${issue.message}`,
      );
      errors.push({ line: i + 1, message: issues.join('; ') });
    }
  });
  return { rows, errors };
};

/** A `--name` option that must be a number from 0 to 1; exits 2 when it is not. */
export const fractionArg = (name: string, raw: string | undefined): number | undefined => {
  if (raw === undefined) return undefined;
  const value = Number(raw);
  if (!(value >= 0 && value <= 1)) {
    console.error(`--${name} must be a number between 0 and 1, got "${raw}"`);
    process.exit(2);
  }
  return value;
};
