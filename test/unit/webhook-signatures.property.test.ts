import { createHmac } from 'node:crypto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  metaSignature,
  verifyMetaSignature,
  verifyXSignature,
  xCrcResponse,
  xSignature,
} from '../../functions/domain/feedback/webhook-signatures';

/**
 * Properties of both webhook signature checks, over arbitrary bodies, secrets and headers. Expected
 * signatures are computed here with node:crypto, independently of the module under test.
 */

const RUNS = { numRuns: 300 };
const PREFIX = 'sha256=';
const HEX = '0123456789abcdef';
const BASE64 = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/';

const hmac = (secret: string, data: Buffer | string, encoding: 'hex' | 'base64'): string =>
  createHmac('sha256', secret).update(data).digest(encoding);

interface Scheme {
  readonly name: string;
  readonly encoding: 'hex' | 'base64';
  /** The characters a digest in this encoding is written with. */
  readonly alphabet: string;
  readonly other: 'hex' | 'base64';
  readonly sign: (secret: string, body: Buffer) => string;
  readonly verify: (secret: string, body: Buffer, header: string | undefined) => boolean;
}

const schemes: Scheme[] = [
  {
    name: 'Instagram X-Hub-Signature-256 (hex)',
    encoding: 'hex',
    alphabet: HEX,
    other: 'base64',
    sign: metaSignature,
    verify: verifyMetaSignature,
  },
  {
    name: 'X x-twitter-webhooks-signature (base64)',
    encoding: 'base64',
    alphabet: BASE64,
    other: 'hex',
    sign: xSignature,
    verify: verifyXSignature,
  },
];

/** Any bytes (mostly not UTF-8), real UTF-8 text, and the empty body. */
const anyBody = fc
  .oneof(
    { arbitrary: fc.uint8Array({ maxLength: 2048 }), weight: 6 },
    {
      arbitrary: fc.string({ unit: 'grapheme', maxLength: 200 }).map((s) => Buffer.from(s, 'utf8')),
      weight: 3,
    },
    { arbitrary: fc.constant(new Uint8Array(0)), weight: 1 },
  )
  .map((b) => Buffer.from(b));
const nonEmptyBody = anyBody.filter((b) => b.length > 0);

// HMAC zero-pads keys shorter than its block and hashes longer ones, so "a" and "a\0" (or a 65-byte key
// and its SHA-256) are the same key. Printable ASCII up to 64 characters keeps distinct secrets distinct.
const secret = fc.string({ unit: 'grapheme-ascii', minLength: 1, maxLength: 64 });
const twoSecrets = fc.tuple(secret, secret).filter(([a, b]) => a !== b);
/** Anything a header could hold, including lone surrogates and control characters. */
const anyString = fc.string({ unit: 'binary', maxLength: 200 });
const whitespace = fc.string({ unit: fc.constantFrom(' ', '\t', '\n', '\r'), minLength: 1, maxLength: 4 });

const swapCase = (c: string) => (c === c.toLowerCase() ? c.toUpperCase() : c.toLowerCase());

for (const s of schemes) {
  const expected = (key: string, body: Buffer) => `${PREFIX}${hmac(key, body, s.encoding)}`;
  /** A body with its correct signature. */
  const signed = fc.tuple(secret, anyBody).map(([key, body]) => ({ key, body, sig: expected(key, body) }));
  const signedNonEmpty = fc
    .tuple(secret, nonEmptyBody)
    .map(([key, body]) => ({ key, body, sig: expected(key, body) }));

  describe(s.name, () => {
    it('accepts the correct signature over any body, and signs as the published algorithm does', () => {
      fc.assert(
        fc.property(signed, ({ key, body, sig }) => {
          expect(s.sign(key, body)).toBe(sig);
          expect(s.verify(key, body, sig)).toBe(true);
        }),
        RUNS,
      );
    });

    it('refuses the signature once any bit of the body is flipped', () => {
      fc.assert(
        fc.property(
          signedNonEmpty,
          fc.nat(),
          fc.integer({ min: 0, max: 7 }),
          ({ key, body, sig }, i, bit) => {
            const changed = Buffer.from(body);
            const at = i % changed.length;
            changed[at] = (changed[at] ?? 0) ^ (1 << bit);
            expect(s.verify(key, changed, sig)).toBe(false);
          },
        ),
        RUNS,
      );
    });

    it('refuses the signature once a byte is appended, or dropped anywhere', () => {
      fc.assert(
        fc.property(signed, fc.integer({ min: 0, max: 255 }), ({ key, body, sig }, byte) => {
          expect(s.verify(key, Buffer.concat([body, Buffer.from([byte])]), sig)).toBe(false);
        }),
        RUNS,
      );
      fc.assert(
        fc.property(signedNonEmpty, fc.nat(), ({ key, body, sig }, i) => {
          const at = i % body.length;
          expect(s.verify(key, Buffer.concat([body.subarray(0, at), body.subarray(at + 1)]), sig)).toBe(
            false,
          );
        }),
        RUNS,
      );
    });

    it('refuses the signature for any other body', () => {
      fc.assert(
        fc.property(signed, anyBody, ({ key, body, sig }, other) => {
          fc.pre(!other.equals(body));
          expect(s.verify(key, other, sig)).toBe(false);
        }),
        RUNS,
      );
    });

    it('refuses a signature with one digest character changed to another valid one', () => {
      fc.assert(
        fc.property(signed, fc.nat(), fc.nat(), ({ key, body, sig }, i, k) => {
          const at = PREFIX.length + (i % (sig.length - PREFIX.length));
          const orig = sig[at] ?? '';
          // Any character of the alphabet but the original ('=' padding is not in it, so any goes).
          const idx = s.alphabet.indexOf(orig);
          const next =
            idx < 0
              ? (s.alphabet[k % s.alphabet.length] ?? '')
              : (s.alphabet[(idx + 1 + (k % (s.alphabet.length - 1))) % s.alphabet.length] ?? '');
          expect(next).not.toBe(orig);
          expect(s.verify(key, body, `${sig.slice(0, at)}${next}${sig.slice(at + 1)}`)).toBe(false);
        }),
        RUNS,
      );
    });

    it('refuses a truncated signature, down to the bare prefix and the empty string', () => {
      fc.assert(
        fc.property(signed, fc.nat(), ({ key, body, sig }, n) => {
          expect(s.verify(key, body, sig.slice(0, n % sig.length))).toBe(false);
        }),
        RUNS,
      );
    });

    it('refuses a signature extended (or preceded) by anything but whitespace', () => {
      fc.assert(
        fc.property(signed, anyString, fc.boolean(), ({ key, body, sig }, extra, before) => {
          fc.pre(extra.trim() !== '');
          expect(s.verify(key, body, before ? `${extra}${sig}` : `${sig}${extra}`)).toBe(false);
        }),
        RUNS,
      );
    });

    it('accepts surrounding whitespace (the header is trimmed before comparing)', () => {
      fc.assert(
        fc.property(signed, whitespace, whitespace, ({ key, body, sig }, a, b) => {
          expect(s.verify(key, body, `${a}${sig}${b}`)).toBe(true);
        }),
        RUNS,
      );
    });

    it('compares case-sensitively: any case change in the prefix or a digest letter is refused', () => {
      // Meta sends lower-case hex and X standard base64 (where case is part of the value); the check is an
      // exact string comparison, so "SHA256=" or upper-case hex are refused rather than normalised.
      fc.assert(
        fc.property(signed, fc.mixedCase(fc.constant('sha256')), ({ key, body, sig }, prefix) => {
          fc.pre(prefix !== 'sha256');
          expect(s.verify(key, body, `${prefix}=${sig.slice(PREFIX.length)}`)).toBe(false);
        }),
        RUNS,
      );
      fc.assert(
        fc.property(signed, fc.nat(), ({ key, body, sig }, i) => {
          const letters = [...sig].flatMap((c, at) => (at >= PREFIX.length && /[a-z]/i.test(c) ? [at] : []));
          fc.pre(letters.length > 0);
          const at = letters[i % letters.length] ?? 0;
          const changed = `${sig.slice(0, at)}${swapCase(sig[at] ?? '')}${sig.slice(at + 1)}`;
          expect(s.verify(key, body, changed)).toBe(false);
        }),
        RUNS,
      );
    });

    it('refuses the right digest behind a wrong prefix', () => {
      const prefix = fc.oneof(
        fc.constantFrom('', 'sha1=', 'sha512=', 'sha-256=', 'sha256:', 'sha256 =', 'sha256==', '=', 'hmac='),
        anyString,
      );
      fc.assert(
        fc.property(signed, prefix, ({ key, body, sig }, p) => {
          const header = `${p}${sig.slice(PREFIX.length)}`;
          fc.pre(header.trim() !== sig);
          expect(s.verify(key, body, header)).toBe(false);
        }),
        RUNS,
      );
    });

    it("refuses the other platform's encoding of the same HMAC", () => {
      fc.assert(
        fc.property(signed, ({ key, body }) => {
          expect(s.verify(key, body, `${PREFIX}${hmac(key, body, s.other)}`)).toBe(false);
        }),
        RUNS,
      );
    });

    it('refuses a missing, empty or whitespace-only header, and arbitrary strings', () => {
      fc.assert(
        fc.property(signed, whitespace, anyString, ({ key, body }, blank, junk) => {
          expect(s.verify(key, body, undefined)).toBe(false);
          expect(s.verify(key, body, '')).toBe(false);
          expect(s.verify(key, body, blank)).toBe(false);
          expect(s.verify(key, body, PREFIX)).toBe(false);
          expect(s.verify(key, body, junk)).toBe(false);
          expect(s.verify(key, body, `${PREFIX}${junk}`)).toBe(false);
        }),
        RUNS,
      );
    });

    it('refuses a signature made with a different secret', () => {
      fc.assert(
        fc.property(twoSecrets, anyBody, ([key, other], body) => {
          expect(s.verify(key, body, expected(other, body))).toBe(false);
        }),
        RUNS,
      );
    });

    it('never throws, whatever the secret, body and header', () => {
      fc.assert(
        fc.property(anyString, anyBody, fc.option(anyString, { nil: undefined }), (key, body, header) => {
          expect(typeof s.verify(key, body, header)).toBe('boolean');
        }),
        RUNS,
      );
    });
  });
}

describe('X CRC challenge', () => {
  it('answers sha256= + base64 HMAC-SHA256(consumer secret, crc_token) for any token', () => {
    fc.assert(
      fc.property(anyString, anyString, (key, token) => {
        const answer = xCrcResponse(key, token);
        expect(answer).toEqual({
          response_token: `${PREFIX}${hmac(key, Buffer.from(token, 'utf8'), 'base64')}`,
        });
        expect(answer.response_token).toMatch(/^sha256=[A-Za-z0-9+/]{43}=$/);
      }),
      RUNS,
    );
  });

  it('depends on the secret and on the token', () => {
    // Well-formed text only: lone surrogates all encode to U+FFFD, so two such tokens are the same bytes.
    const token = fc.string({ unit: 'grapheme', maxLength: 100 });
    fc.assert(
      fc.property(twoSecrets, token, token, ([key, other], a, b) => {
        expect(xCrcResponse(key, a).response_token).not.toBe(xCrcResponse(other, a).response_token);
        if (a !== b)
          expect(xCrcResponse(key, a).response_token).not.toBe(xCrcResponse(key, b).response_token);
      }),
      RUNS,
    );
  });
});
