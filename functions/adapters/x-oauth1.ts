import { createHmac, randomBytes } from 'node:crypto';
import { encodeRfc3986 } from '../common/percent-encoding';

/**
 * OAuth 1.0a request signing (RFC 5849, HMAC-SHA1), as X requires for posting on behalf of an account
 * with the access token and secret issued in its developer console. Those tokens do not expire.
 *
 * What is signed: the method, the URL without its query, and every query parameter plus the oauth_*
 * parameters. JSON and multipart bodies are not part of the signature; Sebar sends no form-encoded
 * bodies to X, so `formParams` is only there to check the algorithm against published examples.
 */

export interface OAuth1Credentials {
  readonly consumerKey: string;
  readonly consumerSecret: string;
  readonly token: string;
  readonly tokenSecret: string;
}

/** RFC 3986 percent-encoding, as OAuth 1.0a's signature base string requires. */
export const percentEncode = encodeRfc3986;

/** The URL as signed: no query or fragment. WHATWG URL has already lower-cased the host and dropped a default port. */
const baseUrl = (url: URL): string => `${url.protocol}//${url.host}${url.pathname}`;

export const signatureBaseString = (
  method: string,
  url: URL,
  oauthParams: Record<string, string>,
  formParams: [string, string][] = [],
): string => {
  const pairs: [string, string][] = [
    ...[...url.searchParams.entries()],
    ...formParams,
    // The signature itself and the realm are never signed (RFC 5849, 3.4.1.3.1).
    ...Object.entries(oauthParams).filter(([k]) => k !== 'oauth_signature' && k !== 'realm'),
  ].map(([k, v]) => [percentEncode(k), percentEncode(v)]);
  pairs.sort(([ak, av], [bk, bv]) => (ak === bk ? (av < bv ? -1 : av > bv ? 1 : 0) : ak < bk ? -1 : 1));
  const parameterString = pairs.map(([k, v]) => `${k}=${v}`).join('&');
  return [method.toUpperCase(), percentEncode(baseUrl(url)), percentEncode(parameterString)].join('&');
};

export const sign = (baseString: string, consumerSecret: string, tokenSecret: string): string =>
  createHmac('sha1', `${percentEncode(consumerSecret)}&${percentEncode(tokenSecret)}`)
    .update(baseString)
    .digest('base64');

/** The Authorization header value for one request. Nonce and timestamp can be fixed for tests. */
export const authorizationHeader = (
  method: string,
  url: URL,
  credentials: OAuth1Credentials,
  fixed: { nonce?: string; timestamp?: number; formParams?: [string, string][] } = {},
): string => {
  const oauth: Record<string, string> = {
    oauth_consumer_key: credentials.consumerKey,
    oauth_nonce: fixed.nonce ?? randomBytes(24).toString('hex'),
    oauth_signature_method: 'HMAC-SHA1',
    oauth_timestamp: String(fixed.timestamp ?? Math.floor(Date.now() / 1000)),
    oauth_token: credentials.token,
    oauth_version: '1.0',
  };
  oauth.oauth_signature = sign(
    signatureBaseString(method, url, oauth, fixed.formParams),
    credentials.consumerSecret,
    credentials.tokenSecret,
  );
  return `OAuth ${Object.entries(oauth)
    .map(([k, v]) => `${percentEncode(k)}="${percentEncode(v)}"`)
    .join(', ')}`;
};

/** Reads an `Authorization: OAuth ...` header back into its parameters (the sandbox checks them). */
export const parseAuthorizationHeader = (header: string): Record<string, string> | undefined => {
  if (!/^OAuth\s+/i.test(header)) return undefined;
  const out: Record<string, string> = {};
  for (const m of header.replace(/^OAuth\s+/i, '').matchAll(/([A-Za-z0-9_%.-]+)="([^"]*)"/g)) {
    const [, key = '', value = ''] = m;
    try {
      out[decodeURIComponent(key)] = decodeURIComponent(value);
    } catch {
      return undefined;
    }
  }
  return out;
};
