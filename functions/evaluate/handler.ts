import * as z from 'zod';
import { taskHandler } from '../common/task';
import { evaluateItem } from '../domain/evaluation/evaluation';

export const handler = taskHandler(
  'evaluate',
  z.object({ itemId: z.string().min(1), pass: z.union([z.literal(1), z.literal(2)]).default(1) }),
  (input) => evaluateItem(input.itemId, input.pass),
);
