import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import type { Construct } from 'constructs';
import { acknowledge } from './nag';

/** Secrets the operator fills in after the first deploy; APPROVAL_SIGNING_KEY is generated. */
export const OPERATOR_SECRETS = [
  'META_APP_SECRET',
  'META_VERIFY_TOKEN',
  'X_CONSUMER_SECRET',
  'INSTAGRAM_ACCESS_TOKEN',
  'X_ACCESS_TOKEN',
  // With these two, X calls are signed with OAuth 1.0a; left empty, X_ACCESS_TOKEN is a bearer token.
  'X_CONSUMER_KEY',
  'X_ACCESS_TOKEN_SECRET',
] as const;

/**
 * The one secrets bundle (`sebar-<stage>/secrets`): the generated approval-link signing key and the platform
 * credentials the operator sets. Created in the scope it is given, under the id `Secrets`.
 */
export const platformSecrets = (scope: Construct, secretName: string): secretsmanager.Secret => {
  const secret = new secretsmanager.Secret(scope, 'Secrets', {
    secretName,
    description:
      'Sebar: approval-link signing key (generated) and Instagram/X credentials (set by the operator)',
    generateSecretString: {
      // Empty until the operator sets them: the functions refuse to work with a missing secret rather
      // than verify webhook signatures against a value anyone could read in this template.
      secretStringTemplate: JSON.stringify(Object.fromEntries(OPERATOR_SECRETS.map((k) => [k, '']))),
      generateStringKey: 'APPROVAL_SIGNING_KEY',
      passwordLength: 64,
      excludePunctuation: true,
    },
  });
  acknowledge(
    secret,
    'AwsSolutions-SMG4',
    'No rotation Lambda can rotate these values: the Instagram token is refreshed by the app before its ' +
      '60 days run out, the X and Meta secrets are issued in the platforms developer consoles and rotated ' +
      'there by the operator, and rotating APPROVAL_SIGNING_KEY would invalidate approval links in flight.',
  );
  return secret;
};
