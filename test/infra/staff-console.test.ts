import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App, Validations } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { describe, expect, it } from 'vitest';
import { SebarStack } from '../../infra/sebar-stack';

/*
 * The staff console's hosting, read from the synthesized template (cdk-nag included, bundling skipped):
 * a private bucket behind CloudFront with origin access control, a CSP without inline scripts, managed
 * login with a PKCE client returning to the console, CORS for the console's origin only, and config.json.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cdkContext = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')).context;
const app = new App({ context: { ...cdkContext, 'aws:cdk:bundling-stacks': [] } });
const stack = new SebarStack(app, 'Sebar', { env: { account: '123456789012', region: 'ap-southeast-3' } });
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
app.synth();
const template = Template.fromStack(stack);

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON.
type Cfn = any;
const only = (type: string): [string, Cfn] => {
  const found = Object.entries(template.findResources(type));
  expect(found).toHaveLength(1);
  return found[0] as [string, Cfn];
};
const distributionId = () => only('AWS::CloudFront::Distribution')[0];
const consoleOrigin = () => ({
  'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId(), 'DomainName'] }]],
});

describe('staff console hosting', () => {
  it('serves a private bucket through CloudFront with origin access control', () => {
    const [, dist] = only('AWS::CloudFront::Distribution');
    const config = dist.Properties.DistributionConfig;
    expect(config.DefaultRootObject).toBe('index.html');
    expect(config.DefaultCacheBehavior.ViewerProtocolPolicy).toBe('redirect-to-https');
    expect(config.Origins).toHaveLength(1);
    expect(config.Origins[0].OriginAccessControlId).toBeDefined();
    expect(config.Origins[0].S3OriginConfig.OriginAccessIdentity).toBe('');
    template.hasResourceProperties('AWS::CloudFront::OriginAccessControl', {
      OriginAccessControlConfig: Match.objectLike({
        SigningBehavior: 'always',
        OriginAccessControlOriginType: 's3',
      }),
    });
    const bucketRef = config.Origins[0].DomainName['Fn::GetAtt'][0];
    const bucket = template.toJSON().Resources[bucketRef];
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    // Only CloudFront (this distribution) may read the files.
    const policy = Object.values(template.findResources('AWS::S3::BucketPolicy')).find(
      (p: Cfn) => p.Properties.Bucket.Ref === bucketRef,
    ) as Cfn;
    const reads = policy.Properties.PolicyDocument.Statement.filter((s: Cfn) => s.Effect === 'Allow');
    expect(reads).toHaveLength(1);
    expect(reads[0].Principal).toEqual({ Service: 'cloudfront.amazonaws.com' });
    expect(JSON.stringify(reads[0].Condition)).toContain(distributionId());
  });

  it('sends a Content-Security-Policy that forbids inline scripts', () => {
    const [, policy] = only('AWS::CloudFront::ResponseHeadersPolicy');
    const csp: string = JSON.stringify(
      policy.Properties.ResponseHeadersPolicyConfig.SecurityHeadersConfig.ContentSecurityPolicy
        .ContentSecurityPolicy,
    );
    expect(csp).toContain("script-src 'self';");
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const [, dist] = only('AWS::CloudFront::Distribution');
    expect(dist.Properties.DistributionConfig.DefaultCacheBehavior.ResponseHeadersPolicyId).toBeDefined();
  });

  it('signs in through managed login with a public PKCE client that returns to the console', () => {
    template.hasResourceProperties('AWS::Cognito::UserPoolDomain', { ManagedLoginVersion: 2 });
    template.resourceCountIs('AWS::Cognito::ManagedLoginBranding', 1);
    template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
      ClientName: 'sebar-staff-console',
      GenerateSecret: false,
      AllowedOAuthFlows: ['code'],
      AllowedOAuthFlowsUserPoolClient: true,
      CallbackURLs: [
        { 'Fn::Join': ['', ['https://', { 'Fn::GetAtt': [distributionId(), 'DomainName'] }, '/']] },
      ],
    });
    // The groups stay as they were.
    for (const group of ['staff', 'supervisor'])
      template.hasResourceProperties('AWS::Cognito::UserPoolGroup', { GroupName: group });
    // The API's authorizer accepts the console client's tokens.
    const [, authorizer] = only('AWS::ApiGatewayV2::Authorizer');
    expect(authorizer.Properties.JwtConfiguration.Audience).toHaveLength(2);
  });

  it('limits the HTTP API CORS and the records bucket CORS to the console origin', () => {
    const [, api] = only('AWS::ApiGatewayV2::Api');
    expect(api.Properties.CorsConfiguration.AllowOrigins).toEqual([consoleOrigin()]);
    expect(api.Properties.CorsConfiguration.AllowMethods).toEqual(
      expect.arrayContaining(['GET', 'POST', 'PUT', 'DELETE']),
    );
    const withCors = Object.values(template.findResources('AWS::S3::Bucket')).filter(
      (b: Cfn) => b.Properties.CorsConfiguration,
    ) as Cfn[];
    expect(withCors).toHaveLength(1);
    const rules = withCors[0].Properties.CorsConfiguration.CorsRules;
    expect(rules).toHaveLength(1);
    expect(rules[0].AllowedOrigins).toEqual([consoleOrigin()]);
    expect(rules[0].AllowedMethods).toContain('POST');
  });

  it('writes config.json at deploy with the API endpoint, the console client and the sign-in domain', () => {
    const [, deployment] = only('Custom::CDKBucketDeployment');
    // Deploy-time values of config.json travel as source markers, resolved by CloudFormation.
    const markers = JSON.stringify(deployment.Properties.SourceMarkers);
    const [apiId] = only('AWS::ApiGatewayV2::Api');
    const [domainId] = only('AWS::Cognito::UserPoolDomain');
    const clientId = Object.entries(template.findResources('AWS::Cognito::UserPoolClient')).find(
      ([, c]: [string, Cfn]) => c.Properties.ClientName === 'sebar-staff-console',
    )?.[0];
    expect(markers).toContain(`"Fn::GetAtt":["${apiId}","ApiEndpoint"]`);
    expect(markers).toContain(`{"Ref":"${clientId}"}`);
    expect(markers).toContain(`{"Ref":"${domainId}"}`);
    expect(markers).toContain(distributionId());
    expect(deployment.Properties.DistributionPaths).toEqual(['/*']);
    expect(Object.keys(template.findOutputs('ConsoleUrl'))).toEqual(['ConsoleUrl']);
  });
});
