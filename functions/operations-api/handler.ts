import { z } from 'zod';
import { NotFoundError } from '../common/errors';
import { httpHandler, json, jsonBody, staffIdentity } from '../common/http';
import { parseInput } from '../common/validation';
import { monthSchema } from '../domain/evaluation/monthly-report';
import { generateMonthlyReport, getMonthlyReport, reportMonthSchema } from '../domain/evaluation/report-job';
import { runDigest } from '../domain/feedback/digest';
import { checkAccounts, lastAccountStatus } from '../domain/publishing/accounts';

const reportRequest = z
  .object({
    month: reportMonthSchema,
    /** Email the head of the office too (the monthly schedule always does). */
    email: z.boolean().default(false),
  })
  .strict();

const monthParam = z.object({ month: monthSchema });

/** `send: true` emails it to the team's address, as the 07:00 schedule does; otherwise a preview. */
const digestRequest = z.object({ send: z.boolean().default(false) }).strict();

/** Staff operations: platform account health, the monthly report, and running the recurring jobs on demand. */
export const handler = httpHandler(async (event) => {
  const who = staffIdentity(event);
  switch (event.routeKey) {
    case 'GET /platforms':
      return json(200, { accounts: await lastAccountStatus() });
    case 'POST /platforms/check':
      return json(200, await checkAccounts());
    case 'POST /reports': {
      const body = jsonBody(event, reportRequest);
      return json(
        201,
        await generateMonthlyReport(body.month, { email: body.email, actor: who.email ?? who.subject }),
      );
    }
    case 'GET /reports/{month}': {
      const { month } = parseInput(monthParam, event.pathParameters ?? {}, 'path');
      return json(200, await getMonthlyReport(month));
    }
    case 'POST /digest': {
      const body = event.body ? jsonBody(event, digestRequest) : digestRequest.parse({});
      return json(200, await runDigest({ send: body.send }));
    }
    default:
      throw new NotFoundError(`No route ${event.routeKey}`);
  }
});
