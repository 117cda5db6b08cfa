import { z } from 'zod';
import { findItem, listItems } from '../adapters/items-repo';
import { presignedGetUrl } from '../adapters/media-store';
import { listPublications } from '../adapters/publications-repo';
import { NotFoundError, ValidationError } from '../common/errors';
import { httpRouter, json, route } from '../common/http';
import { contentInput } from '../domain/content/content';
import { createContent } from '../domain/content/create-content';
import { itemView } from '../domain/content/item-view';
import { overrideInput, overrideScreening } from '../domain/content/override-screening';
import { reviseContent, revisionInput } from '../domain/content/revise-content';
import {
  cancelContent,
  cancelInput,
  rescheduleContent,
  rescheduleInput,
} from '../domain/content/schedule-content';

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
      const created = await createContent(body, actor);
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
  'GET /content/{id}': route({
    auth: 'staff',
    path: idParam,
    handle: async ({ path }) => {
      const item = await findItem(path.id);
      if (!item) throw new NotFoundError(`Content item ${path.id} does not exist`);
      // Short-lived links to the evaluation (a readable page and its JSON), once there is one.
      const evaluation = item.reportKey
        ? {
            html: await presignedGetUrl(item.reportKey.replace(/\.json$/, '.html')),
            json: await presignedGetUrl(item.reportKey),
          }
        : undefined;
      return json(200, { ...itemView(item, await listPublications(path.id)), evaluation });
    },
  }),
});
