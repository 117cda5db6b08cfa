import { z } from 'zod';
import { httpHandler, json, rawBody } from '../common/http';
import { getSecret } from '../common/secrets';
import { parseInput } from '../common/validation';
import { intake } from '../domain/feedback/webhook-intake';
import { xEvents, xHasKnownEvents, xPayload } from '../domain/feedback/webhook-payloads';
import { verifyXSignature, xCrcResponse } from '../domain/feedback/webhook-signatures';

const crc = z.object({ crc_token: z.string().min(1).max(500) });

export const handler = httpHandler(async (event) => {
  const secret = await getSecret('X_CONSUMER_SECRET');
  if (event.requestContext.http.method === 'GET') {
    const q = parseInput(crc, event.queryStringParameters ?? {}, 'CRC request');
    return json(200, xCrcResponse(secret, q.crc_token));
  }
  const result = await intake({
    platform: 'x',
    raw: rawBody(event),
    signatureValid: (raw) => verifyXSignature(secret, raw, event.headers['x-twitter-webhooks-signature']),
    schema: xPayload,
    events: xEvents,
    known: (payload) => xHasKnownEvents(payload),
  });
  return json(200, { received: true, stored: result.stored, duplicates: result.duplicates });
});
