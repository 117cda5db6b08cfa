import * as z from 'zod';
import { config } from '../common/config';
import { httpRouter, json, route } from '../common/http';
import { configuredBrand } from '../domain/infographics/brand-file';
import { createInfographic } from '../domain/infographics/store';

/**
 * POST /infographics: a table of figures as an image under uploads/, in the office's brand kit
 * (INFOGRAPHIC_BRAND_FILE, read once per process). Carries satori, resvg and sharp.
 */
export const handler = httpRouter({
  'POST /infographics': route({
    auth: 'staff',
    body: z.record(z.string(), z.unknown()),
    bodyLimit: 64 * 1024,
    handle: async ({ body }) =>
      json(201, await createInfographic(body, configuredBrand(config().INFOGRAPHIC_BRAND_FILE))),
  }),
});
