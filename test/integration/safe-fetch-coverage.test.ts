import http from 'node:http';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  FETCH_REFUSED_MESSAGE,
  MediaFetchRefusedError,
  MediaTooLargeError,
  type SafeFetchOptions,
  safeFetch,
} from '../../functions/adapters/safe-fetch';

/**
 * What safe-fetch.test.ts left open (issue 12, item 8): the URL check over arbitrary input, a refusal for
 * every address family and every IPv4 spelling (with the reason, so a refusal for another cause does not
 * pass), the hop rules, and the size limit measured: where the abort happens and what it costs in memory.
 */

const MiB = 1024 * 1024;
const strict: SafeFetchOptions = { allowPrivate: false, maxBytes: 8 * MiB, timeoutMs: 2000, maxRedirects: 3 };
const local: SafeFetchOptions = { ...strict, allowPrivate: true };

let server: http.Server;
let base: string;
let port: number;
const stream = { sent: 0, closed: false };

const refusal = async (p: Promise<unknown>): Promise<MediaFetchRefusedError | MediaTooLargeError> => {
  try {
    await p;
  } catch (error) {
    if (error instanceof MediaFetchRefusedError || error instanceof MediaTooLargeError) return error;
    throw new Error(`expected a refusal, got ${String(error)}`);
  }
  throw new Error('expected a refusal, got a body');
};

/** Writes `total` bytes in 64 KiB chunks as fast as the client reads, counting what left the server. */
const pour = (res: http.ServerResponse, total: number) => {
  stream.sent = 0;
  stream.closed = false;
  const chunk = Buffer.alloc(64 * 1024, 7);
  res.on('close', () => {
    stream.closed = true;
  });
  const pump = () => {
    while (!res.destroyed && stream.sent < total) {
      const piece = chunk.subarray(0, Math.min(chunk.length, total - stream.sent));
      stream.sent += piece.length;
      if (!res.write(piece)) return void res.once('drain', pump);
    }
    if (!res.destroyed) res.end();
  };
  pump();
};

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://x');
    const redirect = (location: string) => res.writeHead(302, { location }).end();
    if (url.pathname.startsWith('/bytes/')) {
      // No content-length: the limit must be found while streaming.
      res.writeHead(200, { 'content-type': 'image/png' });
      pour(res, Number(url.pathname.slice(7)));
    } else if (url.pathname === '/declared-large') {
      res.writeHead(200, { 'content-type': 'image/png', 'content-length': String(512 * MiB) });
      pour(res, 512 * MiB);
    } else if (url.pathname.startsWith('/hop/')) {
      const n = Number(url.pathname.slice(5));
      redirect(n > 0 ? `/hop/${n - 1}` : '/bytes/16');
    } else if (url.pathname === '/to') {
      redirect(url.searchParams.get('location') ?? '/');
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise<void>((r) => server.close(() => r()));
});

describe('the URL check over any input', () => {
  it('never throws anything but the one refusal, and never reaches an address it refused', async () => {
    // Hosts are IP literals in every spelling, localhost, or junk: no outside DNS, no outside connection
    // (every resolved address is refused and recorded, so nothing is ever connected to).
    const ipv4Spellings = fc
      .integer({ min: 0, max: 0xffffffff })
      .chain((n) =>
        fc.constantFrom(
          String(n),
          `0x${n.toString(16)}`,
          `0${n.toString(8)}`,
          [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.'),
          [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].map((b) => `0x${b.toString(16)}`).join('.'),
          `${n >>> 24}.${n & 0xffffff}`,
        ),
      );
    const host = fc.oneof(
      ipv4Spellings,
      fc.ipV6().map((a) => `[${a}]`),
      fc.ipV4().map((a) => `[::ffff:${a}]`),
      fc.constantFrom('localhost', '', '[', '[::1', '%00', '..', 'a@b', ':80'),
      fc.string({ maxLength: 12 }).filter((s) => !/[a-z]/i.test(s)),
    );
    const url = fc.oneof(
      fc
        .tuple(
          fc.constantFrom('http://', 'https://', 'HTTP://', 'ftp://', 'file://', '//', ''),
          host,
          fc.string({ maxLength: 20 }),
        )
        .map(([scheme, h, rest]) => `${scheme}${h}/${rest}`),
      fc.string({ maxLength: 60 }).filter((s) => !/[a-z]{2,}\.[a-z]/i.test(s)),
    );
    await fc.assert(
      fc.asyncProperty(url, async (raw) => {
        const checked: string[] = [];
        const options: SafeFetchOptions = {
          ...strict,
          timeoutMs: 500,
          addressAllowed: (a) => {
            checked.push(a);
            return false;
          },
        };
        const e = await refusal(safeFetch(raw, options));
        expect(e).toBeInstanceOf(MediaFetchRefusedError);
        expect(e.message).toBe(FETCH_REFUSED_MESSAGE);
        // Whatever it looked at, it refused before connecting: the reason is never a network error.
        expect((e as MediaFetchRefusedError).reason).not.toMatch(/network error|within/);
      }),
      { numRuns: 400, seed: 20261201 },
    );
  });

  it('judges every spelling of an IPv4 address as that address', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 0, max: 0xffffffff }), async (n) => {
        const dotted = [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
        for (const spelling of [String(n), `0x${n.toString(16)}`, `0${n.toString(8)}`, dotted]) {
          const checked: string[] = [];
          await refusal(
            safeFetch(`http://${spelling}/a.png`, {
              ...strict,
              addressAllowed: (a) => {
                checked.push(a);
                return false;
              },
            }),
          );
          expect(checked, spelling).toEqual([dotted]);
        }
      }),
      { numRuns: 200, seed: 7 },
    );
  });
});

describe('SSRF refusals, with the reason', () => {
  const nonPublic = async (url: string, options = strict) => {
    const e = await refusal(safeFetch(url, options));
    expect(e.message, url).toBe(FETCH_REFUSED_MESSAGE);
    expect((e as MediaFetchRefusedError).reason, url).toMatch(/resolves to non-public/);
  };

  it.each([
    ['IPv4 loopback', ['http://127.0.0.1/', 'http://127.255.255.254/']],
    [
      'IPv4 private',
      ['http://10.0.0.1/', 'http://172.16.0.1/', 'http://172.31.255.254/', 'http://192.168.1.1/'],
    ],
    [
      'IPv4 link-local and the metadata address',
      ['http://169.254.0.1/', 'http://169.254.169.254/latest/meta-data/'],
    ],
    ['CGNAT', ['http://100.64.0.1/', 'http://100.127.255.254/']],
    ['unspecified and broadcast', ['http://0.0.0.0/', 'http://255.255.255.255/']],
    ['IPv6 loopback and unspecified', ['http://[::1]/', 'http://[::]/']],
    ['IPv6 unique-local (incl. the metadata address)', ['http://[fc00::1]/', 'http://[fd00:ec2::254]/']],
    ['IPv6 link-local', ['http://[fe80::1]/', 'http://[febf::1]/']],
    [
      'IPv4-mapped IPv6',
      ['http://[::ffff:127.0.0.1]/', 'http://[::ffff:7f00:1]/', 'http://[::ffff:169.254.169.254]/'],
    ],
    [
      'IPv4 in decimal, hex and octal',
      [
        'http://2130706433/',
        'http://0x7f000001/',
        'http://0x7f.1/',
        'http://0177.0.0.1/',
        'http://017700000001/',
        'http://127.1/',
        'http://0xa9.0xfe.0xa9.0xfe/',
      ],
    ],
  ])('%s', async (_family, urls) => {
    for (const url of urls) await nonPublic(url);
  });

  it('a host name that resolves to a private address (localhost, through the resolver)', async () => {
    await nonPublic(`http://localhost:${port}/bytes/16`);
    // The same server is reachable by its address with the local setting: the refusal was the address.
    expect((await safeFetch(`http://localhost:${port}/bytes/16`, local)).bytes.length).toBe(16);
  });

  it('a public-looking hop that redirects to a private address is refused at that hop', async () => {
    // This server stands in for a public host: only its own address counts as allowed.
    const publicLooking: SafeFetchOptions = { ...strict, addressAllowed: (a) => a === '127.0.0.1' };
    expect((await safeFetch(`${base}/hop/1`, publicLooking)).bytes.length).toBe(16);
    for (const target of [
      'http://10.0.0.1/x.png',
      'http://[::1]/x.png',
      'http://2852039166/latest/meta-data/',
      'http://[::ffff:192.168.0.1]/',
    ]) {
      const e = await refusal(safeFetch(`${base}/to?location=${encodeURIComponent(target)}`, publicLooking));
      expect((e as MediaFetchRefusedError).reason, target).toMatch(/resolves to non-public/);
    }
    // A redirect to a scheme that is not http(s) is refused too.
    const file = await refusal(
      safeFetch(`${base}/to?location=${encodeURIComponent('file:///etc/passwd')}`, publicLooking),
    );
    expect((file as MediaFetchRefusedError).reason).toMatch(/not http/);
  });

  it('three redirects are followed; a fourth is refused, whatever the last hop is', async () => {
    expect((await safeFetch(`${base}/hop/2`, local)).bytes.length).toBe(16);
    for (const path of ['/hop/3', '/hop/10']) {
      const e = await refusal(safeFetch(`${base}${path}`, local));
      expect((e as MediaFetchRefusedError).reason).toBe('more than 3 redirects');
    }
  });
});

describe('the size limit', () => {
  const limit = 8 * MiB;

  it('is exact: a body of the limit is taken, one byte more is refused', async () => {
    expect((await safeFetch(`${base}/bytes/${limit}`, local)).bytes.length).toBe(limit);
    expect(await refusal(safeFetch(`${base}/bytes/${limit + 1}`, local))).toBeInstanceOf(MediaTooLargeError);
  });

  it('a declared length over the limit is refused before the body is read', async () => {
    expect(await refusal(safeFetch(`${base}/declared-large`, local))).toBeInstanceOf(MediaTooLargeError);
    await expect.poll(() => stream.closed, { timeout: 2000 }).toBe(true);
    expect(stream.sent).toBeLessThan(limit);
  });

  it('a 512 MiB streamed body is cut at the limit, in memory far below the body', async () => {
    const body = 512 * MiB;
    global.gc?.();
    const before = process.memoryUsage();
    let peak = before.rss;
    let samples = 0;
    const sampler = setInterval(() => {
      samples++;
      peak = Math.max(peak, process.memoryUsage().rss);
    }, 2);
    const started = Date.now();
    const e = await refusal(safeFetch(`${base}/bytes/${body}`, { ...local, timeoutMs: 10_000 }));
    const ms = Date.now() - started;
    clearInterval(sampler);
    peak = Math.max(peak, process.memoryUsage().rss);
    expect(e).toBeInstanceOf(MediaTooLargeError);
    await expect.poll(() => stream.closed, { timeout: 2000 }).toBe(true);
    const growth = peak - before.rss;
    console.log(
      `size limit: ${limit / MiB} MiB limit, ${body / MiB} MiB body; the server got out ${(stream.sent / MiB).toFixed(1)} MiB before the connection closed; peak RSS growth ${(growth / MiB).toFixed(1)} MiB (${samples + 1} samples); ${ms} ms`,
    );
    // The abort came at the limit: what left the server is the limit plus what socket buffers hold.
    expect(stream.sent).toBeGreaterThan(limit);
    expect(stream.sent).toBeLessThan(limit + 16 * MiB);
    // Memory: the limit's worth of chunks at most, never the body.
    expect(growth).toBeLessThan(body / 8);
  });
});
