import type { DeleteCommand, PutCommand, UpdateCommand } from '../common/aws/dynamo';
import { dynamo } from '../common/aws/dynamo';
import { isConditionalCheckFailed } from '../common/errors';

/**
 * Sends a conditional write: true when it happened, false when its condition did not hold (someone else
 * got there first, or the record is not in the state the caller read). Any other failure is thrown.
 */
export const writeIf = async (command: UpdateCommand | PutCommand | DeleteCommand): Promise<boolean> => {
  try {
    await dynamo.send(command as UpdateCommand);
    return true;
  } catch (error) {
    if (isConditionalCheckFailed(error)) return false;
    throw error;
  }
};
