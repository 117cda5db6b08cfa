import * as z from 'zod';
import { TransientError } from '../common/errors';
import { taskHandler } from '../common/task';
import { generateMonthlyReport, reportMonthSchema } from '../domain/evaluation/report-job';
import { runDigest } from '../domain/feedback/digest';
import { checkAccounts } from '../domain/publishing/accounts';

/** Invoked by the recurring schedules in infra/catalog.ts (EventBridge Scheduler; the local scheduler). */
const job = z.discriminatedUnion('job', [
  z.object({ job: z.literal('check-accounts') }),
  z.object({ job: z.literal('daily-digest') }),
  /** The evaluation report for the head of the office; by default last month's, emailed. */
  z.object({
    job: z.literal('monthly-report'),
    month: reportMonthSchema.default('previous'),
    email: z.boolean().default(true),
  }),
]);

export const handler = taskHandler('scheduled-jobs', job, async (input) => {
  switch (input.job) {
    case 'check-accounts': {
      const r = await checkAccounts();
      return { job: input.job, warned: r.warned, accounts: r.accounts.map((a) => ({ ...a })) };
    }
    case 'daily-digest': {
      const d = await runDigest({ send: true });
      return {
        job: input.job,
        newFeedback: d.newFeedback,
        urgent: d.urgent.count,
        unanswered: d.unansweredQuestions.count,
        overdueFollowUps: d.overdueFollowUps.count,
      };
    }
    case 'monthly-report': {
      const r = await generateMonthlyReport(input.month, { email: input.email });
      // Stored but not delivered: fail the run so the schedule's retry (and its alarm) sees it.
      if (input.email && !r.emailed)
        throw new TransientError(`Monthly report ${r.month} stored but not emailed: ${r.emailError}`);
      return { job: input.job, month: r.month, keys: r.keys, figures: r.figures, emailed: r.emailed };
    }
  }
});
