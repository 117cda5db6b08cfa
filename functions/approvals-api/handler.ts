import * as z from 'zod';
import { type HttpEvent, httpRouter, json, route } from '../common/http';
import { listApprovals, listItemApprovals, remindApprover } from '../domain/approval/approvals-overview';

const listQuery = z.object({
  status: z.enum(['pending', 'approved', 'rejected', 'changes-requested']).default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
  /** One item's approvals, every status and revision (the item page); `status` and `limit` do not apply. */
  itemId: z
    .string()
    .regex(/^c[0-9a-z]{21}$/, 'not a content item id')
    .optional(),
});
const idParam = z.object({ id: z.string().regex(/^a[A-Za-z0-9_-]{26}$/, 'not an approval id') });

/** The public base URL of this API, for links in reminder emails (the request came through it). */
const baseUrlOf = (event: HttpEvent): string | undefined =>
  process.env.PUBLIC_BASE_URL ? undefined : `https://${event.requestContext.domainName}`;

export const handler = httpRouter({
  'GET /approvals': route({
    auth: 'staff',
    query: listQuery,
    handle: async ({ query }) =>
      json(200, {
        approvals: query.itemId
          ? await listItemApprovals(query.itemId)
          : await listApprovals(query.status, query.limit),
      }),
  }),
  'POST /approvals/{id}/reminders': route({
    auth: 'staff',
    path: idParam,
    handle: async ({ path, actor, event }) =>
      json(202, await remindApprover(path.id, actor, baseUrlOf(event))),
  }),
});
