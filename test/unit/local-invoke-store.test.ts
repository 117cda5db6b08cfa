import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { log } from '../../functions/common/logger';
import { putMetric } from '../../functions/common/metrics';
import { taskHandler } from '../../functions/common/task';
import { inInvocation } from '../../local/invoke-store';

const context = (requestId: string): Context =>
  ({
    functionName: 'sebar-publish-x',
    awsRequestId: requestId,
    getRemainingTimeInMillis: () => 1000,
  }) as Context;

beforeEach(() => {
  delete process.env.SEBAR_SILENT_LOGS;
});
afterEach(() => {
  process.env.SEBAR_SILENT_LOGS = 'true';
  vi.restoreAllMocks();
});

describe('the local runtime, several invocations at once in one process', () => {
  it("keeps each invocation's log keys and metrics apart", async () => {
    const lines: string[] = [];
    const keep = (chunk: string | Uint8Array) => {
      lines.push(...String(chunk).split('\n').filter(Boolean));
      return true;
    };
    vi.spyOn(process.stdout, 'write').mockImplementation(keep);
    vi.spyOn(process.stderr, 'write').mockImplementation(keep);
    let release: () => void = () => undefined;
    const gate = new Promise<void>((r) => {
      release = r;
    });
    const handler = taskHandler('publish-x', z.object({ itemId: z.string() }), async (input) => {
      putMetric(
        'Published',
        1,
        { Platform: input.itemId === 'itm_a' ? 'instagram' : 'x' },
        { itemId: input.itemId },
      );
      // Both invocations are in flight here, each with its keys appended: the second began after the first.
      await gate;
      log.info('done', { mine: input.itemId });
      return input.itemId;
    });
    const a = inInvocation('req-a', () => handler({ itemId: 'itm_a' }, context('req-a')));
    const b = inInvocation('req-b', () => handler({ itemId: 'itm_b' }, context('req-b')));
    await new Promise((r) => setTimeout(r, 20));
    release();
    await Promise.all([a, b]);
    const docs = lines.map((l) => JSON.parse(l) as Record<string, unknown>);
    const logs = docs.filter((d) => d.message === 'done');
    expect(logs).toHaveLength(2);
    for (const l of logs) {
      expect(l.itemId).toBe(l.mine);
      expect(l.requestId).toBe(l.mine === 'itm_a' ? 'req-a' : 'req-b');
      expect(l.function_request_id).toBe(l.requestId);
    }
    const emf = docs.filter((d) => '_aws' in d);
    expect(emf.map((d) => [d.itemId, d.Platform]).sort()).toEqual([
      ['itm_a', 'instagram'],
      ['itm_b', 'x'],
    ]);
  });
});
