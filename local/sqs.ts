import { createHash, randomUUID } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import { readBody } from './http-body';

/**
 * Amazon SQS for one machine: the AWS JSON 1.0 API the SDK speaks (SendMessage, SendMessageBatch,
 * ReceiveMessage, DeleteMessage, GetQueueUrl, GetQueueAttributes) plus Lambda's event source mapping
 * (batches handed to the consumer function as an SQS event, partial batch failures, a visibility timeout,
 * and after maxReceiveCount failed receives the message moves to the dead-letter queue). Messages are
 * files on disk, so nothing queued is lost when the runtime stops.
 */

export interface LocalQueueSpec {
  readonly name: string;
  /** The function the event source mapping invokes; none for a dead-letter queue. */
  readonly consumer?: string;
  readonly batchSize?: number;
  readonly maxReceiveCount?: number;
  readonly deadLetterQueue?: string;
}

interface Message {
  id: string;
  body: string;
  md5: string;
  sentAt: number;
  receiveCount: number;
  firstReceivedAt?: number;
  visibleAt: number;
  receipt?: string;
}

export interface LocalSqsOptions {
  readonly dataDir: string;
  readonly region: string;
  readonly queues: readonly LocalQueueSpec[];
  readonly invoke: (functionName: string, event: unknown) => Promise<unknown>;
  /** How long a failed message stays invisible before its next try (AWS: the visibility timeout). */
  readonly retryAfterMs?: number;
  readonly pollMs?: number;
  readonly log?: (message: string, data?: Record<string, unknown>) => void;
  /**
   * Told of each billable SQS action with its payload size (the cost run's meter): the API's and the
   * event source mapping's, which on AWS receives and deletes in batches through the same API.
   */
  readonly meter?: (action: string, payloadBytes: number) => void;
}

const ACCOUNT = '000000000000';
const md5 = (s: string) => createHash('md5').update(s, 'utf8').digest('hex');

class AwsError extends Error {
  constructor(
    readonly type: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
  }
}

const queueUrlOf = z.object({ QueueUrl: z.string().min(1) });
const sendBody = queueUrlOf.extend({
  MessageBody: z
    .string()
    .min(1)
    .max(256 * 1024),
  DelaySeconds: z.number().int().min(0).max(900).optional(),
});
const batchBody = queueUrlOf.extend({
  Entries: z
    .array(
      z.object({
        Id: z.string().min(1).max(80),
        MessageBody: z
          .string()
          .min(1)
          .max(256 * 1024),
        DelaySeconds: z.number().int().min(0).max(900).optional(),
      }),
    )
    .min(1)
    .max(10),
});
const receiveBody = queueUrlOf.extend({
  MaxNumberOfMessages: z.number().int().min(1).max(10).default(1),
  VisibilityTimeout: z.number().int().min(0).max(43_200).default(30),
});
const deleteBody = queueUrlOf.extend({ ReceiptHandle: z.string().min(1) });

export class LocalSqs {
  readonly server: Server;
  private readonly queues = new Map<string, Map<string, Message>>();
  private readonly specs = new Map<string, LocalQueueSpec>();
  private timer: NodeJS.Timeout | undefined;
  private baseUrl = '';
  private polling: Promise<void> | undefined;
  private stopped = false;

  constructor(private readonly options: LocalSqsOptions) {
    for (const q of options.queues) {
      this.specs.set(q.name, q);
      this.queues.set(q.name, new Map());
    }
    this.server = createServer(async (req, res) => {
      const send = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.0' });
        res.end(JSON.stringify(body));
      };
      try {
        const target = String(req.headers['x-amz-target'] ?? '');
        if (req.method !== 'POST' || !target.startsWith('AmazonSQS.'))
          throw new AwsError('com.amazonaws.sqs#InvalidAction', 'Only the AWS JSON protocol is served here');
        const raw = await readBody(req, 2 * 1024 * 1024);
        if (raw === 'too-large')
          throw new AwsError('com.amazonaws.sqs#BatchRequestTooLong', 'Request too large');
        let input: unknown;
        try {
          input = JSON.parse(raw.toString('utf8') || '{}');
        } catch {
          throw new AwsError('com.amazonaws.sqs#InvalidParameterValue', 'The body is not JSON');
        }
        const action = target.slice('AmazonSQS.'.length);
        const answer = await this.action(action, input);
        this.options.meter?.(action, raw.length);
        send(200, answer);
      } catch (error) {
        if (error instanceof AwsError)
          return send(error.status, { __type: error.type, message: error.message });
        send(500, {
          __type: 'com.amazonaws.sqs#InternalError',
          message: 'Internal failure in the local SQS',
        });
      }
    });
  }

  /** The queue URL handlers are given (the SDK posts to the endpoint and names the queue by this URL). */
  queueUrl(name: string): string {
    return `${this.baseUrl}/${ACCOUNT}/${name}`;
  }

  queueArn(name: string): string {
    return `arn:aws:sqs:${this.options.region}:${ACCOUNT}:${name}`;
  }

  /** Messages waiting or in flight, per queue (for tests and the load script). */
  depth(name: string): number {
    return this.queues.get(name)?.size ?? 0;
  }

  private parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
    const r = schema.safeParse(input);
    if (!r.success)
      throw new AwsError(
        'com.amazonaws.sqs#InvalidParameterValue',
        r.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; '),
      );
    return r.data;
  }

  private queueOf(url: string): string {
    const name = url.split('/').pop() ?? '';
    if (!this.queues.has(name))
      throw new AwsError('com.amazonaws.sqs#QueueDoesNotExist', 'The specified queue does not exist.');
    return name;
  }

  private async action(name: string, input: unknown): Promise<unknown> {
    switch (name) {
      case 'SendMessage': {
        const b = this.parse(sendBody, input);
        const m = await this.enqueue(this.queueOf(b.QueueUrl), b.MessageBody, b.DelaySeconds ?? 0);
        return { MessageId: m.id, MD5OfMessageBody: m.md5 };
      }
      case 'SendMessageBatch': {
        const b = this.parse(batchBody, input);
        const queue = this.queueOf(b.QueueUrl);
        // Each entry on disk before the answer, written side by side rather than one after the other.
        const sent = await Promise.all(
          b.Entries.map((e) => this.enqueue(queue, e.MessageBody, e.DelaySeconds ?? 0)),
        );
        const Successful = b.Entries.map((e, i) => ({
          Id: e.Id,
          MessageId: sent[i]?.id,
          MD5OfMessageBody: sent[i]?.md5,
        }));
        return { Successful, Failed: [] };
      }
      case 'ReceiveMessage': {
        const b = this.parse(receiveBody, input);
        const got = await this.receive(
          this.queueOf(b.QueueUrl),
          b.MaxNumberOfMessages,
          b.VisibilityTimeout * 1000,
        );
        return {
          Messages: got.map((m) => ({
            MessageId: m.id,
            ReceiptHandle: m.receipt,
            MD5OfBody: m.md5,
            Body: m.body,
            Attributes: { ApproximateReceiveCount: String(m.receiveCount), SentTimestamp: String(m.sentAt) },
          })),
        };
      }
      case 'DeleteMessage': {
        const b = this.parse(deleteBody, input);
        const queue = this.queueOf(b.QueueUrl);
        const m = [...(this.queues.get(queue)?.values() ?? [])].find((x) => x.receipt === b.ReceiptHandle);
        if (m) await this.remove(queue, m);
        return {};
      }
      case 'GetQueueUrl': {
        const b = this.parse(z.object({ QueueName: z.string().min(1) }), input);
        return { QueueUrl: this.queueUrl(this.queueOf(`/${b.QueueName}`)) };
      }
      case 'GetQueueAttributes': {
        const queue = this.queueOf(this.parse(queueUrlOf, input).QueueUrl);
        const all = [...(this.queues.get(queue)?.values() ?? [])];
        const now = Date.now();
        return {
          Attributes: {
            ApproximateNumberOfMessages: String(all.filter((m) => m.visibleAt <= now).length),
            ApproximateNumberOfMessagesNotVisible: String(all.filter((m) => m.visibleAt > now).length),
            QueueArn: this.queueArn(queue),
          },
        };
      }
      default:
        throw new AwsError('com.amazonaws.sqs#InvalidAction', `The action ${name} is not served locally`);
    }
  }

  private dir(queue: string): string {
    return join(this.options.dataDir, queue);
  }

  private async persist(queue: string, m: Message): Promise<void> {
    const file = join(this.dir(queue), `${m.id}.json`);
    await writeFile(`${file}.tmp`, JSON.stringify(m));
    await rename(`${file}.tmp`, file);
  }

  private async remove(queue: string, m: Message): Promise<void> {
    this.queues.get(queue)?.delete(m.id);
    await rm(join(this.dir(queue), `${m.id}.json`), { force: true });
  }

  private async enqueue(queue: string, body: string, delaySeconds: number, from?: Message): Promise<Message> {
    const now = Date.now();
    const m: Message = from
      ? { ...from, visibleAt: now, receipt: undefined }
      : {
          id: randomUUID(),
          body,
          md5: md5(body),
          sentAt: now,
          receiveCount: 0,
          visibleAt: now + delaySeconds * 1000,
        };
    // On disk before the sender hears "sent": a stop right after loses nothing.
    await this.persist(queue, m);
    this.queues.get(queue)?.set(m.id, m);
    return m;
  }

  private async receive(queue: string, max: number, visibilityMs: number): Promise<Message[]> {
    const now = Date.now();
    // Oldest first, as far as a standard queue orders anything: the map keeps messages in the order they
    // were sent, so the first visible ones are taken without sorting the whole backlog on every poll.
    const got: Message[] = [];
    for (const m of this.queues.get(queue)?.values() ?? []) {
      if (m.visibleAt > now) continue;
      got.push(m);
      if (got.length >= max) break;
    }
    // Claimed before the first await, so two receivers never get the same message.
    for (const m of got) {
      m.receiveCount += 1;
      m.firstReceivedAt ??= now;
      m.visibleAt = now + visibilityMs;
      m.receipt = randomUUID();
    }
    await Promise.all(got.map((m) => this.persist(queue, m)));
    return got;
  }

  /** One batch through the consumer, as Lambda's event source mapping does it. */
  private async deliver(queue: string, spec: LocalQueueSpec & { consumer: string }): Promise<boolean> {
    const retryMs = this.options.retryAfterMs ?? 1000;
    const batch = await this.receive(queue, spec.batchSize ?? 10, 15 * 60_000);
    if (!batch.length) return false;
    this.options.meter?.(
      'ReceiveMessage',
      batch.reduce((s, m) => s + Buffer.byteLength(m.body), 0),
    );
    const event = {
      Records: batch.map((m) => ({
        messageId: m.id,
        receiptHandle: m.receipt,
        body: m.body,
        attributes: {
          ApproximateReceiveCount: String(m.receiveCount),
          SentTimestamp: String(m.sentAt),
          SenderId: ACCOUNT,
          ApproximateFirstReceiveTimestamp: String(m.firstReceivedAt ?? m.sentAt),
        },
        messageAttributes: {},
        md5OfBody: m.md5,
        eventSource: 'aws:sqs',
        eventSourceARN: this.queueArn(queue),
        awsRegion: this.options.region,
      })),
    };
    let failed = new Set(batch.map((m) => m.id));
    try {
      const out = (await this.options.invoke(spec.consumer, event)) as
        | { batchItemFailures?: { itemIdentifier?: string }[] }
        | undefined;
      failed = new Set((out?.batchItemFailures ?? []).map((f) => String(f.itemIdentifier)));
    } catch (error) {
      this.options.log?.('queue consumer failed', { queue, error: (error as Error).message });
    }
    if (batch.some((m) => !failed.has(m.id))) this.options.meter?.('DeleteMessageBatch', 0);
    for (const m of batch) {
      if (!failed.has(m.id)) {
        await this.remove(queue, m);
        continue;
      }
      if (spec.deadLetterQueue && m.receiveCount >= (spec.maxReceiveCount ?? 5)) {
        await this.remove(queue, m);
        await this.enqueue(spec.deadLetterQueue, m.body, 0, m);
        this.options.log?.('message moved to the dead-letter queue', { queue, messageId: m.id });
        continue;
      }
      m.visibleAt = Date.now() + retryMs;
      await this.persist(queue, m);
    }
    return true;
  }

  private tick(): void {
    if (this.stopped || this.polling) return;
    this.polling = (async () => {
      let busy = true;
      while (busy && !this.stopped) {
        busy = false;
        for (const [queue, spec] of this.specs) {
          if (!spec.consumer) continue;
          // Several batches at once, as Lambda scales out on a busy queue.
          const consumer = spec.consumer;
          const runs = await Promise.all(
            Array.from({ length: 4 }, () => this.deliver(queue, { ...spec, consumer })),
          );
          busy ||= runs.some(Boolean);
        }
      }
    })()
      .catch((error: unknown) => this.options.log?.('queue poll failed', { error: String(error) }))
      .finally(() => {
        this.polling = undefined;
      });
  }

  async start(port: number, listen: (server: Server, port: number) => Promise<number>): Promise<string> {
    for (const name of this.queues.keys()) {
      await mkdir(this.dir(name), { recursive: true });
      const found: Message[] = [];
      for (const file of (await readdir(this.dir(name))).filter((f) => f.endsWith('.json'))) {
        try {
          const m = JSON.parse(await readFile(join(this.dir(name), file), 'utf8')) as Message;
          // In flight when the runtime stopped: visible again, as after a visibility timeout.
          found.push({ ...m, visibleAt: Math.min(m.visibleAt, Date.now()) });
        } catch {
          // Written atomically; an unreadable file is not ours.
        }
      }
      // In the order they were sent, which receive() relies on.
      for (const m of found.sort((a, b) => a.sentAt - b.sentAt)) this.queues.get(name)?.set(m.id, m);
    }
    const bound = await listen(this.server, port);
    this.baseUrl = `http://127.0.0.1:${bound}`;
    this.timer = setInterval(() => this.tick(), this.options.pollMs ?? 100);
    return this.baseUrl;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.polling;
  }
}
