import * as z from 'zod';
import { taskHandler } from '../common/task';
import { collectMetrics } from '../domain/evaluation/evaluation';

export const handler = taskHandler('collect-metrics', z.object({ itemId: z.string().min(1) }), (input) =>
  collectMetrics(input.itemId),
);
