import { SchedulerClient } from '@aws-sdk/client-scheduler';

/** The EventBridge Scheduler client, once per process (see ./dynamo.ts). */
export const scheduler = new SchedulerClient({});
