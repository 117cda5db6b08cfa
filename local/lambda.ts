import { randomUUID } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { Context } from 'aws-lambda';
import { type FunctionName, functions } from '../infra/catalog';
import { inInvocation } from './invoke-store';

/**
 * The local stand-in for Lambda: the same handler modules, invoked in-process with Lambda's contract
 * (JSON in, JSON out, a context object, the function's timeout). Errors come back as Lambda reports
 * them to Step Functions: named after the thrown error's type, with a JSON Cause.
 */

type Handler = (event: unknown, context: Context) => Promise<unknown>;

// Static imports keep every handler visible to bundlers and type checking.
const loaders: Record<FunctionName, () => Promise<{ handler: unknown }>> = {
  'content-api': () => import('../functions/content-api/handler'),
  'media-preview': () => import('../functions/media-preview/handler'),
  'infographics-api': () => import('../functions/infographics-api/handler'),
  'dashboard-api': () => import('../functions/dashboard-api/handler'),
  'approvals-api': () => import('../functions/approvals-api/handler'),
  'send-reminders': () => import('../functions/send-reminders/handler'),
  'feedback-api': () => import('../functions/feedback-api/handler'),
  'fact-finding': () => import('../functions/fact-finding/handler'),
  'request-approval': () => import('../functions/request-approval/handler'),
  'approval-page': () => import('../functions/approval-page/handler'),
  'publish-instagram': () => import('../functions/publish-instagram/handler'),
  'publish-x': () => import('../functions/publish-x/handler'),
  'record-status': () => import('../functions/record-status/handler'),
  'collect-metrics': () => import('../functions/collect-metrics/handler'),
  evaluate: () => import('../functions/evaluate/handler'),
  'webhook-instagram': () => import('../functions/webhook-instagram/handler'),
  'webhook-x': () => import('../functions/webhook-x/handler'),
  'operations-api': () => import('../functions/operations-api/handler'),
  'scheduled-jobs': () => import('../functions/scheduled-jobs/handler'),
  'process-feedback': () => import('../functions/process-feedback/handler'),
  'archive-api': () => import('../functions/archive-api/handler'),
  'archive-export': () => import('../functions/archive-export/handler'),
};

export const ACCOUNT = '000000000000';
export const functionArn = (region: string, name: FunctionName) =>
  `arn:aws:lambda:${region}:${ACCOUNT}:function:sebar-${name}`;

export const functionNameFromArn = (arn: string): FunctionName | undefined => {
  const name = /function:sebar-([a-z-]+)(?::.*)?$/.exec(arn)?.[1];
  return functions.find((f) => f.name === name)?.name;
};

/** An error as Step Functions sees a failed Lambda invocation. */
export class LambdaInvocationError extends Error {
  constructor(errorType: string, errorMessage: string) {
    super(JSON.stringify({ errorType, errorMessage, trace: [] }));
    this.name = errorType;
  }
}

// Loaded once per function, as a Lambda execution environment keeps its module: a dynamic import() of a
// module already loaded still goes through the ESM loader's hooks (tsx's run on another thread), which cost
// every local invocation a cross-thread round trip.
const loaded = new Map<FunctionName, Promise<Handler>>();

export const loadHandler = (name: FunctionName): Promise<Handler> => {
  let handler = loaded.get(name);
  if (!handler) {
    handler = loaders[name]().then((mod) => {
      if (typeof mod.handler !== 'function')
        throw new Error(`functions/${name}/handler.ts exports no handler`);
      return mod.handler as Handler;
    });
    handler.catch(() => loaded.delete(name));
    loaded.set(name, handler);
  }
  return handler;
};

const lambdaContext = (name: FunctionName, timeoutMs: number): Context => {
  const deadline = Date.now() + timeoutMs;
  return {
    callbackWaitsForEmptyEventLoop: false,
    functionName: `sebar-${name}`,
    functionVersion: '$LATEST',
    invokedFunctionArn: functionArn(process.env.AWS_REGION ?? 'ap-southeast-3', name),
    memoryLimitInMB: '512',
    awsRequestId: randomUUID(),
    logGroupName: `/aws/lambda/sebar-${name}`,
    logStreamName: 'local',
    getRemainingTimeInMillis: () => Math.max(0, deadline - Date.now()),
    done: () => undefined,
    fail: () => undefined,
    succeed: () => undefined,
  };
};

// Handlers still running, including those whose caller gave up (a timeout, a closed connection).
// Lambda would freeze them; locally the runtime waits for them before it closes the stores they write to.
const inFlight = new Set<Promise<unknown>>();
const track = (p: Promise<unknown>): void => {
  const settled = p.then(
    () => undefined,
    () => undefined,
  );
  inFlight.add(settled);
  void settled.then(() => inFlight.delete(settled));
};

/** Waits until no handler is running, or until `timeoutMs` has passed; returns how many were still running. */
export const drainInvocations = async (timeoutMs: number): Promise<number> => {
  const deadline = Date.now() + timeoutMs;
  while (inFlight.size > 0 && Date.now() < deadline) {
    let timer: NodeJS.Timeout | undefined;
    await Promise.race([
      Promise.all([...inFlight]),
      new Promise((r) => {
        timer = setTimeout(r, Math.max(0, deadline - Date.now()));
      }),
    ]);
    clearTimeout(timer);
  }
  return inFlight.size;
};

/** Told of every invocation's duration (the cost run's meter); none by default. */
let observer: ((name: FunctionName, ms: number) => void) | undefined;
export const observeInvocations = (fn: ((name: FunctionName, ms: number) => void) | undefined): void => {
  observer = fn;
};

/**
 * A test's hook around each invocation (local only, never deployed): called before the handler runs and
 * after it returned. Throwing fails the invocation, as a function that ran out of time after doing its
 * work would. None by default.
 */
export type InvokeHook = (name: FunctionName, phase: 'before' | 'after') => Promise<void>;
let hook: InvokeHook | undefined;
export const setInvokeHook = (fn: InvokeHook | undefined): void => {
  hook = fn;
};

/** Invokes a handler as Lambda would: a JSON copy of the event, the function's timeout enforced. */
export const invokeLocal = async (name: FunctionName, event: unknown): Promise<unknown> => {
  const spec = functions.find((f) => f.name === name);
  if (!spec) throw new LambdaInvocationError('Lambda.ResourceNotFoundException', `No function ${name}`);
  const handler = await loadHandler(name);
  const timeoutMs = spec.timeoutSeconds * 1000;
  let timer: NodeJS.Timeout | undefined;
  // A handler that throws before its first await still fails as an invocation, not in the caller.
  const context = lambdaContext(name, timeoutMs);
  const started = performance.now();
  // Each invocation in its own store (local/invoke-store.ts), so concurrent ones keep their log keys apart.
  const around = hook;
  const running = inInvocation(context.awsRequestId, async () => {
    await around?.(name, 'before');
    const result = await handler(JSON.parse(JSON.stringify(event ?? null)), context);
    await around?.(name, 'after');
    return result;
  });
  track(running);
  if (observer) {
    const observe = observer;
    const settled = () => observe(name, performance.now() - started);
    running.then(settled, settled);
  }
  try {
    const result = await Promise.race([
      running,
      new Promise((_, reject) => {
        timer = setTimeout(
          () =>
            reject(
              new LambdaInvocationError(
                'Sandbox.Timedout',
                `Task timed out after ${spec.timeoutSeconds} seconds`,
              ),
            ),
          timeoutMs,
        );
      }),
    ]);
    return result === undefined ? null : JSON.parse(JSON.stringify(result));
  } catch (error) {
    if (error instanceof LambdaInvocationError) throw error;
    const e = error instanceof Error ? error : new Error(String(error));
    throw new LambdaInvocationError(e.name || 'Error', e.message);
  } finally {
    clearTimeout(timer);
  }
};
