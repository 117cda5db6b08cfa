import * as z from 'zod';
import { taskHandler } from '../common/task';
import { publishToX } from '../domain/publishing/publish';

export const handler = taskHandler(
  'publish-x',
  z.object({ itemId: z.string().min(1), revision: z.number().int().min(1), platform: z.literal('x') }),
  (input) => publishToX(input),
);
