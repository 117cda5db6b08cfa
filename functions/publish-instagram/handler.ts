import * as z from 'zod';
import { taskHandler } from '../common/task';
import { publishToInstagram } from '../domain/publishing/publish';

export const handler = taskHandler(
  'publish-instagram',
  z.object({
    itemId: z.string().min(1),
    revision: z.number().int().min(1),
    platform: z.literal('instagram'),
  }),
  (input) => publishToInstagram(input),
);
