import { existsSync } from 'node:fs';
import type { CfnElement } from 'aws-cdk-lib';
import { Annotations, CfnOutput, Duration, RemovalPolicy, Stack, Token } from 'aws-cdk-lib';
import * as cloudfront from 'aws-cdk-lib/aws-cloudfront';
import * as origins from 'aws-cdk-lib/aws-cloudfront-origins';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as s3deploy from 'aws-cdk-lib/aws-s3-deployment';
import { Construct, type IConstruct } from 'constructs';
import { acknowledge } from './nag';
import type { StaffAuth } from './staff-auth';
import type { Storage } from './storage';

export interface StaffConsoleProps {
  readonly auth: StaffAuth;
  /** The records bucket (browser uploads go there) and the access-logs bucket. */
  readonly storage: Storage;
  /** The built console (`web/dist`). Missing (tests, a back-end-only checkout): only config.json is deployed. */
  readonly webDist: string;
}

/**
 * The staff console on AWS: its built files in a private bucket that only CloudFront reads (origin access
 * control), served with security headers (a Content-Security-Policy without inline scripts), sign-in
 * through the user pool's managed login (authorization code with PKCE, a public client), and a config.json
 * written at deploy time that tells the console where the API and the sign-in pages are. Browser uploads
 * go straight to the records bucket, whose CORS rule admits this console's origin only.
 */
export class StaffConsole extends Construct {
  readonly bucket: s3.Bucket;
  readonly distribution: cloudfront.Distribution;
  /** `https://<distribution>.cloudfront.net`, the console's origin (for CORS). */
  readonly origin: string;
  readonly client: cognito.UserPoolClient;
  readonly signIn: ReturnType<StaffAuth['addConsoleSignIn']>;
  private readonly webDist: string;

  constructor(scope: Construct, id: string, props: StaffConsoleProps) {
    super(scope, id);
    const region = Stack.of(this).region;
    this.webDist = props.webDist;

    this.bucket = new s3.Bucket(this, 'Files', {
      blockPublicAccess: s3.BlockPublicAccess.BLOCK_ALL,
      enforceSSL: true,
      encryption: s3.BucketEncryption.S3_MANAGED,
      objectOwnership: s3.ObjectOwnership.BUCKET_OWNER_ENFORCED,
      serverAccessLogsBucket: props.storage.accessLogsBucket,
      serverAccessLogsPrefix: 'console/',
      // Built files only, redeployed from web/dist at every deploy; kept like every Sebar bucket.
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const csp = [
      "default-src 'self'",
      "script-src 'self'",
      // The calendar library adds its style element at run time; scripts stay strict.
      "style-src 'self' 'unsafe-inline'",
      `img-src 'self' data: blob: https://*.s3.${region}.amazonaws.com`,
      `connect-src 'self' https://*.execute-api.${region}.amazonaws.com https://*.auth.${region}.amazoncognito.com https://*.s3.${region}.amazonaws.com`,
      "font-src 'self'",
      "object-src 'none'",
      "base-uri 'self'",
      "form-action 'self'",
      "frame-ancestors 'none'",
    ].join('; ');
    const headers = new cloudfront.ResponseHeadersPolicy(this, 'SecurityHeaders', {
      comment: 'Sebar staff console: CSP without inline scripts, HSTS, no framing, no sniffing',
      securityHeadersBehavior: {
        contentSecurityPolicy: { contentSecurityPolicy: csp, override: true },
        strictTransportSecurity: {
          accessControlMaxAge: Duration.days(365),
          includeSubdomains: true,
          override: true,
        },
        contentTypeOptions: { override: true },
        frameOptions: { frameOption: cloudfront.HeadersFrameOption.DENY, override: true },
        referrerPolicy: { referrerPolicy: cloudfront.HeadersReferrerPolicy.NO_REFERRER, override: true },
      },
    });

    this.distribution = new cloudfront.Distribution(this, 'Distribution', {
      comment: 'Sebar staff console',
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: origins.S3BucketOrigin.withOriginAccessControl(this.bucket),
        viewerProtocolPolicy: cloudfront.ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
        responseHeadersPolicy: headers,
        cachePolicy: cloudfront.CachePolicy.CACHING_OPTIMIZED,
      },
      // The console routes in the browser: unknown paths get index.html (S3 answers 403 through OAC).
      errorResponses: [403, 404].map((httpStatus) => ({
        httpStatus,
        responseHttpStatus: 200,
        responsePagePath: '/index.html',
        ttl: Duration.seconds(0),
      })),
    });
    this.origin = `https://${this.distribution.distributionDomainName}`;
    this.nag(this.distribution);

    this.signIn = props.auth.addConsoleSignIn(`${this.origin}/`);
    this.client = this.signIn.client;

    props.storage.bucket.addCorsRule({
      allowedOrigins: [this.origin],
      allowedMethods: [s3.HttpMethods.POST, s3.HttpMethods.GET, s3.HttpMethods.HEAD],
      allowedHeaders: ['*'],
      exposedHeaders: ['ETag'],
      maxAge: 3000,
    });

    new CfnOutput(Stack.of(this), 'ConsoleUrl', {
      description: 'The staff console (sign in with a user-pool account in the staff or supervisor group)',
      value: `${this.origin}/`,
    });
  }

  /**
   * Deploys the built console and its config.json (the API's URL and the managed-login settings). Called
   * once the HTTP API exists: the API's CORS names this console's origin, and config.json names the API.
   */
  deploy(apiUrl: string): s3deploy.BucketDeployment {
    const base = this.signIn.domain.baseUrl();
    const config = {
      auth: 'cognito',
      apiUrl,
      authorizeUrl: `${base}/oauth2/authorize`,
      tokenUrl: `${base}/oauth2/token`,
      clientId: this.client.userPoolClientId,
      redirectUri: `${this.origin}/`,
      logoutUrl: `${base}/logout`,
    };
    const built = existsSync(this.webDist);
    if (!built) {
      Annotations.of(this).addInfo(
        `${this.webDist} does not exist: only config.json is deployed. Build the console first (web/).`,
      );
    }
    // A role and log group of our own, as every Sebar function has: no managed policy, logs kept a year.
    const logGroup = new logs.LogGroup(this, 'DeployLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    const role = new iam.Role(this, 'DeployRole', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: 'Sebar: copies the staff console build and config.json into the console bucket',
    });
    logGroup.grantWrite(role);
    const deployment = new s3deploy.BucketDeployment(this, 'Deploy', {
      role,
      logGroup,
      destinationBucket: this.bucket,
      sources: [
        ...(built ? [s3deploy.Source.asset(this.webDist)] : []),
        s3deploy.Source.jsonData('config.json', config),
      ],
      // Without the built files, leave whatever an earlier deployment put there.
      prune: built,
      distribution: this.distribution,
      distributionPaths: ['/*'],
      memoryLimit: 512,
    });
    this.nagDeployment(role);
    return deployment;
  }

  private nag(distribution: IConstruct): void {
    acknowledge(
      distribution,
      'AwsSolutions-CFR1',
      'The console is for the health office staff, who may sign in from outside Indonesia (travel, ' +
        'conferences); access is controlled by Cognito sign-in with MFA, not by country.',
    );
    acknowledge(
      distribution,
      'AwsSolutions-CFR2',
      'The distribution serves only static console files from a private bucket; every API call is ' +
        'authorised by Cognito tokens at the HTTP API, so a WAF web ACL (billed monthly) would protect no data.',
    );
    acknowledge(
      distribution,
      'AwsSolutions-CFR3',
      'Standard CloudFront logs need an ACL-enabled bucket, while every Sebar bucket enforces bucket-owner ' +
        'ownership; the files served are public build output, and API access is logged by the HTTP API stage.',
    );
    acknowledge(
      distribution,
      'AwsSolutions-CFR4',
      'The distribution uses the default *.cloudfront.net certificate, whose TLS policy CloudFront fixes; a ' +
        'minimum of TLSv1.2 needs a custom domain and certificate, which the office has not chosen yet.',
    );
  }

  private nagDeployment(role: iam.Role): void {
    const stack = Stack.of(this);
    const handler = stack.node
      .findAll()
      .find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment') && c.node.scope === stack);
    const account = Token.isUnresolved(stack.account) ? '<AWS::AccountId>' : stack.account;
    const region = Token.isUnresolved(stack.region) ? '<AWS::Region>' : stack.region;
    const files = stack.getLogicalId(this.bucket.node.defaultChild as CfnElement);
    for (const finding of [
      'Action::s3:GetBucket*',
      'Action::s3:GetObject*',
      'Action::s3:List*',
      'Action::s3:Abort*',
      'Action::s3:DeleteObject*',
      `Resource::arn:${Token.isUnresolved(stack.partition) ? '<AWS::Partition>' : stack.partition}:s3:::cdk-hnb659fds-assets-${account}-${region}/*`,
      `Resource::<${files}.Arn>/*`,
      'Resource::*',
    ]) {
      acknowledge(
        role,
        `AwsSolutions-IAM5[${finding}]`,
        "CDK's BucketDeployment provider reads the build from the CDK asset bucket and replaces the objects " +
          'of the console bucket (its grants are made by aws-cdk-lib); CloudFront invalidations take no ' +
          'resource-level permission, hence Resource "*" for CreateInvalidation.',
      );
    }
    if (handler)
      acknowledge(
        handler,
        'AwsSolutions-L1',
        "The runtime of CDK's BucketDeployment provider is chosen by aws-cdk-lib and moves with its upgrades; " +
          'the function runs only during deployments.',
      );
  }
}
