import { SecretsManagerClient } from '@aws-sdk/client-secrets-manager';

/** The Secrets Manager client, once per process (see ./dynamo.ts). */
export const secretsManager = new SecretsManagerClient({});
