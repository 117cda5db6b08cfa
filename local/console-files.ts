import { readFile } from 'node:fs/promises';
import type { ServerResponse } from 'node:http';
import { extname, join } from 'node:path';

/**
 * The staff console's static files, served by the local gateway beside the API: index.html at `/`,
 * hashed assets with a long cache, `/config.json` (how to sign in) and the icon. Only GET and HEAD of
 * these paths are static; everything else stays an API route. Every response carries a
 * Content-Security-Policy without inline scripts, and the usual security headers.
 */

export interface ConsoleFilesOptions {
  /** The built console (web/dist). */
  readonly dir: string;
  /** The local S3 origin: the browser uploads there and shows previews from there. */
  readonly storageOrigin: string;
  /** What /config.json answers; locally `{auth: 'token'}`. */
  readonly config?: Record<string, unknown>;
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.woff2': 'font/woff2',
  '.json': 'application/json; charset=utf-8',
};

const ASSET = /^\/assets\/[A-Za-z0-9._-]+$/;

export const isConsolePath = (method: string, pathname: string): boolean =>
  (method === 'GET' || method === 'HEAD') &&
  (pathname === '/' ||
    pathname === '/index.html' ||
    pathname === '/config.json' ||
    pathname === '/favicon.svg' ||
    (ASSET.test(pathname) && !pathname.includes('..')));

export const contentSecurityPolicy = (storageOrigin: string): string =>
  [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    `img-src 'self' data: blob: ${storageOrigin}`,
    `connect-src 'self' ${storageOrigin}`,
    "font-src 'self'",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');

export const securityHeaders = (storageOrigin: string): Record<string, string> => ({
  'content-security-policy': contentSecurityPolicy(storageOrigin),
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'x-frame-options': 'DENY',
  'cross-origin-opener-policy': 'same-origin',
  'permissions-policy': 'camera=(), microphone=(), geolocation=(), payment=()',
});

const NOT_BUILT = `<!doctype html>
<html lang="id"><head><meta charset="utf-8"><title>Konsol belum dibangun</title></head>
<body><h1>Konsol staf belum dibangun</h1>
<p>Jalankan <code>npm run build:console</code> (atau mulai ulang dengan <code>npm start</code>), lalu muat ulang halaman ini.</p>
<p lang="en">The staff console is not built yet: run <code>npm run build:console</code> or restart with <code>npm start</code>.</p>
</body></html>`;

/** Answers one console request (call only when `isConsolePath` says so). */
export const serveConsoleFile = async (
  method: string,
  pathname: string,
  res: ServerResponse,
  options: ConsoleFilesOptions,
): Promise<number> => {
  const headers = securityHeaders(options.storageOrigin);
  const send = (status: number, type: string, body: string | Buffer, cache: string) => {
    res.writeHead(status, {
      ...headers,
      'content-type': type,
      'content-length': String(Buffer.byteLength(body)),
      'cache-control': cache,
    });
    res.end(method === 'HEAD' ? undefined : body);
    return status;
  };
  if (pathname === '/config.json')
    return send(200, TYPES['.json'] ?? '', JSON.stringify(options.config ?? { auth: 'token' }), 'no-store');
  const file = pathname === '/' ? '/index.html' : pathname;
  let body: Buffer;
  try {
    body = await readFile(join(options.dir, file));
  } catch {
    if (file === '/index.html') return send(503, TYPES['.html'] ?? '', NOT_BUILT, 'no-store');
    return send(404, 'application/json', JSON.stringify({ message: 'Not Found' }), 'no-store');
  }
  const type = TYPES[extname(file)] ?? 'application/octet-stream';
  // Hashed asset names change with their content, so they can be kept for a year; the page itself is
  // checked on every load so a new build is picked up.
  const cache = file.startsWith('/assets/') ? 'public, max-age=31536000, immutable' : 'no-cache';
  return send(200, type, body, cache);
};
