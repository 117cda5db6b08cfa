import { createServer, type Server } from 'node:http';
import { readBody } from '../http-body';
import { type LocalStepFunctions, ServiceError } from './engine';

/**
 * The Step Functions API over AWS JSON 1.0 (X-Amz-Target: AWSStepFunctions.<Action>), as the AWS SDK
 * and the AWS CLI speak it. Any SigV4 signature is accepted. Errors carry AWS's `__type` shape.
 */

type Params = Record<string, unknown>;
const str = (p: Params, key: string, required = true): string => {
  const v = p[key];
  if (v === undefined && !required) return '';
  if (typeof v !== 'string' || !v)
    throw new ServiceError(
      'ValidationException',
      `1 validation error detected: '${key}' must be a non-empty string`,
    );
  return v;
};

export const createSfnServer = (engine: LocalStepFunctions): Server => {
  const actions: Record<string, (p: Params) => unknown> = {
    StartExecution: (p) =>
      engine.startExecution({
        stateMachineArn: str(p, 'stateMachineArn'),
        name: typeof p.name === 'string' ? p.name : undefined,
        input: typeof p.input === 'string' ? p.input : undefined,
      }),
    DescribeExecution: (p) => engine.describeExecution(str(p, 'executionArn')),
    ListExecutions: (p) =>
      engine.listExecutions({
        stateMachineArn: typeof p.stateMachineArn === 'string' ? p.stateMachineArn : undefined,
        statusFilter: typeof p.statusFilter === 'string' ? p.statusFilter : undefined,
        maxResults: typeof p.maxResults === 'number' ? p.maxResults : undefined,
        nextToken: typeof p.nextToken === 'string' ? p.nextToken : undefined,
      }),
    GetExecutionHistory: (p) =>
      engine.getExecutionHistory({
        executionArn: str(p, 'executionArn'),
        maxResults: typeof p.maxResults === 'number' ? p.maxResults : undefined,
        nextToken: typeof p.nextToken === 'string' ? p.nextToken : undefined,
        reverseOrder: p.reverseOrder === true,
      }),
    SendTaskSuccess: (p) => {
      engine.sendTaskSuccess(str(p, 'taskToken'), str(p, 'output'));
      return {};
    },
    SendTaskFailure: (p) => {
      engine.sendTaskFailure(
        str(p, 'taskToken'),
        typeof p.error === 'string' ? p.error : undefined,
        typeof p.cause === 'string' ? p.cause : undefined,
      );
      return {};
    },
    StopExecution: (p) =>
      engine.stopExecution(
        str(p, 'executionArn'),
        typeof p.error === 'string' ? p.error : undefined,
        typeof p.cause === 'string' ? p.cause : undefined,
      ),
  };

  return createServer(async (req, res) => {
    const send = (status: number, body: unknown) => {
      res.writeHead(status, {
        'content-type': 'application/x-amz-json-1.0',
        'x-amzn-requestid': crypto.randomUUID(),
      });
      res.end(JSON.stringify(body));
    };
    try {
      const target = String(req.headers['x-amz-target'] ?? '');
      const [prefix, action] = target.split('.');
      if (req.method !== 'POST' || prefix !== 'AWSStepFunctions' || !action) {
        throw new ServiceError('UnknownOperationException', `Unknown operation ${target || '(none)'}`);
      }
      const fn = actions[action];
      if (!fn)
        throw new ServiceError(
          'UnknownOperationException',
          `${action} is not supported by the local runtime`,
        );
      const raw = await readBody(req, 1024 * 1024);
      if (raw === 'too-large') throw new ServiceError('ValidationException', 'Request body too large');
      const text = raw.toString('utf8');
      let params: Params;
      try {
        params = text ? (JSON.parse(text) as Params) : {};
      } catch {
        throw new ServiceError('SerializationException', 'Request body is not JSON');
      }
      send(200, fn(params));
    } catch (error) {
      if (error instanceof ServiceError) send(error.status, { __type: error.code, message: error.message });
      else
        send(500, {
          __type: 'InternalFailure',
          message: 'Internal failure in the local Step Functions service',
        });
    }
  });
};
