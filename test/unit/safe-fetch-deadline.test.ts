import { describe, expect, it, vi } from 'vitest';

// A resolver that never answers: the fetch's one deadline must still end the call.
vi.mock('node:dns/promises', () => ({ lookup: () => new Promise(() => {}) }));

const { MediaFetchRefusedError, safeFetch } = await import('../../functions/adapters/safe-fetch');

describe('safeFetch deadline', () => {
  it('covers the DNS lookup: a hanging resolver is refused at the deadline', async () => {
    const started = Date.now();
    const error = await safeFetch('https://hangs.example/a.jpg', {
      allowPrivate: false,
      maxBytes: 1024,
      maxRedirects: 3,
      timeoutMs: 150,
    }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(MediaFetchRefusedError);
    expect((error as InstanceType<typeof MediaFetchRefusedError>).reason).toMatch(/within 150 ms/);
    expect(Date.now() - started).toBeLessThan(5000);
  });
});
