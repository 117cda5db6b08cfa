import type { IncomingMessage, ServerResponse } from 'node:http';
import { readBody as readRequestBody } from '../http-body';

/**
 * How the sandbox dispatches: each platform has a table of routes, tried in order; the first whose method
 * and pattern match handles the request, with the pattern's captured groups as parameters.
 */

export interface Route<Request> {
  readonly method: 'GET' | 'POST' | 'DELETE';
  /** Matched against the whole path the table is given (anchor it). */
  readonly pattern: RegExp;
  readonly handler: (request: Request, params: readonly string[]) => Promise<void> | void;
}

/** Runs the first matching route; false when none matches (the caller answers as its platform would). */
export const dispatch = async <Request>(
  routes: readonly Route<Request>[],
  method: string,
  path: string,
  request: Request,
): Promise<boolean> => {
  for (const route of routes) {
    if (route.method !== method) continue;
    const match = route.pattern.exec(path);
    if (!match) continue;
    await route.handler(
      request,
      match.slice(1).map((g) => g ?? ''),
    );
    return true;
  }
  return false;
};

/** What every route handler is given: the raw request, its parsed URL, and the response to write. */
export interface SandboxRequest {
  readonly method: string;
  readonly url: URL;
  readonly req: IncomingMessage;
  readonly res: ServerResponse;
}

export const send = (
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void => {
  if (status === 204) {
    res.writeHead(204, headers);
    res.end();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(typeof body === 'string' ? body : JSON.stringify(body));
};

export const readBody = async (req: IncomingMessage): Promise<Buffer> => {
  const body = await readRequestBody(req, 16 * 1024 * 1024);
  if (body === 'too-large') throw new Error('request body too large for the sandbox');
  return body;
};

/** A JSON request body (empty means `{}`); throws on malformed JSON, which the server answers with 500. */
export const readJson = async (req: IncomingMessage): Promise<unknown> =>
  JSON.parse((await readBody(req)).toString('utf8') || '{}');
