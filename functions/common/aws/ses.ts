import {
  type AwsService,
  endpointOf,
  jsonErrorOf,
  sendSigned,
  signerFor,
  toSignable,
} from './signed-request';

/**
 * SES v2's SendEmail, the one SES call Sebar makes, as one signed request (./signed-request.ts,
 * docs/decisions/0023). The endpoint is the SDK's: `AWS_ENDPOINT_URL_SESV2` (or `AWS_ENDPOINT_URL`) when set,
 * which is how the local runtime points it at its outbox, otherwise `https://email.<region>.amazonaws.com`.
 */

const SES: AwsService = {
  signingName: 'ses',
  endpointVariable: 'SESV2',
  host: (region) => `email.${region}.amazonaws.com`,
};

const sendEmailRequest = (payload: Record<string, unknown>) => ({
  method: 'POST' as const,
  url: endpointOf(SES),
  path: '/v2/email/outbound-emails',
  headers: { 'content-type': 'application/json' },
  body: JSON.stringify(payload),
});

/** Sends one raw MIME message; returns SES's message id. Throws AwsServiceError (e.g. `MessageRejected`). */
export const sendRawEmail = async (email: {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: Uint8Array;
}): Promise<string> => {
  const res = await sendSigned(
    SES,
    sendEmailRequest({
      FromEmailAddress: email.from,
      Destination: { ToAddresses: [...email.to] },
      Content: { Raw: { Data: Buffer.from(email.raw).toString('base64') } },
    }),
    jsonErrorOf,
  );
  return String((JSON.parse(res.body.toString('utf8') || '{}') as { MessageId?: string }).MessageId ?? '');
};
