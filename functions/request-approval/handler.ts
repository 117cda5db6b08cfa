import { z } from 'zod';
import { requestApproval } from '../domain/request-approval';
import { taskHandler } from '../shared/task';

export const handler = taskHandler(
  'request-approval',
  z.object({ itemId: z.string().min(1), revision: z.number().int().min(1), taskToken: z.string().min(1) }),
  (input) => requestApproval(input),
);
