import { ArnFormat, CfnElement, RemovalPolicy, Stack } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import { Construct } from 'constructs';
import { acknowledge, nagValue, wildcardResource } from './nag';
import type { SebarFunction } from './sebar-function';

export interface ContentWorkflowProps {
  /** State machine name (its ARN ends with it). */
  readonly name: string;
  /** Absolute path of the ASL file: the one definition of the workflow. */
  readonly definitionFile: string;
  /** ASL substitution key (`${Key}`) → the function whose ARN fills it. */
  readonly tasks: ReadonlyMap<string, lambda.IFunction>;
}

/**
 * The content lifecycle state machine, loaded from the ASL file with definition substitutions. The
 * definition travels as an S3 asset, so CDK cannot see which functions it calls: the role is written out by
 * hand and may invoke exactly the task functions (and their versions/aliases), nothing else.
 */
export class ContentWorkflow extends Construct {
  readonly stateMachine: sfn.StateMachine;
  readonly role: iam.Role;
  readonly logGroup: logs.LogGroup;
  private readonly name: string;

  constructor(scope: Construct, id: string, props: ContentWorkflowProps) {
    super(scope, id);
    this.name = props.name;

    const functions = [...new Set(props.tasks.values())];
    this.role = new iam.Role(this, 'Role', {
      assumedBy: new iam.ServicePrincipal('states.amazonaws.com'),
      description: 'Sebar content lifecycle: invokes the workflow task functions',
    });
    this.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'InvokeTaskFunctions',
        actions: ['lambda:InvokeFunction'],
        resources: functions.flatMap((fn) => [fn.functionArn, `${fn.functionArn}:*`]),
      }),
    );

    this.logGroup = new logs.LogGroup(this, 'Logs', {
      retention: logs.RetentionDays.ONE_YEAR,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    this.stateMachine = new sfn.StateMachine(this, 'StateMachine', {
      stateMachineType: sfn.StateMachineType.STANDARD,
      // A fixed name (as locally), so execution ARNs can be granted without wildcards on other machines.
      stateMachineName: props.name,
      definitionBody: sfn.DefinitionBody.fromFile(props.definitionFile),
      definitionSubstitutions: Object.fromEntries(
        [...props.tasks].map(([key, fn]) => [key, fn.functionArn] as const),
      ),
      role: this.role,
      tracingEnabled: true,
      // ALL events for the audit trail; execution data stays out: items may hold personal data until screened.
      logs: { destination: this.logGroup, level: sfn.LogLevel.ALL, includeExecutionData: false },
    });

    const stack = Stack.of(this);
    acknowledge(
      this.role,
      'AwsSolutions-IAM5[Resource::*]',
      'CloudWatch Logs vended-log delivery (logs:CreateLogDelivery, PutResourcePolicy, DescribeLogGroups, ...) ' +
        'and X-Ray tracing (xray:PutTraceSegments, GetSamplingRules, ...) do not support resource-level ' +
        'permissions; Step Functions documents Resource "*" for both.',
    );
    for (const fn of functions) {
      const cfn = fn.node.defaultChild;
      if (!(cfn instanceof CfnElement)) throw new Error(`Cannot find the resource of ${fn.node.path}`);
      acknowledge(
        this.role,
        wildcardResource(stack.getLogicalId(cfn), ':*'),
        `Versions and aliases of the task function ${fn.node.path} only (the ARN followed by ":*"), so the ` +
          'workflow keeps working if the ASL is changed to call a qualified ARN.',
      );
    }
  }

  /** Lets the function start executions, and tells it the state machine's ARN. */
  allowStart(fn: SebarFunction): void {
    this.stateMachine.grantStartExecution(fn.role);
    fn.function.addEnvironment('STATE_MACHINE_ARN', this.stateMachine.stateMachineArn);
  }

  /** Lets the function stop executions of this state machine (cancelling an item). */
  allowStop(fn: SebarFunction): void {
    const stack = Stack.of(this);
    const executions = `arn:aws:states:${nagValue(stack.region, 'AWS::Region')}:${nagValue(stack.account, 'AWS::AccountId')}:execution:${this.name}:*`;
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'CancelItems',
        actions: ['states:StopExecution'],
        resources: [
          stack.formatArn({
            service: 'states',
            resource: 'execution',
            resourceName: `${this.name}:*`,
            arnFormat: ArnFormat.COLON_RESOURCE_NAME,
          }),
        ],
      }),
    );
    acknowledge(
      fn.role,
      `AwsSolutions-IAM5[Resource::${executions}]`,
      'Executions are named after content items, so their ARNs are not known at deploy time; StopExecution ' +
        'is limited to executions of the Sebar content lifecycle state machine.',
    );
  }

  /** Lets the function settle callback tasks (SendTaskSuccess / SendTaskFailure), as approvals do. */
  allowSettleTasks(fn: SebarFunction): void {
    fn.role.addToPrincipalPolicy(
      new iam.PolicyStatement({
        sid: 'SettleApprovalTasks',
        actions: ['states:SendTaskSuccess', 'states:SendTaskFailure'],
        resources: [this.stateMachine.stateMachineArn],
      }),
    );
  }
}
