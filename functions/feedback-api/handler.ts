import { z } from 'zod';
import { httpRouter, json, route } from '../common/http';
import { correctionsQuery, listCorrections } from '../domain/feedback/classifier-corrections-export';
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

export const handler = httpRouter({
  'GET /feedback': route({
    auth: 'staff',
    query: inboxQuery,
    handle: async ({ query }) => json(200, { feedback: await listFeedback(query) }),
  }),
  'GET /feedback/corrections': route({
    auth: 'staff',
    query: correctionsQuery,
    handle: async ({ query }) => json(200, await listCorrections(query)),
  }),
  'GET /feedback/{id}': route({
    auth: 'staff',
    path: idParam,
    handle: async ({ path }) => json(200, await getFeedback(path.id)),
  }),
  'POST /feedback/{id}/reply': route({
    auth: 'staff',
    path: idParam,
    body: replyInput,
    handle: async ({ path, body, actor }) => json(200, await replyToFeedback(path.id, body.text, actor)),
  }),
  'POST /feedback/{id}/close': route({
    auth: 'staff',
    path: idParam,
    body: closeInput,
    handle: async ({ path, body, actor }) => json(200, await closeFeedback(path.id, body.note, actor)),
  }),
  'POST /feedback/{id}/follow-ups': route({
    auth: 'staff',
    path: idParam,
    body: createFollowUpInput,
    handle: async ({ path, body, actor }) => json(201, await createFollowUp(path.id, body, actor)),
  }),
  'GET /follow-ups': route({
    auth: 'staff',
    query: followUpQuery,
    handle: async ({ query }) => json(200, { followUps: await listFollowUps(query) }),
  }),
  'GET /follow-ups/{id}': route({
    auth: 'staff',
    path: followUpIdParam,
    handle: async ({ path }) => json(200, await getFollowUp(path.id)),
  }),
  'POST /follow-ups/{id}': route({
    auth: 'staff',
    path: followUpIdParam,
    body: updateFollowUpInput,
    handle: async ({ path, body, actor }) => json(200, await updateFollowUp(path.id, body, actor)),
  }),
});
