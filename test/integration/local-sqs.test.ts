import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  GetQueueAttributesCommand,
  ReceiveMessageCommand,
  SendMessageBatchCommand,
  SendMessageCommand,
  SQSClient,
} from '@aws-sdk/client-sqs';
import { afterEach, describe, expect, it } from 'vitest';
import { closeServer, listen } from '../../local/aws-services';
import { LocalSqs } from '../../local/sqs';

type SqsEvent = {
  Records: { messageId: string; body: string; attributes: { ApproximateReceiveCount: string } }[];
};

const running: { sqs: LocalSqs; client: SQSClient }[] = [];
const start = async (dataDir: string, consumer?: (e: SqsEvent) => Promise<unknown>) => {
  const sqs = new LocalSqs({
    dataDir,
    region: 'ap-southeast-3',
    queues: [
      {
        name: 'work',
        consumer: consumer ? 'worker' : undefined,
        batchSize: 10,
        maxReceiveCount: 3,
        deadLetterQueue: 'work-dlq',
      },
      { name: 'work-dlq' },
    ],
    invoke: async (_name, event) => consumer?.(event as SqsEvent),
    retryAfterMs: 50,
    pollMs: 20,
  });
  const endpoint = await sqs.start(0, listen);
  const client = new SQSClient({
    endpoint,
    region: 'ap-southeast-3',
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
  running.push({ sqs, client });
  return { sqs, client, url: sqs.queueUrl('work'), dlq: sqs.queueUrl('work-dlq') };
};
const until = async (check: () => boolean, ms = 5000) => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 20));
  }
};

afterEach(async () => {
  for (const r of running.splice(0)) {
    await r.sqs.stop();
    await closeServer(r.sqs.server);
    r.client.destroy();
  }
});

describe('the local SQS, through the AWS SDK', () => {
  it('delivers to the consumer in batches, retries only the failed records, and dead-letters after maxReceiveCount', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sebar-sqs-'));
    const seen: Record<string, number> = {};
    const q = await start(dir, async (e) => {
      const failures = [];
      for (const r of e.Records) {
        seen[r.body] = (seen[r.body] ?? 0) + 1;
        if (r.body === 'poison' || (r.body === 'flaky' && seen[r.body] === 1))
          failures.push({ itemIdentifier: r.messageId });
      }
      return { batchItemFailures: failures };
    });
    // The SDK checks MD5OfMessageBody itself: a wrong one would throw here.
    await q.client.send(new SendMessageCommand({ QueueUrl: q.url, MessageBody: 'ok' }));
    const batch = await q.client.send(
      new SendMessageBatchCommand({
        QueueUrl: q.url,
        Entries: [
          { Id: 'a', MessageBody: 'flaky' },
          { Id: 'b', MessageBody: 'poison' },
        ],
      }),
    );
    expect(batch.Successful?.map((s) => s.Id)).toEqual(['a', 'b']);
    await until(() => q.sqs.depth('work-dlq') === 1 && q.sqs.depth('work') === 0);
    expect(seen).toEqual({ ok: 1, flaky: 2, poison: 3 });
    const dead = await q.client.send(new ReceiveMessageCommand({ QueueUrl: q.dlq, MaxNumberOfMessages: 10 }));
    expect(dead.Messages?.map((m) => m.Body)).toEqual(['poison']);
    await rm(dir, { recursive: true, force: true });
  });

  it('keeps queued messages on disk across a restart', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sebar-sqs-'));
    // No consumer yet: the message waits in the queue when the runtime stops.
    const first = await start(dir);
    await first.client.send(new SendMessageCommand({ QueueUrl: first.url, MessageBody: 'keep me' }));
    await first.sqs.stop();
    await closeServer(first.sqs.server);
    running.splice(0);
    const delivered: string[] = [];
    const second = await start(dir, async (e) => {
      delivered.push(...e.Records.map((r) => r.body));
      return { batchItemFailures: [] };
    });
    await until(() => delivered.length === 1);
    expect(delivered).toEqual(['keep me']);
    const attrs = await second.client.send(
      new GetQueueAttributesCommand({ QueueUrl: second.url, AttributeNames: ['All'] }),
    );
    expect(attrs.Attributes?.ApproximateNumberOfMessages).toBe('0');
    await rm(dir, { recursive: true, force: true });
  });

  it('answers an unknown queue with the AWS error', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'sebar-sqs-'));
    const q = await start(dir, async () => ({ batchItemFailures: [] }));
    await expect(
      q.client.send(new SendMessageCommand({ QueueUrl: `${q.url}-nope`, MessageBody: 'x' })),
    ).rejects.toMatchObject({ name: 'QueueDoesNotExist' });
    await rm(dir, { recursive: true, force: true });
  });
});
