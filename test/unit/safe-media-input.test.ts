import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isPublicAddress } from '../../functions/adapters/safe-fetch';
import { contentInput } from '../../functions/domain/content/content';
import { isSafeMediaKey } from '../../functions/domain/content/media-key';
import { publishAtTooFar } from '../../functions/domain/content/publish-window';

describe('isPublicAddress', () => {
  const refused: Record<string, string[]> = {
    'loopback 127.0.0.0/8': ['127.0.0.1', '127.255.255.254', '127.1.2.3'],
    'loopback ::1': ['::1'],
    'private 10/8': ['10.0.0.1', '10.255.255.255'],
    'private 172.16/12': ['172.16.0.1', '172.31.255.254'],
    'private 192.168/16': ['192.168.0.1', '192.168.255.255'],
    'link-local 169.254/16 incl. metadata': ['169.254.0.1', '169.254.169.254'],
    'unique-local fc00::/7 incl. metadata': ['fc00::1', 'fd12:3456::1', 'fd00:ec2::254'],
    'link-local fe80::/10': ['fe80::1', 'febf::1'],
    'CGNAT 100.64/10': ['100.64.0.1', '100.127.255.254'],
    unspecified: ['0.0.0.0', '::'],
    broadcast: ['255.255.255.255'],
    multicast: ['224.0.0.1', '239.255.255.250', 'ff02::1'],
    'IPv4-mapped IPv6': ['::ffff:127.0.0.1', '::ffff:10.0.0.1', '::ffff:169.254.169.254', '::ffff:7f00:1'],
    'not a canonical address': ['', 'localhost', '127.1', '0x7f.0.0.1', '2130706433', '1.2.3.4.5'],
  };
  for (const [family, addresses] of Object.entries(refused)) {
    it(`refuses ${family}`, () => {
      for (const a of addresses) expect(isPublicAddress(a), a).toBe(false);
    });
  }

  it('allows public addresses, IPv4 and IPv6, and mapped public IPv4', () => {
    for (const a of [
      '8.8.8.8',
      '1.1.1.1',
      '172.32.0.1',
      '100.128.0.1',
      '2001:4860:4860::8888',
      '::ffff:8.8.8.8',
    ])
      expect(isPublicAddress(a), a).toBe(true);
  });

  it('never throws, whatever the input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.ipV4(), fc.ipV6(), fc.ipV4Extended()), (s) => {
        expect(typeof isPublicAddress(s)).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
  });
});

describe('isSafeMediaKey', () => {
  it('keeps the uploads/ or media/ prefix rule', () => {
    expect(isSafeMediaKey('uploads/2026/poster-1.png')).toBe(true);
    expect(isSafeMediaKey('media/01J/r1/1.jpg')).toBe(true);
    expect(isSafeMediaKey('secret/poster.png')).toBe(false);
    expect(isSafeMediaKey('uploadsx/poster.png')).toBe(false);
  });

  it('refuses traversal, empty segments, backslashes and percent-encoding', () => {
    for (const key of [
      'uploads/../secret.png',
      'uploads/a/../../media/x.png',
      'uploads/..',
      'uploads/./a.png',
      'uploads//a.png',
      'uploads/a/',
      'uploads/',
      'uploads\\..\\a.png',
      'uploads/%2e%2e/a.png',
      'uploads/a%2fb.png',
      'uploads/a b.png',
      'uploads/é.png',
      `uploads/${'a'.repeat(300)}`,
    ])
      expect(isSafeMediaKey(key), key).toBe(false);
  });

  it('is what the submit schema applies to s3Key', () => {
    const base = {
      title: 'Poster',
      caption: 'Cegah DBD.',
      platforms: ['instagram'],
      publishAt: '2026-11-27T01:00:00Z',
      sources: [{ url: 'https://dinkes.bandung.go.id/dbd', title: 'DBD' }],
    };
    const parse = (s3Key: string) =>
      contentInput.safeParse({ ...base, media: [{ s3Key, altText: 'Poster' }] });
    expect(parse('uploads/poster.png').success).toBe(true);
    const refused = parse('uploads/../poster.png');
    expect(refused.success).toBe(false);
    expect(refused.error?.issues[0]?.path).toEqual(['media', 0, 's3Key']);
  });

  it('never throws and never accepts a ".." segment, whatever the input', () => {
    const segment = fc.oneof(fc.constantFrom('..', '.', '', '%2e%2e', '\\', 'a'), fc.string());
    fc.assert(
      fc.property(
        fc.oneof(
          fc.string(),
          fc.array(segment).map((s) => `uploads/${s.join('/')}`),
        ),
        (key) => {
          const ok = isSafeMediaKey(key);
          if (ok) {
            expect(key.split('/')).not.toContain('..');
            expect(key).toMatch(/^(uploads|media)\//);
            expect(key).not.toMatch(/[\\%]|\/\//);
          }
        },
      ),
      { numRuns: 2000 },
    );
  });
});

describe('publishAtTooFar', () => {
  const now = new Date('2026-01-01T00:00:00Z');
  it('allows up to the limit and refuses beyond it, on the publishAt field', () => {
    expect(publishAtTooFar(new Date('2026-12-31T00:00:00Z'), now, 365)).toBeUndefined();
    expect(publishAtTooFar(new Date('2027-01-02T00:00:00Z'), now, 365)).toEqual({
      path: 'publishAt',
      message: 'must be at most 365 days ahead',
    });
    expect(publishAtTooFar(new Date('9999-12-31T00:00:00Z'), now, 365)?.path).toBe('publishAt');
    expect(publishAtTooFar(new Date('2026-01-20T00:00:00Z'), now, 7)?.message).toBe(
      'must be at most 7 days ahead',
    );
  });
});
