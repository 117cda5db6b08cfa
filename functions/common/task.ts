import middy, { type MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { log } from './logger';
import { observability, taskCorrelation } from './observability';
import { parseInput } from './validation';

/** `before`: the state's payload must match the task's schema (a ValidationError otherwise). */
export const taskInput = <S extends z.ZodType>(name: string, schema: S): MiddlewareObj<unknown, unknown> => ({
  before: (request) => {
    request.event = parseInput(schema, request.event, `${name} input`);
  },
});

/**
 * `onError`: logs the failure and lets it propagate by class name, which is what the state machine's Retry and
 * Catch match on (setting no response keeps the error thrown).
 */
export const taskErrorLog = (name: string): MiddlewareObj<unknown, unknown> => ({
  onError: (request) => {
    log.warn(`${name} failed`, { error: request.error });
  },
});

/**
 * A workflow task: logs carry the item id and the execution's ARN, the payload is validated with zod before
 * the function runs, failures are logged and rethrown, metrics are written once at the end.
 */
export const taskHandler = <S extends z.ZodType, R>(
  name: string,
  schema: S,
  fn: (input: z.output<S>, context: Context) => Promise<R>,
) =>
  middy<unknown, R>()
    .use(observability<unknown, R>(taskCorrelation))
    .use(taskErrorLog(name) as MiddlewareObj<unknown, R>)
    .use(taskInput(name, schema) as MiddlewareObj<unknown, R>)
    .handler((event, context) => fn(event as z.output<S>, context));
