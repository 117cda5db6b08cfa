import middy from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { AppError, PayloadTooLargeError, UnauthorizedError, ValidationError } from './errors';
import { log } from './logger';
import { parseInput } from './validation';

export type HttpEvent = APIGatewayProxyEventV2 & {
  requestContext: APIGatewayProxyEventV2['requestContext'] & {
    authorizer?: { jwt?: { claims?: Record<string, string | number | boolean | string[]> } };
  };
};
export type HttpResult = APIGatewayProxyStructuredResultV2;

export const json = (
  statusCode: number,
  body: unknown,
  headers: Record<string, string> = {},
): HttpResult => ({
  statusCode,
  headers: { 'content-type': 'application/json; charset=utf-8', 'cache-control': 'no-store', ...headers },
  body: JSON.stringify(body),
});

/** Maps thrown errors to JSON responses: client errors show their message, others a generic one. */
export const errorResponse = (error: unknown, event?: HttpEvent): HttpResult => {
  if (error instanceof AppError && error.expose) {
    return json(error.statusCode, {
      error: error.name,
      message: error.message,
      ...(error instanceof ValidationError && error.issues.length ? { issues: error.issues } : {}),
    });
  }
  log.error('request failed', { error, route: event?.routeKey, requestId: event?.requestContext?.requestId });
  return json(500, { error: 'InternalError', message: 'Something went wrong; the request changed nothing.' });
};

/** Wraps an HTTP handler with middy and uniform error responses. */
export const httpHandler = (fn: (event: HttpEvent, context: Context) => Promise<HttpResult>) =>
  middy<HttpEvent, HttpResult>().handler(async (event, context) => {
    try {
      return await fn(event, context);
    } catch (error) {
      return errorResponse(error, event);
    }
  });

export const MAX_JSON_BODY_BYTES = 12 * 1024 * 1024;

export const rawBody = (event: HttpEvent): Buffer => {
  if (event.body === undefined || event.body === null) return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
};

export const jsonBody = <S extends z.ZodType>(
  event: HttpEvent,
  schema: S,
  limit = MAX_JSON_BODY_BYTES,
): z.output<S> => {
  const body = rawBody(event);
  if (body.length > limit) throw new PayloadTooLargeError(`Request body is over ${limit} bytes`);
  let parsed: unknown;
  try {
    parsed = JSON.parse(body.toString('utf8'));
  } catch {
    throw new ValidationError('Request body must be valid JSON');
  }
  return parseInput(schema, parsed, 'request body');
};

export interface StaffIdentity {
  readonly subject: string;
  readonly email?: string;
  readonly groups: readonly string[];
}

const parseGroups = (raw: unknown): string[] => {
  if (Array.isArray(raw)) return raw.map(String);
  if (typeof raw !== 'string') return [];
  // API Gateway flattens array claims to "[a b]".
  return raw
    .replace(/^\[|\]$/g, '')
    .split(/[\s,]+/)
    .filter(Boolean);
};

/** The signed-in staff member, from the JWT authorizer context (Cognito on AWS, the gateway locally). */
export const staffIdentity = (event: HttpEvent): StaffIdentity => {
  const claims = event.requestContext.authorizer?.jwt?.claims;
  if (!claims?.sub) throw new UnauthorizedError();
  const groups = parseGroups(claims['cognito:groups']);
  if (!groups.includes('staff') && !groups.includes('supervisor')) throw new UnauthorizedError('Staff only');
  return { subject: String(claims.sub), email: claims.email ? String(claims.email) : undefined, groups };
};
