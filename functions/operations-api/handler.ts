import * as z from 'zod';
import { httpRouter, json, route } from '../common/http';
import { refreshEvaluation } from '../domain/evaluation/evaluation';
import { monthSchema } from '../domain/evaluation/monthly-report';
import {
  generateMonthlyReport,
  getMonthlyReport,
  getMonthlyReportCsv,
  reportMonthSchema,
} from '../domain/evaluation/report-job';
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
const itemParam = z.object({ id: z.string().regex(/^[A-Za-z0-9_-]{1,100}$/, 'an item id') });

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
  // The CSV through the staff API, so the console downloads it with its own sign-in (fetch, then a file).
  'GET /reports/{month}/csv': route({
    auth: 'staff',
    path: monthParam,
    handle: async ({ path }) => {
      const { month, csv } = await getMonthlyReportCsv(path.month);
      return {
        statusCode: 200,
        headers: {
          'content-type': 'text/csv; charset=utf-8',
          'content-disposition': `attachment; filename="laporan-${month}.csv"`,
          'cache-control': 'no-store',
        },
        body: csv.toString('base64'),
        isBase64Encoded: true,
      };
    },
  }),
  // The item's evaluation rendered now, from the feedback and follow-ups it has at this moment.
  'GET /evaluations/{id}': route({
    auth: 'staff',
    path: itemParam,
    handle: async ({ path }) => json(200, await refreshEvaluation(path.id)),
  }),
  'POST /digest': route({
    auth: 'staff',
    body: digestRequest,
    bodyOptional: true,
    handle: async ({ body }) => json(200, await runDigest({ send: body.send })),
  }),
});
