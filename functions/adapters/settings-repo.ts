import { dynamo, GetCommand, PutCommand } from '../common/aws/dynamo';
import { requireSetting } from '../common/config';
import { writeIf } from './conditional-write';

/**
 * The settings table: a handful of records the office edits from the console, keyed by `id`. Today one:
 * `leave-days`, the office's own days off (cuti bersama, local leave) that working days skip.
 */

export interface LeaveDaysRecord {
  readonly id: 'leave-days';
  /** `YYYY-MM-DD` (WIB days), sorted, no repeats. */
  readonly days: readonly string[];
  /** 0 before the first save; every save adds one. */
  readonly version: number;
  readonly updatedAt?: string;
  readonly updatedBy?: string;
}

const table = () => requireSetting('SETTINGS_TABLE');
const LEAVE_DAYS = 'leave-days';

export const getLeaveDaysRecord = async (): Promise<LeaveDaysRecord> => {
  const out = await dynamo.send(
    new GetCommand({ TableName: table(), Key: { id: LEAVE_DAYS }, ConsistentRead: true }),
  );
  return (out.Item as LeaveDaysRecord | undefined) ?? { id: LEAVE_DAYS, days: [], version: 0 };
};

/**
 * Replaces the leave days only if they are still at the version the caller read (none stored = version 0),
 * so of two supervisors saving at once one wins and the other is told to look again. False: nothing written.
 */
export const replaceLeaveDays = async (record: LeaveDaysRecord, readVersion: number): Promise<boolean> =>
  writeIf(
    new PutCommand({
      TableName: table(),
      Item: record,
      ConditionExpression:
        readVersion === 0
          ? 'attribute_not_exists(id) OR version = :v'
          : 'attribute_exists(id) AND version = :v',
      ExpressionAttributeValues: { ':v': readVersion },
    }),
  );
