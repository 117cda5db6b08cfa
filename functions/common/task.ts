import middy from '@middy/core';
import type { Context } from 'aws-lambda';
import type { z } from 'zod';
import { log } from './logger';
import { parseInput } from './validation';

/**
 * Wraps a workflow task: validates the state's payload with zod and lets errors propagate by class
 * name, which is what the state machine's Retry and Catch match on.
 */
export const taskHandler = <S extends z.ZodType, R>(
  name: string,
  schema: S,
  fn: (input: z.output<S>, context: Context) => Promise<R>,
) =>
  middy<unknown, R>().handler(async (event, context) => {
    const input = parseInput(schema, event, `${name} input`);
    try {
      return await fn(input, context);
    } catch (error) {
      log.warn(`${name} failed`, { error });
      throw error;
    }
  });
