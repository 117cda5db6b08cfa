/**
 * Gives every item stored before the calendar index its publish month (`publishMonth`), so GET /calendar
 * and the dashboard find it. Run once on AWS after deploying the index, with the stack's items table:
 *
 *   ITEMS_TABLE=<table name> AWS_REGION=ap-southeast-3 npx tsx scripts/backfill-publish-month.ts
 *
 * Safe to run again (it writes only where the month is missing). The local runtime does this at start.
 */
import { defaultProvider } from '@aws-sdk/credential-provider-node';
import { backfillPublishMonths } from '../functions/adapters/items-backfill';
import { dynamo } from '../functions/common/aws/dynamo';

const table = process.env.ITEMS_TABLE;
if (!table) {
  console.error('Set ITEMS_TABLE to the items table name (see the stack resources).');
  process.exit(2);
}
if (!process.env.AWS_REGION) {
  console.error("Set AWS_REGION to the stack's region (ap-southeast-3 for Jakarta).");
  process.exit(2);
}
// Sebar's own AWS calls read the environment's keys, as Lambda provides them. On a workstation the SDK's
// chain (a profile, SSO, the instance's role) finds them and hands them over.
const credentials = await defaultProvider()();
process.env.AWS_ACCESS_KEY_ID = credentials.accessKeyId;
process.env.AWS_SECRET_ACCESS_KEY = credentials.secretAccessKey;
if (credentials.sessionToken) process.env.AWS_SESSION_TOKEN = credentials.sessionToken;
else delete process.env.AWS_SESSION_TOKEN;
const updated = await backfillPublishMonths(dynamo, table);
console.log(JSON.stringify({ table, updated }));
