import { readFile, rename, writeFile } from 'node:fs/promises';
import * as z from 'zod';
import { getSecretString, putSecretString } from './aws/secrets-manager';
import { ConfigError } from './errors';
import { maskInLogs } from './logger';

/**
 * Secrets: on AWS one Secrets Manager secret (JSON object) named by SEBAR_SECRETS_ARN, read once per
 * cold start; locally, a JSON file named by SEBAR_SECRETS_FILE (read on every use, so a refreshed token
 * is seen at once) or plain environment variables of the same names, which win. Values never reach logs.
 */
export type SecretName =
  | 'APPROVAL_SIGNING_KEY'
  | 'META_APP_SECRET'
  | 'META_VERIFY_TOKEN'
  | 'X_CONSUMER_SECRET'
  | 'INSTAGRAM_ACCESS_TOKEN'
  | 'INSTAGRAM_TOKEN_EXPIRES_AT'
  | 'X_ACCESS_TOKEN'
  | 'X_CONSUMER_KEY'
  | 'X_ACCESS_TOKEN_SECRET';

const secretBundle = z.record(z.string(), z.string());
let bundle: Promise<Record<string, string>> | undefined;

const parseBundle = (text: string, where: string): Record<string, string> => {
  let json: unknown;
  try {
    json = JSON.parse(text || '{}');
  } catch {
    throw new ConfigError(`The secrets in ${where} are not valid JSON`);
  }
  const parsed = secretBundle.safeParse(json);
  if (!parsed.success) throw new ConfigError(`The secrets in ${where} are not a JSON object of strings`);
  return parsed.data;
};

const loadBundle = async (arn: string): Promise<Record<string, string>> => {
  return parseBundle((await getSecretString(arn)) ?? '{}', 'the secrets bundle');
};

const readSecretsFile = async (file: string): Promise<Record<string, string>> => {
  try {
    return parseBundle(await readFile(file, 'utf8'), file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
    throw error;
  }
};

/** A secret's value, or undefined when it is not configured anywhere. The logger masks it from now on. */
export const findSecret = async (name: SecretName): Promise<string | undefined> => {
  const value = await lookUp(name);
  // An expiry date is not a secret, and masking it would blank dates in ordinary log lines.
  if (value && name !== 'INSTAGRAM_TOKEN_EXPIRES_AT') maskInLogs(value);
  return value;
};

const lookUp = async (name: SecretName): Promise<string | undefined> => {
  const fromEnv = process.env[name];
  if (fromEnv) return fromEnv;
  const file = process.env.SEBAR_SECRETS_FILE;
  if (file) {
    const value = (await readSecretsFile(file))[name];
    if (value) return value;
  }
  const arn = process.env.SEBAR_SECRETS_ARN;
  if (!arn) return undefined;
  bundle ??= loadBundle(arn).catch((error: unknown) => {
    bundle = undefined;
    throw error;
  });
  return (await bundle)[name] || undefined;
};

export const getSecret = async (name: SecretName): Promise<string> => {
  const value = await findSecret(name);
  if (value) return value;
  throw new ConfigError(
    process.env.SEBAR_SECRETS_ARN || process.env.SEBAR_SECRETS_FILE
      ? `Secret ${name} is missing from the secrets bundle`
      : `Secret ${name} is not configured`,
  );
};

/**
 * Writes secrets back (a refreshed platform token and its expiry): into the local file, or as a new
 * version of the Secrets Manager secret, merged with what it holds. Other functions see the new value
 * at their next cold start; the old token stays valid until its own expiry, so nothing breaks meanwhile.
 */
export const updateSecrets = async (values: Partial<Record<SecretName, string>>): Promise<void> => {
  const file = process.env.SEBAR_SECRETS_FILE;
  if (file) {
    const next = { ...(await readSecretsFile(file)), ...values };
    await writeFile(`${file}.tmp`, JSON.stringify(next, null, 2), { mode: 0o600 });
    await rename(`${file}.tmp`, file);
    return;
  }
  const arn = process.env.SEBAR_SECRETS_ARN;
  if (!arn) throw new ConfigError('No secrets store to write to (SEBAR_SECRETS_FILE or SEBAR_SECRETS_ARN)');
  const current = await loadBundle(arn);
  const next = { ...current, ...values };
  await putSecretString(arn, JSON.stringify(next));
  bundle = Promise.resolve(next);
};
