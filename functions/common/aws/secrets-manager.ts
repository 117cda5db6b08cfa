import { randomUUID } from 'node:crypto';
import { type AwsService, awsJsonCall } from './signed-request';

/** Secrets Manager's read and write of one secret, as signed JSON-protocol requests (./signed-request.ts). */
const SECRETS: AwsService = {
  signingName: 'secretsmanager',
  endpointVariable: 'SECRETS_MANAGER',
  host: (r) => `secretsmanager.${r}.amazonaws.com`,
};

export const getSecretString = async (secretId: string): Promise<string | undefined> =>
  (
    await awsJsonCall<{ SecretString?: string }>(SECRETS, 'secretsmanager.GetSecretValue', '1.1', {
      SecretId: secretId,
    })
  ).SecretString;

/**
 * A new version of the secret. The idempotency token (the SDK fills it; a raw request must) is made once,
 * so a retry after a lost answer cannot store a second version and push the real previous one out of
 * `AWSPREVIOUS`.
 */
export const putSecretString = async (secretId: string, value: string): Promise<void> => {
  await awsJsonCall(SECRETS, 'secretsmanager.PutSecretValue', '1.1', {
    SecretId: secretId,
    SecretString: value,
    ClientRequestToken: randomUUID(),
  });
};
