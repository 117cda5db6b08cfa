import { z } from 'zod';
import { NotFoundError } from '../common/errors';
import { httpHandler, json, jsonBody, staffIdentity } from '../common/http';
import { parseInput } from '../common/validation';
import { checkAccounts, lastAccountStatus } from '../domain/accounts';
import { monthSchema } from '../domain/monthly-report';
import { generateMonthlyReport, getMonthlyReport, reportMonthSchema } from '../domain/report-job';

const reportRequest = z
  .object({
    month: reportMonthSchema,
    /** Email the head of the office too (the monthly schedule always does). */
    email: z.boolean().default(false),
  })
  .strict();

const monthParam = z.object({ month: monthSchema });

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
    default:
      throw new NotFoundError(`No route ${event.routeKey}`);
  }
});
