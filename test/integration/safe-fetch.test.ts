import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FETCH_REFUSED_MESSAGE,
  isPublicAddress,
  MediaFetchRefusedError,
  MediaTooLargeError,
  type SafeFetchOptions,
  safeFetch,
} from '../../functions/adapters/safe-fetch';

const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 1, 2, 3, 4]);
const MiB = 1024 * 1024;

const strict: SafeFetchOptions = { allowPrivate: false, maxBytes: 8 * MiB, timeoutMs: 2000, maxRedirects: 3 };
const local: SafeFetchOptions = { ...strict, allowPrivate: true };

let server: http.Server;
let base: string;
let closedPort: number;
let endlessClosed = false;
let endlessSent = 0;

const refusal = async (p: Promise<unknown>): Promise<unknown> => {
  try {
    await p;
  } catch (error) {
    return error;
  }
  throw new Error('expected a refusal');
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    if (url.pathname === '/image.png') {
      res.writeHead(200, { 'content-type': 'image/png' }).end(PNG);
    } else if (url.pathname.startsWith('/hop/')) {
      const n = Number(url.pathname.slice(5));
      res.writeHead(302, { location: n > 0 ? `/hop/${n - 1}` : '/image.png' }).end();
    } else if (url.pathname === '/to-metadata') {
      res.writeHead(302, { location: 'http://169.254.169.254/latest/meta-data/' }).end();
    } else if (url.pathname === '/to-mapped') {
      res
        .writeHead(307, { location: `http://[::ffff:10.0.0.1]:${(server.address() as AddressInfo).port}/` })
        .end();
    } else if (url.pathname === '/endless') {
      endlessSent = 0;
      endlessClosed = false;
      res.writeHead(200, { 'content-type': 'image/png' });
      const chunk = Buffer.alloc(64 * 1024, 7);
      const pump = () => {
        while (!res.destroyed && res.write(chunk)) endlessSent += chunk.length;
        if (!res.destroyed) res.once('drain', pump);
      };
      res.on('close', () => {
        endlessClosed = true;
      });
      pump();
    } else if (url.pathname === '/silent') {
      // Never answers.
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const probe = http.createServer();
  await new Promise<void>((r) => probe.listen(0, '127.0.0.1', r));
  closedPort = (probe.address() as AddressInfo).port;
  await new Promise<void>((r) => probe.close(() => r()));
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('safeFetch against real local servers', () => {
  it('refuses loopback without the setting, with the same message for an open and a closed port', async () => {
    const open = await refusal(safeFetch(`${base}/image.png`, strict));
    const closed = await refusal(safeFetch(`http://127.0.0.1:${closedPort}/image.png`, strict));
    for (const e of [open, closed]) {
      expect(e).toBeInstanceOf(MediaFetchRefusedError);
      expect((e as Error).message).toBe(FETCH_REFUSED_MESSAGE);
    }
    expect((open as Error).message).toBe((closed as Error).message);
  });

  it('refuses every private literal form and non-http(s) schemes with the one message', async () => {
    for (const url of [
      'http://[::1]/',
      'http://[::ffff:127.0.0.1]/',
      'http://169.254.169.254/latest/meta-data/',
      'http://[fd00:ec2::254]/',
      'http://2130706433/',
      'http://0x7f.1/',
      'http://localhost/',
      'file:///etc/passwd',
      'ftp://example.org/a.png',
    ]) {
      const e = await refusal(safeFetch(url, strict));
      expect((e as Error).message, url).toBe(FETCH_REFUSED_MESSAGE);
    }
  });

  it('fetches from a local server with the setting', async () => {
    const out = await safeFetch(`${base}/image.png`, local);
    expect(out.bytes.equals(PNG)).toBe(true);
    expect(out.contentType).toBe('image/png');
  });

  it('follows up to 3 redirects and refuses a 4th', async () => {
    expect((await safeFetch(`${base}/hop/2`, local)).bytes.equals(PNG)).toBe(true);
    const e = await refusal(safeFetch(`${base}/hop/3`, local));
    expect(e).toBeInstanceOf(MediaFetchRefusedError);
    expect((e as MediaFetchRefusedError).reason).toBe('more than 3 redirects');
  });

  it('checks every hop: a redirect from an allowed host to a private one is refused', async () => {
    // Only this test server's address counts as allowed, as a public host would.
    const onlyThisHost: SafeFetchOptions = {
      ...strict,
      addressAllowed: (a) => a === '127.0.0.1' || isPublicAddress(a),
    };
    expect((await safeFetch(`${base}/hop/1`, onlyThisHost)).bytes.equals(PNG)).toBe(true);
    for (const path of ['/to-metadata', '/to-mapped']) {
      const e = await refusal(safeFetch(`${base}${path}`, onlyThisHost));
      expect((e as Error).message).toBe(FETCH_REFUSED_MESSAGE);
      expect((e as MediaFetchRefusedError).reason).toMatch(/non-public/);
    }
  });

  it('refuses a non-2xx answer with the one message', async () => {
    const e = await refusal(safeFetch(`${base}/missing.png`, local));
    expect((e as Error).message).toBe(FETCH_REFUSED_MESSAGE);
  });

  it('aborts an endless body at the limit, in constant memory', async () => {
    global.gc?.();
    const before = process.memoryUsage().rss;
    const e = await refusal(safeFetch(`${base}/endless`, local));
    const grew = process.memoryUsage().rss - before;
    expect(e).toBeInstanceOf(MediaTooLargeError);
    await expect.poll(() => endlessClosed, { timeout: 2000 }).toBe(true);
    expect(endlessSent).toBeLessThan(64 * MiB);
    expect(grew).toBeLessThan(50 * MiB);
  });

  it('gives up after the total timeout', async () => {
    const started = Date.now();
    const e = await refusal(safeFetch(`${base}/silent`, { ...local, timeoutMs: 300 }));
    expect((e as Error).message).toBe(FETCH_REFUSED_MESSAGE);
    expect((e as MediaFetchRefusedError).reason).toMatch(/within 300 ms/);
    expect(Date.now() - started).toBeLessThan(2000);
  });
});
