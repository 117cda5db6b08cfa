/**
 * RFC 3986 percent-encoding: everything except the unreserved characters. encodeURIComponent leaves five
 * reserved ones (`!'()*`) as they are; SigV4 (functions/common/aws/signed-request.ts) and OAuth 1.0a
 * (functions/adapters/x-oauth1.ts) both need them encoded.
 */
export const encodeRfc3986 = (value: string): string =>
  encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
