import { afterEach, describe, expect, it, vi } from 'vitest';
import '../../local/polyfills';

/*
 * The local runtime's timer and promise gaps, on whichever Node runs the suite (CI runs it on 20 and 24):
 * a negative delay (a Wait until a time already past) fires at once without Node 23+'s
 * TimeoutNegativeWarning, and Promise.withResolvers exists.
 */

describe('local/polyfills', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('runs a timer with a negative delay at once, without a TimeoutNegativeWarning', async () => {
    const warnings: string[] = [];
    const onWarning = (w: Error) => warnings.push(w.name);
    process.on('warning', onWarning);
    try {
      const fired = await new Promise<number>((resolve) => {
        const started = Date.now();
        setTimeout(() => resolve(Date.now() - started), -2_000);
      });
      expect(fired).toBeLessThan(1_000);
      // Warnings are emitted on the next tick.
      await new Promise((r) => setImmediate(r));
      expect(warnings).not.toContain('TimeoutNegativeWarning');
    } finally {
      process.off('warning', onWarning);
    }
  });

  it('has Promise.withResolvers (native on Node 22+, added on Node 20)', async () => {
    const { promise, resolve } = (
      Promise as unknown as { withResolvers: <T>() => { promise: Promise<T>; resolve: (v: T) => void } }
    ).withResolvers<number>();
    resolve(7);
    await expect(promise).resolves.toBe(7);
  });
});
