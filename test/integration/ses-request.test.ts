import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';

/**
 * Sebar's SendEmail request (functions/common/aws/ses.ts) against moto's SES v2 with IAM authentication
 * on: moto recomputes every request's SigV4 signature from the IAM user's secret, as AWS does, and refuses
 * one that does not match. moto ships with the machine image, as cfn-lint does; .ci/run requires both.
 */

const hasMoto = (() => {
  try {
    execFileSync('moto_server', ['--help'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
})();

const freePort = () =>
  new Promise<number>((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });

// Before authentication starts (the first four actions), requests need a signature's shape only.
const unsigned = (service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=setup/20261202/ap-southeast-3/${service}/aws4_request, SignedHeaders=host, Signature=0`,
});

let moto: ChildProcess | undefined;
let endpoint = '';
let key = { id: '', secret: '' };
const FROM = 'humas@dinkes.example.go.id';

beforeAll(async () => {
  if (!hasMoto) return;
  const port = await freePort();
  endpoint = `http://127.0.0.1:${port}`;
  moto = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: '4' },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(`${endpoint}/moto-api/`);
      break;
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 200));
    }
  }
  const iam = (params: Record<string, string>) =>
    fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', ...unsigned('iam') },
      body: new URLSearchParams({ Version: '2010-05-08', ...params }),
    }).then((r) => r.text());
  await iam({ Action: 'CreateUser', UserName: 'sebar' });
  const created = await iam({ Action: 'CreateAccessKey', UserName: 'sebar' });
  key = {
    id: /<AccessKeyId>([^<]+)</.exec(created)?.[1] ?? '',
    secret: /<SecretAccessKey>([^<]+)</.exec(created)?.[1] ?? '',
  };
  await iam({
    Action: 'PutUserPolicy',
    UserName: 'sebar',
    PolicyName: 'send',
    PolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: 'ses:*', Resource: '*' }],
    }),
  });
  await fetch(`${endpoint}/v2/email/identities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...unsigned('ses') },
    body: JSON.stringify({ EmailIdentity: FROM }),
  });
}, 60_000);

afterAll(() => {
  moto?.kill();
});

/** The module reads its endpoint, region and credentials from the environment, as on Lambda. */
const withEnv = async <T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> => {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    vi.resetModules();
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
};

const send = (secret: string, from = FROM) =>
  withEnv(
    {
      AWS_ENDPOINT_URL_SESV2: endpoint,
      AWS_REGION: 'ap-southeast-3',
      AWS_ACCESS_KEY_ID: key.id,
      AWS_SECRET_ACCESS_KEY: secret,
    },
    async () => {
      const { sendRawEmail } = await import('../../functions/common/aws/ses');
      const raw = Buffer.from(`From: ${from}\r\nTo: kepala@dinkes.example.go.id\r\nSubject: Uji\r\n\r\nHalo`);
      return sendRawEmail({ from, to: ['kepala@dinkes.example.go.id'], raw });
    },
  );

describe.skipIf(!hasMoto)('SendEmail, signed by Sebar', () => {
  it('is accepted by a server that checks the signature, and answers a message id', async () => {
    expect(key.id).toMatch(/^AKIA/);
    expect(await send(key.secret)).toMatch(/\S{10,}/);
  });

  it('is refused (403) when signed with another secret, without retrying', async () => {
    const started = Date.now();
    await expect(send(`${key.secret}x`)).rejects.toMatchObject({ status: 403 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is refused (400) from an address that is not verified', async () => {
    await expect(send(key.secret, 'someone@elsewhere.example')).rejects.toMatchObject({ status: 400 });
  });
});
