import { config } from '../common/config';
import { PlatformRejectedError, RateLimitedError, TransientError } from '../common/errors';

export interface PlatformResponse {
  readonly status: number;
  readonly body: unknown;
  readonly headers: Headers;
}

/**
 * One HTTP call to a platform. Network errors and timeouts become TransientError: the outcome is
 * unknown, so the caller must reconcile before trying again. Status codes are left to the caller.
 */
export const platformCall = async (
  url: string,
  init: RequestInit,
  timeoutMs = config().PLATFORM_TIMEOUT_MS,
): Promise<PlatformResponse> => {
  let response: Response;
  try {
    response = await fetch(url, { ...init, signal: AbortSignal.timeout(timeoutMs) });
  } catch (error) {
    throw new TransientError(`No answer from ${new URL(url).host}: ${(error as Error).message}`);
  }
  const text = await response.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : {};
  } catch {
    // Keep the text: some error pages are not JSON.
  }
  return { status: response.status, body, headers: response.headers };
};

/** Turns the statuses every platform shares into the workflow's error classes. */
export const failOnStatus = (platform: string, r: PlatformResponse, detail: string): void => {
  if (r.status === 429) {
    // X sends the window's end in x-rate-limit-reset (epoch seconds) and no Retry-After.
    const reset = Number(r.headers.get('x-rate-limit-reset'));
    const retryAt =
      Number.isFinite(reset) && reset > 0 ? new Date(reset * 1000 + 1000) : new Date(Date.now() + 60_000);
    throw new RateLimitedError(`${platform} rate limit reached until ${retryAt.toISOString()}`, retryAt);
  }
  if (r.status >= 500) throw new TransientError(`${platform} answered ${r.status}: ${detail}`);
  if (r.status === 401) throw new PlatformRejectedError(`${platform} refused the access token: ${detail}`);
  if (r.status >= 400)
    throw new PlatformRejectedError(`${platform} refused the request (${r.status}): ${detail}`);
};
