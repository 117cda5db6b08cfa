import { NotFoundError } from '../common/errors';
import { httpHandler, json, staffIdentity } from '../common/http';
import { checkAccounts, lastAccountStatus } from '../domain/accounts';

/** Staff operations: platform account health, and running the recurring jobs on demand. */
export const handler = httpHandler(async (event) => {
  staffIdentity(event);
  switch (event.routeKey) {
    case 'GET /platforms':
      return json(200, { accounts: await lastAccountStatus() });
    case 'POST /platforms/check':
      return json(200, await checkAccounts());
    default:
      throw new NotFoundError(`No route ${event.routeKey}`);
  }
});
