import { z } from 'zod';
import { NotFoundError } from '../common/errors';
import { httpHandler, json, jsonBody, staffIdentity } from '../common/http';
import { parseInput } from '../common/validation';
import {
  createFollowUp,
  createFollowUpInput,
  followUpIdParam,
  followUpQuery,
  getFollowUp,
  listFollowUps,
  updateFollowUp,
  updateFollowUpInput,
} from '../domain/feedback/follow-ups';
import {
  closeFeedback,
  closeInput,
  getFeedback,
  inboxQuery,
  listFeedback,
  replyInput,
  replyToFeedback,
} from '../domain/feedback/inbox';

const idParam = z.object({ id: z.string().regex(/^(instagram|x)-[0-9A-Za-z_]{1,64}$/, 'not a feedback id') });

export const handler = httpHandler(async (event) => {
  const who = staffIdentity(event);
  const actor = who.email ?? who.subject;
  const path = event.pathParameters ?? {};
  switch (event.routeKey) {
    case 'GET /feedback': {
      const q = parseInput(inboxQuery, event.queryStringParameters ?? {}, 'query');
      return json(200, { feedback: await listFeedback(q) });
    }
    case 'GET /feedback/{id}':
      return json(200, await getFeedback(parseInput(idParam, path, 'path').id));
    case 'POST /feedback/{id}/reply': {
      const { id } = parseInput(idParam, path, 'path');
      return json(200, await replyToFeedback(id, jsonBody(event, replyInput).text, actor));
    }
    case 'POST /feedback/{id}/close': {
      const { id } = parseInput(idParam, path, 'path');
      return json(200, await closeFeedback(id, jsonBody(event, closeInput).note, actor));
    }
    case 'POST /feedback/{id}/follow-ups': {
      const { id } = parseInput(idParam, path, 'path');
      return json(201, await createFollowUp(id, jsonBody(event, createFollowUpInput), actor));
    }
    case 'GET /follow-ups': {
      const q = parseInput(followUpQuery, event.queryStringParameters ?? {}, 'query');
      return json(200, { followUps: await listFollowUps(q) });
    }
    case 'GET /follow-ups/{id}':
      return json(200, await getFollowUp(parseInput(followUpIdParam, path, 'path').id));
    case 'POST /follow-ups/{id}': {
      const { id } = parseInput(followUpIdParam, path, 'path');
      return json(200, await updateFollowUp(id, jsonBody(event, updateFollowUpInput), actor));
    }
    default:
      throw new NotFoundError(`No route ${event.routeKey}`);
  }
});
