/** The errors the local Step Functions service raises: AWS error shapes for callers, and errors inside runs. */

export class ServiceError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly status = 400,
  ) {
    super(message);
    this.name = code;
  }
}

/** A callback task whose timeout passed: Catch/Retry see `States.Timeout`, as on AWS. */
export class StatesTimeout extends Error {
  constructor() {
    super('States.Timeout');
    this.name = 'States.Timeout';
  }
}

/** A task that failed with a given error name (a Lambda error type, or SendTaskFailure's error). */
export class TaskFailure extends Error {
  constructor(name: string, cause: string) {
    super(cause);
    this.name = name;
  }
}
