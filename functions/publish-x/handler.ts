import { z } from 'zod';
import { publishToX } from '../domain/publish';
import { taskHandler } from '../shared/task';

export const handler = taskHandler(
  'publish-x',
  z.object({ itemId: z.string().min(1), revision: z.number().int().min(1), platform: z.literal('x') }),
  (input) => publishToX(input),
);
