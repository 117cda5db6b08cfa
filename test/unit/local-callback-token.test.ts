import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { LocalStepFunctions } from '../../local/stepfunctions/engine';

/**
 * A waitForTaskToken task whose function fails: as on AWS, the task fails with the invocation, and its
 * token is closed. The retry waits on a new token; a result sent to the old one is refused.
 */

const ARN = 'arn:aws:states:us-east-1:000000000000:stateMachine:callback-test';
const definition = JSON.stringify({
  StartAt: 'Ask',
  States: {
    Ask: {
      Type: 'Task',
      Resource: 'arn:aws:states:::lambda:invoke.waitForTaskToken',
      Parameters: {
        FunctionName: 'arn:aws:lambda:us-east-1:000000000000:function:ask',
        Payload: { 'taskToken.$': '$$.Task.Token' },
      },
      Retry: [{ ErrorEquals: ['States.ALL'], MaxAttempts: 1, IntervalSeconds: 1 }],
      End: true,
    },
  },
});

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

const until = async (check: () => boolean) => {
  const deadline = Date.now() + 10_000;
  while (!check()) {
    if (Date.now() > deadline) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 10));
  }
};

describe('a callback task whose invocation fails', () => {
  it('closes its token; the retry waits on a new one, which completes the execution', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sebar-callback-'));
    const tokens: string[] = [];
    const engine = new LocalStepFunctions({
      dataDir: dir,
      stateMachineArn: ARN,
      definition,
      retryIntervalMs: 10,
      invoke: async (_fn, payload) => {
        tokens.push(String((payload as { taskToken: string }).taskToken));
        if (tokens.length === 1)
          throw Object.assign(new Error('Task timed out after 10 seconds'), { name: 'Sandbox.Timedout' });
        return null;
      },
    });
    await engine.start();
    const { executionArn } = engine.startExecution({ stateMachineArn: ARN, input: '{}' });
    await until(() => tokens.length === 2);
    const [first, second] = tokens as [string, string];
    expect(first).not.toBe(second);
    // The first attempt's token no longer takes a result.
    expect(() => engine.sendTaskSuccess(first, '{"decision":"approved"}')).toThrow(
      expect.objectContaining({ name: 'TaskTimedOut' }),
    );
    engine.sendTaskSuccess(second, '{"decision":"approved"}');
    await until(() => engine.describeExecution(executionArn).status !== 'RUNNING');
    expect(engine.describeExecution(executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"decision":"approved"}',
    });
    await engine.close();
  });
});

describe('a callback task whose result comes before its invocation fails', () => {
  it('keeps the result: the task had closed, and the late failure changes nothing', async () => {
    dir = await mkdtemp(join(tmpdir(), 'sebar-callback-'));
    let calls = 0;
    let engine: LocalStepFunctions | undefined;
    engine = new LocalStepFunctions({
      dataDir: dir,
      stateMachineArn: ARN,
      definition,
      retryIntervalMs: 10,
      invoke: async (_fn, payload) => {
        calls += 1;
        engine?.sendTaskSuccess(String((payload as { taskToken: string }).taskToken), '{"early":true}');
        throw Object.assign(new Error('Task timed out after 10 seconds'), { name: 'Sandbox.Timedout' });
      },
    });
    await engine.start();
    const { executionArn } = engine.startExecution({ stateMachineArn: ARN, input: '{}' });
    await until(() => engine?.describeExecution(executionArn).status !== 'RUNNING');
    expect(engine.describeExecution(executionArn)).toMatchObject({
      status: 'SUCCEEDED',
      output: '{"early":true}',
    });
    expect(calls).toBe(1);
    await engine.close();
  });
});
