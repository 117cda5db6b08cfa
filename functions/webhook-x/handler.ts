import * as z from 'zod';
import { httpRouter, json, rawBody, route } from '../common/http';
import { getSecret } from '../common/secrets';
import { intake } from '../domain/feedback/webhook-intake';
import { xDeletions, xEvents, xPayload } from '../domain/feedback/webhook-payloads';
import { verifyXSignature, xCrcResponse } from '../domain/feedback/webhook-signatures';

const crc = z.object({ crc_token: z.string().min(1).max(500) });

export const handler = httpRouter({
  // Challenge-response check: X calls it when the webhook is registered and then about hourly.
  'GET /webhooks/x': route({
    auth: 'public',
    query: crc,
    handle: async ({ query }) =>
      json(200, xCrcResponse(await getSecret('X_CONSUMER_SECRET'), query.crc_token)),
  }),
  'POST /webhooks/x': route({
    auth: 'public',
    handle: async ({ event }) => {
      const secret = await getSecret('X_CONSUMER_SECRET');
      const result = await intake({
        platform: 'x',
        raw: rawBody(event),
        signatureValid: (raw) => verifyXSignature(secret, raw, event.headers['x-twitter-webhooks-signature']),
        schema: xPayload,
        events: xEvents,
        deletions: xDeletions,
      });
      return json(200, {
        received: true,
        stored: result.stored,
        duplicates: result.duplicates,
        deleted: result.deleted,
        ignored: result.ignored,
      });
    },
  }),
});
