import type { AuthProvider } from './auth/provider';

/**
 * The staff API from the browser: JSON in and out, the bearer token from the sign-in provider, errors as
 * `ApiError` with the API's machine fields (`error`, `issues`) so screens can put their own words on them.
 */

export interface FieldIssue {
  readonly path: string;
  readonly message: string;
}

export class ApiError extends Error {
  override readonly name = 'ApiError';
  constructor(
    readonly status: number,
    /** The API's error class name (`ValidationError`, `NotFoundError`, …), or `NetworkError`. */
    readonly kind: string,
    message: string,
    readonly issues: readonly FieldIssue[] = [],
  ) {
    super(message);
  }
}

export interface Api {
  get<T>(path: string): Promise<T>;
  post<T>(path: string, body?: unknown): Promise<T>;
  put<T>(path: string, body?: unknown): Promise<T>;
  del(path: string): Promise<void>;
  /** A file (a CSV) fetched with the same sign-in; the name from Content-Disposition when it gives one. */
  download(path: string): Promise<{ blob: Blob; filename?: string }>;
}

export interface ApiOptions {
  readonly baseUrl: string;
  readonly auth: AuthProvider;
  /** Called when the API refuses the token (401): the console signs out and says why. */
  readonly onUnauthorized?: () => void;
  readonly fetch?: typeof fetch;
}

const parseIssues = (raw: unknown): FieldIssue[] =>
  Array.isArray(raw)
    ? raw
        .filter((i): i is { path: unknown; message: unknown } => typeof i === 'object' && i !== null)
        .map((i) => ({ path: String(i.path ?? ''), message: String(i.message ?? '') }))
    : [];

export const createApi = (options: ApiOptions): Api => {
  const doFetch = options.fetch ?? fetch.bind(globalThis);
  const request = async <T>(method: string, path: string, body?: unknown): Promise<T> => {
    const token = await options.auth.accessToken();
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = 'application/json';
    let response: Response;
    try {
      response = await doFetch(`${options.baseUrl}${path}`, {
        method,
        headers,
        ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      });
    } catch {
      throw new ApiError(0, 'NetworkError', 'The API could not be reached');
    }
    const text = await response.text();
    let parsed: unknown;
    try {
      parsed = text ? JSON.parse(text) : undefined;
    } catch {
      parsed = undefined;
    }
    if (!response.ok) {
      const o = (parsed ?? {}) as Record<string, unknown>;
      if (response.status === 401) options.onUnauthorized?.();
      throw new ApiError(
        response.status,
        typeof o.error === 'string' ? o.error : response.status === 401 ? 'Unauthorized' : 'HttpError',
        typeof o.message === 'string' ? o.message : response.statusText,
        parseIssues(o.issues),
      );
    }
    return parsed as T;
  };
  return {
    get: (path) => request('GET', path),
    post: (path, body) => request('POST', path, body ?? {}),
    put: (path, body) => request('PUT', path, body ?? {}),
    del: async (path) => {
      await request('DELETE', path);
    },
    download: async (path) => {
      const token = await options.auth.accessToken();
      let response: Response;
      try {
        response = await doFetch(`${options.baseUrl}${path}`, {
          method: 'GET',
          headers: token ? { authorization: `Bearer ${token}` } : {},
        });
      } catch {
        throw new ApiError(0, 'NetworkError', 'The API could not be reached');
      }
      if (!response.ok) {
        if (response.status === 401) options.onUnauthorized?.();
        throw new ApiError(response.status, 'HttpError', response.statusText);
      }
      const filename = /filename="([^"]+)"/.exec(response.headers.get('content-disposition') ?? '')?.[1];
      return { blob: await response.blob(), ...(filename ? { filename } : {}) };
    },
  };
};
