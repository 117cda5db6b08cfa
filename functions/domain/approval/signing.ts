import { createHmac, timingSafeEqual } from 'node:crypto';

export const hmac = (key: string, ...parts: (string | number)[]): string =>
  createHmac('sha256', key).update(parts.join('\n')).digest('base64url');

/** Constant-time comparison of two strings (false for different lengths without leaking where they differ). */
export const safeEqual = (a: string, b: string): boolean => {
  const ab = Buffer.from(a);
  const bb = Buffer.from(b);
  return ab.length === bb.length && timingSafeEqual(ab, bb);
};

export type LinkCheck = 'valid' | 'tampered' | 'expired';

/** An approval link signs the approval id, the approver it was sent to and its expiry (unix seconds). */
export const signApprovalLink = (key: string, approvalId: string, approver: string, exp: number): string =>
  hmac(key, 'approval-link', approvalId, approver.toLowerCase(), exp);

export const checkApprovalLink = (
  key: string,
  link: { approvalId: string; approver: string; exp: number; sig: string },
  nowSeconds = Math.floor(Date.now() / 1000),
): LinkCheck => {
  if (!safeEqual(signApprovalLink(key, link.approvalId, link.approver, link.exp), link.sig))
    return 'tampered';
  return link.exp < nowSeconds ? 'expired' : 'valid';
};

/** A per-page nonce: the decision form must come from a page we rendered recently for this approval. */
export const pageNonce = (key: string, approvalId: string, issuedAt: number): string =>
  `${issuedAt}.${hmac(key, 'approval-page', approvalId, issuedAt)}`;

export const checkPageNonce = (
  key: string,
  approvalId: string,
  nonce: string,
  maxAgeSeconds = 6 * 3600,
  nowSeconds = Math.floor(Date.now() / 1000),
): boolean => {
  const [issued, mac] = nonce.split('.');
  const issuedAt = Number(issued);
  if (!Number.isInteger(issuedAt) || !mac) return false;
  if (issuedAt > nowSeconds + 60 || nowSeconds - issuedAt > maxAgeSeconds) return false;
  return safeEqual(pageNonce(key, approvalId, issuedAt), nonce);
};
