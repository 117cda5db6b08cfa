import { type AwsService, awsJsonCall } from './signed-request';

/** Step Functions calls, as signed JSON-protocol requests (./signed-request.ts). */
const SFN: AwsService = {
  signingName: 'states',
  endpointVariable: 'SFN',
  host: (r) => `states.${r}.amazonaws.com`,
};

/** One Step Functions operation (`StartExecution`, `SendTaskSuccess`, ...); errors carry its codes. */
export const sfnCall = <T = Record<string, unknown>>(
  operation: 'StartExecution' | 'StopExecution' | 'SendTaskSuccess' | 'SendTaskFailure',
  input: Record<string, unknown>,
): Promise<T> => awsJsonCall<T>(SFN, `AWSStepFunctions.${operation}`, '1.0', input);
