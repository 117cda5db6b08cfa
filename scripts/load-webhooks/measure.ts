import { readdir, readFile } from 'node:fs/promises';
import { type Agent, request as httpRequest } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { type DynamoDBDocumentClient, ScanCommand } from '@aws-sdk/lib-dynamodb';
import type { Delivery } from './deliveries';

/** Sending one delivery and timing its answer, and reading back what the runtime stored and emailed. */

// ---- sending -----------------------------------------------------------------------------------------

export interface Outcome {
  readonly status: number;
  /** When the request went out, in ms since the burst started, and how long its answer took. */
  readonly at: number;
  readonly ms: number;
  readonly error?: string;
  readonly stored?: number;
  readonly duplicates?: number;
}

export const post = (agent: Agent, base: URL, d: Delivery, origin: number): Promise<Outcome> =>
  new Promise((resolve) => {
    const t0 = performance.now();
    const done = (o: Omit<Outcome, 'ms' | 'at'>) =>
      resolve({ ...o, at: t0 - origin, ms: performance.now() - t0 });
    const req = httpRequest(
      new URL(d.path, base),
      {
        method: 'POST',
        agent,
        headers: {
          'content-type': 'application/json',
          'content-length': String(d.body.length),
          'user-agent': d.platform === 'instagram' ? 'facebookexternalua' : 'Twitter-Webhooks/1.0',
          ...d.headers,
        },
        timeout: 30_000,
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('error', (error) => done({ status: 0, error: error.message }));
        res.on('end', () => {
          const status = res.statusCode ?? 0;
          // The answer's counts are a cross-check only: an asynchronous intake may not report them.
          let parsed: { stored?: unknown; duplicates?: unknown } = {};
          try {
            parsed = JSON.parse(Buffer.concat(chunks).toString('utf8')) as typeof parsed;
          } catch {}
          done({
            status,
            ...(typeof parsed.stored === 'number' ? { stored: parsed.stored } : {}),
            ...(typeof parsed.duplicates === 'number' ? { duplicates: parsed.duplicates } : {}),
            ...(status >= 300 ? { error: Buffer.concat(chunks).toString('utf8').slice(0, 200) } : {}),
          });
        });
      },
    );
    req.on('timeout', () => req.destroy(new Error('no answer within 30 s')));
    req.on('error', (error) => done({ status: 0, error: error.message }));
    req.end(d.body);
  });

// ---- reading back ------------------------------------------------------------------------------------

export interface StoredRow {
  readonly platform?: string;
  readonly platformId?: string;
  readonly urgent?: boolean;
  readonly urgentNotifiedAt?: string;
  /** Set by the queue consumer once the record is classified and linked. */
  readonly processedAt?: string;
}

/** Every feedback record (a few attributes), by a paginated Scan. */
export const scanFeedback = async (ddb: DynamoDBDocumentClient, table: string): Promise<StoredRow[]> => {
  const rows: StoredRow[] = [];
  let start: Record<string, unknown> | undefined;
  do {
    const out = await ddb.send(
      new ScanCommand({
        TableName: table,
        ExclusiveStartKey: start,
        ProjectionExpression: '#p, #pid, #u, #un, #pa',
        ExpressionAttributeNames: {
          '#p': 'platform',
          '#pid': 'platformId',
          '#u': 'urgent',
          '#un': 'urgentNotifiedAt',
          '#pa': 'processedAt',
        },
      }),
    );
    rows.push(...((out.Items ?? []) as StoredRow[]));
    start = out.LastEvaluatedKey;
  } while (start);
  return rows;
};

/** Urgent notifications in the local SES outbox, by the feedback id each names. */
export const urgentEmails = async (outboxDir: string): Promise<Map<string, number>> => {
  const byId = new Map<string, number>();
  for (const name of (await readdir(outboxDir)).filter((n) => n.endsWith('.eml'))) {
    const mime = await readFile(join(outboxDir, name), 'utf8');
    const id = /^X-Sebar-Feedback: (.+)$/m.exec(mime)?.[1]?.trim();
    if (id) byId.set(id, (byId.get(id) ?? 0) + 1);
  }
  return byId;
};

export const percentile = (sorted: readonly number[], p: number): number =>
  sorted.length ? (sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0) : 0;
