import { describe, expect, it } from 'vitest';
import { redact } from '../../functions/common/logger';

describe('redact', () => {
  it('masks secret-looking keys at the top level, whatever their case', () => {
    expect(
      redact({
        token: 't',
        accessToken: 'a',
        X_ACCESS_TOKEN: 'x',
        X_CONSUMER_KEY: 'ck',
        apiKey: 'ak',
        objectKey: 'media/a.jpg',
        secret: 's',
        clientSecret: 'c',
        password: 'p',
        Authorization: 'Bearer abc',
        signature: 'sig',
        'x-hub-signature-256': 'sha256=abc',
        sig: 'link-sig',
        nonce: 'n',
        cookie: 'k',
        itemId: 'c0abc',
      }),
    ).toEqual({
      token: '[redacted]',
      accessToken: '[redacted]',
      X_ACCESS_TOKEN: '[redacted]',
      X_CONSUMER_KEY: '[redacted]',
      apiKey: '[redacted]',
      objectKey: 'media/a.jpg',
      secret: '[redacted]',
      clientSecret: '[redacted]',
      password: '[redacted]',
      Authorization: '[redacted]',
      signature: '[redacted]',
      'x-hub-signature-256': '[redacted]',
      sig: '[redacted]',
      nonce: '[redacted]',
      cookie: '[redacted]',
      itemId: 'c0abc',
    });
  });

  it('masks nested keys, inside objects and arrays', () => {
    expect(
      redact({
        request: { headers: { authorization: 'Bearer abc', 'user-agent': 'curl' } },
        approvals: [{ approvalId: 'a1', taskToken: 'AQB...' }],
        deep: { a: { b: { c: { secret: 'x', keep: 1 } } } },
      }),
    ).toEqual({
      request: { headers: { authorization: '[redacted]', 'user-agent': 'curl' } },
      approvals: [{ approvalId: 'a1', taskToken: '[redacted]' }],
      deep: { a: { b: { c: { secret: '[redacted]', keep: 1 } } } },
    });
  });

  it('masks a whole object under a secret key, not only strings', () => {
    expect(redact({ tokens: { access: 'a', refresh: 'r' } })).toEqual({ tokens: '[redacted]' });
  });

  it('does not mask keys that merely contain "sig" in the middle', () => {
    expect(redact({ design: 'ok', signedBy: 'kepala' })).toEqual({ design: 'ok', signedBy: 'kepala' });
  });

  it('reduces errors to name and message (no stack, no attached fields)', () => {
    const error = Object.assign(new TypeError('boom'), {
      config: { secret: 'x' },
      response: { body: 'raw' },
    });
    expect(redact(error)).toEqual({ name: 'TypeError', message: 'boom' });
    expect(redact({ error })).toEqual({ error: { name: 'TypeError', message: 'boom' } });
  });

  it('leaves primitives and null as they are', () => {
    expect(redact('text')).toBe('text');
    expect(redact(42)).toBe(42);
    expect(redact(null)).toBeNull();
    expect(redact(undefined)).toBeUndefined();
    expect(redact({ n: null, b: false })).toEqual({ n: null, b: false });
  });

  it('does not change the object it was given', () => {
    const input = { token: 'secret-value', nested: { password: 'p' } };
    redact(input);
    expect(input).toEqual({ token: 'secret-value', nested: { password: 'p' } });
  });

  // BUG (logger.ts:12): past depth 6 redact returns the value untouched, so a secret nested 7+ levels deep
  // is logged in clear (e.g. an SDK error's $response or an API body). Fix: return '[truncated]' (or
  // similar) for objects past the depth limit instead of the raw value.
  it('masks secrets at any depth (7+ levels)', () => {
    const deep = { a: { b: { c: { d: { e: { f: { g: { token: 'leak' } } } } } } } };
    expect(JSON.stringify(redact(deep))).not.toContain('leak');
  });

  // Same root cause: the raw value returned past depth 6 keeps its cycles, so log.* (which JSON.stringifies
  // the redacted data) throws "Converting circular structure to JSON" and fails the calling handler.
  it('returns something JSON-serialisable for a circular structure', () => {
    const a: Record<string, unknown> = { name: 'a' };
    a.self = a;
    expect(() => JSON.stringify(redact(a))).not.toThrow();
  });

  it('returns a value for a circular structure without recursing forever', () => {
    const a: Record<string, unknown> = { name: 'a', token: 't' };
    a.self = a;
    const out = redact(a) as Record<string, unknown>;
    expect(out.name).toBe('a');
    expect(out.token).toBe('[redacted]');
  });
});
