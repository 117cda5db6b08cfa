/**
 * Node gaps the local Step Functions engine relies on, on Node 20 and on Node 24. Installed once by the
 * local runtime only; Lambda code never needs them.
 */

// aws-local-stepfunctions uses Promise.withResolvers (Node 22+): added on Node 20, left alone where it exists.
const P = Promise as unknown as {
  withResolvers?: <T>() => { promise: Promise<T>; resolve: (v: T) => void; reject: (e: unknown) => void };
};
if (typeof P.withResolvers !== 'function') {
  P.withResolvers = <T>() => {
    let resolve!: (v: T) => void;
    let reject!: (e: unknown) => void;
    const promise = new Promise<T>((res, rej) => {
      resolve = res;
      reject = rej;
    });
    return { promise, resolve, reject };
  };
}

// Node fires timers longer than 2^31-1 ms (about 24.8 days) at once. A Wait state until a publish time
// five weeks away must not: chain long delays through shorter timers.
const MAX_DELAY = 2_147_483_647;
const LONG = Symbol.for('sebar.longTimer');
type LongHandle = { [LONG]: true; current?: NodeJS.Timeout };
const g = globalThis as unknown as { __sebarLongTimers?: boolean };
if (!g.__sebarLongTimers) {
  g.__sebarLongTimers = true;
  const originalSet = globalThis.setTimeout;
  const originalClear = globalThis.clearTimeout;
  const patchedSet = ((callback: (...args: unknown[]) => void, delay?: number, ...args: unknown[]) => {
    // A Wait state until a time already past makes aws-local-stepfunctions sleep a negative delay. Every
    // Node runs that at once; Node 23+ also prints a TimeoutNegativeWarning, so pass 0, which means the same.
    if (typeof delay === 'number' && delay < 0) return originalSet(callback, 0, ...args);
    if (typeof delay !== 'number' || delay <= MAX_DELAY) return originalSet(callback, delay, ...args);
    const handle: LongHandle = { [LONG]: true };
    const due = Date.now() + delay;
    const arm = () => {
      const left = due - Date.now();
      handle.current =
        left > MAX_DELAY
          ? originalSet(arm, MAX_DELAY)
          : originalSet(() => callback(...args), Math.max(0, left));
    };
    arm();
    return handle as unknown as NodeJS.Timeout;
  }) as typeof setTimeout;
  globalThis.setTimeout = Object.assign(patchedSet, originalSet);
  globalThis.clearTimeout = ((handle?: unknown) => {
    if (handle && typeof handle === 'object' && LONG in handle) originalClear((handle as LongHandle).current);
    else originalClear(handle as NodeJS.Timeout);
  }) as typeof clearTimeout;
}
