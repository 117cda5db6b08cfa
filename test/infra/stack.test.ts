import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { App, CfnElement, Validations } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import type { IConstruct } from 'constructs';
import { describe, expect, it } from 'vitest';
import {
  type FunctionName,
  type FunctionSpec,
  functions,
  queues,
  recurringJobs,
  routes,
  stateMachine,
  substitutions,
  type TableName,
  tables,
} from '../../infra/catalog';
import { OPERATOR_SECRETS, SebarStack, settingsFromContext } from '../../infra/sebar-stack';

/*
 * Synthesizes the real stack once, the way `cdk synth` does (cdk.json context, cdk-nag plugin), but with
 * bundling skipped so the suite stays fast. Every assertion reads the synthesized template.
 */

const repoRoot = path.resolve(import.meta.dirname, '../..');
const cdkContext = JSON.parse(readFileSync(path.join(repoRoot, 'cdk.json'), 'utf8')).context;

// The prod stage: what the office runs (test/infra/stages.test.ts checks what dev does differently).
const app = new App({
  context: {
    ...cdkContext,
    'aws:cdk:bundling-stacks': [],
    stage: 'prod',
    alarmEmail: 'engineer@dinkes.example.go.id',
  },
});
const stack = new SebarStack(app, 'Sebar-prod', {
  env: { account: '123456789012', region: 'ap-southeast-3' },
});
Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
// Throws with cdk-nag's report if an unacknowledged error remains.
const assembly = app.synth();
const template = Template.fromStack(stack);
const json = template.toJSON() as {
  Resources: Record<string, CfnResourceJson>;
  Outputs: Record<string, unknown>;
};

// biome-ignore lint/suspicious/noExplicitAny: synthesized CloudFormation is untyped JSON; the assertions check its shape.
type Cfn = any;

interface CfnResourceJson {
  Type: string;
  Properties: Record<string, Cfn>;
  DeletionPolicy?: string;
  UpdateReplacePolicy?: string;
}

interface Statement {
  Effect: string;
  Action: string[];
  Resource: unknown[];
}

const logicalId = (construct: IConstruct): string => {
  const cfn = construct.node.defaultChild;
  if (!(cfn instanceof CfnElement))
    throw new Error(`no CloudFormation resource under ${construct.node.path}`);
  return stack.getLogicalId(cfn);
};

const resourcesOfType = (type: string): [string, CfnResourceJson][] =>
  Object.entries(json.Resources).filter(([, r]) => r.Type === type);

const resource = (id: string): CfnResourceJson => {
  const r = json.Resources[id];
  if (!r) throw new Error(`no resource ${id} in the template`);
  return r;
};

/** True when a template value mentions the logical id through Ref or Fn::GetAtt. */
const mentions = (value: unknown, id: string): boolean => {
  const text = JSON.stringify(value);
  return text.includes(`{"Ref":"${id}"}`) || text.includes(`"Fn::GetAtt":["${id}",`);
};

const asArray = <T>(x: T | T[] | undefined): T[] => (x === undefined ? [] : Array.isArray(x) ? x : [x]);

/** Every Allow/Deny statement a role carries, from inline policies and attached AWS::IAM::Policy resources. */
const statementsOf = (roleId: string): Statement[] => {
  const docs: unknown[] = [];
  for (const p of asArray(resource(roleId).Properties.Policies)) docs.push((p as Cfn).PolicyDocument);
  for (const [, policy] of resourcesOfType('AWS::IAM::Policy')) {
    if (asArray(policy.Properties.Roles).some((r) => mentions(r, roleId)))
      docs.push(policy.Properties.PolicyDocument);
  }
  return docs.flatMap((doc) =>
    asArray((doc as Cfn).Statement).map((s: Cfn) => ({
      Effect: s.Effect,
      Action: asArray(s.Action),
      Resource: asArray(s.Resource),
    })),
  );
};

const fnOf = (name: FunctionName) => {
  const fn = stack.functions.get(name);
  if (!fn) throw new Error(`stack has no function ${name}`);
  return fn;
};
const functionId = (name: FunctionName): string => logicalId(fnOf(name).function);
const roleId = (name: FunctionName): string => logicalId(fnOf(name).role);
const tableId = (name: TableName): string => logicalId(stack.storage.table(name));
const bucketId = logicalId(stack.storage.bucket);
const stateMachineId = logicalId(stack.workflow.stateMachine);
const specs: readonly FunctionSpec[] = functions;

const actionsOn = (statements: Statement[], id: string): string[] =>
  statements
    .filter((s) => s.Effect === 'Allow' && s.Resource.some((r) => mentions(r, id)))
    .flatMap((s) => s.Action);

const rolesAllowing = (action: string): string[] =>
  resourcesOfType('AWS::IAM::Role')
    .map(([id]) => id)
    .filter((id) => statementsOf(id).some((s) => s.Effect === 'Allow' && s.Action.includes(action)));

const DYNAMO_WRITES = [
  'dynamodb:PutItem',
  'dynamodb:UpdateItem',
  'dynamodb:DeleteItem',
  'dynamodb:BatchWriteItem',
];

describe('content lifecycle state machine', () => {
  const sm = resource(stateMachineId);
  const asl = readFileSync(path.join(repoRoot, stateMachine.definitionFile), 'utf8');

  it('takes its definition from the ASL file, shipped unchanged as an asset', () => {
    expect(sm.Properties.DefinitionString).toBeUndefined();
    const key: string = sm.Properties.DefinitionS3Location.Key;
    expect(key).toMatch(/^[0-9a-f]{64}\.json$/);
    const staged = path.join(assembly.directory, `asset.${key}`);
    expect(existsSync(staged)).toBe(true);
    expect(readFileSync(staged, 'utf8')).toBe(asl);
    for (const state of ['Fact-finding', 'Request approval', 'Publish to platforms', 'Record failure']) {
      expect(readFileSync(staged, 'utf8')).toContain(`"${state}"`);
    }
  });

  it('fills every placeholder of the ASL with the ARN of the catalog function', () => {
    const placeholders = new Set([...asl.matchAll(/\$\{([A-Za-z0-9]+)\}/g)].map((m) => m[1]));
    const given: Record<string, unknown> = sm.Properties.DefinitionSubstitutions;
    expect(Object.keys(given).sort()).toEqual(Object.keys(substitutions).sort());
    expect([...placeholders].sort()).toEqual(Object.keys(substitutions).sort());
    for (const [key, name] of Object.entries(substitutions)) {
      expect(given[key]).toEqual({ 'Fn::GetAtt': [functionId(name), 'Arn'] });
    }
  });

  it('is a Standard workflow with X-Ray and ALL-level logging without execution data', () => {
    expect(sm.Properties.StateMachineType).toBe('STANDARD');
    expect(sm.Properties.TracingConfiguration).toEqual({ Enabled: true });
    expect(sm.Properties.LoggingConfiguration.Level).toBe('ALL');
    expect(sm.Properties.LoggingConfiguration.IncludeExecutionData).toBe(false);
  });

  it('may invoke exactly the task functions (and their versions), nothing else', () => {
    const smRole = logicalId(stack.workflow.role);
    expect(mentions(sm.Properties.RoleArn, smRole)).toBe(true);
    const invoke = statementsOf(smRole).filter((s) => s.Action.some((a) => a.startsWith('lambda:')));
    expect(invoke.flatMap((s) => s.Action)).toEqual(['lambda:InvokeFunction']);
    const taskIds = [...new Set(Object.values(substitutions))].map(functionId);
    const expected = taskIds.flatMap((id) => [
      JSON.stringify({ 'Fn::GetAtt': [id, 'Arn'] }),
      JSON.stringify({ 'Fn::Join': ['', [{ 'Fn::GetAtt': [id, 'Arn'] }, ':*']] }),
    ]);
    const granted = invoke.flatMap((s) => s.Resource).map((r) => JSON.stringify(r));
    expect(granted.sort()).toEqual(expected.sort());
    for (const name of ['content-api', 'approval-page', 'webhook-instagram', 'webhook-x'] as const) {
      expect(granted.some((g) => g.includes(`"${functionId(name)}"`))).toBe(false);
    }
  });
});

describe('tables', () => {
  const found = resourcesOfType('AWS::DynamoDB::Table');

  it('creates one table per catalog entry, nothing more', () => {
    expect(found).toHaveLength(tables.length);
  });

  it.each(tables.map((t) => [t.name, t] as const))(
    '%s: on-demand, PITR, encrypted, retained',
    (name, spec) => {
      const t = resource(tableId(name));
      expect(t.Properties.BillingMode).toBe('PAY_PER_REQUEST');
      expect(t.Properties.PointInTimeRecoverySpecification).toEqual({ PointInTimeRecoveryEnabled: true });
      expect(t.Properties.SSESpecification.SSEEnabled).toBe(true);
      expect(t.DeletionPolicy).toBe('Retain');
      expect(t.UpdateReplacePolicy).toBe('Retain');

      const keys = [{ AttributeName: spec.partitionKey, KeyType: 'HASH' }];
      if (spec.sortKey) keys.push({ AttributeName: spec.sortKey, KeyType: 'RANGE' });
      expect(t.Properties.KeySchema).toEqual(keys);
      for (const attr of t.Properties.AttributeDefinitions) expect(attr.AttributeType).toBe('S');

      const gsis = asArray(t.Properties.GlobalSecondaryIndexes) as Cfn[];
      expect(gsis.map((g) => g.IndexName).sort()).toEqual((spec.indexes ?? []).map((i) => i.name).sort());
      for (const index of spec.indexes ?? []) {
        const gsi = gsis.find((g) => g.IndexName === index.name);
        const gsiKeys = [{ AttributeName: index.partitionKey, KeyType: 'HASH' }];
        if (index.sortKey) gsiKeys.push({ AttributeName: index.sortKey, KeyType: 'RANGE' });
        expect(gsi.KeySchema).toEqual(gsiKeys);
        expect(gsi.Projection).toEqual({ ProjectionType: 'ALL' });
      }
    },
  );
});

describe('records bucket', () => {
  const bucket = resource(bucketId);

  it('blocks public access, is versioned, encrypted and retained', () => {
    expect(bucket.Properties.PublicAccessBlockConfiguration).toEqual({
      BlockPublicAcls: true,
      BlockPublicPolicy: true,
      IgnorePublicAcls: true,
      RestrictPublicBuckets: true,
    });
    expect(bucket.Properties.VersioningConfiguration).toEqual({ Status: 'Enabled' });
    expect(bucket.Properties.BucketEncryption.ServerSideEncryptionConfiguration[0]).toMatchObject({
      ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' },
    });
    expect(bucket.DeletionPolicy).toBe('Retain');
  });

  it('sends server access logs to the separate logs bucket', () => {
    const logsBucket = logicalId(stack.storage.accessLogsBucket);
    expect(logsBucket).not.toBe(bucketId);
    expect(bucket.Properties.LoggingConfiguration.DestinationBucketName).toEqual({ Ref: logsBucket });
  });

  it('denies every request that does not use TLS', () => {
    const policies = resourcesOfType('AWS::S3::BucketPolicy').filter(([, p]) =>
      mentions(p.Properties.Bucket, bucketId),
    );
    expect(policies).toHaveLength(1);
    const document: Cfn = policies[0]?.[1].Properties.PolicyDocument;
    const deny: Cfn = asArray(document.Statement).find((s: Cfn) => s.Effect === 'Deny');
    expect(deny.Action).toBe('s3:*');
    expect(deny.Condition).toEqual({ Bool: { 'aws:SecureTransport': 'false' } });
  });
});

describe('functions', () => {
  it('creates exactly the catalog functions (no helper functions sneak in)', () => {
    // Plus CDK's BucketDeployment provider, which copies the staff console into its bucket at deploy time.
    const all = resourcesOfType('AWS::Lambda::Function');
    const extra = all.filter(([id]) => id.startsWith('CustomCDKBucketDeployment'));
    expect(extra).toHaveLength(1);
    expect(all).toHaveLength(functions.length + 1);
  });

  it.each(specs.map((s) => [s.name, s] as const))(
    '%s: Node.js 24 on arm64 with catalog sizing',
    (name, spec) => {
      const fn = resource(functionId(name as FunctionName));
      expect(fn.Properties.Runtime).toBe('nodejs24.x');
      expect(fn.Properties.Architectures).toEqual(['arm64']);
      expect(fn.Properties.Handler).toBe('index.handler');
      expect(fn.Properties.MemorySize).toBe(spec.memoryMb);
      expect(fn.Properties.Timeout).toBe(spec.timeoutSeconds);
      const logGroup = resource(logicalId(fnOf(name as FunctionName).logGroup));
      expect(fn.Properties.LoggingConfig.LogGroup).toEqual({
        Ref: logicalId(fnOf(name as FunctionName).logGroup),
      });
      expect(logGroup.Properties.RetentionInDays).toBe(365);
    },
  );

  it.each(specs.map((s) => [s.name] as const))('%s: gets the shared environment', (name) => {
    const env = resource(functionId(name as FunctionName)).Properties.Environment.Variables;
    for (const t of tables) expect(env[t.envVar]).toEqual({ Ref: tableId(t.name) });
    expect(env.BUCKET_NAME).toEqual({ Ref: bucketId });
    expect(env.SEBAR_SECRETS_ARN).toEqual({ Ref: logicalId(stack.secret) });
    expect(env.MAIL_FROM).toBe('humas@dinkes.example.go.id');
    expect(env.DEFAULT_APPROVERS).toBe('kepala.dinas@dinkes.example.go.id');
    expect(env.NODE_OPTIONS).toBe('--enable-source-maps');
    // Powertools' Logger writes this as `service` on every line.
    expect(env.POWERTOOLS_SERVICE_NAME).toBe(name);
    expect('STATE_MACHINE_ARN' in env).toBe(name === 'content-api');
    expect('PUBLIC_BASE_URL' in env).toBe(name === 'request-approval' || name === 'send-reminders');
  });

  it('lets the code do what it does: presign images on the approval page, record reminders sent by hand', () => {
    expect(rolesAllowing('s3:GetObject')).toContain(roleId('approval-page'));
    const writesApprovals = statementsOf(roleId('approvals-api')).filter(
      (st) =>
        st.Action.includes('dynamodb:UpdateItem') &&
        st.Resource.some((r) => mentions(r, tableId('approvals'))),
    );
    expect(writesApprovals.length).toBeGreaterThan(0);
  });

  it('gives content-api the state machine ARN, and the two link mailers outside the API its URL', () => {
    const api = resource(functionId('content-api')).Properties.Environment.Variables;
    expect(api.STATE_MACHINE_ARN).toEqual({ Ref: stateMachineId });
    // Scheduled reminders carry approval links too: without the URL every reminder would fail.
    for (const name of ['request-approval', 'send-reminders'] as const) {
      const env = resource(functionId(name)).Properties.Environment.Variables;
      expect(mentions(env.PUBLIC_BASE_URL, logicalId(stack.httpApi.api)), name).toBe(true);
    }
  });
});

describe('HTTP API', () => {
  const routeResources = resourcesOfType('AWS::ApiGatewayV2::Route');
  const authorizerId = resourcesOfType('AWS::ApiGatewayV2::Authorizer')[0]?.[0];

  it('has one route per catalog entry', () => {
    expect(routeResources.map(([, r]) => r.Properties.RouteKey).sort()).toEqual(
      routes.map((r) => `${r.method} ${r.path}`).sort(),
    );
  });

  it.each(routes.map((r) => [`${r.method} ${r.path}`, r] as const))('%s', (key, spec) => {
    const [, route] = routeResources.find(([, r]) => r.Properties.RouteKey === key) ?? [];
    if (!route) throw new Error(`route ${key} missing`);
    if (spec.auth === 'staff') {
      expect(route.Properties.AuthorizationType).toBe('JWT');
      expect(route.Properties.AuthorizerId).toEqual({ Ref: authorizerId });
    } else {
      expect(route.Properties.AuthorizationType).toBe('NONE');
      expect(route.Properties.AuthorizerId).toBeUndefined();
    }
    const integrationId = (route.Properties.Target['Fn::Join'][1] as unknown[])
      .map((part) => (typeof part === 'object' && part && 'Ref' in part ? (part as { Ref: string }).Ref : ''))
      .join('');
    const integration = resource(integrationId);
    expect(integration.Properties.IntegrationType).toBe('AWS_PROXY');
    expect(integration.Properties.PayloadFormatVersion).toBe('2.0');
    expect(integration.Properties.IntegrationUri).toEqual({
      'Fn::GetAtt': [functionId(spec.function), 'Arn'],
    });
  });

  it('authorizes staff routes with the Cognito user pool and its web client', () => {
    const authorizer = resource(authorizerId ?? '');
    expect(authorizer.Properties.AuthorizerType).toBe('JWT');
    // The web client and the staff console's managed-login client.
    expect(authorizer.Properties.JwtConfiguration.Audience).toEqual([
      { Ref: logicalId(stack.staffAuth.client) },
      { Ref: expect.stringMatching(/^StaffAuthUserPoolConsoleClient/) },
    ]);
    expect(mentions(authorizer.Properties.JwtConfiguration.Issuer, logicalId(stack.staffAuth.userPool))).toBe(
      true,
    );
  });

  it('logs access and throttles on the default stage', () => {
    const stage = resource(logicalId(stack.httpApi.stage));
    expect(stage.Properties.StageName).toBe('$default');
    expect(stage.Properties.AccessLogSettings.DestinationArn).toEqual({
      'Fn::GetAtt': [logicalId(stack.httpApi.accessLogs), 'Arn'],
    });
    expect(stage.Properties.AccessLogSettings.Format).toContain('$context.requestId');
    expect(stage.Properties.DefaultRouteSettings.ThrottlingRateLimit).toBeGreaterThan(0);
    expect(stage.Properties.DefaultRouteSettings.ThrottlingBurstLimit).toBeGreaterThan(0);
  });

  it("access log lines carry the gateway's request fields and no path, query, header or body", () => {
    const stage = resource(logicalId(stack.httpApi.stage));
    const format = JSON.parse(stage.Properties.AccessLogSettings.Format) as Record<string, string>;
    expect(format).toMatchObject({
      requestId: '$context.requestId',
      method: '$context.httpMethod',
      routeKey: '$context.routeKey',
      status: '$context.status',
      latencyMs: '$context.responseLatency',
    });
    const values = Object.values(format).join(' ');
    for (const leak of ['$context.path', 'querystring', '$request.header', 'authorization', 'requestBody'])
      expect(values.toLowerCase()).not.toContain(leak.toLowerCase());
    const group = resource(logicalId(stack.httpApi.accessLogs));
    expect(group.Type).toBe('AWS::Logs::LogGroup');
    expect(group.Properties.RetentionInDays).toBeGreaterThan(0);
  });

  it('throttles every public route (approval page, webhooks) more tightly than the stage default', () => {
    const stage = resource(logicalId(stack.httpApi.stage));
    const settings = stage.Properties.RouteSettings as Record<
      string,
      { ThrottlingRateLimit: number; ThrottlingBurstLimit: number }
    >;
    const publicKeys = routes.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.path}`);
    expect(publicKeys).toEqual(
      expect.arrayContaining([
        'GET /approvals/{id}',
        'POST /approvals/{id}',
        'POST /webhooks/x',
        'POST /webhooks/instagram',
      ]),
    );
    expect(Object.keys(settings).sort()).toEqual([...publicKeys].sort());
    for (const key of publicKeys) {
      expect(settings[key]?.ThrottlingRateLimit, key).toBeGreaterThan(0);
      expect(settings[key]?.ThrottlingRateLimit, key).toBeLessThan(
        stage.Properties.DefaultRouteSettings.ThrottlingRateLimit,
      );
      expect(settings[key]?.ThrottlingBurstLimit, key).toBeLessThanOrEqual(
        stage.Properties.DefaultRouteSettings.ThrottlingBurstLimit,
      );
    }
  });
});

describe('least privilege, from the catalog', () => {
  it.each(specs.map((s) => [s.name, s] as const))('%s: touches only its catalog tables', (name, spec) => {
    const statements = statementsOf(roleId(name as FunctionName));
    const allowed = spec.access.tables ?? {};
    for (const t of tables) {
      const actions = actionsOn(statements, tableId(t.name));
      const mode = allowed[t.name];
      if (!mode) expect(actions, `${name} must not touch ${t.name}`).toEqual([]);
      else expect(actions).toContain('dynamodb:Query');
      const writes = actions.filter((a) => DYNAMO_WRITES.includes(a));
      if (mode === 'write') expect(writes).toContain('dynamodb:UpdateItem');
      else expect(writes, `${name} must not write ${t.name}`).toEqual([]);
    }
  });

  it.each(specs.map((s) => [s.name, s] as const))(
    '%s: bucket access as listed, never delete',
    (name, spec) => {
      const actions = actionsOn(statementsOf(roleId(name as FunctionName)), bucketId);
      if (!spec.access.bucket) expect(actions).toEqual([]);
      else expect(actions).toContain('s3:GetObject');
      expect(actions.includes('s3:PutObject')).toBe(spec.access.bucket === 'write');
      expect(actions.some((a) => a.startsWith('s3:Delete') || a.includes('*'))).toBe(false);
    },
  );

  it('keeps the webhook functions away from workflow control and content items', () => {
    for (const name of ['webhook-instagram', 'webhook-x'] as const) {
      const statements = statementsOf(roleId(name));
      expect(statements.flatMap((s) => s.Action).filter((a) => a.startsWith('states:'))).toEqual([]);
      expect(actionsOn(statements, tableId('items'))).toEqual([]);
      expect(actionsOn(statements, stateMachineId)).toEqual([]);
    }
  });

  it('lets only content-api start executions', () => {
    expect(rolesAllowing('states:StartExecution')).toEqual([roleId('content-api')]);
    expect(actionsOn(statementsOf(roleId('content-api')), stateMachineId).sort()).toEqual([
      'states:SendTaskFailure',
      'states:SendTaskSuccess',
      'states:StartExecution',
    ]);
  });

  it('lets only approval-page (decisions) and content-api (revisions) settle waiting tasks', () => {
    const settlers = [roleId('approval-page'), roleId('content-api')].sort();
    expect(rolesAllowing('states:SendTaskSuccess').sort()).toEqual(settlers);
    expect(rolesAllowing('states:SendTaskFailure').sort()).toEqual(settlers);
    expect(actionsOn(statementsOf(roleId('approval-page')), stateMachineId).sort()).toEqual([
      'states:SendTaskFailure',
      'states:SendTaskSuccess',
    ]);
  });

  it('lets only the mailers (approvals, reminders, urgent-message alerts, publish failures, account warnings, digest and report) send email, from the SES identity of the mail domain', () => {
    const senders = [
      roleId('request-approval'),
      roleId('approvals-api'),
      roleId('send-reminders'),
      roleId('process-feedback'),
      roleId('record-status'),
      roleId('operations-api'),
      roleId('scheduled-jobs'),
    ];
    expect(rolesAllowing('ses:SendEmail').sort()).toEqual([...senders].sort());
    const identityId = logicalId(stack.mailIdentity);
    for (const sender of senders) {
      const ses = statementsOf(sender).filter((s) => s.Action.some((a) => a.startsWith('ses:')));
      expect(ses.flatMap((s) => s.Action).sort()).toEqual(['ses:SendEmail', 'ses:SendRawEmail']);
      expect(ses.flatMap((s) => s.Resource).every((r) => mentions(r, identityId))).toBe(true);
    }
    expect(resource(identityId).Properties.EmailIdentity).toBe('dinkes.example.go.id');
  });

  it('lets every function read the one secret, and only the account check write a new version of it', () => {
    const writers = ['operations-api', 'scheduled-jobs'];
    for (const spec of specs) {
      const statements = statementsOf(roleId(spec.name as FunctionName));
      const secretActions = statements.filter((s) => s.Action.some((a) => a.startsWith('secretsmanager:')));
      expect(secretActions.flatMap((s) => s.Action).sort(), spec.name).toEqual([
        'secretsmanager:DescribeSecret',
        'secretsmanager:GetSecretValue',
        ...(writers.includes(spec.name) ? ['secretsmanager:PutSecretValue'] : []),
      ]);
      expect(
        secretActions.flatMap((s) => s.Resource).every((r) => mentions(r, logicalId(stack.secret))),
      ).toBe(true);
    }
  });

  it('uses Resource "*" only for actions that have no resource-level permissions', () => {
    const resourceless =
      /^(xray:\w+|cloudfront:(Create|Get)Invalidation|logs:(Create|Delete|Get|Update)LogDelivery|logs:(ListLogDeliveries|PutResourcePolicy|DescribeResourcePolicies|DescribeLogGroups))$/;
    for (const [id] of resourcesOfType('AWS::IAM::Role')) {
      for (const s of statementsOf(id).filter((st) => st.Resource.includes('*'))) {
        expect(
          s.Action.filter((a) => !resourceless.test(a)),
          `${id} grants on "*"`,
        ).toEqual([]);
      }
    }
  });

  it('gives no role an AWS managed policy', () => {
    for (const [, role] of resourcesOfType('AWS::IAM::Role')) {
      expect(role.Properties.ManagedPolicyArns).toBeUndefined();
    }
  });
});

describe('staff sign-in', () => {
  const pool = resource(logicalId(stack.staffAuth.userPool));

  it('has no self sign-up, requires MFA and a strong password', () => {
    expect(pool.Properties.AdminCreateUserConfig.AllowAdminCreateUserOnly).toBe(true);
    expect(pool.Properties.MfaConfiguration).toBe('ON');
    expect(pool.Properties.Policies.PasswordPolicy).toMatchObject({
      RequireLowercase: true,
      RequireUppercase: true,
      RequireNumbers: true,
      RequireSymbols: true,
    });
    expect(pool.Properties.Policies.PasswordPolicy.MinimumLength).toBeGreaterThanOrEqual(12);
  });

  it('has the staff and supervisor groups and a public client without secret', () => {
    const groups = resourcesOfType('AWS::Cognito::UserPoolGroup').map(([, g]) => g.Properties.GroupName);
    expect(groups.sort()).toEqual(['staff', 'supervisor']);
    const client = resource(logicalId(stack.staffAuth.client));
    expect(client.Properties.GenerateSecret ?? false).toBe(false);
    expect(client.Properties.ExplicitAuthFlows).toContain('ALLOW_USER_SRP_AUTH');
  });
});

describe('secrets bundle', () => {
  it('generates the approval signing key and leaves platform credentials empty for the operator', () => {
    const secret = resource(logicalId(stack.secret));
    expect(secret.Properties.Name).toBe('sebar-prod/secrets');
    const gen = secret.Properties.GenerateSecretString;
    expect(gen.GenerateStringKey).toBe('APPROVAL_SIGNING_KEY');
    expect(JSON.parse(gen.SecretStringTemplate)).toEqual(
      Object.fromEntries(OPERATOR_SECRETS.map((k) => [k, ''])),
    );
  });
});

describe('outputs', () => {
  it('exports what the operator and the front end need', () => {
    expect(Object.keys(json.Outputs).sort()).toEqual(
      [
        'AlarmTopicArn',
        'ApiUrl',
        'ArchiveBucketName',
        'BucketName',
        'DashboardName',
        'ConsoleUrl',
        'SecretArn',
        'StateMachineArn',
        'UserPoolClientId',
        'UserPoolId',
      ].sort(),
    );
  });
});

describe('deployment settings from context', () => {
  const settings = (context: Record<string, unknown>) => settingsFromContext(new App({ context }));

  it('defaults to the health office sender and derives the SES domain from it', () => {
    expect(settings({})).toEqual({
      mailFrom: 'humas@dinkes.example.go.id',
      mailDomain: 'dinkes.example.go.id',
      approvers: ['kepala.dinas@dinkes.example.go.id'],
      corsOrigins: [],
      stage: expect.objectContaining({ stage: 'dev', stackName: 'Sebar-dev' }),
      archive: { retentionYears: 10, lockMode: 'GOVERNANCE' },
    });
  });

  it('accepts approvers as a list or comma-separated, and a parent mail domain', () => {
    const s = settings({
      mailFrom: 'humas@dinkes.kota.go.id',
      mailDomain: 'kota.go.id',
      approvers: 'a@kota.go.id, b@kota.go.id',
    });
    expect(s.approvers).toEqual(['a@kota.go.id', 'b@kota.go.id']);
    expect(settings({ approvers: ['c@kota.go.id'] }).approvers).toEqual(['c@kota.go.id']);
    expect(s.mailDomain).toBe('kota.go.id');
  });

  it('refuses settings that would deploy a broken mailer', () => {
    expect(() => settings({ mailFrom: 'humas' })).toThrow(/mailFrom/);
    expect(() => settings({ mailFrom: 'humas@dinkes.example.go.id', mailDomain: 'other.go.id' })).toThrow(
      /not in the SES identity domain/,
    );
    expect(() => settings({ approvers: 'kepala.dinas' })).toThrow(/approvers/);
    expect(() => settings({ corsOrigins: 'http://staff.example.go.id' })).toThrow(/corsOrigins/);
  });
});

describe('cdk-nag (AWS Solutions)', () => {
  it('reports no unacknowledged errors or warnings', () => {
    const report = new AwsSolutionsChecks().validateScope(app);
    const findings = report.violations.map(
      (v) => `${v.severity} ${v.ruleName} at ${v.violatingResources.map((r) => r.constructPath).join(', ')}`,
    );
    expect(findings).toEqual([]);
  });

  it('left nothing unacknowledged in the synth validation report', () => {
    const reportFile = path.join(assembly.directory, 'validation-report.json');
    const report = JSON.parse(readFileSync(reportFile, 'utf8')) as {
      pluginReports: { violations?: unknown[] }[];
    };
    expect(report.pluginReports.flatMap((r) => r.violations ?? [])).toEqual([]);
  });

  it('acknowledges only the expected rules, each with a written reason', () => {
    const acknowledged: [string, string][] = [];
    for (const node of app.node.findAll()) {
      for (const entry of node.node.metadata) {
        if (entry.type !== Validations.ACKNOWLEDGED_RULES_METADATA_KEY) continue;
        for (const [id, reason] of Object.entries(entry.data as Record<string, string>)) {
          acknowledged.push([id.replace(/^annotation::/i, ''), reason]);
        }
      }
    }
    expect(acknowledged.length).toBeGreaterThan(0);
    for (const [id, reason] of acknowledged) {
      expect(id).toMatch(
        /^AwsSolutions-(IAM5\[(Resource|Action)::[^\]]+\]|APIG4|COG8|SMG4|SQS3|CFR[1-4]|L1)$/,
      );
      expect(reason.length, id).toBeGreaterThanOrEqual(40);
    }
    // Public routes are exactly the catalog's public routes.
    const apig4 = acknowledged.filter(([id]) => id === 'AwsSolutions-APIG4');
    expect(apig4).toHaveLength(routes.filter((r) => r.auth === 'public').length);
  });

  it('lets only request-approval create reminder schedules, run by a role that can invoke only send-reminders', () => {
    expect(rolesAllowing('scheduler:CreateSchedule')).toEqual([roleId('request-approval')]);
    const schedulerRoles = resourcesOfType('AWS::IAM::Role').filter(
      ([, r]) =>
        JSON.stringify(r.Properties.AssumeRolePolicyDocument).includes('scheduler.amazonaws.com') &&
        String(r.Properties.Description).includes('send-reminders'),
    );
    expect(schedulerRoles).toHaveLength(1);
    const [schedulerRoleId] = schedulerRoles[0] ?? [];
    const invokes = statementsOf(String(schedulerRoleId)).filter((st) =>
      st.Action.includes('lambda:InvokeFunction'),
    );
    expect(invokes.flatMap((st) => st.Resource).every((r) => mentions(r, functionId('send-reminders')))).toBe(
      true,
    );
    const env = resource(functionId('request-approval')).Properties.Environment.Variables;
    expect(env.SCHEDULE_GROUP).toBe('sebar-prod-reminders');
    expect(mentions(env.REMINDER_FUNCTION_ARN, functionId('send-reminders'))).toBe(true);
  });

  it('queues webhook feedback for one consumer, with partial batch failures and a dead-letter queue behind an alarm', () => {
    // Each catalog queue with its dead-letter queue; this test follows the feedback queue.
    const queueResources = resourcesOfType('AWS::SQS::Queue');
    expect(queueResources).toHaveLength(2 * queues.length);
    const [mainId, main] =
      queueResources.find(
        ([id, q]) => q.Properties.RedrivePolicy !== undefined && id.startsWith('FeedbackQueue'),
      ) ?? (['', {}] as [string, Cfn]);
    expect(main.Properties.RedrivePolicy.maxReceiveCount).toBe(5);
    expect(main.Properties.SqsManagedSseEnabled).toBe(true);
    expect(main.Properties.VisibilityTimeout).toBeGreaterThanOrEqual(6 * 30);
    const dlqId = JSON.stringify(main.Properties.RedrivePolicy.deadLetterTargetArn).match(
      /"([A-Za-z0-9]+)","Arn"/,
    )?.[1];
    expect(dlqId).toBeDefined();
    expect(rolesAllowing('sqs:SendMessage').sort()).toEqual(
      [roleId('webhook-instagram'), roleId('webhook-x'), roleId('archive-api')].sort(),
    );
    for (const sender of ['webhook-instagram', 'webhook-x'] as const) {
      const sends = statementsOf(roleId(sender)).filter((st) => st.Action.includes('sqs:SendMessage'));
      expect(sends.flatMap((st) => st.Resource).every((r) => mentions(r, mainId))).toBe(true);
      expect(
        mentions(resource(functionId(sender)).Properties.Environment.Variables.FEEDBACK_QUEUE_URL, mainId),
      ).toBe(true);
    }
    const mappings = resourcesOfType('AWS::Lambda::EventSourceMapping');
    expect(mappings).toHaveLength(queues.length);
    const mapping = mappings.find(([, m]) => mentions(m.Properties.EventSourceArn, mainId))?.[1];
    expect(mentions(mapping?.Properties.FunctionName, functionId('process-feedback'))).toBe(true);
    expect(mapping?.Properties.FunctionResponseTypes).toEqual(['ReportBatchItemFailures']);
    expect(mentions(mapping?.Properties.EventSourceArn, mainId)).toBe(true);
    const alarms = resourcesOfType('AWS::CloudWatch::Alarm').filter(([, a]) =>
      JSON.stringify(a.Properties.Dimensions ?? []).includes(String(dlqId)),
    );
    expect(alarms).toHaveLength(1);
  });

  it('runs each recurring job on its cron in the office time zone, by a role that may invoke only the job function', () => {
    const schedules = resourcesOfType('AWS::Scheduler::Schedule');
    expect(schedules.map(([, s]) => s.Properties.Name).sort()).toEqual(
      recurringJobs.map((j) => `sebar-${j.name}`).sort(),
    );
    for (const [, s] of schedules) {
      const job = recurringJobs.find((j) => `sebar-${j.name}` === s.Properties.Name);
      expect(s.Properties.ScheduleExpression).toBe(job?.expression);
      expect(s.Properties.ScheduleExpressionTimezone).toBe('Asia/Jakarta');
      expect(JSON.parse(s.Properties.Target.Input)).toEqual(job?.input);
      expect(mentions(s.Properties.Target.Arn, functionId(job?.function as FunctionName))).toBe(true);
      const roleLogicalId = JSON.stringify(s.Properties.Target.RoleArn).match(
        /"([A-Za-z0-9]+)",\s*"Arn"/,
      )?.[1];
      const invokes = statementsOf(String(roleLogicalId)).flatMap((st) => st.Action);
      expect([...new Set(invokes)]).toEqual(['lambda:InvokeFunction']);
      const targets = statementsOf(String(roleLogicalId)).flatMap((st) => st.Resource);
      expect(targets.every((r) => mentions(r, functionId('scheduled-jobs')))).toBe(true);
    }
  });

  it('lets only content-api stop executions, and only of the Sebar state machine', () => {
    expect(rolesAllowing('states:StopExecution')).toEqual([roleId('content-api')]);
    const stops = statementsOf(roleId('content-api')).filter((st) =>
      st.Action.includes('states:StopExecution'),
    );
    expect(JSON.stringify(stops.flatMap((st) => st.Resource))).toContain(
      'execution:sebar-prod-content-lifecycle:*',
    );
    expect(resource(stateMachineId).Properties.StateMachineName).toBe('sebar-prod-content-lifecycle');
  });
});
