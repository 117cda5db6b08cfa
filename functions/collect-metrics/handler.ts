import { z } from 'zod';
import { collectMetrics } from '../domain/evaluation';
import { taskHandler } from '../shared/task';

export const handler = taskHandler('collect-metrics', z.object({ itemId: z.string().min(1) }), (input) =>
  collectMetrics(input.itemId),
);
