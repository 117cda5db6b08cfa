import { z } from 'zod';
import { httpRouter, json, route } from '../common/http';
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
export const handler = httpRouter({
  'GET /platforms': route({
    auth: 'staff',
    handle: async () => json(200, { accounts: await lastAccountStatus() }),
  }),
  'POST /platforms/check': route({ auth: 'staff', handle: async () => json(200, await checkAccounts()) }),
  'POST /reports': route({
    auth: 'staff',
    body: reportRequest,
    handle: async ({ body, actor }) =>
      json(201, await generateMonthlyReport(body.month, { email: body.email, actor })),
  }),
  'GET /reports/{month}': route({
    auth: 'staff',
    path: monthParam,
    handle: async ({ path }) => json(200, await getMonthlyReport(path.month)),
  }),
  'POST /digest': route({
    auth: 'staff',
    body: digestRequest,
    bodyOptional: true,
    handle: async ({ body }) => json(200, await runDigest({ send: body.send })),
  }),
});
