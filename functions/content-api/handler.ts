import * as z from 'zod';
import { draftStore } from '../adapters/drafts-repo';
import { findItem, itemsPublishingBetween, listItems } from '../adapters/items-repo';
import { presignedUpload } from '../adapters/media-store';
import { listPublications } from '../adapters/publications-repo';
import { NotFoundError, ValidationError } from '../common/errors';
import { httpRouter, json, route } from '../common/http';
import { calendarItems, calendarQuery } from '../domain/content/calendar';
import { contentInput } from '../domain/content/content';
import { createContent } from '../domain/content/create-content';
import {
  createDraft,
  createDraftInput,
  deleteDraft,
  draftIdParam,
  getDraft,
  listDrafts,
  MAX_DRAFT_BODY_BYTES,
  updateDraft,
  updateDraftInput,
} from '../domain/content/drafts';
import { itemView } from '../domain/content/item-view';
import { overrideInput, overrideScreening } from '../domain/content/override-screening';
import { reviseContent, revisionInput } from '../domain/content/revise-content';
import {
  cancelContent,
  cancelInput,
  rescheduleContent,
  rescheduleInput,
} from '../domain/content/schedule-content';
import { checkScreening, screeningInput } from '../domain/content/screening-check';
import { requestUpload, uploadInput } from '../domain/content/uploads';
import { evaluationLinks } from '../domain/evaluation/evaluation';

const idParam = z.object({ id: z.string().regex(/^c[0-9a-z]{21}$/, 'not a content item id') });
const listQuery = z.object({
  limit: z.coerce.number().int().min(1).max(100).default(25),
  cursor: z.string().max(2000).optional(),
});

const decodeCursor = (cursor?: string): Record<string, unknown> | undefined => {
  if (!cursor) return undefined;
  try {
    return z
      .record(z.string(), z.string())
      .parse(JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')));
  } catch {
    throw new ValidationError('Invalid cursor', [{ path: 'cursor', message: 'not a cursor from this API' }]);
  }
};

export const handler = httpRouter({
  'POST /content': route({
    auth: 'staff',
    body: contentInput,
    handle: async ({ body, actor }) => {
      // A draft that is gone (already submitted, or deleted) refuses the submission before anything is created.
      if (body.draftId) await getDraft(draftStore, body.draftId);
      const created = await createContent(body, actor);
      if (body.draftId) await draftStore.remove(body.draftId);
      return json(201, created, { location: `/content/${created.id}` });
    },
  }),
  'GET /content': route({
    auth: 'staff',
    query: listQuery,
    handle: async ({ query }) => {
      const page = await listItems(query.limit, decodeCursor(query.cursor));
      return json(200, {
        items: page.items.map((item) => itemView(item, [])),
        nextCursor: page.next ? Buffer.from(JSON.stringify(page.next)).toString('base64url') : undefined,
      });
    },
  }),
  'POST /content/{id}/revisions': route({
    auth: 'staff',
    path: idParam,
    body: revisionInput,
    handle: async ({ path, body, actor }) => json(200, await reviseContent(path.id, body, actor)),
  }),
  'POST /content/{id}/schedule': route({
    auth: 'staff',
    path: idParam,
    body: rescheduleInput,
    handle: async ({ path, body, actor }) => json(200, await rescheduleContent(path.id, body, actor)),
  }),
  'POST /content/{id}/cancel': route({
    auth: 'staff',
    path: idParam,
    body: cancelInput,
    handle: async ({ path, body, actor }) => json(200, await cancelContent(path.id, body, actor)),
  }),
  'POST /content/{id}/override': route({
    auth: 'staff',
    path: idParam,
    body: overrideInput,
    handle: async ({ path, body, staff, event }) =>
      json(
        200,
        await overrideScreening(path.id, body, staff, {
          ip: event.requestContext.http.sourceIp,
          userAgent: event.requestContext.http.userAgent,
        }),
      ),
  }),
  'POST /uploads': route({
    auth: 'staff',
    body: uploadInput,
    bodyLimit: 4096,
    handle: async ({ body }) => json(201, await requestUpload(body, presignedUpload)),
  }),
  'POST /screening': route({
    auth: 'staff',
    body: screeningInput,
    bodyLimit: 256 * 1024,
    handle: async ({ body }) => json(200, checkScreening(body)),
  }),
  'POST /drafts': route({
    auth: 'staff',
    body: createDraftInput,
    bodyLimit: MAX_DRAFT_BODY_BYTES,
    handle: async ({ body, actor }) => {
      const draft = await createDraft(draftStore, body.data, actor);
      return json(201, draft, { location: `/drafts/${draft.id}` });
    },
  }),
  'GET /drafts': route({ auth: 'staff', handle: async () => json(200, await listDrafts(draftStore)) }),
  'GET /drafts/{id}': route({
    auth: 'staff',
    path: draftIdParam,
    handle: async ({ path }) => json(200, await getDraft(draftStore, path.id)),
  }),
  'PUT /drafts/{id}': route({
    auth: 'staff',
    path: draftIdParam,
    body: updateDraftInput,
    bodyLimit: MAX_DRAFT_BODY_BYTES,
    handle: async ({ path, body, actor }) => json(200, await updateDraft(draftStore, path.id, body, actor)),
  }),
  'DELETE /drafts/{id}': route({
    auth: 'staff',
    path: draftIdParam,
    handle: async ({ path }) => {
      await deleteDraft(draftStore, path.id);
      return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
    },
  }),
  'GET /calendar': route({
    auth: 'staff',
    query: calendarQuery,
    handle: async ({ query }) =>
      json(200, { items: await calendarItems(query.from, query.to, itemsPublishingBetween) }),
  }),
  'GET /content/{id}': route({
    auth: 'staff',
    path: idParam,
    handle: async ({ path }) => {
      const item = await findItem(path.id);
      if (!item) throw new NotFoundError(`Content item ${path.id} does not exist`);
      // Short-lived links to the evaluation (a readable page and its JSON), once there is one, rendered
      // again from the feedback and follow-ups the item has now (docs/decisions/0020).
      const evaluation = await evaluationLinks(item);
      return json(200, { ...itemView(item, await listPublications(path.id)), evaluation });
    },
  }),
});
