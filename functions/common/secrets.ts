import { GetSecretValueCommand } from '@aws-sdk/client-secrets-manager';
import { z } from 'zod';
import { secretsManager } from './aws';
import { ConfigError } from './errors';

/**
 * Secrets: on AWS one Secrets Manager secret (JSON object) named by SEBAR_SECRETS_ARN, read once per
 * cold start; locally, plain environment variables of the same names. Values never reach logs.
 */
export type SecretName =
  | 'APPROVAL_SIGNING_KEY'
  | 'META_APP_SECRET'
  | 'META_VERIFY_TOKEN'
  | 'X_CONSUMER_SECRET'
  | 'INSTAGRAM_ACCESS_TOKEN'
  | 'X_ACCESS_TOKEN';

const secretBundle = z.record(z.string(), z.string());
let bundle: Promise<Record<string, string>> | undefined;

const loadBundle = async (arn: string): Promise<Record<string, string>> => {
  const out = await secretsManager.send(new GetSecretValueCommand({ SecretId: arn }));
  const parsed = secretBundle.safeParse(JSON.parse(out.SecretString ?? '{}'));
  if (!parsed.success) throw new ConfigError('The secrets bundle is not a JSON object of strings');
  return parsed.data;
};

export const getSecret = async (name: SecretName): Promise<string> => {
  const fromEnv = process.env[name];
  if (fromEnv) return fromEnv;
  const arn = process.env.SEBAR_SECRETS_ARN;
  if (!arn) throw new ConfigError(`Secret ${name} is not configured`);
  bundle ??= loadBundle(arn).catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  const value = (await bundle)[name];
  if (!value) throw new ConfigError(`Secret ${name} is missing from the secrets bundle`);
  return value;
};
