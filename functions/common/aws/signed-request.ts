import { Agent as HttpAgent, request as httpRequest } from 'node:http';
import { Agent as HttpsAgent, request as httpsRequest } from 'node:https';
import { fromEnv } from '@aws-sdk/credential-provider-env';
import { Sha256 } from '@smithy/core/checksum';
import { SignatureV4 } from '@smithy/signature-v4';
import { encodeRfc3986 } from '../percent-encoding';

/**
 * One signed AWS request, for the services Sebar calls with a handful of simple operations (S3, SQS, Step
 * Functions, Secrets Manager, EventBridge Scheduler, SES): docs/decisions/0023. Each SDK client carried its
 * whole service model and middleware stack into every bundle for two or three calls. This signs with the
 * SDK's own SigV4 signer and the credentials Lambda puts in the environment, sends over a keep-alive
 * connection, and retries as the SDK's standard mode does: three attempts, exponential backoff with full
 * jitter, on throttling, 5xx answers and network errors. DynamoDB's values are converted by the SDK's own
 * util-dynamodb (./dynamo.ts).
 *
 * Endpoints follow the SDK's variables: `AWS_ENDPOINT_URL_<SERVICE>` (or `AWS_ENDPOINT_URL`) when set,
 * which is how the local runtime points every call at its own servers, otherwise the regional endpoint.
 * `test/integration/signed-requests.test.ts` sends each request through moto with IAM authentication on,
 * which recomputes the signature as AWS does.
 */

/** An error an AWS service answered with: `name` is its error code (e.g. `NoSuchKey`), as the SDK names it. */
export class AwsServiceError extends Error {
  constructor(
    name: string,
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = name;
  }
}

export interface AwsService {
  /** The SigV4 signing name: `s3`, `sqs`, `states`, `secretsmanager`, `scheduler`, `ses`. */
  readonly signingName: string;
  /** The suffix of the SDK's endpoint variable: `S3` for `AWS_ENDPOINT_URL_S3`. */
  readonly endpointVariable: string;
  /** The regional host, when no endpoint variable is set. */
  readonly host: (region: string) => string;
  /** A fixed endpoint, before the variables (a client made for one server). */
  readonly endpoint?: string;
}

export const region = (): string => process.env.AWS_REGION ?? process.env.AWS_DEFAULT_REGION ?? 'us-east-1';

/** The configured endpoint, or undefined when the service's regional endpoint applies. */
export const configuredEndpoint = (service: AwsService): string | undefined =>
  service.endpoint ??
  process.env[`AWS_ENDPOINT_URL_${service.endpointVariable}`] ??
  process.env.AWS_ENDPOINT_URL;

export const endpointOf = (service: AwsService): URL =>
  new URL(configuredEndpoint(service) ?? `https://${service.host(region())}`);

/** The credentials Lambda puts in the environment (the key, the secret and the session token). */
export const awsCredentials = fromEnv();

const signers = new Map<string, SignatureV4>();
/** One signer per service. S3 signs the path as sent (keys are encoded once); the others encode it again. */
export const signerFor = (service: AwsService): SignatureV4 => {
  let signer = signers.get(service.signingName);
  if (!signer) {
    signer = new SignatureV4({
      credentials: awsCredentials,
      region: region(),
      service: service.signingName,
      sha256: Sha256,
      uriEscapePath: service.signingName !== 's3',
    });
    signers.set(service.signingName, signer);
  }
  return signer;
};

export interface AwsRequest {
  readonly method: 'GET' | 'HEAD' | 'PUT' | 'POST' | 'DELETE';
  /** The URL's origin and any base path: what {@link endpointOf} gives, or a bucket's virtual host. */
  readonly url: URL;
  /** The path below the base, already percent-encoded; empty for the base itself. */
  readonly path: string;
  readonly query?: Record<string, string>;
  readonly headers?: Record<string, string>;
  readonly body?: string | Buffer;
}

export interface AwsResponse {
  readonly status: number;
  readonly headers: Record<string, string | string[] | undefined>;
  readonly body: Buffer;
}

/** The request as the signer takes it: host header, the base path joined to the path. */
export const toSignable = (req: AwsRequest) => ({
  method: req.method,
  protocol: req.url.protocol,
  hostname: req.url.hostname,
  ...(req.url.port ? { port: Number(req.url.port) } : {}),
  path: `${req.url.pathname.replace(/\/$/, '')}${req.path}` || '/',
  query: { ...req.query },
  headers: {
    host: req.url.host,
    ...req.headers,
    // Always a length, never chunked: S3 refuses a PUT without one.
    ...(req.body !== undefined ? { 'content-length': String(Buffer.byteLength(req.body)) } : {}),
  },
  ...(req.body !== undefined ? { body: req.body } : {}),
});

export const queryString = (query: Record<string, string | string[] | null | undefined>): string => {
  const parts: string[] = [];
  for (const [k, v] of Object.entries(query).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) {
    if (v === undefined) continue;
    for (const value of Array.isArray(v) ? v : [v])
      parts.push(value === null ? encodeRfc3986(k) : `${encodeRfc3986(k)}=${encodeRfc3986(value)}`);
  }
  return parts.length ? `?${parts.join('&')}` : '';
};

const MAX_ATTEMPTS = 3;
const TIMEOUT_MS = 30_000;
const THROTTLING = new Set([
  'TooManyRequestsException',
  'ThrottlingException',
  'Throttling',
  'ThrottledException',
  'RequestThrottled',
  'RequestThrottledException',
  'SlowDown',
  'LimitExceededException',
  'RequestLimitExceeded',
  'ProvisionedThroughputExceededException',
  'RequestTimeout',
  'RequestTimeoutException',
]);

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
// The SDK's standard retry delay: full jitter over 100 ms doubled per attempt, at most 20 s.
const backoff = (attempt: number) => Math.random() * Math.min(20_000, 100 * 2 ** attempt);

const httpAgent = new HttpAgent({ keepAlive: true, maxSockets: 50 });
const httpsAgent = new HttpsAgent({ keepAlive: true, maxSockets: 50 });

/** Where a signed request goes: the path exactly as signed (never re-parsed, so never re-normalised). */
interface Target {
  readonly protocol: string;
  readonly hostname: string;
  readonly port?: string;
  readonly path: string;
}

const send = (to: Target, method: string, headers: Record<string, string>, body?: string | Buffer) =>
  new Promise<AwsResponse>((resolve, reject) => {
    const https = to.protocol === 'https:';
    const req = (https ? httpsRequest : httpRequest)(
      {
        protocol: to.protocol,
        hostname: to.hostname,
        ...(to.port ? { port: Number(to.port) } : {}),
        path: to.path,
        method,
        headers,
        agent: https ? httpsAgent : httpAgent,
        timeout: TIMEOUT_MS,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', reject);
        res.on('end', () =>
          resolve({ status: res.statusCode ?? 0, headers: res.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    req.on('timeout', () =>
      req.destroy(new Error(`No answer from ${to.hostname} within ${TIMEOUT_MS / 1000} s`)),
    );
    req.on('error', reject);
    req.end(body);
  });

/**
 * Signs and sends a request, retrying as the SDK's standard mode. A 2xx is returned; any other answer is
 * thrown as the `errorOf` reading of it.
 */
export const sendSigned = async (
  service: AwsService,
  req: AwsRequest,
  errorOf: (res: AwsResponse) => AwsServiceError,
): Promise<AwsResponse> => {
  for (let attempt = 1; ; attempt++) {
    let failure: unknown;
    try {
      // Signed again each attempt: a signature is only good for a few minutes.
      const signed = await signerFor(service).sign(toSignable(req));
      const target = {
        protocol: req.url.protocol,
        hostname: req.url.hostname,
        port: req.url.port,
        path: `${signed.path}${queryString(signed.query ?? {})}`,
      };
      const res = await send(target, req.method, signed.headers, req.body);
      // Only a 2xx is a success: a 3xx from S3 is a redirect to another region, and nothing was stored.
      if (res.status >= 200 && res.status < 300) return res;
      const error = errorOf(res);
      if (!(res.status >= 500 || res.status === 429 || THROTTLING.has(error.name))) throw error;
      failure = error;
    } catch (error) {
      // Refused outright (a 4xx that is not throttling): trying again would get the same answer.
      if (
        error instanceof AwsServiceError &&
        !(error.status >= 500 || error.status === 429 || THROTTLING.has(error.name))
      )
        throw error;
      failure = error;
    }
    if (attempt >= MAX_ATTEMPTS) throw failure;
    await sleep(backoff(attempt));
  }
};

/** The error code in a JSON answer: the `x-amzn-errortype` header or `__type`, without namespace or suffix. */
export const jsonErrorOf = (res: AwsResponse): AwsServiceError => {
  let parsed: { __type?: string; code?: string; message?: string; Message?: string } = {};
  try {
    parsed = JSON.parse(res.body.toString('utf8') || '{}') as typeof parsed;
  } catch {
    // Not JSON (a proxy's page): the status says enough.
  }
  const header = res.headers['x-amzn-errortype'];
  const raw = (Array.isArray(header) ? header[0] : header) ?? parsed.__type ?? parsed.code ?? '';
  const code = raw.split(':')[0]?.split('#').pop() || `Http${res.status}`;
  return new AwsServiceError(
    code,
    parsed.message ?? parsed.Message ?? `${code} (HTTP ${res.status})`,
    res.status,
  );
};

/**
 * One call in the AWS JSON protocol (SQS, Step Functions, Secrets Manager): a POST to `/` naming the
 * operation in `X-Amz-Target`. Answers the parsed output.
 */
export const awsJsonCall = async <T>(
  service: AwsService,
  target: string,
  version: '1.0' | '1.1',
  input: Record<string, unknown>,
): Promise<T> => {
  const res = await sendSigned(
    service,
    {
      method: 'POST',
      url: endpointOf(service),
      path: '/',
      headers: { 'content-type': `application/x-amz-json-${version}`, 'x-amz-target': target },
      body: JSON.stringify(input),
    },
    jsonErrorOf,
  );
  return JSON.parse(res.body.toString('utf8') || '{}') as T;
};
