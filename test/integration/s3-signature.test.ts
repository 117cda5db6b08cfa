import { execFileSync } from 'node:child_process';
import { describe, expect, it, vi } from 'vitest';
import { withEnv } from '../helpers/moto';

/**
 * Sebar's S3 signatures (functions/common/aws/s3.ts) against two implementations it does not share code
 * with: botocore's S3 SigV4 signers (Python, with the AWS CLI on this machine), for a PUT and for a GET link. The local S3 does not check SigV4 and moto mis-signs some keys, so the
 * characters that matter (spaces, `+`, non-ASCII, RFC 3986's reserved marks) are checked here.
 */

const hasBotocore = (() => {
  try {
    execFileSync('python3', ['-c', 'import botocore.auth'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const AT = new Date('2026-12-02T01:02:03Z');
const KEYS = [
  'webhooks/x/2026-12-02/abc.json',
  'webhooks/x/ulasan puskesmas.json',
  'media/ibu+anak.jpg',
  'media/posyandu-ä-ö-€.png',
  "media/kader (1)!*'~.png",
  'reports/2026-11/laporan bulanan & ringkasan.html',
];

const BOTOCORE = `
import sys, json, datetime
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
req = json.load(sys.stdin)
botocore.auth.get_current_datetime = lambda: datetime.datetime(2026, 12, 2, 1, 2, 3)
r = AWSRequest(method=req['method'], url=req['url'], headers=req['headers'], data=bytes.fromhex(req['body']))
botocore.auth.S3SigV4Auth(Credentials('AKIDSEBAR', 'rahasia-uji'), 's3', 'ap-southeast-3').add_auth(r)
print(r.headers['Authorization'])
`;

const BOTOCORE_PRESIGN = `
import sys, json, datetime
import botocore.auth
from botocore.awsrequest import AWSRequest
from botocore.credentials import Credentials
req = json.load(sys.stdin)
botocore.auth.get_current_datetime = lambda: datetime.datetime(2026, 12, 2, 1, 2, 3)
r = AWSRequest(method='GET', url=req['url'])
botocore.auth.S3SigV4QueryAuth(Credentials('AKIDSEBAR', 'rahasia-uji'), 's3', 'ap-southeast-3', expires=900).add_auth(r)
print(r.url)
`;

const lambdaEnv = (endpoint?: string) => ({
  AWS_REGION: 'ap-southeast-3',
  AWS_ACCESS_KEY_ID: 'AKIDSEBAR',
  AWS_SECRET_ACCESS_KEY: 'rahasia-uji',
  ...(endpoint ? { AWS_ENDPOINT_URL_S3: endpoint } : {}),
});

describe.skipIf(!hasBotocore)('S3 signatures', () => {
  for (const endpoint of [undefined, 'http://127.0.0.1:4569']) {
    it(`a PUT is signed as botocore signs it (${endpoint ? 'path style, local' : 'virtual host, AWS'})`, async () => {
      await withEnv(lambdaEnv(endpoint), async () => {
        if (!endpoint) delete process.env.AWS_ENDPOINT_URL_S3;
        vi.resetModules();
        const { s3PutRequest, s3Signed } = await import('../../functions/common/aws/s3');
        for (const key of KEYS) {
          const req = s3PutRequest('sebar-media', key, '{"teks":"halo"}', {
            contentType: 'application/json',
            metadata: { sha256: 'abc' },
          });
          const signed = await s3Signed(req, AT);
          const { authorization, ...headers } = signed.headers;
          const url = `${req.url.origin}${signed.path}`;
          if (endpoint) expect(url.startsWith(`${endpoint}/sebar-media/`)).toBe(true);
          else expect(url.startsWith('https://sebar-media.s3.ap-southeast-3.amazonaws.com/')).toBe(true);
          const expected = execFileSync('python3', ['-c', BOTOCORE], {
            input: JSON.stringify({
              method: 'PUT',
              url,
              headers,
              body: Buffer.from('{"teks":"halo"}').toString('hex'),
            }),
          })
            .toString()
            .trim();
          expect(authorization, key).toBe(expected);
        }
      });
    });
  }

  it('a presigned GET link is the one botocore presigns, parameter for parameter', async () => {
    await withEnv(lambdaEnv('http://127.0.0.1:4569'), async () => {
      vi.resetModules();
      const { s3PresignedGetUrl } = await import('../../functions/common/aws/s3');
      for (const key of KEYS) {
        const ours = await s3PresignedGetUrl('sebar-media', key, 900, AT);
        const url = new URL(ours);
        const unsignedUrl = `${url.origin}${url.pathname}`;
        const theirs = execFileSync('python3', ['-c', BOTOCORE_PRESIGN], {
          input: JSON.stringify({ url: unsignedUrl }),
        })
          .toString()
          .trim();
        // The same path and the same parameters (botocore puts the signature last).
        const parts = (u: string) => {
          const parsed = new URL(u);
          return { path: `${parsed.origin}${parsed.pathname}`, query: [...parsed.searchParams].sort() };
        };
        expect(parts(ours), key).toEqual(parts(theirs));
        expect(new URL(ours).searchParams.get('X-Amz-Signature')).toMatch(/^[0-9a-f]{64}$/);
      }
    });
  });

  it('refuses a key S3 would store under another name (a leading slash, a dot segment)', async () => {
    const { s3PutRequest } = await import('../../functions/common/aws/s3');
    for (const key of ['/media/x.png', 'media/../records/x.json', 'media/./x.png', '']) {
      expect(() => s3PutRequest('sebar-media', key, 'x', { contentType: 'image/png' }), key).toThrow(
        /Not an S3 key/,
      );
    }
  });
});
