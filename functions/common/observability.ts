import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { MiddlewareObj } from '@middy/core';
import type { Context } from 'aws-lambda';
import { logger } from './logger';
import { flushMetrics, openMetrics } from './metrics';

/** The keys that tie a log line to its request, item and workflow run (docs/decisions/0028). */
export interface Correlation {
  /** The HTTP API's request id (the access log's), or Lambda's request id for tasks and queues. */
  readonly requestId?: string;
  readonly route?: string;
  readonly itemId?: string;
  readonly executionArn?: string;
}

const defined = (c: Correlation): Record<string, string> =>
  Object.fromEntries(
    Object.entries(c).filter((e): e is [string, string] => typeof e[1] === 'string' && !!e[1]),
  );

/**
 * Every handler's first middlewares: Powertools' injectLambdaContext (cold start, function name and request
 * id on every line; the keys below reset after each invocation), then the correlation keys read from the raw
 * event, and the invocation's metrics, written once when it ends. Used first, so they run before the
 * others and their after/onError run last (a failure is logged with its keys, then the keys are dropped).
 */
export const observability = <E, R>(
  correlation: (event: E, context: Context) => Correlation,
): MiddlewareObj<E, R>[] => [
  injectLambdaContext(logger, { resetKeys: true }) as MiddlewareObj<E, R>,
  {
    before: (request) => {
      logger.appendKeys(defined(correlation(request.event, request.context ?? ({} as Context))));
      openMetrics();
    },
    after: () => flushMetrics(),
    onError: () => flushMetrics(),
  },
];

/** A task's payload: the ASL passes `itemId` and `executionArn` ($$.Execution.Id) to every Lambda task. */
export const taskCorrelation = (event: unknown, context: Context): Correlation => {
  const e = (event ?? {}) as { itemId?: unknown; executionArn?: unknown };
  return {
    requestId: context.awsRequestId,
    itemId: typeof e.itemId === 'string' ? e.itemId : undefined,
    executionArn: typeof e.executionArn === 'string' ? e.executionArn : undefined,
  };
};
