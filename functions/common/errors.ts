/**
 * Error classes shared by handlers and domain code. The class name doubles as the error name that
 * Step Functions sees (Retry/Catch match on it), so names are part of the workflow contract.
 * Only client errors (status < 500) show their message to callers.
 */

export class AppError extends Error {
  readonly statusCode: number;
  constructor(message: string, statusCode = 500, options?: ErrorOptions) {
    super(message, options);
    this.name = new.target.name;
    this.statusCode = statusCode;
  }
  get expose(): boolean {
    return this.statusCode < 500;
  }
}

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export class ValidationError extends AppError {
  readonly issues: readonly FieldIssue[];
  constructor(message: string, issues: readonly FieldIssue[] = []) {
    super(message, 400);
    this.issues = issues;
  }
}

export class UnauthorizedError extends AppError {
  constructor(message = 'Authentication required') {
    super(message, 401);
  }
}

export class ForbiddenError extends AppError {
  constructor(message = 'Not allowed') {
    super(message, 403);
  }
}

export class NotFoundError extends AppError {
  constructor(message = 'Not found') {
    super(message, 404);
  }
}

export class ConflictError extends AppError {
  constructor(message: string) {
    super(message, 409);
  }
}

export class PayloadTooLargeError extends AppError {
  constructor(message = 'Request body is too large') {
    super(message, 413);
  }
}

/** A failure worth retrying (throttling, a 5xx, a network error). The ASL retries it with backoff. */
export class TransientError extends AppError {
  constructor(message: string, options?: ErrorOptions) {
    super(message, 503, options);
  }
}

/**
 * The platform asks us to wait (a rate limit, the daily publishing quota) until `retryAt`. Publishing
 * turns it into a Wait in the state machine rather than a retry that burns attempts.
 */
export class RateLimitedError extends AppError {
  readonly retryAt: Date;
  constructor(message: string, retryAt: Date) {
    super(message, 503);
    this.retryAt = retryAt;
  }
}

/** Something the platform is still preparing (a media container); the ASL waits and asks again. */
export class NotReadyError extends AppError {
  constructor(message: string) {
    super(message, 503);
  }
}

/** The platform refused for a reason retrying will not fix (bad token, rejected media). */
export class PlatformRejectedError extends AppError {
  constructor(message: string) {
    super(message, 502);
  }
}

export class ConfigError extends AppError {}

export const isConditionalCheckFailed = (error: unknown): boolean =>
  error instanceof Error && error.name === 'ConditionalCheckFailedException';
