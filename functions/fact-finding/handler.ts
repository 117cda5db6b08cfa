import * as z from 'zod';
import { taskHandler } from '../common/task';
import { factFinding } from '../domain/content/fact-finding';

export const handler = taskHandler(
  'fact-finding',
  z.object({ itemId: z.string().min(1), revision: z.number().int().min(1) }),
  (input) => factFinding(input.itemId),
);
