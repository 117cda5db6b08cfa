import { SFNClient } from '@aws-sdk/client-sfn';

/** The Step Functions client, once per process (see ./dynamo.ts). */
export const sfn = new SFNClient({});
