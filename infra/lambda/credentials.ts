import { fromEnv } from '@aws-sdk/credential-provider-env';
import type { AwsCredentialIdentityProvider } from '@smithy/types';

/**
 * Stands in for `@aws-sdk/credential-provider-node` in the deployed bundles (docs/decisions/0023): Lambda
 * gives every function its role's credentials in the environment (AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY,
 * AWS_SESSION_TOKEN), so the default chain's other sources (profiles, SSO, processes, web identity, instance
 * metadata) and the STS and SSO clients they bring are never used there, and only add to every bundle. The
 * local runtime and the tests are not bundled and keep the SDK's own chain.
 */
export const defaultProvider = (init: Parameters<typeof fromEnv>[0] = {}): AwsCredentialIdentityProvider =>
  fromEnv(init);
