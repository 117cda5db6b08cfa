import { mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway } from '../../local/gateway';

/** The gateway serves the console's files beside the API, with a CSP, and leaves every API route alone. */
let base: string;
let close: () => Promise<void>;
const STORAGE = 'http://127.0.0.1:4569';

beforeAll(async () => {
  const dir = await mkdtemp(join(tmpdir(), 'sebar-console-'));
  await mkdir(join(dir, 'assets'));
  await writeFile(join(dir, 'index.html'), '<!doctype html><html lang="id"><title>Konsol</title></html>');
  await writeFile(join(dir, 'assets', 'index-abc123.js'), 'console.log(1)');
  await writeFile(join(dir, 'favicon.svg'), '<svg xmlns="http://www.w3.org/2000/svg"/>');
  const server = createGateway({
    apiToken: 'test-staff-token-0123456789',
    console: { dir, storageOrigin: STORAGE, config: { auth: 'token' } },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(() => close());

describe('the console served by the local gateway', () => {
  it('serves index.html at / with a CSP that allows no inline script', async () => {
    const r = await fetch(`${base}/`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await r.text()).toContain('lang="id"');
    const csp = r.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).toContain(`connect-src 'self' ${STORAGE}`);
    expect(csp).toContain(`img-src 'self' data: blob: ${STORAGE}`);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(r.headers.get('x-content-type-options')).toBe('nosniff');
    expect(r.headers.get('referrer-policy')).toBe('no-referrer');
    expect(r.headers.get('cache-control')).toBe('no-cache');
  });

  it('keeps hashed assets for a year and answers /config.json', async () => {
    const asset = await fetch(`${base}/assets/index-abc123.js`);
    expect(asset.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    const config = await fetch(`${base}/config.json`);
    expect(await config.json()).toEqual({ auth: 'token' });
    expect((await fetch(`${base}/favicon.svg`)).headers.get('content-type')).toBe('image/svg+xml');
    const head = await fetch(`${base}/index.html`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('serves nothing outside the built files', async () => {
    expect((await fetch(`${base}/assets/missing.js`)).status).toBe(404);
    expect((await fetch(`${base}/assets/..%2Fpackage.json`)).status).toBe(404);
    expect((await fetch(`${base}/.vite/manifest.json`)).status).toBe(404);
  });

  it('leaves the API routes as they were', async () => {
    const unauthorised = await fetch(`${base}/content`);
    expect(unauthorised.status).toBe(401);
    expect(unauthorised.headers.get('content-security-policy')).toBeNull();
    expect((await fetch(`${base}/`, { method: 'POST' })).status).toBe(404);
    expect((await fetch(`${base}/config.json`, { method: 'PUT' })).status).toBe(404);
  });
});
