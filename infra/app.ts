import { App } from 'aws-cdk-lib';
import { addSebarStack } from './sebar-app';

/** The CDK app (`npx cdk synth -c stage=dev|prod`): one stack for the stage, checked by cdk-nag. */
addSebarStack(new App());
