import { createServer, request as httpRequest, type IncomingMessage, type Server } from 'node:http';
import { capacityUnits } from 'dynalite/db/index.js';
import { tables } from '../infra/catalog';
import { readBody } from './http-body';

/**
 * Counting what AWS would bill, where the local runtime's calls pass (docs/decisions/0026). Only the cost
 * run (`npm run cost`) hands the runtime a Meter; without one nothing here is wired in, and the handlers
 * never know either way: they reach the counting proxies through the same endpoint variables.
 *
 * Counters are a flat map of names to numbers, so a run can be snapshotted, subtracted and scaled.
 */

export type Counters = Map<string, number>;

export class Meter {
  readonly counters: Counters = new Map();

  add(name: string, by = 1): void {
    this.counters.set(name, (this.counters.get(name) ?? 0) + by);
  }

  get(name: string): number {
    return this.counters.get(name) ?? 0;
  }

  snapshot(): Counters {
    return new Map(this.counters);
  }

  /** One Lambda invocation: a request, and its duration rounded up to the millisecond as Lambda bills it. */
  lambda(fn: string, ms: number): void {
    this.add(`lambda.requests.${fn}`);
    this.add(`lambda.ms.${fn}`, Math.max(1, Math.ceil(ms)));
  }

  /** One HTTP API request: billed per request in 512 KB increments (the larger of request and response). */
  http(requestBytes: number, responseBytes: number, logBytes: number): void {
    this.add('http.requests', Math.max(1, Math.ceil(Math.max(requestBytes, responseBytes) / (512 * 1024))));
    this.add('http.calls');
    this.add('logs.access.bytes', logBytes);
  }

  /** One SQS API action as billed: each 64 KB chunk of payload is a request. */
  sqs(action: string, payloadBytes: number): void {
    this.add('sqs.requests', Math.max(1, Math.ceil(payloadBytes / (64 * 1024))));
    this.add(`sqs.action.${action}`);
  }
}

/** `a - b`, counter by counter. */
export const subtract = (a: Counters, b: Counters): Counters =>
  new Map([...a].map(([k, v]) => [k, v - (b.get(k) ?? 0)]));

/** `a × factor + b`, counter by counter. */
export const scaleAdd = (a: Counters, factor: number, b: Counters = new Map()): Counters => {
  const out = new Map(b);
  for (const [k, v] of a) out.set(k, (out.get(k) ?? 0) + v * factor);
  return out;
};

// ---- the counting proxies ---------------------------------------------------------------------------------

interface Exchange {
  readonly req: IncomingMessage;
  readonly requestBody: Buffer;
  readonly status: number;
  readonly responseBody: Buffer;
}

/**
 * A reverse proxy that buffers each request and answer so they can be counted. `rewrite` may change the
 * request body before it is forwarded (the DynamoDB proxy asks for consumed capacity); the answer goes back
 * byte for byte (DynamoDB's CRC32 header stays valid).
 */
const countingProxy = (
  target: string,
  observe: (x: Exchange) => Promise<void> | void,
  rewrite: (req: IncomingMessage, body: Buffer) => Buffer = (_, body) => body,
): Server =>
  createServer(async (req, res) => {
    const raw = await readBody(req, 64 * 1024 * 1024);
    const body = rewrite(req, raw === 'too-large' ? Buffer.alloc(0) : raw);
    const url = new URL(req.url ?? '/', target);
    const headers = { ...req.headers, host: url.host, 'content-length': String(body.length) };
    delete headers['transfer-encoding'];
    const upstream = httpRequest(url, { method: req.method, headers }, (answer) => {
      const chunks: Buffer[] = [];
      answer.on('data', (c: Buffer) => chunks.push(c));
      answer.on('end', () => {
        const responseBody = Buffer.concat(chunks);
        res.writeHead(answer.statusCode ?? 502, answer.headers);
        res.end(responseBody);
        void Promise.resolve(
          observe({ req, requestBody: body, status: answer.statusCode ?? 502, responseBody }),
        ).catch(() => undefined);
      });
    });
    upstream.on('error', () => {
      if (!res.headersSent) res.writeHead(502);
      res.end();
    });
    upstream.end(body);
  });

const DYNAMO_ITEM_ACTIONS = new Set([
  'GetItem',
  'PutItem',
  'UpdateItem',
  'DeleteItem',
  'Query',
  'Scan',
  'BatchGetItem',
  'BatchWriteItem',
]);
const WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem', 'BatchWriteItem']);

/** The catalog's tables by physical name, with their index key attributes. */
const indexKeys = new Map(
  tables.map((t) => [`sebar-${t.name}`, (t.indexes ?? []).map((i) => i.partitionKey)]),
);

type Capacity = { TableName?: string; CapacityUnits?: number };

/**
 * In front of dynalite: asks for ConsumedCapacity on every item operation (dynalite computes it from item
 * sizes as on-demand billing does: 1 WRU per KB written, 1 RRU per 4 KB read, half for eventually consistent
 * reads, query and scan by bytes read), and counts read and write request units. dynalite leaves out two
 * things DynamoDB bills: a failed conditional write still costs its write units, and every write to an item
 * that is in a global secondary index is also a write to that index. The proxy adds both: the first from the
 * request's item size, the second as one more write of the same units per index whose partition key the
 * written item carries (an update's item is read back, uncounted, to see which).
 */
export const dynamoMeter = (target: string, meter: Meter): Server =>
  countingProxy(
    target,
    async ({ req, requestBody, status, responseBody }) => {
      const action = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      meter.add(`dynamodb.action.${action}`);
      if (!DYNAMO_ITEM_ACTIONS.has(action)) return;
      const input = JSON.parse(requestBody.toString('utf8') || '{}') as Record<string, unknown>;
      const out = JSON.parse(responseBody.toString('utf8') || '{}') as Record<string, unknown>;
      const kind = WRITES.has(action) ? 'wru' : 'rru';
      if (status !== 200) {
        // ConditionalCheckFailed: the write was refused, and billed.
        if (kind === 'wru' && String(out.__type ?? '').endsWith('ConditionalCheckFailedException'))
          meter.add('dynamodb.wru', capacityUnits(input.Item as Record<string, unknown> | undefined, false));
        return;
      }
      const consumed = ([] as Capacity[]).concat((out.ConsumedCapacity as Capacity | Capacity[]) ?? []);
      const units = consumed.reduce((s, c) => s + (c.CapacityUnits ?? 0), 0);
      meter.add(`dynamodb.${kind}`, units);
      if (kind !== 'wru' || action === 'BatchWriteItem') return;
      const table = String(input.TableName ?? '');
      const keys = indexKeys.get(table) ?? [];
      if (!keys.length) return;
      let item = input.Item as Record<string, unknown> | undefined;
      if (action === 'UpdateItem') item = await readBack(target, table, input.Key);
      // A delete removes the item from every index it was in: counted for every index (an upper bound).
      const inIndexes = action === 'DeleteItem' ? keys.length : keys.filter((k) => item && k in item).length;
      meter.add('dynamodb.wru', units * inIndexes);
    },
    (req, body) => {
      const action = String(req.headers['x-amz-target'] ?? '').split('.')[1] ?? '';
      if (!DYNAMO_ITEM_ACTIONS.has(action)) return body;
      const input = JSON.parse(body.toString('utf8') || '{}') as Record<string, unknown>;
      if (input.ReturnConsumedCapacity && input.ReturnConsumedCapacity !== 'NONE') return body;
      return Buffer.from(JSON.stringify({ ...input, ReturnConsumedCapacity: 'TOTAL' }));
    },
  );

const readBack = (
  target: string,
  table: string,
  key: unknown,
): Promise<Record<string, unknown> | undefined> =>
  new Promise((resolve) => {
    const body = JSON.stringify({ TableName: table, Key: key });
    const req = httpRequest(
      new URL('/', target),
      {
        method: 'POST',
        headers: {
          'content-type': 'application/x-amz-json-1.0',
          'x-amz-target': 'DynamoDB_20120810.GetItem',
          authorization: 'AWS4-HMAC-SHA256 Credential=S3RVER/20260101/ap-southeast-3/dynamodb/aws4_request',
        },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => {
          try {
            resolve(
              (JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Item?: Record<string, unknown> }).Item,
            );
          } catch {
            resolve(undefined);
          }
        });
      },
    );
    req.on('error', () => resolve(undefined));
    req.end(body);
  });

/**
 * In front of s3rver: S3 bills PUT, COPY, POST and LIST requests at one price and GET (and the others) at a
 * lower one; DELETE is free. A GET on the bucket itself is a LIST.
 */
export const s3Meter = (target: string, meter: Meter): Server =>
  countingProxy(target, ({ req }) => {
    const method = (req.method ?? 'GET').toUpperCase();
    const path = new URL(req.url ?? '/', 'http://s3.local').pathname.split('/').filter(Boolean);
    const listing = method === 'GET' && path.length <= 1;
    if (method === 'DELETE') meter.add('s3.delete');
    else if (method === 'PUT' || method === 'POST' || listing) meter.add('s3.tier1');
    else meter.add('s3.tier2');
  });
