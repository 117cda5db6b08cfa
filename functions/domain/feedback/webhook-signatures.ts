import { createHmac } from 'node:crypto';
import { safeEqual } from '../approval/signing';

/** Meta: X-Hub-Signature-256 is "sha256=" + hex HMAC-SHA256 of the raw body, keyed with the app secret. */
export const metaSignature = (appSecret: string, rawBody: Buffer): string =>
  `sha256=${createHmac('sha256', appSecret).update(rawBody).digest('hex')}`;

export const verifyMetaSignature = (
  appSecret: string,
  rawBody: Buffer,
  header: string | undefined,
): boolean => typeof header === 'string' && safeEqual(metaSignature(appSecret, rawBody), header.trim());

/** X: x-twitter-webhooks-signature is "sha256=" + base64 HMAC-SHA256 of the raw body, keyed with the consumer secret. */
export const xSignature = (consumerSecret: string, rawBody: Buffer | string): string =>
  `sha256=${createHmac('sha256', consumerSecret).update(rawBody).digest('base64')}`;

export const verifyXSignature = (
  consumerSecret: string,
  rawBody: Buffer,
  header: string | undefined,
): boolean => typeof header === 'string' && safeEqual(xSignature(consumerSecret, rawBody), header.trim());

/** X's CRC answer: the same HMAC over the crc_token. */
export const xCrcResponse = (consumerSecret: string, crcToken: string) => ({
  response_token: xSignature(consumerSecret, crcToken),
});
