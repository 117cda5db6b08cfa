import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PutCommand } from '../../functions/common/aws/dynamo';
import { type LocalAws, startLocalAws } from '../helpers/local-aws';

let aws: LocalAws;
let exporter: typeof import('../../functions/domain/feedback/classifier-corrections-export');
let api: typeof import('../../functions/feedback-api/handler');

beforeAll(async () => {
  aws = await startLocalAws();
  exporter = await import('../../functions/domain/feedback/classifier-corrections-export');
  api = await import('../../functions/feedback-api/handler');
  const { dynamo } = await import('../../functions/common/aws/dynamo');
  const put = (id: string, status: string, fields: Record<string, unknown>) =>
    dynamo.send(
      new PutCommand({
        TableName: 'sebar-feedback',
        Item: {
          id,
          platform: 'instagram',
          platformId: id,
          kind: 'comment',
          authorHandle: 'warga',
          status,
          receivedAt: '2026-11-01T00:00:00.000Z',
          createdAt: '2026-11-01T00:00:00.000Z',
          ...fields,
        },
      }),
    );
  const fix = (at: string, to: Record<string, unknown>) => [
    { by: 'humas@dinkes', at, from: { label: 'other', category: null }, to },
  ];
  await put('instagram-open', 'open', {
    text: 'Obat TBC habis di puskesmas',
    label: 'complaint',
    category: 'stock',
    corrections: fix('2026-11-05T02:00:00.000Z', { label: 'complaint', category: 'stock' }),
  });
  await put('instagram-closed', 'closed', {
    text: 'Kapan posyandu dibuka?',
    label: 'question',
    category: null,
    corrections: fix('2026-11-02T02:00:00.000Z', { label: 'question', category: null }),
  });
  await put('instagram-plain', 'answered', { text: 'Terima kasih', label: 'appreciation' });
});
afterAll(async () => {
  await aws?.stop();
});

describe('GET /feedback/corrections reads corrected records from the feedback table', () => {
  it('exports every corrected record, whatever its status, and only those', async () => {
    const out = await exporter.listCorrections(exporter.correctionsQuery.parse({}));
    expect(out.skipped).toBe(0);
    expect(out.corrections.map((c) => [c.text, c.label, c.category])).toEqual([
      ['Kapan posyandu dibuka?', 'question', null],
      ['Obat TBC habis di puskesmas', 'complaint', 'stock'],
    ]);
  });

  it('honours since, and refuses a since that is not a time', async () => {
    const q = exporter.correctionsQuery.parse({ since: '2026-11-03T00:00:00Z' });
    expect((await exporter.listCorrections(q)).corrections.map((c) => c.text)).toEqual([
      'Obat TBC habis di puskesmas',
    ]);
    expect(exporter.correctionsQuery.safeParse({ since: 'kemarin' }).success).toBe(false);
  });
});

const get = async (rawQueryString: string, groups = '[staff]') => {
  const event = {
    version: '2.0',
    routeKey: 'GET /feedback/corrections',
    rawPath: '/feedback/corrections',
    rawQueryString,
    headers: {},
    queryStringParameters: Object.fromEntries(new URLSearchParams(rawQueryString)),
    requestContext: {
      http: { method: 'GET', path: '/feedback/corrections', sourceIp: '127.0.0.1', userAgent: 'test' },
      requestId: 'r1',
      authorizer: { jwt: { claims: { sub: 's1', 'cognito:groups': groups } } },
    },
    isBase64Encoded: false,
  };
  // biome-ignore lint/suspicious/noExplicitAny: a hand-built API Gateway event and an empty Lambda context
  const out = (await api.handler(event as any, {} as any)) as { statusCode: number; body: string };
  return { status: out.statusCode, body: JSON.parse(out.body) as Record<string, unknown> };
};

describe('the route, through the feedback API handler', () => {
  it('answers staff with the lines, refuses a bad since and a caller who is not staff', async () => {
    const ok = await get('since=2026-11-03T00%3A00%3A00Z');
    expect(ok.status).toBe(200);
    expect((ok.body.corrections as { text: string }[]).map((c) => c.text)).toEqual([
      'Obat TBC habis di puskesmas',
    ]);
    expect((await get('since=kemarin')).status).toBe(400);
    expect((await get('', '[citizen]')).status).toBe(401);
  });
});
