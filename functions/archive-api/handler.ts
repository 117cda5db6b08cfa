import * as z from 'zod';
import { httpRouter, json, route } from '../common/http';
import { exportInput } from '../domain/archive/export-input';
import { exportStatus, startExport } from '../domain/archive/export-jobs';

const exportParam = z.object({ id: z.uuid('an export id') });

/** Staff API: exports of the records archive for an information request (supervisors only). */
export const handler = httpRouter({
  'POST /archive/exports': route({
    auth: 'staff',
    body: exportInput,
    handle: async ({ body, staff, actor }) => {
      const status = await startExport(body, staff, actor);
      return json(202, { ...status, statusUrl: `/archive/exports/${status.id}` });
    },
  }),
  'GET /archive/exports/{id}': route({
    auth: 'staff',
    path: exportParam,
    handle: async ({ path, staff }) => json(200, await exportStatus(path.id, staff)),
  }),
});
