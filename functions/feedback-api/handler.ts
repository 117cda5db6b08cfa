import * as z from 'zod';
import { httpRouter, json, route } from '../common/http';
import { correctionsQuery, listCorrections } from '../domain/feedback/classifier-corrections-export';
import {
  createFollowUpInput,
  followUpIdParam,
  followUpQuery,
  updateFollowUpInput,
} from '../domain/feedback/follow-up-inputs';
import { createFollowUp, getFollowUp, listFollowUps, updateFollowUp } from '../domain/feedback/follow-ups';
import {
  assignToColleague,
  closeFeedback,
  heartbeatWriting,
  listFeedback,
  relabelFeedback,
  replyToFeedback,
} from '../domain/feedback/inbox';
import { feedbackDetail, inboxRows } from '../domain/feedback/inbox-detail';
import {
  assignInput,
  closeInput,
  inboxQuery,
  labelInput,
  replyInput,
  writingInput,
} from '../domain/feedback/inbox-inputs';
import { getLeaveDays, leaveDaysInput, putLeaveDays } from '../domain/feedback/office-calendar';
import {
  createSavedReply,
  createSavedReplyInput,
  deleteSavedReplyQuery,
  editSavedReply,
  listSavedReplies,
  removeSavedReply,
  savedReplyIdParam,
  updateSavedReplyInput,
} from '../domain/feedback/saved-replies';

const idParam = z.object({ id: z.string().regex(/^(instagram|x)-[0-9A-Za-z_]{1,64}$/, 'not a feedback id') });

export const handler = httpRouter({
  'GET /feedback': route({
    auth: 'staff',
    query: inboxQuery,
    handle: async ({ query, actor }) =>
      json(200, { feedback: await inboxRows(await listFeedback(query), actor) }),
  }),
  'GET /feedback/corrections': route({
    auth: 'staff',
    query: correctionsQuery,
    handle: async ({ query }) => json(200, await listCorrections(query)),
  }),
  'GET /feedback/{id}': route({
    auth: 'staff',
    path: idParam,
    handle: async ({ path, actor }) => json(200, await feedbackDetail(path.id, actor)),
  }),
  'POST /feedback/{id}/reply': route({
    auth: 'staff',
    path: idParam,
    body: replyInput,
    handle: async ({ path, body, actor }) =>
      json(200, await replyToFeedback(path.id, body.text, actor, body.seenReplies)),
  }),
  'POST /feedback/{id}/writing': route({
    auth: 'staff',
    path: idParam,
    body: writingInput,
    handle: async ({ path, body, actor }) => json(200, await heartbeatWriting(path.id, body.active, actor)),
  }),
  'POST /feedback/{id}/label': route({
    auth: 'staff',
    path: idParam,
    body: labelInput,
    handle: async ({ path, body, actor }) => json(200, await relabelFeedback(path.id, body, actor)),
  }),
  'POST /feedback/{id}/assign': route({
    auth: 'staff',
    path: idParam,
    body: assignInput,
    handle: async ({ path, body, actor }) => json(200, await assignToColleague(path.id, body.to, actor)),
  }),
  'GET /saved-replies': route({
    auth: 'staff',
    handle: async () => json(200, { savedReplies: await listSavedReplies() }),
  }),
  'POST /saved-replies': route({
    auth: 'staff',
    body: createSavedReplyInput,
    handle: async ({ body, actor }) => json(201, await createSavedReply(body, actor)),
  }),
  'PUT /saved-replies/{id}': route({
    auth: 'staff',
    path: savedReplyIdParam,
    body: updateSavedReplyInput,
    handle: async ({ path, body, actor }) => json(200, await editSavedReply(path.id, body, actor)),
  }),
  'DELETE /saved-replies/{id}': route({
    auth: 'staff',
    path: savedReplyIdParam,
    query: deleteSavedReplyQuery,
    handle: async ({ path, query }) => {
      await removeSavedReply(path.id, query.version);
      return json(200, { id: path.id, deleted: true });
    },
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
  // The office's leave days, which follow-up and answer deadlines skip (supervisors change them).
  'GET /settings/leave-days': route({
    auth: 'staff',
    handle: async () => json(200, await getLeaveDays()),
  }),
  'PUT /settings/leave-days': route({
    auth: 'staff',
    body: leaveDaysInput,
    handle: async ({ body, staff, actor }) => json(200, await putLeaveDays(body, staff, actor)),
  }),
});
