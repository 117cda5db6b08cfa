import { SESv2Client } from '@aws-sdk/client-sesv2';

/** The SES (v2) client, once per process (see ./dynamo.ts). */
export const ses = new SESv2Client({});
