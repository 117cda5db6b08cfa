import { z } from 'zod';
import { findItem, listItems } from '../adapters/items-repo';
import { presignedGetUrl } from '../adapters/media-store';
import { listPublications } from '../adapters/publications-repo';
import { NotFoundError, ValidationError } from '../common/errors';
import { type HttpEvent, httpHandler, json, jsonBody, staffIdentity } from '../common/http';
import { parseInput } from '../common/validation';
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

const routes: Record<string, (event: HttpEvent) => Promise<ReturnType<typeof json>>> = {
  'POST /content': async (event) => {
    const who = staffIdentity(event);
    const input = jsonBody(event, contentInput);
    const created = await createContent(input, who.email ?? who.subject);
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
