import { NotFoundError } from '../common/errors';
import { httpHandler, json, jsonBody, staffIdentity } from '../common/http';
import { previewForInstagram, previewInput } from '../domain/content/media-preview';

/** POST /media/preview: an uploaded image as Instagram will receive it. Carries sharp, apart from content-api. */
export const handler = httpHandler(async (event) => {
  staffIdentity(event);
  if (event.routeKey !== 'POST /media/preview') throw new NotFoundError(`No route ${event.routeKey}`);
  const { s3Key } = jsonBody(event, previewInput, 4096);
  return json(200, await previewForInstagram(s3Key));
});
