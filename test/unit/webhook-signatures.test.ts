import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  metaSignature,
  verifyMetaSignature,
  verifyXSignature,
  xCrcResponse,
  xSignature,
} from '../../functions/domain/feedback/webhook-signatures';

const SECRET = 'test-secret';
const IG_BODY = '{"object":"instagram"}';
const X_BODY = '{"for_user_id":"1500000000000000001"}';

// Fixed vectors, computed once outside the code under test with
//   node -e "crypto.createHmac('sha256','test-secret').update(BODY).digest('hex' | 'base64')"
const IG_VECTOR = 'sha256=7c31a2d2e96f9ed0a962a1567c64fb3979163e7bba2cfb53e0095c4a6fb30dde';
const X_VECTOR = 'sha256=O/ld7mcOiR101gt6AV2ZcIF8NDOusYfimm0AS6NlxTo=';
const CRC_VECTOR = 'sha256=2AgeU8v67ywDSGJPCfdpyxid7iPnCDMJFnCj5PNbxhg=';

// The published algorithms, written independently of the module under test.
const metaExpected = (secret: string, body: Buffer) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
const xExpected = (secret: string, body: Buffer | string) =>
  `sha256=${createHmac('sha256', secret).update(body).digest('base64')}`;

/** The same buffer with one byte changed. */
const flipByte = (b: Buffer, at: number): Buffer => {
  const copy = Buffer.from(b);
  copy[at] = (copy[at] ?? 0) ^ 0x01;
  return copy;
};

/** The same signature with one character of the digest changed (still well-formed). */
const flipSigChar = (sig: string): string => {
  const at = sig.length - 3;
  return `${sig.slice(0, at)}${sig[at] === 'a' ? 'b' : 'a'}${sig.slice(at + 1)}`;
};

describe('Meta X-Hub-Signature-256', () => {
  const body = Buffer.from(IG_BODY);

  it('matches the fixed known vector', () => {
    expect(metaSignature(SECRET, body)).toBe(IG_VECTOR);
    expect(verifyMetaSignature(SECRET, body, IG_VECTOR)).toBe(true);
  });

  it('matches an independent HMAC over a realistic UTF-8 payload', () => {
    const raw = Buffer.from(
      JSON.stringify({
        object: 'instagram',
        entry: [
          { id: '1', changes: [{ field: 'comments', value: { id: 'c1', text: 'Terima kasih infonya 🙏' } }] },
        ],
      }),
    );
    expect(metaSignature('app-secret-xyz', raw)).toBe(metaExpected('app-secret-xyz', raw));
    expect(verifyMetaSignature('app-secret-xyz', raw, metaExpected('app-secret-xyz', raw))).toBe(true);
  });

  it('is lower-case hex after the sha256= prefix', () => {
    expect(metaSignature(SECRET, body)).toMatch(/^sha256=[0-9a-f]{64}$/);
  });

  it('accepts surrounding whitespace in the header', () => {
    expect(verifyMetaSignature(SECRET, body, `  ${IG_VECTOR}\t`)).toBe(true);
  });

  it('refuses a body with any one byte changed', () => {
    for (const at of [0, 5, body.length - 1]) {
      expect(verifyMetaSignature(SECRET, flipByte(body, at), IG_VECTOR)).toBe(false);
    }
    expect(verifyMetaSignature(SECRET, Buffer.from(`${IG_BODY} `), IG_VECTOR)).toBe(false);
  });

  it('refuses a signature with one character changed, a wrong secret, or a wrong encoding', () => {
    expect(verifyMetaSignature(SECRET, body, flipSigChar(IG_VECTOR))).toBe(false);
    expect(verifyMetaSignature('other-secret', body, IG_VECTOR)).toBe(false);
    expect(verifyMetaSignature(SECRET, body, IG_VECTOR.replace('sha256=', ''))).toBe(false);
    expect(verifyMetaSignature(SECRET, body, IG_VECTOR.replace('sha256=', 'sha1='))).toBe(false);
    expect(verifyMetaSignature(SECRET, body, xExpected(SECRET, body))).toBe(false);
  });

  it('refuses a missing or empty header', () => {
    expect(verifyMetaSignature(SECRET, body, undefined)).toBe(false);
    expect(verifyMetaSignature(SECRET, body, '')).toBe(false);
    expect(verifyMetaSignature(SECRET, body, 'sha256=')).toBe(false);
  });
});

describe('X x-twitter-webhooks-signature', () => {
  const body = Buffer.from(X_BODY);

  it('matches the fixed known vector', () => {
    expect(xSignature(SECRET, body)).toBe(X_VECTOR);
    expect(verifyXSignature(SECRET, body, X_VECTOR)).toBe(true);
  });

  it('matches an independent HMAC, for a buffer and the same string alike', () => {
    const raw = '{"for_user_id":"1","tweet_create_events":[{"text":"Kapan vaksin dibuka? 💉"}]}';
    expect(xSignature('consumer-secret', Buffer.from(raw))).toBe(xExpected('consumer-secret', raw));
    expect(xSignature('consumer-secret', raw)).toBe(xExpected('consumer-secret', raw));
  });

  it('is standard base64 (not hex, not base64url) after the sha256= prefix', () => {
    expect(xSignature(SECRET, body)).toMatch(/^sha256=[A-Za-z0-9+/]{43}=$/);
  });

  it('refuses a body with any one byte changed', () => {
    for (const at of [0, 10, body.length - 1]) {
      expect(verifyXSignature(SECRET, flipByte(body, at), X_VECTOR)).toBe(false);
    }
  });

  it('refuses a changed signature, a wrong secret, or the Meta (hex) form', () => {
    expect(verifyXSignature(SECRET, body, flipSigChar(X_VECTOR))).toBe(false);
    expect(verifyXSignature('other-secret', body, X_VECTOR)).toBe(false);
    expect(verifyXSignature(SECRET, body, metaExpected(SECRET, body))).toBe(false);
  });

  it('refuses a missing or empty header', () => {
    expect(verifyXSignature(SECRET, body, undefined)).toBe(false);
    expect(verifyXSignature(SECRET, body, '')).toBe(false);
  });
});

describe('X CRC challenge', () => {
  it('answers response_token = sha256= + base64 HMAC of the crc_token (fixed vector)', () => {
    expect(xCrcResponse(SECRET, 'crc-token-123')).toEqual({ response_token: CRC_VECTOR });
  });

  it('matches an independent HMAC for another token and secret', () => {
    expect(xCrcResponse('consumer-secret', 'abc').response_token).toBe(xExpected('consumer-secret', 'abc'));
    expect(xCrcResponse('consumer-secret', 'abd').response_token).not.toBe(
      xExpected('consumer-secret', 'abc'),
    );
  });
});
