import { lookup } from 'node:dns/promises';
import http, { type IncomingMessage } from 'node:http';
import https from 'node:https';
import ipaddr from 'ipaddr.js';
import { log } from '../common/logger';

/**
 * Fetches an image a member of staff pointed at, without letting the URL reach inside the network.
 * Every hop is resolved here, every resolved address must be public unicast, the connection goes to the
 * address that was checked (no second DNS lookup), redirects are followed by hand (a few at most), the body
 * is streamed against a hard byte limit, and the whole fetch has one deadline.
 *
 * Every refusal carries the same message, so a caller cannot tell an open port from a closed one or a
 * private address from a dead host; the reason goes to the log only.
 */

/** The one message a caller sees for every refusal (address, port, status, protocol, timeout). */
export const FETCH_REFUSED_MESSAGE = 'could not fetch the image at this address';

export class MediaFetchRefusedError extends Error {
  /** Why, for the log only: never shown to the caller. */
  readonly reason: string;
  constructor(reason: string) {
    super(FETCH_REFUSED_MESSAGE);
    this.name = new.target.name;
    this.reason = reason;
  }
}

export class MediaTooLargeError extends Error {
  readonly limit: number;
  constructor(limit: number) {
    super(`the image is over ${limit} bytes`);
    this.name = new.target.name;
    this.limit = limit;
  }
}

export interface SafeFetchOptions {
  /** Reach loopback and private addresses (local tests only); the size limit still holds. */
  readonly allowPrivate: boolean;
  readonly maxBytes: number;
  readonly timeoutMs: number;
  readonly maxRedirects: number;
  /** Which resolved addresses may be reached; isPublicAddress unless given (tests narrow it). */
  readonly addressAllowed?: (address: string) => boolean;
}

export interface FetchedBody {
  readonly bytes: Buffer;
  readonly contentType?: string;
  /** The URL the bytes finally came from (after redirects). */
  readonly finalUrl: string;
}

/**
 * True when `address` is an IP address a fetch may go to: public unicast only. IPv4-mapped IPv6 forms are
 * judged as the IPv4 address they carry (`process()`); everything ipaddr.js does not call `unicast`
 * (loopback, private, link-local incl. 169.254.169.254, unique-local incl. fd00:ec2::254, CGNAT, multicast,
 * unspecified, broadcast, reserved, 6to4, Teredo, NAT64, …) is refused. Never throws.
 */
export const isPublicAddress = (address: string): boolean => {
  try {
    if (typeof address !== 'string') return false;
    // Only canonical forms: dotted-quad IPv4 or IPv6 (not "127.1", "0x7f.1" or a bare integer).
    if (!ipaddr.IPv4.isValidFourPartDecimal(address) && !ipaddr.IPv6.isValid(address)) return false;
    const ip = ipaddr.process(address);
    return ip.range() === 'unicast';
  } catch {
    return false;
  }
};

const REDIRECTS = new Set([301, 302, 303, 307, 308]);

const parseHttpUrl = (raw: string): URL => {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new MediaFetchRefusedError('not a URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:')
    throw new MediaFetchRefusedError(`protocol ${url.protocol} is not http(s)`);
  if (url.username || url.password) throw new MediaFetchRefusedError('credentials in the URL');
  return url;
};

/** `work`, or a rejection as soon as `signal` aborts: a resolver that hangs cannot outlast the deadline. */
const untilAborted = <T>(work: Promise<T>, signal: AbortSignal): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(new Error('aborted'));
    if (signal.aborted) return onAbort();
    signal.addEventListener('abort', onAbort, { once: true });
    work.then(resolve, reject).finally(() => signal.removeEventListener('abort', onAbort));
  });

/** Resolves the host and returns one address to connect to, after checking every address it resolves to. */
const resolveChecked = async (
  url: URL,
  options: SafeFetchOptions,
  signal: AbortSignal,
): Promise<{ address: string; family: number }> => {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  let addresses: { address: string; family: number }[];
  try {
    addresses = await untilAborted(lookup(host, { all: true, verbatim: true }), signal);
  } catch (error) {
    if (signal.aborted) throw error;
    throw new MediaFetchRefusedError(`DNS lookup of ${host} failed: ${(error as Error).message}`);
  }
  const first = addresses[0];
  if (!first) throw new MediaFetchRefusedError(`${host} resolves to no address`);
  if (!options.allowPrivate) {
    const allowed = options.addressAllowed ?? isPublicAddress;
    const refused = addresses.find((a) => !allowed(a.address));
    if (refused) throw new MediaFetchRefusedError(`${host} resolves to non-public ${refused.address}`);
  }
  return first;
};

const request = (
  url: URL,
  target: { address: string; family: number },
  signal: AbortSignal,
): Promise<IncomingMessage> =>
  new Promise((resolve, reject) => {
    const isHttps = url.protocol === 'https:';
    const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
    const req = (isHttps ? https : http).request({
      protocol: url.protocol,
      host: target.address,
      family: target.family,
      port: url.port || (isHttps ? 443 : 80),
      path: `${url.pathname}${url.search}`,
      method: 'GET',
      headers: { host: url.host, accept: 'image/jpeg, image/png', 'user-agent': 'Sebar media fetch' },
      // TLS: SNI and the certificate check use the name, the socket goes to the checked address.
      ...(isHttps && !ipaddr.isValid(host) ? { servername: host } : {}),
      signal,
      agent: false,
    });
    req.once('response', resolve);
    req.once('error', reject);
    req.end();
  });

/** Reads the body, holding at most `maxBytes`; aborts the moment the limit is passed. */
const readLimited = async (res: IncomingMessage, maxBytes: number): Promise<Buffer> => {
  const declared = Number(res.headers['content-length'] ?? 0);
  if (declared > maxBytes) {
    res.destroy();
    throw new MediaTooLargeError(maxBytes);
  }
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of res as AsyncIterable<Buffer>) {
    total += chunk.length;
    if (total > maxBytes) {
      res.destroy();
      throw new MediaTooLargeError(maxBytes);
    }
    chunks.push(chunk);
  }
  return Buffer.concat(chunks, total);
};

/**
 * GETs `raw` safely (see the module comment). Throws MediaFetchRefusedError (one message) or
 * MediaTooLargeError; nothing else escapes.
 */
export const safeFetch = async (raw: string, options: SafeFetchOptions): Promise<FetchedBody> => {
  const controller = new AbortController();
  const timer = setTimeout(() => controller.abort(), options.timeoutMs);
  let url: URL | undefined;
  try {
    url = parseHttpUrl(raw);
    for (let hop = 0; ; hop++) {
      const target = await resolveChecked(url, options, controller.signal);
      const res = await request(url, target, controller.signal);
      const status = res.statusCode ?? 0;
      if (REDIRECTS.has(status)) {
        res.destroy();
        const location = res.headers.location;
        if (!location) throw new MediaFetchRefusedError(`redirect ${status} without a Location`);
        if (hop >= options.maxRedirects)
          throw new MediaFetchRefusedError(`more than ${options.maxRedirects} redirects`);
        let next: string;
        try {
          next = new URL(location, url).toString();
        } catch {
          throw new MediaFetchRefusedError('redirect to an invalid URL');
        }
        url = parseHttpUrl(next);
        continue;
      }
      if (status < 200 || status > 299) {
        res.destroy();
        throw new MediaFetchRefusedError(`answered ${status}`);
      }
      const bytes = await readLimited(res, options.maxBytes);
      const type = res.headers['content-type'];
      return { bytes, contentType: typeof type === 'string' ? type : undefined, finalUrl: url.toString() };
    }
  } catch (error) {
    const reason =
      error instanceof MediaFetchRefusedError
        ? error.reason
        : error instanceof MediaTooLargeError
          ? 'over the size limit'
          : controller.signal.aborted
            ? `no complete answer within ${options.timeoutMs} ms`
            : `network error: ${(error as Error)?.message}`;
    log.warn('media fetch refused', { url: url?.origin, reason });
    if (error instanceof MediaTooLargeError) throw error;
    if (error instanceof MediaFetchRefusedError) throw error;
    throw new MediaFetchRefusedError(reason);
  } finally {
    clearTimeout(timer);
  }
};
