import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withEnv } from '../helpers/moto';

/**
 * The shared signed-request path (functions/common/aws/signed-request.ts) against a scripted HTTP server:
 * what it retries (throttling, 5xx, with the SDK's three attempts) and what it does not (any other 4xx),
 * and how it names the errors AWS answers.
 */

let server: Server;
let endpoint = '';
let answers: { status: number; headers?: Record<string, string>; body: string }[] = [];
const seen: { target?: string; authorization?: string; body: string }[] = [];

const readAll = async (req: IncomingMessage) => {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

beforeAll(async () => {
  server = createServer(async (req, res) => {
    seen.push({
      target: req.headers['x-amz-target'] as string | undefined,
      authorization: req.headers.authorization,
      body: await readAll(req),
    });
    const next = answers.shift() ?? { status: 500, body: '{}' };
    res.writeHead(next.status, { 'content-type': 'application/x-amz-json-1.0', ...next.headers });
    res.end(next.body);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  endpoint = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(() => new Promise<void>((r) => server.close(() => r())));

const sendBatch = () =>
  withEnv(
    {
      AWS_ENDPOINT_URL_SQS: endpoint,
      AWS_REGION: 'ap-southeast-3',
      AWS_ACCESS_KEY_ID: 'AKIDSEBAR',
      AWS_SECRET_ACCESS_KEY: 'rahasia-uji',
    },
    async () => {
      vi.resetModules();
      const { sqsSendMessageBatch } = await import('../../functions/common/aws/sqs');
      return sqsSendMessageBatch(`${endpoint}/000000000000/sebar-feedback`, [{ Id: '0', MessageBody: '{}' }]);
    },
  );

describe('signed requests: retries and errors', () => {
  it('sends one signed JSON POST naming the operation', async () => {
    seen.length = 0;
    answers = [{ status: 200, body: '{"Successful":[{"Id":"0","MessageId":"m-1"}],"Failed":[]}' }];
    expect(await sendBatch()).toEqual({ Successful: [{ Id: '0', MessageId: 'm-1' }], Failed: [] });
    expect(seen).toHaveLength(1);
    expect(seen[0]?.target).toBe('AmazonSQS.SendMessageBatch');
    expect(seen[0]?.authorization).toMatch(
      /^AWS4-HMAC-SHA256 Credential=AKIDSEBAR\/\d{8}\/ap-southeast-3\/sqs\/aws4_request, SignedHeaders=[a-z0-9;-]+, Signature=[0-9a-f]{64}$/,
    );
    expect(JSON.parse(seen[0]?.body ?? '')).toMatchObject({ Entries: [{ Id: '0', MessageBody: '{}' }] });
  });

  it('tries again after a 503 and a throttling answer, and succeeds on the third attempt', async () => {
    seen.length = 0;
    answers = [
      { status: 503, body: '{"__type":"com.amazonaws.sqs#ServiceUnavailable","message":"busy"}' },
      { status: 400, body: '{"__type":"com.amazonaws.sqs#ThrottlingException","message":"slow down"}' },
      { status: 200, body: '{"Successful":[{"Id":"0"}]}' },
    ];
    expect(await sendBatch()).toEqual({ Successful: [{ Id: '0' }] });
    expect(seen).toHaveLength(3);
  });

  it('gives up after three attempts with the last error, named as AWS names it', async () => {
    seen.length = 0;
    answers = [500, 500, 500].map((status) => ({
      status,
      headers: { 'x-amzn-errortype': 'InternalFailure:http://internal.amazon.com/' },
      body: '{"message":"internal"}',
    }));
    await expect(sendBatch()).rejects.toMatchObject({
      name: 'InternalFailure',
      status: 500,
      message: 'internal',
    });
    expect(seen).toHaveLength(3);
  });

  it('does not retry a refusal (a 4xx that is not throttling)', async () => {
    seen.length = 0;
    answers = [
      { status: 400, body: '{"__type":"com.amazonaws.sqs#QueueDoesNotExist","message":"no queue"}' },
    ];
    await expect(sendBatch()).rejects.toMatchObject({ name: 'QueueDoesNotExist', status: 400 });
    expect(seen).toHaveLength(1);
  });

  it('takes a redirect (a bucket in another region) as an error, not as the object', async () => {
    seen.length = 0;
    answers = [
      { status: 301, body: '<Error><Code>PermanentRedirect</Code><Message>elsewhere</Message></Error>' },
    ];
    await expect(sendBatch()).rejects.toMatchObject({ status: 301 });
    expect(seen).toHaveLength(1);
  });

  it('sends a secret version with one idempotency token, the same on every attempt', async () => {
    seen.length = 0;
    answers = [
      { status: 503, body: '{"__type":"InternalServiceError"}' },
      { status: 200, body: '{"VersionId":"v2"}' },
    ];
    await withEnv(
      {
        AWS_ENDPOINT_URL_SECRETS_MANAGER: endpoint,
        AWS_REGION: 'ap-southeast-3',
        AWS_ACCESS_KEY_ID: 'AKIDSEBAR',
        AWS_SECRET_ACCESS_KEY: 'rahasia-uji',
      },
      async () => {
        vi.resetModules();
        const { putSecretString } = await import('../../functions/common/aws/secrets-manager');
        await putSecretString('sebar/secrets', '{"X_ACCESS_TOKEN":"baru"}');
      },
    );
    expect(seen.map((r) => r.target)).toEqual([
      'secretsmanager.PutSecretValue',
      'secretsmanager.PutSecretValue',
    ]);
    const tokens = seen.map(
      (r) => (JSON.parse(r.body) as { ClientRequestToken?: string }).ClientRequestToken,
    );
    expect(tokens[0]).toMatch(/^[0-9a-f-]{36}$/);
    expect(tokens[1]).toBe(tokens[0]);
  });
});
