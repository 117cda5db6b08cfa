import { config } from '../common/config';
import { NotFoundError } from '../common/errors';
import { httpHandler, json, staffIdentity } from '../common/http';
import { buildDashboard } from '../domain/content/dashboard';
import { dashboardSources } from '../domain/content/dashboard-sources';

/** GET /dashboard: the console's home page in one answer. */
export const handler = httpHandler(async (event) => {
  staffIdentity(event);
  if (event.routeKey !== 'GET /dashboard') throw new NotFoundError(`No route ${event.routeKey}`);
  return json(200, await buildDashboard(dashboardSources, new Date(), config().TOKEN_WARNING_DAYS));
});
