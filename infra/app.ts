import { App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SebarStack } from './sebar-stack';

/**
 * The CDK app: one stack, checked by cdk-nag's AWS Solutions rules on every synth. cdk-nag 3 is a policy
 * validation plugin (not an Aspect); an unacknowledged error stops the synth with a report.
 */
const app = new App();

// The CLI always sets CDK_DEFAULT_REGION, to us-east-1 when nothing is configured, so the region is pinned
// in cdk.json (context `region`, Jakarta: health data stays in the country) and can be overridden there
// or with `-c region=...`.
const region = app.node.tryGetContext('region') ?? process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-3';

new SebarStack(app, 'Sebar', {
  description: 'Sebar: public-health content workflow for a city health office (Humas)',
  env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
});

Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
