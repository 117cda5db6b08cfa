import { httpRouter, json, route } from '../common/http';
import { previewForInstagram, previewInput } from '../domain/content/media-preview';

/** POST /media/preview: an uploaded image as Instagram will receive it. Carries sharp, apart from content-api. */
export const handler = httpRouter({
  'POST /media/preview': route({
    auth: 'staff',
    body: previewInput,
    bodyLimit: 4096,
    handle: async ({ body }) => json(200, await previewForInstagram(body.s3Key)),
  }),
});
