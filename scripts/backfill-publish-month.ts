/**
 * Gives every item stored before the calendar index its publish month (`publishMonth`), so GET /calendar
 * and the dashboard find it. Run once on AWS after deploying the index, with the stack's items table:
 *
 *   ITEMS_TABLE=<table name> AWS_REGION=ap-southeast-3 npx tsx scripts/backfill-publish-month.ts
 *
 * Safe to run again (it writes only where the month is missing). The local runtime does this at start.
 */
import { backfillPublishMonths } from '../functions/adapters/items-backfill';
import { dynamo } from '../functions/common/aws/dynamo';

const table = process.env.ITEMS_TABLE;
if (!table) {
  console.error('Set ITEMS_TABLE to the items table name (see the stack resources).');
  process.exit(2);
}
const updated = await backfillPublishMonths(dynamo, table);
console.log(JSON.stringify({ table, updated }));
