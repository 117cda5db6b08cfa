import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';

/**
 * SES v2's SendEmail, the one SES call Sebar makes, as one signed HTTPS request (docs/decisions/0023). The
 * SDK's SES client added about 60 KB to every bundle that sends email, for a JSON POST. This signs with the
 * SDK's own SigV4 signer (already in every bundle) and the credentials Lambda puts in the environment, and
 * retries as the SDK's standard mode does: three attempts, exponential backoff with full jitter, on
 * throttling, 5xx answers and network errors. `test/integration/ses-request.test.ts` sends through a
 * server that checks the signature as AWS does.
 *
 * The endpoint is the SDK's: `AWS_ENDPOINT_URL_SESV2` (or `AWS_ENDPOINT_URL`) when set, which is how the
 * local runtime points it at its outbox, otherwise `https://email.<region>.amazonaws.com`.
 */

/** An error SES answered with: `name` is its error code (e.g. `MessageRejected`), as the SDK would throw. */
export class SesError extends Error {
  constructor(
    name: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = name;
  }
}

const MAX_ATTEMPTS = 3;
const TIMEOUT_MS = 10_000;
const THROTTLING = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'LimitExceededException',
  'RequestTimeout',
]);

const region = () => process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';

const endpoint = (): URL =>
  new URL(
    process.env.AWS_ENDPOINT_URL_SESV2 ??
      process.env.AWS_ENDPOINT_URL ??
      `https://email.${region()}.amazonaws.com`,
  );

let signer: SignatureV4 | undefined;
const signerFor = (): SignatureV4 => {
  signer ??= new SignatureV4({ credentials: fromEnv(), region: region(), service: 'ses', sha256: Sha256 });
  return signer;
};

/** The request SendEmail sends, signed: its URL, headers and body. */
export const signedSendEmail = async (
  payload: Record<string, unknown>,
  at?: Date,
): Promise<{ url: string; headers: Record<string, string>; body: string }> => {
  const url = endpoint();
  const path = `${url.pathname.replace(/\/$/, '')}/v2/email/outbound-emails`;
  const body = JSON.stringify(payload);
  const signed = await signerFor().sign(
    {
      method: 'POST',
      protocol: url.protocol,
      hostname: url.hostname,
      ...(url.port ? { port: Number(url.port) } : {}),
      path,
      query: {},
      headers: { host: url.host, 'content-type': 'application/json' },
      body,
    },
    at ? { signingDate: at } : {},
  );
  return { url: `${url.origin}${path}`, headers: signed.headers, body };
};

const errorOf = async (res: Response): Promise<SesError> => {
  const text = await res.text();
  let parsed: { __type?: string; message?: string; Message?: string } = {};
  try {
    parsed = JSON.parse(text) as typeof parsed;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const code = (res.headers.get('x-amzn-errortype') ?? parsed.__type ?? `Http${res.status}`)
    .split(':')[0]
    ?.split('#')
    .pop();
  return new SesError(
    code || `Http${res.status}`,
    parsed.message ?? parsed.Message ?? `SES answered ${res.status}`,
    res.status,
  );
};

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// The SDK's standard retry delay: full jitter over 100 ms doubled per attempt, at most 20 s.
const backoff = (attempt: number) => Math.random() * Math.min(20_000, 100 * 2 ** attempt);

/** Sends one raw MIME message; returns SES's message id. */
export const sendRawEmail = async (email: {
  readonly from: string;
  readonly to: readonly string[];
  readonly raw: Uint8Array;
}): Promise<string> => {
  const payload = {
    FromEmailAddress: email.from,
    Destination: { ToAddresses: [...email.to] },
    Content: { Raw: { Data: Buffer.from(email.raw).toString('base64') } },
  };
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      // Signed again each attempt: a signature is only good for a few minutes.
      const { url, headers, body } = await signedSendEmail(payload);
      const { host: _host, ...sent } = headers;
      const res = await fetch(url, {
        method: 'POST',
        headers: sent,
        body,
        signal: AbortSignal.timeout(TIMEOUT_MS),
      });
      if (res.ok) return String(((await res.json()) as { MessageId?: string }).MessageId ?? '');
      const error = await errorOf(res);
      if (!(res.status >= 500 || res.status === 429 || THROTTLING.has(error.name))) throw error;
      failure = error;
    } catch (error) {
      // Refused outright (a 4xx that is not throttling): trying again would get the same answer.
      if (error instanceof SesError && !(error.status >= 500 || THROTTLING.has(error.name))) throw error;
      failure = error;
    }
    if (attempt >= MAX_ATTEMPTS) throw failure;
    await sleep(backoff(attempt));
  }
};
