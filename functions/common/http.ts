import middy, { type MiddlewareObj } from '@middy/core';
import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2, Context } from 'aws-lambda';
import type { z } from 'zod';
import { AppError, NotFoundError, PayloadTooLargeError, UnauthorizedError, ValidationError } from './errors';
import { log } from './logger';
import { type Correlation, observability } from './observability';
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

/** `onError` middleware: every thrown error becomes a response (see errorResponse); nothing escapes. */
export const httpErrors = (): MiddlewareObj<HttpEvent, HttpResult> => ({
  onError: (request) => {
    request.response = errorResponse(request.error, request.event);
  },
});

/** An HTTP request's correlation keys: the HTTP API's request id (its access log has it too) and route. */
export const httpCorrelation = (event: HttpEvent): Correlation => ({
  requestId: event?.requestContext?.requestId,
  route: event?.routeKey,
});

/** A single-route HTTP handler: middy with the error mapping, and nothing else in the way. */
export const httpHandler = (fn: (event: HttpEvent, context: Context) => Promise<HttpResult>) =>
  middy<HttpEvent, HttpResult>().use(observability(httpCorrelation)).use(httpErrors()).handler(fn);

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

// ---------------------------------------------------------------------------------------------------------
// Multi-route functions: one route table per function, keyed by the API's routeKey ("GET /content/{id}").
// The table says, per route, who may call it and the schemas of its path, query and body; middlewares do the
// authentication and parsing before the route runs, so a route's code starts from validated input.

type Out<S> = S extends z.ZodType ? z.output<S> : undefined;

export interface RouteRequest<P, Q, B> {
  readonly event: HttpEvent;
  readonly context: Context;
  /** Present on staff routes. */
  readonly staff: StaffIdentity;
  /** Who to record in the audit trail: the staff member's email, else their subject. */
  readonly actor: string;
  readonly path: P;
  readonly query: Q;
  readonly body: B;
}

export interface Route<P = unknown, Q = unknown, B = unknown> {
  readonly auth: 'staff' | 'public';
  readonly path?: z.ZodType;
  readonly query?: z.ZodType;
  readonly body?: z.ZodType;
  /** An empty body is parsed as `{}` (routes whose every body field has a default). */
  readonly bodyOptional?: boolean;
  readonly bodyLimit?: number;
  readonly handle: (request: RouteRequest<P, Q, B>) => Promise<HttpResult>;
}

/** Declares a route; the schemas type the request its handler receives. */
export const route = <
  PS extends z.ZodType | undefined = undefined,
  QS extends z.ZodType | undefined = undefined,
  BS extends z.ZodType | undefined = undefined,
>(spec: {
  auth: 'staff' | 'public';
  path?: PS;
  query?: QS;
  body?: BS;
  bodyOptional?: boolean;
  bodyLimit?: number;
  handle: (request: RouteRequest<Out<PS>, Out<QS>, Out<BS>>) => Promise<HttpResult>;
}): Route => spec as Route;

interface RoutedContext extends Context {
  route?: Route;
  staff?: StaffIdentity;
  input?: { path: unknown; query: unknown; body: unknown };
}

type HttpMiddleware = MiddlewareObj<HttpEvent, HttpResult, Error, RoutedContext>;

/** `before`: picks the route for the event's routeKey, or answers 404. */
export const selectRoute = (routes: Readonly<Record<string, Route>>): HttpMiddleware => ({
  before: (request) => {
    const chosen = Object.hasOwn(routes, request.event.routeKey) ? routes[request.event.routeKey] : undefined;
    if (!chosen) throw new NotFoundError(`No route ${request.event.routeKey}`);
    request.context.route = chosen;
  },
});

/** `before`: staff routes need a staff member (401 otherwise); public routes pass. */
export const staffAuth = (): HttpMiddleware => ({
  before: (request) => {
    if (request.context.route?.auth === 'staff') request.context.staff = staffIdentity(request.event);
  },
});

/** `before`: validates path parameters, query string and JSON body with the route's schemas (400 otherwise). */
export const parseRequest = (): HttpMiddleware => ({
  before: (request) => {
    const r = request.context.route;
    if (!r) return;
    const { event } = request;
    const emptyBody = rawBody(event).length === 0;
    request.context.input = {
      path: r.path ? parseInput(r.path, event.pathParameters ?? {}, 'path') : undefined,
      query: r.query ? parseInput(r.query, event.queryStringParameters ?? {}, 'query') : undefined,
      body: !r.body
        ? undefined
        : r.bodyOptional && emptyBody
          ? parseInput(r.body, {}, 'request body')
          : jsonBody(event, r.body, r.bodyLimit),
    };
  },
});

/** A function serving several routes: error mapping, route choice, staff auth and parsing as middlewares. */
export const httpRouter = (routes: Readonly<Record<string, Route>>) =>
  middy<HttpEvent, HttpResult, Error, RoutedContext>()
    .use(observability(httpCorrelation) as HttpMiddleware[])
    .use(httpErrors() as HttpMiddleware)
    .use(selectRoute(routes))
    .use(staffAuth())
    .use(parseRequest())
    .handler(async (event, context) => {
      const r = context.route!;
      const staff = context.staff;
      const input = context.input ?? { path: undefined, query: undefined, body: undefined };
      return r.handle({
        event,
        context,
        staff: staff as StaffIdentity,
        actor: staff ? (staff.email ?? staff.subject) : 'public',
        ...input,
      });
    });
