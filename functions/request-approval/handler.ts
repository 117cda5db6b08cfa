import * as z from 'zod';
import { taskHandler } from '../common/task';
import { requestApproval } from '../domain/approval/request-approval';

export const handler = taskHandler(
  'request-approval',
  z.object({ itemId: z.string().min(1), revision: z.number().int().min(1), taskToken: z.string().min(1) }),
  (input) => requestApproval(input),
);
