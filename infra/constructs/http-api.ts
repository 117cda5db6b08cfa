import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import * as apigw from 'aws-cdk-lib/aws-apigatewayv2';
import { HttpUserPoolAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import * as acm from 'aws-cdk-lib/aws-certificatemanager';
import type * as cognito from 'aws-cdk-lib/aws-cognito';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionName, RouteSpec } from '../catalog';
import { acknowledge } from './nag';
import { pascal } from './names';

export interface HttpApiProps {
  readonly routes: readonly RouteSpec[];
  readonly handlers: ReadonlyMap<FunctionName, lambda.IFunction>;
  readonly userPool: cognito.IUserPool;
  readonly userPoolClient: cognito.IUserPoolClient;
  /** Another client whose tokens the staff routes accept (the staff console's). */
  readonly consoleClient?: cognito.IUserPoolClient;
  /** Origins of the staff front end allowed by CORS; none means no CORS preflight configuration. */
  readonly corsOrigins?: readonly string[];
  readonly throttle?: apigw.ThrottleSettings;
  /** Tighter limits for each public route (approval page, webhooks): anyone on the internet can call them. */
  readonly publicThrottle?: apigw.ThrottleSettings;
  /** A custom domain (its ACM certificate in the stack's region); approval links and webhooks then use it. */
  readonly domain?: { readonly name: string; readonly certificateArn: string };
}

/** Per public route: an approver clicks a few times; platforms deliver webhooks in bursts. */
export const PUBLIC_ROUTE_THROTTLE: apigw.ThrottleSettings = { rateLimit: 10, burstLimit: 20 };

/**
 * The HTTP API: one route per catalog entry (the same table the local gateway serves), Lambda proxy
 * integrations with payload v2, a Cognito JWT authorizer on staff routes, and a default stage with access
 * logs and throttling.
 */
export class HttpApi extends Construct {
  readonly api: apigw.HttpApi;
  readonly stage: apigw.HttpStage;
  readonly accessLogs: logs.LogGroup;
  readonly routes: ReadonlyMap<string, apigw.HttpRoute>;
  /** The custom domain, when the stage has one: point a CNAME at its `regionalDomainName`. */
  readonly domainName?: apigw.DomainName;
  private readonly domainHost?: string;

  constructor(scope: Construct, id: string, props: HttpApiProps) {
    super(scope, id);

    this.api = new apigw.HttpApi(this, 'Api', {
      description: 'Sebar: staff content API, approval links and platform webhooks',
      createDefaultStage: false,
      corsPreflight:
        props.corsOrigins && props.corsOrigins.length > 0
          ? {
              allowOrigins: [...props.corsOrigins],
              allowMethods: [
                apigw.CorsHttpMethod.GET,
                apigw.CorsHttpMethod.POST,
                apigw.CorsHttpMethod.PUT,
                apigw.CorsHttpMethod.DELETE,
              ],
              allowHeaders: ['authorization', 'content-type'],
              maxAge: Duration.hours(1),
            }
          : undefined,
    });

    this.accessLogs = new logs.LogGroup(this, 'AccessLogs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stage = new apigw.HttpStage(this, 'DefaultStage', {
      httpApi: this.api,
      stageName: '$default',
      autoDeploy: true,
      throttle: props.throttle ?? { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new apigw.LogGroupLogDestination(this.accessLogs),
        // The same fields as the local gateway's request line (method, route key, status, duration,
        // request id). The route key, not the raw path: approval ids in paths stay out of the logs, as do
        // query strings (approval `sig`, OAuth `code`), headers (Authorization) and bodies.
        format: AccessLogFormat.custom(
          JSON.stringify({
            requestId: '$context.requestId',
            method: '$context.httpMethod',
            requestTime: '$context.requestTime',
            ip: '$context.identity.sourceIp',
            userAgent: '$context.identity.userAgent',
            routeKey: '$context.routeKey',
            status: '$context.status',
            responseLength: '$context.responseLength',
            latencyMs: '$context.responseLatency',
            integrationStatus: '$context.integrationStatus',
            integrationError: '$context.integrationErrorMessage',
            authorizerError: '$context.authorizer.error',
          }),
        ),
      },
    });

    if (props.domain) {
      this.domainHost = props.domain.name;
      this.domainName = new apigw.DomainName(this, 'Domain', {
        domainName: props.domain.name,
        certificate: acm.Certificate.fromCertificateArn(this, 'Certificate', props.domain.certificateArn),
      });
      new apigw.ApiMapping(this, 'DomainMapping', {
        api: this.api,
        domainName: this.domainName,
        stage: this.stage,
      });
    }

    const authorizer = new HttpUserPoolAuthorizer('StaffAuthorizer', props.userPool, {
      userPoolClients: [props.userPoolClient, ...(props.consoleClient ? [props.consoleClient] : [])],
      identitySource: ['$request.header.Authorization'],
    });

    const integrations = new Map<FunctionName, HttpLambdaIntegration>();
    const integrationFor = (name: FunctionName): HttpLambdaIntegration => {
      const existing = integrations.get(name);
      if (existing) return existing;
      const handler = props.handlers.get(name);
      if (!handler) throw new Error(`Route table names function ${name}, which the stack did not create`);
      const integration = new HttpLambdaIntegration(`${pascal(name)}Integration`, handler, {
        payloadFormatVersion: apigw.PayloadFormatVersion.VERSION_2_0,
        scopePermissionToRoute: true,
      });
      integrations.set(name, integration);
      return integration;
    };

    const routes = new Map<string, apigw.HttpRoute>();
    for (const spec of props.routes) {
      const routeKey = `${spec.method} ${spec.path}`;
      const route = new apigw.HttpRoute(this, `Route${spec.method}${pascal(spec.path)}`, {
        httpApi: this.api,
        routeKey: apigw.HttpRouteKey.with(spec.path, apigw.HttpMethod[spec.method]),
        integration: integrationFor(spec.function),
        authorizer: spec.auth === 'staff' ? authorizer : new apigw.HttpNoneAuthorizer(),
      });
      if (spec.auth === 'public') {
        const why =
          spec.function === 'approval-page'
            ? 'Approvers open this link from an email client without a Sebar account; the link carries an ' +
              'HMAC-signed, expiring, single-use approval id that the function verifies before anything is shown or decided.'
            : 'Meta and X call this webhook without Cognito tokens; the function verifies the platform ' +
              'signature (X-Hub-Signature-256 / x-twitter-webhooks-signature, or the CRC/handshake secret) on every request.';
        acknowledge(route, 'AwsSolutions-APIG4', why);
      }
      routes.set(routeKey, route);
    }
    this.routes = routes;

    // Route-level throttling on the default stage for the public routes (HttpStage has no prop for it).
    const publicThrottle = props.publicThrottle ?? PUBLIC_ROUTE_THROTTLE;
    const publicRoutes = props.routes.filter((r) => r.auth === 'public');
    if (publicRoutes.length > 0) {
      (this.stage.node.defaultChild as apigw.CfnStage).routeSettings = Object.fromEntries(
        publicRoutes.map((r) => [
          `${r.method} ${r.path}`,
          {
            ThrottlingRateLimit: publicThrottle.rateLimit,
            ThrottlingBurstLimit: publicThrottle.burstLimit,
          },
        ]),
      );
    }
  }

  /** Base URL of the API (the custom domain's, when there is one), with a trailing slash. */
  get url(): string {
    return this.domainHost ? `https://${this.domainHost}/` : this.stage.url;
  }
}
