import { z } from 'zod';
import { NotFoundError } from '../common/errors';
import { httpHandler, json, jsonBody, staffIdentity } from '../common/http';
import { parseInput } from '../common/validation';
import {
  closeFeedback,
  closeInput,
  getFeedback,
  inboxQuery,
  listFeedback,
  replyInput,
  replyToFeedback,
} from '../domain/inbox';

const idParam = z.object({ id: z.string().regex(/^(instagram|x)-[0-9A-Za-z_]{1,64}$/, 'not a feedback id') });

export const handler = httpHandler(async (event) => {
  const who = staffIdentity(event);
  const actor = who.email ?? who.subject;
  if (event.routeKey === 'GET /feedback') {
    const q = parseInput(inboxQuery, event.queryStringParameters ?? {}, 'query');
    return json(200, { feedback: await listFeedback(q) });
  }
  const { id } = parseInput(idParam, event.pathParameters ?? {}, 'path');
  switch (event.routeKey) {
    case 'GET /feedback/{id}':
      return json(200, await getFeedback(id));
    case 'POST /feedback/{id}/reply':
      return json(200, await replyToFeedback(id, jsonBody(event, replyInput).text, actor));
    case 'POST /feedback/{id}/close':
      return json(200, await closeFeedback(id, jsonBody(event, closeInput).note, actor));
    default:
      throw new NotFoundError(`No route ${event.routeKey}`);
  }
});
