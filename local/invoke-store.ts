import { AsyncLocalStorage } from 'node:async_hooks';

/**
 * What Lambda's Node.js runtime provides where one process runs several invocations at once (Lambda Managed
 * Instances): `globalThis.awslambda.InvokeStore`, one store per invocation. Powertools keeps its per-invocation
 * state there (a logger's request id, cold start and appended keys; the metrics not yet written) when
 * AWS_LAMBDA_MAX_CONCURRENCY is set. The local runtime runs every function in one process, often at once
 * (the publish Map runs both platforms together), so it installs this stand-in and runs each invocation in
 * its own store: the keys of one request never appear on another's log line.
 *
 * Outside any invocation (the runtime's own code, tests calling domain code) values go to one process-wide
 * record, as Powertools does without a store, instead of throwing.
 */
const REQUEST_ID = Symbol.for('_AWS_LAMBDA_REQUEST_ID');
type Store = Record<string | symbol, unknown>;

class LocalInvokeStore {
  private readonly als = new AsyncLocalStorage<Store>();
  private readonly outside: Store = {};
  getContext(): Store | undefined {
    return this.als.getStore();
  }
  hasContext(): boolean {
    return this.als.getStore() !== undefined;
  }
  get(key: string | symbol): unknown {
    return (this.als.getStore() ?? this.outside)[key];
  }
  set(key: string | symbol, value: unknown): void {
    (this.als.getStore() ?? this.outside)[key] = value;
  }
  run<T>(context: Store, fn: () => T): T {
    return this.als.run(context, fn);
  }
  getRequestId(): string {
    return (this.get(REQUEST_ID) as string | undefined) ?? '-';
  }
  getXRayTraceId(): string | undefined {
    return undefined;
  }
  getTenantId(): string | undefined {
    return undefined;
  }
}

const store = new LocalInvokeStore();
const g = globalThis as { awslambda?: { InvokeStore?: unknown } };
g.awslambda ??= {};
g.awslambda.InvokeStore = store;
// Powertools reads this at each call to decide whether to use the store; any value means "several at once".
process.env.AWS_LAMBDA_MAX_CONCURRENCY ??= '64';

/** Runs one invocation in its own store. */
export const inInvocation = <T>(requestId: string, fn: () => T): T =>
  store.run({ [REQUEST_ID]: requestId }, fn);
