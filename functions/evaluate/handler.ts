import { z } from 'zod';
import { taskHandler } from '../common/task';
import { evaluateItem } from '../domain/evaluation';

export const handler = taskHandler('evaluate', z.object({ itemId: z.string().min(1) }), (input) =>
  evaluateItem(input.itemId),
);
