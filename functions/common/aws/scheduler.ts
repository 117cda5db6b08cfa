import { randomUUID } from 'node:crypto';
import { encodeRfc3986 } from '../percent-encoding';
import { type AwsService, endpointOf, jsonErrorOf, sendSigned } from './signed-request';

/** EventBridge Scheduler's CreateSchedule, as one signed REST-JSON request (./signed-request.ts). */
const SCHEDULER: AwsService = {
  signingName: 'scheduler',
  endpointVariable: 'SCHEDULER',
  host: (r) => `scheduler.${r}.amazonaws.com`,
};

/** Creates a schedule; throws AwsServiceError `ConflictException` when one of that name exists in the group. */
export const createSchedule = async (name: string, input: Record<string, unknown>): Promise<void> => {
  await sendSigned(
    SCHEDULER,
    {
      method: 'POST',
      url: endpointOf(SCHEDULER),
      path: `/schedules/${encodeRfc3986(name)}`,
      headers: { 'content-type': 'application/json' },
      // The SDK fills the idempotency token when none is given; so does this.
      body: JSON.stringify({ ClientToken: randomUUID(), ...input }),
    },
    jsonErrorOf,
  );
};
