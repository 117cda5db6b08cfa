import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { hasMoto, type Moto, startMoto, unsigned, withEnv } from '../helpers/moto';

/**
 * Sebar's SendEmail request (functions/common/aws/ses.ts) against moto's SES v2 with IAM authentication
 * on (test/helpers/moto.ts): a request signed with the wrong secret is refused, as on AWS.
 */

let moto: Moto | undefined;
const FROM = 'humas@dinkes.example.go.id';

beforeAll(async () => {
  if (!hasMoto) return;
  // Three actions set up the user; the fourth verifies the sender.
  moto = await startMoto({ initialNoAuth: 4, actions: ['ses:*'] });
  await fetch(`${moto.endpoint}/v2/email/identities`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...unsigned('ses') },
    body: JSON.stringify({ EmailIdentity: FROM }),
  });
}, 60_000);

afterAll(() => moto?.stop());

const send = (secret: string, from = FROM) =>
  withEnv(
    {
      AWS_ENDPOINT_URL_SESV2: moto?.endpoint ?? '',
      AWS_REGION: 'ap-southeast-3',
      AWS_ACCESS_KEY_ID: moto?.key.id ?? '',
      AWS_SECRET_ACCESS_KEY: secret,
    },
    async () => {
      vi.resetModules();
      const { sendRawEmail } = await import('../../functions/common/aws/ses');
      const raw = Buffer.from(`From: ${from}\r\nTo: kepala@dinkes.example.go.id\r\nSubject: Uji\r\n\r\nHalo`);
      return sendRawEmail({ from, to: ['kepala@dinkes.example.go.id'], raw });
    },
  );

describe.skipIf(!hasMoto)('SendEmail, signed by Sebar', () => {
  it('is accepted by a server that checks the signature, and answers a message id', async () => {
    expect(moto?.key.id).toMatch(/^AKIA/);
    expect(await send(moto?.key.secret ?? '')).toMatch(/\S{10,}/);
  });

  it('is refused (403) when signed with another secret, without retrying', async () => {
    const started = Date.now();
    await expect(send(`${moto?.key.secret}x`)).rejects.toMatchObject({ status: 403 });
    expect(Date.now() - started).toBeLessThan(5_000);
  });

  it('is refused (400) from an address that is not verified', async () => {
    await expect(send(moto?.key.secret ?? '', 'someone@elsewhere.example')).rejects.toMatchObject({
      status: 400,
    });
  });
});
