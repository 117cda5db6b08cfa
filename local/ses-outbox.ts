import { mkdir, rename, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';

/**
 * The SES v2 SendEmail API (POST /v2/email/outbound-emails) for one machine: each message lands as an
 * .eml file in the outbox folder instead of being sent. Raw and Simple content are both accepted.
 */

interface SendEmailBody {
  FromEmailAddress?: string;
  Destination?: { ToAddresses?: string[] };
  Content?: {
    Raw?: { Data?: string };
    Simple?: { Subject?: { Data?: string }; Body?: { Text?: { Data?: string }; Html?: { Data?: string } } };
  };
}

const simpleToMime = (b: SendEmailBody): string => {
  const s = b.Content?.Simple;
  return [
    `From: ${b.FromEmailAddress ?? ''}`,
    `To: ${(b.Destination?.ToAddresses ?? []).join(', ')}`,
    `Subject: ${s?.Subject?.Data ?? ''}`,
    'MIME-Version: 1.0',
    'Content-Type: text/plain; charset=UTF-8',
    '',
    s?.Body?.Text?.Data ?? s?.Body?.Html?.Data ?? '',
  ].join('\r\n');
};

/** `meter` is told of each message sent, with its recipients and size (the cost run's meter). */
/** SES bills each recipient of a message as one email. */
const recipientsOf = (b: SendEmailBody, mime: string): number => {
  const listed = b.Destination?.ToAddresses?.length ?? 0;
  if (listed) return listed;
  const head = mime.split(/\r?\n\r?\n/)[0] ?? '';
  const to = /^(?:To|Cc|Bcc):\s*(.+)$/gim;
  let n = 0;
  for (const m of head.matchAll(to)) n += (m[1] ?? '').split(',').filter((x) => x.includes('@')).length;
  return Math.max(1, n);
};

export const createOutboxServer = (
  outboxDir: string,
  meter?: (recipients: number, bytes: number) => void,
): Server =>
  createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', async () => {
      const reply = (status: number, body: unknown) => {
        res.writeHead(status, { 'content-type': 'application/json' });
        res.end(JSON.stringify(body));
      };
      if (req.method !== 'POST' || req.url?.split('?')[0] !== '/v2/email/outbound-emails') {
        return reply(404, { message: 'Only SendEmail is available in the local outbox' });
      }
      let body: SendEmailBody;
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as SendEmailBody;
      } catch {
        return reply(400, { message: 'Body is not JSON' });
      }
      const raw = body.Content?.Raw?.Data;
      const mime = raw ? Buffer.from(raw, 'base64').toString('utf8') : simpleToMime(body);
      if (!raw && !body.Content?.Simple)
        return reply(400, { message: 'Content.Raw or Content.Simple is required' });
      const messageId = `${Date.now()}-${crypto.randomUUID()}`;
      // Written beside the outbox and moved in whole: whoever reads the outbox (a person, a test, the
      // item driver) never sees half a message.
      const incoming = `${outboxDir}.incoming`;
      await mkdir(outboxDir, { recursive: true });
      await mkdir(incoming, { recursive: true });
      await writeFile(join(incoming, `${messageId}.eml`), mime);
      await rename(join(incoming, `${messageId}.eml`), join(outboxDir, `${messageId}.eml`));
      meter?.(recipientsOf(body, mime), Buffer.byteLength(mime));
      reply(200, { MessageId: messageId });
    });
  });
