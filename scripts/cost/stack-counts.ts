import { readFileSync } from 'node:fs';
import path from 'node:path';
import { App } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import { SebarStack } from '../../infra/sebar-stack';

/**
 * What the deployed stack holds that costs money every month whatever the traffic, read from the synthesized
 * template (cdk.json context, bundling skipped as in test/infra): secrets, customer managed KMS keys, alarms,
 * dashboards and log groups (with their retention).
 */

export interface StackCounts {
  readonly secrets: number;
  readonly kmsKeys: number;
  readonly alarms: number;
  readonly dashboards: number;
  readonly logGroups: number;
  /** The shortest retention among the log groups, in days (what the log storage estimate assumes). */
  readonly logRetentionDays: number;
}

export const stackCounts = (): StackCounts => {
  const root = path.resolve(import.meta.dirname, '../..');
  const context = JSON.parse(readFileSync(path.join(root, 'cdk.json'), 'utf8')).context;
  const app = new App({ context: { ...context, 'aws:cdk:bundling-stacks': [] } });
  const stack = new SebarStack(app, 'Sebar', { env: { account: '123456789012', region: 'ap-southeast-3' } });
  const template = Template.fromStack(stack).toJSON() as {
    Resources: Record<string, { Type: string; Properties?: Record<string, unknown> }>;
  };
  const of = (type: string) => Object.values(template.Resources).filter((r) => r.Type === type);
  const retention = of('AWS::Logs::LogGroup').map((r) => Number(r.Properties?.RetentionInDays ?? 3653));
  return {
    secrets: of('AWS::SecretsManager::Secret').length,
    kmsKeys: of('AWS::KMS::Key').length,
    alarms: of('AWS::CloudWatch::Alarm').length,
    dashboards: of('AWS::CloudWatch::Dashboard').length,
    logGroups: retention.length,
    logRetentionDays: retention.length ? Math.min(...retention) : 0,
  };
};
