import type { Context } from 'aws-lambda';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as z from 'zod';
import { ConfigError } from '../../functions/common/errors';
import { type HttpEvent, httpRouter, json, route } from '../../functions/common/http';
import { createLogger, log, logLevelFromEnv, maskInLogs } from '../../functions/common/logger';
import { putMetric } from '../../functions/common/metrics';
import { taskHandler } from '../../functions/common/task';

/** Everything written to stdout and stderr while `fn` runs, one entry per line. */
const capture = async (fn: () => unknown): Promise<string[]> => {
  const lines: string[] = [];
  const keep = (chunk: string | Uint8Array) => {
    lines.push(...String(chunk).split('\n').filter(Boolean));
    return true;
  };
  const out = vi.spyOn(process.stdout, 'write').mockImplementation(keep);
  const err = vi.spyOn(process.stderr, 'write').mockImplementation(keep);
  try {
    await fn();
  } finally {
    out.mockRestore();
    err.mockRestore();
  }
  return lines;
};
const parsed = (lines: string[]) => lines.map((l) => JSON.parse(l) as Record<string, unknown>);
const logLines = (lines: string[]) => parsed(lines).filter((l) => !('_aws' in l));
const emfLines = (lines: string[]) =>
  parsed(lines).filter((l) => '_aws' in l) as (Record<string, unknown> & {
    _aws: { CloudWatchMetrics: { Namespace: string; Dimensions: string[][]; Metrics: object[] }[] };
  })[];

const context = (over: Partial<Context> = {}): Context =>
  ({
    functionName: 'sebar-record-status',
    functionVersion: '$LATEST',
    invokedFunctionArn: 'arn:aws:lambda:ap-southeast-3:000000000000:function:sebar-record-status',
    memoryLimitInMB: '512',
    awsRequestId: 'req-lambda-1',
    getRemainingTimeInMillis: () => 10_000,
    ...over,
  }) as Context;

beforeEach(() => {
  delete process.env.SEBAR_SILENT_LOGS;
});
afterEach(() => {
  process.env.SEBAR_SILENT_LOGS = 'true';
});

describe('the logger (Powertools behind log.*)', () => {
  it('writes one JSON line with level, message, timestamp and service', async () => {
    const [line] = logLines(await capture(() => log.info('hello', { count: 2 })));
    expect(line).toMatchObject({ level: 'INFO', message: 'hello', service: 'sebar', count: 2 });
    expect(typeof line?.timestamp).toBe('string');
  });

  it('never prints a secret from a nested field, an error message or a known secret value', async () => {
    maskInLogs('EAAG-known-instagram-token-value');
    const error = Object.assign(
      new Error(
        'GET https://graph.facebook.com/v23.0/me?fields=id&access_token=EAAGleak1 failed; header Authorization: Bearer xleak2; token EAAG-known-instagram-token-value refused',
      ),
      { config: { headers: { authorization: 'Bearer xleak3' } } },
    );
    const lines = await capture(() => {
      log.error('platform call failed', {
        error,
        request: { headers: { 'x-hub-signature-256': 'sha256=leak4', accept: 'json' } },
        deep: { a: { b: { c: { d: { e: { f: { g: { secret: 'leak5' } } } } } } } },
        list: [{ consumerKey: 'leak6' }],
        note: 'oauth_signature="leak7", oauth_nonce="leak8"',
      });
    });
    const text = lines.join('\n');
    for (const leak of ['leak1', 'leak2', 'leak3', 'leak4', 'leak5', 'leak6', 'leak7', 'leak8'])
      expect(text, leak).not.toContain(leak);
    expect(text).not.toContain('EAAG-known-instagram-token-value');
    const line = logLines(lines)[0] ?? {};
    expect(line.level).toBe('ERROR');
    // The error keeps its name and (scrubbed) message, and no stack.
    const logged = line.error as { name: string; message: string };
    expect(logged.name).toBe('Error');
    expect(logged.message).toContain('access_token=[redacted]');
    expect(text).not.toContain('at ');
    expect((line.request as { headers: Record<string, string> }).headers.accept).toBe('json');
  });

  it('puts the task payload item id, execution ARN, request id and cold start on every line, then drops them', async () => {
    const handler = taskHandler('record-status', z.object({ itemId: z.string() }), async (input) => {
      log.info('recording', { step: 1 });
      return input.itemId;
    });
    const executionArn =
      'arn:aws:states:ap-southeast-3:000000000000:execution:sebar-content-lifecycle:itm_01';
    const lines = await capture(async () => {
      await handler({ itemId: 'itm_01', executionArn }, context());
      log.info('after the invocation');
    });
    const [during, after] = logLines(lines);
    expect(during).toMatchObject({
      message: 'recording',
      itemId: 'itm_01',
      executionArn,
      requestId: 'req-lambda-1',
      function_request_id: 'req-lambda-1',
      function_name: 'sebar-record-status',
      // No POWERTOOLS_SERVICE_NAME here: the local runtime's function name gives the service.
      service: 'record-status',
      step: 1,
    });
    expect(typeof during?.cold_start).toBe('boolean');
    expect(after?.itemId).toBeUndefined();
    expect(after?.executionArn).toBeUndefined();
  });

  it("gives HTTP lines the HTTP API's request id and the route", async () => {
    const handler = httpRouter({
      'GET /ping': route({
        auth: 'public',
        handle: async () => {
          log.info('pinged');
          return json(200, { ok: true });
        },
      }),
    });
    const event = {
      routeKey: 'GET /ping',
      rawPath: '/ping',
      headers: {},
      requestContext: { requestId: 'api-req-7', http: { method: 'GET', path: '/ping' } },
    } as unknown as HttpEvent;
    const lines = await capture(() => handler(event, context({ functionName: 'sebar-operations-api' })));
    expect(logLines(lines)[0]).toMatchObject({
      message: 'pinged',
      requestId: 'api-req-7',
      route: 'GET /ping',
      function_request_id: 'req-lambda-1',
      service: 'operations-api',
    });
  });

  it('filters by level', async () => {
    const quiet = createLogger({ logLevel: 'WARN' });
    const lines = await capture(() => {
      quiet.info('not shown');
      quiet.debug('not shown either');
      quiet.warn('shown');
    });
    expect(logLines(lines).map((l) => l.message)).toEqual(['shown']);
  });

  it('reads LOG_LEVEL in any case, INFO by default, and refuses anything else', () => {
    expect(logLevelFromEnv({})).toBe('INFO');
    expect(logLevelFromEnv({ LOG_LEVEL: 'debug' })).toBe('DEBUG');
    expect(logLevelFromEnv({ LOG_LEVEL: 'WARN' })).toBe('WARN');
    expect(() => logLevelFromEnv({ LOG_LEVEL: 'verbose' })).toThrow(ConfigError);
  });
});

describe('metrics (Powertools EMF)', () => {
  it('are kept during an invocation and written once at its end, one document per dimension set', async () => {
    let seenDuring = 0;
    const handler = taskHandler('record-status', z.object({ itemId: z.string() }), async () => {
      putMetric('Published', 1, { Platform: 'instagram' }, { itemId: 'itm_01' });
      putMetric('Published', 1, { Platform: 'x' }, { itemId: 'itm_01' });
      putMetric('PublishLatency', 42, { Platform: 'x' });
      putMetric('ItemSubmitted', 1, {});
      seenDuring = emfLines(lines).length;
      return 'ok';
    });
    const lines: string[] = [];
    lines.push(...(await capture(() => handler({ itemId: 'itm_01' }, context()))));
    expect(seenDuring).toBe(0);
    const docs = emfLines(lines);
    expect(docs).toHaveLength(3);
    const byPlatform = (p: string) => docs.find((d) => d.Platform === p);
    expect(byPlatform('instagram')).toMatchObject({ Published: 1, itemId: 'itm_01' });
    expect(byPlatform('x')).toMatchObject({ Published: 1, PublishLatency: 42 });
    expect(byPlatform('x')?._aws.CloudWatchMetrics[0]).toEqual({
      Namespace: 'Sebar',
      // No `service` dimension: the alarms read Platform alone.
      Dimensions: [['Platform']],
      Metrics: [
        { Name: 'Published', Unit: 'Count' },
        { Name: 'PublishLatency', Unit: 'Seconds' },
      ],
    });
    const total = docs.find((d) => 'ItemSubmitted' in d);
    expect(total?._aws.CloudWatchMetrics[0]?.Dimensions).toEqual([]);
  });

  it('are written when the invocation fails too, and carry both webhook dimensions', async () => {
    const handler = taskHandler('scheduled-jobs', z.object({}), async () => {
      putMetric('WebhookEvents', 1, { Platform: 'x', EventType: 'mention' });
      putMetric('WebhookEvents', 1, { Platform: 'x', EventType: 'mention' });
      throw new Error('boom');
    });
    const lines = await capture(() => handler({}, context()).catch(() => undefined));
    const [doc] = emfLines(lines);
    expect(doc).toMatchObject({ Platform: 'x', EventType: 'mention', WebhookEvents: [1, 1] });
    expect(doc?._aws.CloudWatchMetrics[0]).toMatchObject({
      Dimensions: [['Platform', 'EventType']],
      Metrics: [{ Name: 'WebhookEvents', Unit: 'Count' }],
    });
  });
});
