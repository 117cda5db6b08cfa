import { type App, Validations } from 'aws-cdk-lib';
import { AwsSolutionsChecks } from 'cdk-nag';
import { SebarStack } from './sebar-stack';
import { stageConfigFromContext } from './stage-config';

/**
 * Adds the stage's stack (`Sebar-dev` or `Sebar-prod`, from context `stage`) to the app, checked by cdk-nag's
 * AWS Solutions rules on every synth. cdk-nag 3 is a policy validation plugin (not an Aspect); an
 * unacknowledged error stops the synth with a report. Used by infra/app.ts and by scripts/infra-diff.ts.
 */
export const addSebarStack = (app: App): SebarStack => {
  // The CLI always sets CDK_DEFAULT_REGION, to us-east-1 when nothing is configured, so the region is pinned
  // in cdk.json (context `region`, Jakarta: health data stays in the country) and can be overridden there
  // or with `-c region=...`.
  const region = app.node.tryGetContext('region') ?? process.env.CDK_DEFAULT_REGION ?? 'ap-southeast-3';
  const stage = stageConfigFromContext(app, region);
  const stack = new SebarStack(app, stage.stackName, {
    description: `Sebar (${stage.stage}): public-health content workflow for a city health office (Humas)`,
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region },
  });
  Validations.of(app).addPlugins(new AwsSolutionsChecks(app));
  return stack;
};
