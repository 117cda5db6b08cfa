import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import { type ICommandHooks, NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import * as logs from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import type { FunctionSpec } from '../catalog';
import { bundleSettings } from './bundling';
import { acknowledge, XRAY_REASON } from './nag';
import { shipModulesCommands } from './shipped-modules';

export interface SebarFunctionProps {
  readonly spec: FunctionSpec;
  /** Repository root: holds package-lock.json and functions/<name>/handler.ts. */
  readonly repoRoot: string;
  readonly environment: Record<string, string>;
  /** How long the function's logs are kept. Public-sector records: a year by default. */
  readonly logRetention?: logs.RetentionDays;
  /** Files copied beside the bundle after esbuild (`to` is relative to the bundle's folder). */
  readonly extraFiles?: readonly { readonly from: string; readonly to: string }[];
}

/**
 * Installs native packages (sharp) beside the bundle for Lambda's Linux arm64, whatever machine runs the
 * synth: npm picks the prebuilt binaries for the platform named here. Versions come from package.json, so
 * the Lambda runs exactly what the tests ran.
 */
const nativeInstall = (repoRoot: string, modules: readonly string[], outputDir: string): string[] => {
  if (modules.length === 0) return [];
  const pkg = JSON.parse(readFileSync(path.join(repoRoot, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>;
  };
  const specs = modules.map((m) => {
    const version = pkg.dependencies?.[m];
    if (!version) throw new Error(`nativeModules: ${m} is not a dependency in package.json`);
    return `${m}@${version}`;
  });
  return [
    // A package.json of its own keeps npm inside the bundle folder (it would climb to the project's).
    `cd "${outputDir}" && echo '{"private":true}' > package.json && npm install --no-save --no-package-lock --no-audit --no-fund --ignore-scripts --os=linux --cpu=arm64 --libc=glibc ${specs.join(' ')}`,
  ];
};

/**
 * After esbuild: native packages installed for Lambda's platform, then the shipped (pure JS and wasm)
 * packages copied from node_modules. The copy comes second: `npm install` would prune what it did not
 * install itself.
 */
const afterBundlingHooks = (
  repoRoot: string,
  spec: FunctionSpec,
  extraFiles: NonNullable<SebarFunctionProps['extraFiles']>,
): ICommandHooks | undefined => {
  const native = spec.nativeModules ?? [];
  const shipped = spec.shippedModules ?? [];
  if (native.length === 0 && shipped.length === 0 && extraFiles.length === 0) return undefined;
  return {
    beforeBundling: () => [],
    beforeInstall: () => [],
    afterBundling: (_inputDir: string, outputDir: string) => [
      ...nativeInstall(repoRoot, native, outputDir),
      ...shipModulesCommands(repoRoot, outputDir, shipped),
      ...extraFiles.map((f) => `cp "${f.from}" "${path.join(outputDir, f.to)}"`),
    ],
  };
};

/**
 * One Sebar Lambda function with the project's defaults: Node.js 24 on arm64, bundled locally by esbuild as
 * ESM (never Docker), with the pinned AWS SDK inside the bundle, source maps, active tracing, its own log
 * group with a retention, and its own role that can write only to that log group. Everything else the
 * function may touch is granted by the stack, from the catalog.
 */
export class SebarFunction extends Construct {
  readonly function: NodejsFunction;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  readonly spec: FunctionSpec;

  constructor(scope: Construct, id: string, props: SebarFunctionProps) {
    super(scope, id);
    const { spec, repoRoot } = props;
    this.spec = spec;
    const bundle = bundleSettings(spec);

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: props.logRetention ?? logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    // Our own role instead of AWSLambdaBasicExecutionRole: that managed policy may write to any log group.
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'),
      description: `Sebar ${spec.name}: ${spec.description}`,
    });
    this.logGroup.grantWrite(this.role);

    this.function = new NodejsFunction(this, 'Handler', {
      description: spec.description,
      entry: path.join(repoRoot, 'functions', spec.name, 'handler.ts'),
      handler: 'handler',
      projectRoot: repoRoot,
      depsLockFilePath: path.join(repoRoot, 'package-lock.json'),
      runtime: lambda.Runtime.NODEJS_24_X,
      architecture: lambda.Architecture.ARM_64,
      memorySize: spec.memoryMb,
      timeout: Duration.seconds(spec.timeoutSeconds),
      role: this.role,
      logGroup: this.logGroup,
      loggingFormat: lambda.LoggingFormat.TEXT,
      tracing: lambda.Tracing.ACTIVE,
      environment: {
        ...props.environment,
        // Powertools' Logger names each line's `service` after the catalog entry (docs/decisions/0028).
        POWERTOOLS_SERVICE_NAME: spec.name,
        NODE_OPTIONS: '--enable-source-maps',
      },
      bundling: {
        forceDockerBundling: false,
        // The same settings the bundle benchmark builds with (./bundling.ts).
        format: OutputFormat.ESM,
        mainFields: [...bundle.mainFields],
        banner: bundle.banner,
        target: bundle.target,
        minify: bundle.minify,
        sourceMap: bundle.sourceMap,
        sourcesContent: bundle.sourcesContent,
        // Ship the SDK versions pinned in package.json, not whatever the runtime carries that day.
        bundleAwsSDK: true,
        externalModules: [...bundle.external],
        commandHooks: afterBundlingHooks(repoRoot, spec, props.extraFiles ?? []),
      },
    });

    acknowledge(this.role, 'AwsSolutions-IAM5[Resource::*]', XRAY_REASON);
  }
}
