import { config } from '../common/config';
import { httpRouter, json, route } from '../common/http';
import { buildDashboard } from '../domain/content/dashboard';
import { dashboardSources } from '../domain/content/dashboard-sources';

/** GET /dashboard: the console's home page in one answer. */
export const handler = httpRouter({
  'GET /dashboard': route({
    auth: 'staff',
    handle: async () =>
      json(200, await buildDashboard(dashboardSources, new Date(), config().TOKEN_WARNING_DAYS)),
  }),
});
