import { z } from 'zod';
import { NotFoundError } from '../common/errors';
import { type HttpEvent, httpHandler, json, staffIdentity } from '../common/http';
import { parseInput } from '../common/validation';
import { listApprovals, remindApprover } from '../domain/approval/approvals-overview';

const listQuery = z.object({
  status: z.enum(['pending', 'approved', 'rejected', 'changes-requested']).default('pending'),
  limit: z.coerce.number().int().min(1).max(100).default(50),
});
const idParam = z.object({ id: z.string().regex(/^a[A-Za-z0-9_-]{26}$/, 'not an approval id') });

/** The public base URL of this API, for links in reminder emails (the request came through it). */
const baseUrlOf = (event: HttpEvent): string | undefined =>
  process.env.PUBLIC_BASE_URL ? undefined : `https://${event.requestContext.domainName}`;

export const handler = httpHandler(async (event) => {
  const who = staffIdentity(event);
  switch (event.routeKey) {
    case 'GET /approvals': {
      const q = parseInput(listQuery, event.queryStringParameters ?? {}, 'query');
      return json(200, { approvals: await listApprovals(q.status, q.limit) });
    }
    case 'POST /approvals/{id}/reminders': {
      const { id } = parseInput(idParam, event.pathParameters ?? {}, 'path');
      return json(202, await remindApprover(id, who.email ?? who.subject, baseUrlOf(event)));
    }
    default:
      throw new NotFoundError(`No route ${event.routeKey}`);
  }
});
