import type { z } from 'zod';
import { type FieldIssue, ValidationError } from './errors';

export const toFieldIssues = (error: z.ZodError): FieldIssue[] =>
  error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(root)',
    message: issue.message,
  }));

/** Parses untrusted input; on failure throws a ValidationError listing every field problem. */
export const parseInput = <S extends z.ZodType>(schema: S, value: unknown, what = 'input'): z.output<S> => {
  const result = schema.safeParse(value);
  if (!result.success) throw new ValidationError(`Invalid ${what}`, toFieldIssues(result.error));
  return result.data;
};
