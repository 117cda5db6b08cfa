import { z } from 'zod';
import { factFinding } from '../domain/fact-finding';
import { taskHandler } from '../shared/task';

export const handler = taskHandler(
  'fact-finding',
  z.object({ itemId: z.string().min(1), revision: z.number().int().min(1) }),
  (input) => factFinding(input.itemId),
);
