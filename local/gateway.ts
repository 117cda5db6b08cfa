import { randomUUID } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import { safeEqual } from '../functions/domain/approval/signing';
import { type RouteSpec, routes } from '../infra/catalog';
import { type ConsoleFilesOptions, isConsolePath, serveConsoleFile } from './console-files';
import { readBody } from './http-body';
import { invokeLocal } from './lambda';

/**
 * An HTTP gateway with API Gateway HTTP API semantics: the route table CDK deploys (from the catalog),
 * payload format 2.0 events, a JWT-authorizer-like context on staff routes (a bearer token locally, a
 * Cognito JWT on AWS), and the Lambda response shape turned back into HTTP.
 */

export const MAX_BODY_BYTES = 10 * 1024 * 1024; // API Gateway's payload limit

interface CompiledRoute {
  readonly spec: RouteSpec;
  readonly pattern: RegExp;
  readonly params: string[];
}

const compile = (spec: RouteSpec): CompiledRoute => {
  const params: string[] = [];
  const source = spec.path
    .replace(/[.*+?^$()|[\]\\]/g, '\\$&')
    .replace(/\\?\{([A-Za-z0-9_]+)\\?\}/g, (_, name: string) => {
      params.push(name);
      return '([^/]+)';
    });
  return { spec, pattern: new RegExp(`^${source}$`), params };
};

const TEXT_TYPES = /^(text\/|application\/(json|x-www-form-urlencoded|xml|javascript)|[^;]*\+json)/i;

export interface GatewayOptions {
  /** The staff bearer token (SEBAR_API_TOKEN): a PR staff member who is also a supervisor. */
  readonly apiToken: string;
  /** Optional second token (SEBAR_STAFF_TOKEN) for a staff member who is not a supervisor. */
  readonly staffOnlyToken?: string;
  /** The staff console's files, served at `/` beside the API (GET and HEAD of its paths only). */
  readonly console?: ConsoleFilesOptions;
  /**
   * Called once per request with its one structured line: method, route key (never the raw path, which
   * carries approval ids), status, duration and request id. Never headers, query values or bodies.
   */
  readonly log?: (line: RequestLogLine) => void;
  /** Told of each API request's size and its answer's, with its log line (the cost run's meter). */
  readonly meter?: (requestBytes: number, responseBytes: number, line: RequestLogLine) => void;
}

export interface RequestLogLine {
  readonly source: 'gateway';
  readonly message: 'request';
  readonly method: string;
  /** `GET /content/{id}` for an API route; `console` for the console's files; `-` when nothing matched. */
  readonly routeKey: string;
  readonly status: number;
  readonly ms: number;
  readonly requestId: string;
}

/** Thrown when a path or query string carries a percent-escape that does not decode. */
export class MalformedRequestError extends Error {
  override readonly name = 'MalformedRequestError';
}

const decodeStrict = (value: string, what: string): string => {
  try {
    return decodeURIComponent(value);
  } catch {
    throw new MalformedRequestError(`The ${what} has a malformed percent-escape; encode "%" as "%25".`);
  }
};

/** Each `&`-separated part of a raw query string must decode (as API Gateway would need it to). */
const checkQuery = (raw: string): void => {
  for (const part of raw.split('&')) decodeStrict(part.replace(/\+/g, ' '), 'query string');
};

/**
 * API Gateway picks the most specific route whatever the order they were declared in: segment by segment
 * from the left, a literal segment beats a `{variable}` (`/feedback/corrections` before `/feedback/{id}`).
 */
export const bySpecificity = (a: RouteSpec, b: RouteSpec): number => {
  const as = a.path.split('/');
  const bs = b.path.split('/');
  for (let i = 0; i < Math.min(as.length, bs.length); i++) {
    const av = (as[i] ?? '').startsWith('{');
    const bv = (bs[i] ?? '').startsWith('{');
    if (av !== bv) return av ? 1 : -1;
  }
  return 0;
};

export const createGateway = (options: GatewayOptions): Server => {
  const compiled = [...routes].sort(bySpecificity).map(compile);

  return createServer(async (req, res) => {
    const started = Date.now();
    const requestId = randomUUID();
    const method = (req.method ?? 'GET').toUpperCase();
    let routeKey = '-';
    let logged = false;
    const lineFor = (status: number): RequestLogLine => ({
      source: 'gateway',
      message: 'request',
      method,
      routeKey,
      status,
      ms: Date.now() - started,
      requestId,
    });
    const logLine = (status: number) => {
      if (logged) return;
      logged = true;
      options.log?.(lineFor(status));
    };
    // As API Gateway: every response names its request, so a complaint can be matched to its log line.
    res.setHeader('apigw-requestid', requestId);
    const reply = (status: number, body: string, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(method === 'HEAD' ? undefined : body);
      logLine(status);
    };
    try {
      let url: URL;
      try {
        url = new URL(req.url ?? '/', 'http://gateway.local');
        decodeStrict(url.pathname, 'path');
        checkQuery(url.search.slice(1));
      } catch (error) {
        const message =
          error instanceof MalformedRequestError ? error.message : 'The request URL is malformed.';
        return reply(400, JSON.stringify({ error: 'MalformedRequestError', message }));
      }
      if (options.console && isConsolePath(method, url.pathname)) {
        routeKey = 'console';
        const status = await serveConsoleFile(method, url.pathname, res, options.console);
        logLine(status);
        return;
      }
      let matched: { route: CompiledRoute; values: string[] } | undefined;
      let pathExists = false;
      for (const route of compiled) {
        const m = route.pattern.exec(url.pathname);
        if (!m) continue;
        pathExists = true;
        if (route.spec.method === method) {
          matched = { route, values: m.slice(1) };
          break;
        }
      }
      if (!matched)
        return reply(404, JSON.stringify({ message: pathExists ? 'Method Not Allowed' : 'Not Found' }));
      const { route, values } = matched;
      routeKey = `${route.spec.method} ${route.spec.path}`;

      const headers: Record<string, string> = {};
      for (const [k, v] of Object.entries(req.headers)) {
        if (v !== undefined && k !== 'cookie') headers[k.toLowerCase()] = Array.isArray(v) ? v.join(',') : v;
      }
      let authorizer: { jwt: { claims: Record<string, string>; scopes: string[] } } | undefined;
      if (route.spec.auth === 'staff') {
        const presented = /^Bearer\s+(.+)$/i.exec(headers.authorization ?? '')?.[1]?.trim() ?? '';
        // As the Cognito JWT authorizer passes them: the subject, email and groups of the signed-in user.
        const supervisor = presented !== '' && safeEqual(presented, options.apiToken);
        const staffOnly =
          !supervisor &&
          presented !== '' &&
          !!options.staffOnlyToken &&
          safeEqual(presented, options.staffOnlyToken);
        if (!supervisor && !staffOnly) {
          return reply(401, JSON.stringify({ message: 'Unauthorized' }), { 'www-authenticate': 'Bearer' });
        }
        authorizer = {
          jwt: {
            claims: supervisor
              ? { sub: 'local-staff', email: 'humas@localhost', 'cognito:groups': '[staff supervisor]' }
              : { sub: 'local-staff-2', email: 'staf.humas@localhost', 'cognito:groups': '[staff]' },
            scopes: [],
          },
        };
      }

      const body = await readBody(req, MAX_BODY_BYTES);
      if (body === 'too-large') return reply(413, JSON.stringify({ message: 'Request Entity Too Large' }));
      const isText = TEXT_TYPES.test(headers['content-type'] ?? 'application/json');
      const query: Record<string, string> = {};
      for (const [k, v] of url.searchParams) query[k] = query[k] === undefined ? v : `${query[k]},${v}`;
      const cookies = req.headers.cookie
        ?.split(';')
        .map((c) => c.trim())
        .filter(Boolean);
      const now = new Date();
      const event = {
        version: '2.0',
        routeKey: `${route.spec.method} ${route.spec.path}`,
        rawPath: url.pathname,
        rawQueryString: url.search.slice(1),
        ...(cookies?.length ? { cookies } : {}),
        headers,
        ...(Object.keys(query).length ? { queryStringParameters: query } : {}),
        ...(route.params.length
          ? {
              pathParameters: Object.fromEntries(
                route.params.map((p, i) => [p, decodeStrict(values[i] ?? '', 'path')]),
              ),
            }
          : {}),
        requestContext: {
          accountId: '000000000000',
          apiId: 'local',
          domainName: headers.host ?? 'localhost',
          domainPrefix: (headers.host ?? 'localhost').split('.')[0],
          http: {
            method,
            path: url.pathname,
            protocol: `HTTP/${req.httpVersion}`,
            sourceIp: (req.socket.remoteAddress ?? '127.0.0.1').replace(/^::ffff:/, ''),
            userAgent: headers['user-agent'] ?? '',
          },
          requestId,
          routeKey: `${route.spec.method} ${route.spec.path}`,
          stage: '$default',
          time: now.toUTCString(),
          timeEpoch: now.getTime(),
          ...(authorizer ? { authorizer } : {}),
        },
        ...(body.length ? { body: isText ? body.toString('utf8') : body.toString('base64') } : {}),
        isBase64Encoded: body.length > 0 && !isText,
      };

      let result: unknown;
      try {
        result = await invokeLocal(route.spec.function, event);
      } catch {
        return reply(500, JSON.stringify({ message: 'Internal Server Error' }));
      }
      // As API Gateway: a result without statusCode is a 200 JSON body.
      const r: APIGatewayProxyStructuredResultV2 =
        result && typeof result === 'object' && 'statusCode' in result
          ? (result as APIGatewayProxyStructuredResultV2)
          : {
              statusCode: 200,
              body: JSON.stringify(result),
              headers: { 'content-type': 'application/json' },
            };
      const out: Record<string, string | string[]> = {};
      for (const [k, v] of Object.entries(r.headers ?? {})) out[k] = String(v);
      if (r.cookies?.length) out['set-cookie'] = r.cookies;
      const payload = r.body === undefined ? '' : r.isBase64Encoded ? Buffer.from(r.body, 'base64') : r.body;
      res.writeHead(r.statusCode ?? 200, out);
      res.end(method === 'HEAD' ? undefined : payload);
      logLine(r.statusCode ?? 200);
      options.meter?.(body.length, Buffer.byteLength(payload), lineFor(r.statusCode ?? 200));
    } catch {
      if (!res.headersSent) reply(500, JSON.stringify({ message: 'Internal Server Error' }));
      else logLine(500);
    }
  });
};
