import { z } from 'zod';
import { evaluateItem } from '../domain/evaluation';
import { taskHandler } from '../shared/task';

export const handler = taskHandler('evaluate', z.object({ itemId: z.string().min(1) }), (input) =>
  evaluateItem(input.itemId),
);
