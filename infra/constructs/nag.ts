import { Token, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * Acknowledges one cdk-nag finding on one construct (and its children). cdk-nag 3 matches findings exactly
 * (`AwsSolutions-IAM5[Resource::*]`), so each acknowledgement names the finding it accepts, and the reason
 * is written where the exception is made. A reason that says nothing is refused at synth time.
 */
export const acknowledge = (scope: IConstruct, id: string, reason: string): void => {
  if (reason.trim().length < 40) {
    throw new Error(`cdk-nag acknowledgement ${id} at ${scope.node.path} needs a specific reason`);
  }
  Validations.of(scope).acknowledge({ id, reason });
};

/** The cdk-nag finding id for a wildcard in an IAM resource, as cdk-nag flattens CloudFormation references. */
export const wildcardResource = (logicalId: string, suffix: string): string =>
  `AwsSolutions-IAM5[Resource::<${logicalId}.Arn>${suffix}]`;

/** How cdk-nag prints a value in a finding id: literally when known at synth, as <Pseudo> otherwise. */
export const nagValue = (value: string, pseudo: string): string =>
  Token.isUnresolved(value) ? `<${pseudo}>` : value;

export const XRAY_REASON =
  'X-Ray PutTraceSegments, PutTelemetryRecords and the sampling calls do not support resource-level ' +
  'permissions (https://docs.aws.amazon.com/service-authorization/latest/reference/list_awsx-ray.html), ' +
  'so tracing requires Resource "*"; no other action in this role uses it.';
