import * as z from 'zod';
import { ForbiddenError } from '../common/errors';
import { httpRouter, json, rawBody, route } from '../common/http';
import { getSecret } from '../common/secrets';
import { safeEqual } from '../domain/approval/signing';
import { intake } from '../domain/feedback/webhook-intake';
import { instagramEvents, instagramPayload } from '../domain/feedback/webhook-payloads';
import { verifyMetaSignature } from '../domain/feedback/webhook-signatures';

const handshake = z.object({
  'hub.mode': z.literal('subscribe'),
  'hub.verify_token': z.string().min(1).max(500),
  'hub.challenge': z.string().min(1).max(500),
});

export const handler = httpRouter({
  // Subscription handshake: echo the challenge only for our verify token.
  'GET /webhooks/instagram': route({
    auth: 'public',
    query: handshake,
    handle: async ({ query }) => {
      if (!safeEqual(query['hub.verify_token'], await getSecret('META_VERIFY_TOKEN')))
        throw new ForbiddenError('Wrong verify token');
      return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: query['hub.challenge'] };
    },
  }),
  'POST /webhooks/instagram': route({
    auth: 'public',
    handle: async ({ event }) => {
      const secret = await getSecret('META_APP_SECRET');
      const result = await intake({
        platform: 'instagram',
        raw: rawBody(event),
        signatureValid: (raw) => verifyMetaSignature(secret, raw, event.headers['x-hub-signature-256']),
        schema: instagramPayload,
        events: instagramEvents,
      });
      return json(200, {
        received: true,
        stored: result.stored,
        duplicates: result.duplicates,
        ignored: result.ignored,
      });
    },
  }),
});
