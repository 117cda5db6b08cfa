import { sfnCall } from '../common/aws/sfn';
import { requireSetting } from '../common/config';
import { AppError } from '../common/errors';

/**
 * The content workflow (Step Functions): starting an item's execution, stopping it, and answering the
 * tasks it waits on (an approval, a revision, an override). The domain sees two outcomes only: done, or
 * the task no longer waits ({@link TaskClosedError}); anything else is thrown as Step Functions answered it.
 */

/** The workflow stopped waiting for this task: it timed out, the token is unknown, or it already ran. */
export class TaskClosedError extends AppError {
  constructor(readonly reason: string) {
    super(`The workflow no longer waits for this task (${reason})`, 409);
  }
}

const CLOSED_TASK = new Set(['TaskTimedOut', 'InvalidToken', 'TaskDoesNotExist']);

const closedOr = (error: unknown): unknown =>
  error instanceof Error && CLOSED_TASK.has(error.name) ? new TaskClosedError(error.name) : error;

/**
 * Starts the item's execution, named after the item: a repeated start cannot create a second one
 * (Step Functions refuses a second execution of the same name). Returns the execution ARN.
 */
export const startExecution = async (name: string, input: Record<string, unknown>): Promise<string> => {
  const out = await sfnCall<{ executionArn?: string }>('StartExecution', {
    stateMachineArn: requireSetting('STATE_MACHINE_ARN'),
    name,
    input: JSON.stringify(input),
  });
  return out.executionArn ?? '';
};

/** Stops an execution. Returns false when there is no such execution (nothing to stop). */
export const stopExecution = async (
  executionArn: string,
  stop: { error: string; cause: string },
): Promise<boolean> => {
  try {
    await sfnCall('StopExecution', { executionArn, error: stop.error, cause: stop.cause });
    return true;
  } catch (error) {
    if (error instanceof Error && error.name === 'ExecutionDoesNotExist') return false;
    throw error;
  }
};

/** Hands a waiting task its result. Throws TaskClosedError when the task no longer waits. */
export const sendTaskSuccess = async (taskToken: string, output: Record<string, unknown>): Promise<void> => {
  try {
    await sfnCall('SendTaskSuccess', { taskToken, output: JSON.stringify(output) });
  } catch (error) {
    throw closedOr(error);
  }
};

/** Fails a waiting task with an error name the workflow's Catch matches. Throws TaskClosedError likewise. */
export const sendTaskFailure = async (
  taskToken: string,
  failure: { error: string; cause: string },
): Promise<void> => {
  try {
    await sfnCall('SendTaskFailure', { taskToken, error: failure.error, cause: failure.cause });
  } catch (error) {
    throw closedOr(error);
  }
};
