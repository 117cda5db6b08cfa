import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { acknowledge } from './nag';

/**
 * Sign-in for PR staff and supervisors. Accounts are created by an administrator (no self sign-up), every
 * sign-in needs an authenticator-app code, and the staff front end is a public client (no secret) that signs
 * in with SRP. The HTTP API's staff routes accept this pool's tokens.
 */
export interface StaffAuthProps {
  /** Prefix of the managed-login domain (`<prefix>.auth.<region>.amazoncognito.com`), unique in the region. */
  readonly domainPrefix: string;
}

export class StaffAuth extends Construct {
  readonly userPool: cognito.UserPool;
  readonly client: cognito.UserPoolClient;
  private readonly domainPrefix: string;

  constructor(scope: Construct, id: string, props: StaffAuthProps) {
    super(scope, id);
    this.domainPrefix = props.domainPrefix;

    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      signInCaseSensitive: false,
      autoVerify: { email: true },
      mfa: cognito.Mfa.REQUIRED,
      // Authenticator apps only: SMS needs an SNS sending role and costs per message.
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireLowercase: true,
        requireUppercase: true,
        requireDigits: true,
        requireSymbols: true,
        tempPasswordValidity: Duration.days(3),
      },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      featurePlan: cognito.FeaturePlan.ESSENTIALS,
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    acknowledge(
      this.userPool,
      'AwsSolutions-COG8',
      'The pool holds a few dozen staff accounts created by an administrator (self sign-up is off) and every ' +
        'sign-in requires a TOTP code; Plus-tier threat protection is billed per monthly active user, which ' +
        'is a budget decision for the health office. Switch featurePlan to PLUS when it is approved.',
    );

    this.userPool.addGroup('StaffGroup', {
      groupName: 'staff',
      description: 'PR (Humas) staff: write content, read the inbox',
    });
    this.userPool.addGroup('SupervisorGroup', {
      groupName: 'supervisor',
      description: 'Supervisors: everything staff can do, plus reports and follow-ups',
      precedence: 1,
    });

    this.client = this.userPool.addClient('StaffWebClient', {
      userPoolClientName: 'sebar-staff-web',
      generateSecret: false,
      authFlows: { userSrp: true },
      // No hosted UI: the staff front end signs in with SRP, so OAuth redirects stay off.
      disableOAuth: true,
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
  }

  /**
   * Sign-in for the staff console: the pool's managed login pages on a Cognito domain, and a public app
   * client (no secret) for the authorization code flow with PKCE, returning to the console's address. The
   * access token carries the user's groups (`staff`, `supervisor`), which the API checks.
   */
  addConsoleSignIn(consoleUrl: string) {
    const domain = this.userPool.addDomain('ConsoleSignIn', {
      cognitoDomain: {
        domainPrefix: this.domainPrefix,
      },
      managedLoginVersion: cognito.ManagedLoginVersion.NEWER_MANAGED_LOGIN,
    });
    const client = this.userPool.addClient('ConsoleClient', {
      userPoolClientName: 'sebar-staff-console',
      generateSecret: false,
      authFlows: {},
      oAuth: {
        flows: { authorizationCodeGrant: true, implicitCodeGrant: false },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [consoleUrl],
        logoutUrls: [consoleUrl],
      },
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      preventUserExistenceErrors: true,
      enableTokenRevocation: true,
      accessTokenValidity: Duration.hours(1),
      idTokenValidity: Duration.hours(1),
      refreshTokenValidity: Duration.hours(12),
    });
    // Managed login (version 2) shows its pages only with a branding style: Cognito's own look.
    new cognito.CfnManagedLoginBranding(this, 'ConsoleSignInBranding', {
      userPoolId: this.userPool.userPoolId,
      clientId: client.userPoolClientId,
      useCognitoProvidedValues: true,
    });
    return { domain, client };
  }
}
