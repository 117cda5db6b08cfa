import { z } from 'zod';
import { taskHandler } from '../common/task';
import { checkAccounts } from '../domain/accounts';

/** Invoked by the recurring schedules in infra/catalog.ts (EventBridge Scheduler; the local scheduler). */
const job = z.discriminatedUnion('job', [z.object({ job: z.literal('check-accounts') })]);

export const handler = taskHandler('scheduled-jobs', job, async (input) => {
  switch (input.job) {
    case 'check-accounts': {
      const r = await checkAccounts();
      return { job: input.job, warned: r.warned, accounts: r.accounts.map((a) => ({ ...a })) };
    }
  }
});
