import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { createServer } from 'node:net';

/**
 * moto's server with IAM authentication on: after the first `initialNoAuth` actions, it recomputes every
 * request's SigV4 signature from the IAM user's secret, as AWS does, and refuses one that does not match.
 * The first three actions create that user, its access key and a policy allowing `actions`. moto ships
 * with the machine image, as cfn-lint does; .ci/run requires both.
 */

export const hasMoto = (() => {
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

/** Before authentication starts, a request needs only a signature's shape. */
export const unsigned = (service: string) => ({
  authorization: `AWS4-HMAC-SHA256 Credential=setup/20261202/ap-southeast-3/${service}/aws4_request, SignedHeaders=host, Signature=0`,
});

export interface Moto {
  readonly endpoint: string;
  readonly key: { readonly id: string; readonly secret: string };
  stop(): void;
}

export const startMoto = async (opts: { initialNoAuth: number; actions: string[] }): Promise<Moto> => {
  const port = await freePort();
  const endpoint = `http://127.0.0.1:${port}`;
  const child: ChildProcess = spawn('moto_server', ['-H', '127.0.0.1', '-p', String(port)], {
    env: { ...process.env, INITIAL_NO_AUTH_ACTION_COUNT: String(opts.initialNoAuth) },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 30_000;
  for (;;) {
    try {
      await fetch(`${endpoint}/moto-api/`);
      break;
    } catch (error) {
      if (Date.now() > deadline) {
        child.kill();
        throw error;
      }
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
  const key = {
    id: /<AccessKeyId>([^<]+)</.exec(created)?.[1] ?? '',
    secret: /<SecretAccessKey>([^<]+)</.exec(created)?.[1] ?? '',
  };
  await iam({
    Action: 'PutUserPolicy',
    UserName: 'sebar',
    PolicyName: 'sebar',
    PolicyDocument: JSON.stringify({
      Version: '2012-10-17',
      Statement: [{ Effect: 'Allow', Action: opts.actions, Resource: '*' }],
    }),
  });
  return { endpoint, key, stop: () => child.kill() };
};

/** Runs `run` with these environment variables (a module reads its endpoint and credentials there). */
export const withEnv = async <T>(env: Record<string, string>, run: () => Promise<T>): Promise<T> => {
  const saved = Object.fromEntries(Object.keys(env).map((k) => [k, process.env[k]]));
  Object.assign(process.env, env);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(saved)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
};
