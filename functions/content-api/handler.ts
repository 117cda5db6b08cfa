import { z } from 'zod';
import { draftStore } from '../adapters/drafts-repo';
import { findItem, itemsPublishingBetween, listItems } from '../adapters/items-repo';
import { presignedGetUrl, presignedUpload } from '../adapters/media-store';
import { listPublications } from '../adapters/publications-repo';
import { NotFoundError, ValidationError } from '../common/errors';
import { type HttpEvent, httpHandler, json, jsonBody, staffIdentity } from '../common/http';
import { parseInput } from '../common/validation';
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

const routes: Record<string, (event: HttpEvent) => Promise<ReturnType<typeof json>>> = {
  'POST /content': async (event) => {
    const who = staffIdentity(event);
    const input = jsonBody(event, contentInput);
    // A draft that is gone (already submitted, or deleted) refuses the submission before anything is created.
    if (input.draftId) await getDraft(draftStore, input.draftId);
    const created = await createContent(input, who.email ?? who.subject);
    if (input.draftId) await draftStore.remove(input.draftId);
    return json(201, created, { location: `/content/${created.id}` });
  },
  'GET /content': async (event) => {
    staffIdentity(event);
    const q = parseInput(listQuery, event.queryStringParameters ?? {}, 'query');
    const page = await listItems(q.limit, decodeCursor(q.cursor));
    return json(200, {
      items: page.items.map((item) => itemView(item, [])),
      nextCursor: page.next ? Buffer.from(JSON.stringify(page.next)).toString('base64url') : undefined,
    });
  },
  'POST /content/{id}/revisions': async (event) => {
    const who = staffIdentity(event);
    const { id } = parseInput(idParam, event.pathParameters ?? {}, 'path');
    const input = jsonBody(event, revisionInput);
    return json(200, await reviseContent(id, input, who.email ?? who.subject));
  },
  'POST /content/{id}/schedule': async (event) => {
    const who = staffIdentity(event);
    const { id } = parseInput(idParam, event.pathParameters ?? {}, 'path');
    return json(200, await rescheduleContent(id, jsonBody(event, rescheduleInput), who.email ?? who.subject));
  },
  'POST /content/{id}/cancel': async (event) => {
    const who = staffIdentity(event);
    const { id } = parseInput(idParam, event.pathParameters ?? {}, 'path');
    return json(200, await cancelContent(id, jsonBody(event, cancelInput), who.email ?? who.subject));
  },
  'POST /content/{id}/override': async (event) => {
    const who = staffIdentity(event);
    const { id } = parseInput(idParam, event.pathParameters ?? {}, 'path');
    const input = jsonBody(event, overrideInput);
    return json(
      200,
      await overrideScreening(id, input, who, {
        ip: event.requestContext.http.sourceIp,
        userAgent: event.requestContext.http.userAgent,
      }),
    );
  },
  'POST /uploads': async (event) => {
    staffIdentity(event);
    return json(201, await requestUpload(jsonBody(event, uploadInput, 4096), presignedUpload));
  },
  'POST /screening': async (event) => {
    staffIdentity(event);
    return json(200, checkScreening(jsonBody(event, screeningInput, 256 * 1024)));
  },
  'POST /drafts': async (event) => {
    const who = staffIdentity(event);
    const { data } = jsonBody(event, createDraftInput, MAX_DRAFT_BODY_BYTES);
    const draft = await createDraft(draftStore, data, who.email ?? who.subject);
    return json(201, draft, { location: `/drafts/${draft.id}` });
  },
  'GET /drafts': async (event) => {
    staffIdentity(event);
    return json(200, await listDrafts(draftStore));
  },
  'GET /drafts/{id}': async (event) => {
    staffIdentity(event);
    const { id } = parseInput(draftIdParam, event.pathParameters ?? {}, 'path');
    return json(200, await getDraft(draftStore, id));
  },
  'PUT /drafts/{id}': async (event) => {
    const who = staffIdentity(event);
    const { id } = parseInput(draftIdParam, event.pathParameters ?? {}, 'path');
    const input = jsonBody(event, updateDraftInput, MAX_DRAFT_BODY_BYTES);
    return json(200, await updateDraft(draftStore, id, input, who.email ?? who.subject));
  },
  'DELETE /drafts/{id}': async (event) => {
    staffIdentity(event);
    const { id } = parseInput(draftIdParam, event.pathParameters ?? {}, 'path');
    await deleteDraft(draftStore, id);
    return { statusCode: 204, headers: { 'cache-control': 'no-store' } };
  },
  'GET /calendar': async (event) => {
    staffIdentity(event);
    const { from, to } = parseInput(calendarQuery, event.queryStringParameters ?? {}, 'query');
    return json(200, { items: await calendarItems(from, to, itemsPublishingBetween) });
  },
  'GET /content/{id}': async (event) => {
    staffIdentity(event);
    const { id } = parseInput(idParam, event.pathParameters ?? {}, 'path');
    const item = await findItem(id);
    if (!item) throw new NotFoundError(`Content item ${id} does not exist`);
    // Short-lived links to the evaluation (a readable page and its JSON), once there is one.
    const evaluation = item.reportKey
      ? {
          html: await presignedGetUrl(item.reportKey.replace(/\.json$/, '.html')),
          json: await presignedGetUrl(item.reportKey),
        }
      : undefined;
    return json(200, { ...itemView(item, await listPublications(id)), evaluation });
  },
};

export const handler = httpHandler(async (event) => {
  const route = routes[event.routeKey];
  if (!route) throw new NotFoundError(`No route ${event.routeKey}`);
  return route(event);
});
