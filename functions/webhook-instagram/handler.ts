import { z } from 'zod';
import { ForbiddenError } from '../common/errors';
import { httpHandler, json, rawBody } from '../common/http';
import { getSecret } from '../common/secrets';
import { parseInput } from '../common/validation';
import { safeEqual } from '../domain/approval/signing';
import { intake } from '../domain/feedback/webhook-intake';
import { instagramEvents, instagramPayload } from '../domain/feedback/webhook-payloads';
import { verifyMetaSignature } from '../domain/feedback/webhook-signatures';

const handshake = z.object({
  'hub.mode': z.literal('subscribe'),
  'hub.verify_token': z.string().min(1).max(500),
  'hub.challenge': z.string().min(1).max(500),
});

export const handler = httpHandler(async (event) => {
  if (event.requestContext.http.method === 'GET') {
    // Subscription handshake: echo the challenge only for our verify token.
    const q = parseInput(handshake, event.queryStringParameters ?? {}, 'handshake');
    if (!safeEqual(q['hub.verify_token'], await getSecret('META_VERIFY_TOKEN')))
      throw new ForbiddenError('Wrong verify token');
    return { statusCode: 200, headers: { 'content-type': 'text/plain' }, body: q['hub.challenge'] };
  }
  const secret = await getSecret('META_APP_SECRET');
  const result = await intake({
    platform: 'instagram',
    raw: rawBody(event),
    signatureValid: (raw) => verifyMetaSignature(secret, raw, event.headers['x-hub-signature-256']),
    schema: instagramPayload,
    events: instagramEvents,
    known: (_payload, events) => events.length > 0,
  });
  return json(200, { received: true, stored: result.stored, duplicates: result.duplicates });
});
