import * as z from 'zod';
import { httpRouter, json, route } from '../common/http';
import { createInfographic } from '../domain/infographics/store';

/** POST /infographics: a table of figures as an image under uploads/. Carries satori, resvg and sharp. */
export const handler = httpRouter({
  'POST /infographics': route({
    auth: 'staff',
    body: z.record(z.string(), z.unknown()),
    bodyLimit: 64 * 1024,
    handle: async ({ body }) => json(201, await createInfographic(body)),
  }),
});
