import { describe, expect, it } from 'vitest';
import {
  checkApprovalLink,
  checkPageNonce,
  hmac,
  pageNonce,
  safeEqual,
  signApprovalLink,
} from '../../functions/domain/approval/signing';

const KEY = 'unit-test-signing-key-0123456789';
const NOW = 1_795_000_000; // 2026-11-18, unix seconds
const approvalId = 'aAbCdEfGhIjKlMnOpQrStUvWxYz';
const approver = 'kepala.dinas@dinkes.example.go.id';

const link = (
  overrides: Partial<{ approvalId: string; approver: string; exp: number; sig: string }> = {},
) => {
  const exp = NOW + 3600;
  return { approvalId, approver, exp, sig: signApprovalLink(KEY, approvalId, approver, exp), ...overrides };
};

/** Changes one character of a base64url string to another valid one. */
const flipChar = (s: string, at = 5): string =>
  `${s.slice(0, at)}${s[at] === 'A' ? 'B' : 'A'}${s.slice(at + 1)}`;

describe('hmac', () => {
  it('is deterministic, base64url, and separates parts (no ambiguity from concatenation)', () => {
    expect(hmac(KEY, 'a', 'b')).toBe(hmac(KEY, 'a', 'b'));
    expect(hmac(KEY, 'a', 'b')).toMatch(/^[A-Za-z0-9_-]{43}$/);
    expect(hmac(KEY, 'ab', '')).not.toBe(hmac(KEY, 'a', 'b'));
    expect(hmac('other-key', 'a', 'b')).not.toBe(hmac(KEY, 'a', 'b'));
  });
});

describe('approval links', () => {
  it('accepts the link as signed', () => {
    expect(checkApprovalLink(KEY, link(), NOW)).toBe('valid');
  });

  it('treats the approver case-insensitively (email addresses arrive in any case)', () => {
    expect(checkApprovalLink(KEY, link({ approver: approver.toUpperCase() }), NOW)).toBe('valid');
  });

  it('refuses a tampered signature', () => {
    const l = link();
    expect(checkApprovalLink(KEY, { ...l, sig: flipChar(l.sig) }, NOW)).toBe('tampered');
    expect(checkApprovalLink(KEY, { ...l, sig: l.sig.slice(0, -1) }, NOW)).toBe('tampered');
    expect(checkApprovalLink(KEY, { ...l, sig: '' }, NOW)).toBe('tampered');
  });

  it('refuses the link when checked for a different approver', () => {
    expect(checkApprovalLink(KEY, { ...link(), approver: 'sekretaris@dinkes.example.go.id' }, NOW)).toBe(
      'tampered',
    );
  });

  it('refuses the link for a different approval id', () => {
    expect(checkApprovalLink(KEY, { ...link(), approvalId: 'aOtherApproval' }, NOW)).toBe('tampered');
  });

  it('refuses a link whose expiry was pushed forward', () => {
    const l = link();
    expect(checkApprovalLink(KEY, { ...l, exp: l.exp + 86400 }, NOW)).toBe('tampered');
  });

  it('refuses a link signed with another key', () => {
    expect(checkApprovalLink('another-key', link(), NOW)).toBe('tampered');
  });

  it('reports an expired link once its expiry has passed, and not before', () => {
    const l = link();
    expect(checkApprovalLink(KEY, l, l.exp)).toBe('valid');
    expect(checkApprovalLink(KEY, l, l.exp + 1)).toBe('expired');
    expect(checkApprovalLink(KEY, l, l.exp + 7 * 86400)).toBe('expired');
  });

  it('reports tampering before expiry (an expired forged link is still a forgery)', () => {
    const l = link();
    expect(checkApprovalLink(KEY, { ...l, sig: flipChar(l.sig) }, l.exp + 10)).toBe('tampered');
  });
});

describe('page nonces', () => {
  it('accepts a fresh nonce for the same approval', () => {
    const nonce = pageNonce(KEY, approvalId, NOW);
    expect(nonce.startsWith(`${NOW}.`)).toBe(true);
    expect(checkPageNonce(KEY, approvalId, nonce, 6 * 3600, NOW + 120)).toBe(true);
  });

  it('accepts a nonce up to the maximum age and refuses it after', () => {
    const nonce = pageNonce(KEY, approvalId, NOW);
    expect(checkPageNonce(KEY, approvalId, nonce, 3600, NOW + 3600)).toBe(true);
    expect(checkPageNonce(KEY, approvalId, nonce, 3600, NOW + 3601)).toBe(false);
  });

  it('uses six hours as the default maximum age', () => {
    const nonce = pageNonce(KEY, approvalId, NOW);
    expect(checkPageNonce(KEY, approvalId, nonce, undefined, NOW + 6 * 3600)).toBe(true);
    expect(checkPageNonce(KEY, approvalId, nonce, undefined, NOW + 6 * 3600 + 1)).toBe(false);
  });

  it('refuses a nonce issued in the future beyond a minute of clock skew', () => {
    expect(checkPageNonce(KEY, approvalId, pageNonce(KEY, approvalId, NOW + 60), 3600, NOW)).toBe(true);
    expect(checkPageNonce(KEY, approvalId, pageNonce(KEY, approvalId, NOW + 61), 3600, NOW)).toBe(false);
    expect(checkPageNonce(KEY, approvalId, pageNonce(KEY, approvalId, NOW + 86400), 3600, NOW)).toBe(false);
  });

  it('refuses a nonce with a tampered mac or a changed issue time', () => {
    const nonce = pageNonce(KEY, approvalId, NOW);
    const [issued, mac] = nonce.split('.') as [string, string];
    expect(checkPageNonce(KEY, approvalId, `${issued}.${flipChar(mac)}`, 3600, NOW)).toBe(false);
    expect(checkPageNonce(KEY, approvalId, `${Number(issued) + 1}.${mac}`, 3600, NOW)).toBe(false);
  });

  it('refuses a nonce rendered for another approval', () => {
    expect(checkPageNonce(KEY, 'aOtherApproval', pageNonce(KEY, approvalId, NOW), 3600, NOW)).toBe(false);
  });

  it.each(['', '.', 'abc', `${NOW}`, `${NOW}.`, `x.${hmac(KEY, 'approval-page', approvalId, NOW)}`])(
    'refuses the malformed nonce %j',
    (nonce) => {
      expect(checkPageNonce(KEY, approvalId, nonce, 3600, NOW)).toBe(false);
    },
  );

  it('refuses a valid nonce with extra text appended', () => {
    expect(checkPageNonce(KEY, approvalId, `${pageNonce(KEY, approvalId, NOW)}.extra`, 3600, NOW)).toBe(
      false,
    );
  });
});

describe('safeEqual', () => {
  it('is true only for identical strings', () => {
    expect(safeEqual('abc', 'abc')).toBe(true);
    expect(safeEqual('', '')).toBe(true);
    expect(safeEqual('abc', 'abd')).toBe(false);
    expect(safeEqual('abc', 'ABC')).toBe(false);
  });

  it('is false (and does not throw) for different lengths', () => {
    expect(safeEqual('abc', 'abcd')).toBe(false);
    expect(safeEqual('', 'a')).toBe(false);
  });

  it('compares bytes, so strings of equal length but different UTF-8 size are unequal', () => {
    expect(safeEqual('é', 'e')).toBe(false);
    expect(safeEqual('ée', 'éé')).toBe(false);
    expect(safeEqual('Bandung ✓', 'Bandung ✓')).toBe(true);
  });
});
