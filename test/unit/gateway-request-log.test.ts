import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createGateway, type RequestLogLine } from '../../local/gateway';

/** The local gateway's request log: one line per request, its fields, and nothing secret in it. */
const TOKEN = 'test-staff-token-0123456789';
const lines: RequestLogLine[] = [];
let base: string;
let close: () => Promise<void>;

beforeAll(async () => {
  const server = createGateway({ apiToken: TOKEN, log: (line) => lines.push(line) });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  close = () => new Promise((resolve) => server.close(() => resolve()));
});
afterAll(() => close());

const lastLine = () => lines.at(-1);

describe('the local gateway', () => {
  it('answers 400 with a JSON message for undecodable paths and query strings, and logs one line each', async () => {
    for (const path of ['/content/%ZZ', '/approvals/%ZZ', '/feedback?status=%E0%A4%A', '/nowhere/%']) {
      const before = lines.length;
      const r = await fetch(`${base}${path}`);
      expect(r.status, path).toBe(400);
      const body = (await r.json()) as { error: string; message: string };
      expect(body.error).toBe('MalformedRequestError');
      expect(body.message).toMatch(/malformed percent-escape/);
      expect(lines.length - before, path).toBe(1);
      expect(lastLine()?.status).toBe(400);
    }
  });

  it('logs method, route key, status, duration and request id, without tokens, query values or bodies', async () => {
    const refused = await fetch(`${base}/content/abc?code=code-secret`, {
      headers: { authorization: `Bearer ${TOKEN}x` },
    });
    expect(refused.status).toBe(401);
    const line = lastLine();
    expect(line).toEqual({
      source: 'gateway',
      message: 'request',
      method: 'GET',
      routeKey: 'GET /content/{id}',
      status: 401,
      ms: expect.any(Number),
      requestId: refused.headers.get('apigw-requestid'),
    });
    expect(line?.requestId).toMatch(/^[0-9a-f-]{36}$/);
    const all = JSON.stringify(lines);
    for (const secret of [
      TOKEN,
      'sig-secret-value',
      'tok-secret',
      'code-secret',
      'body-secret',
      '/content/abc',
    ])
      expect(all).not.toContain(secret);
  });

  it('names no route for a path outside the table', async () => {
    const r = await fetch(`${base}/not-a-route`);
    expect(r.status).toBe(404);
    expect(lastLine()).toMatchObject({ routeKey: '-', status: 404, method: 'GET' });
  });
});
