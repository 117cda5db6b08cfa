import '../polyfills';
import { createHash } from 'node:crypto';
import {
  ExecutionAbortedError,
  ExecutionError,
  type StateMachine as LocalMachine,
  StateMachine,
} from 'aws-local-stepfunctions';
import {
  type Definition,
  findParameterFor,
  forEachState,
  type Json,
  readPath,
  replaceDeep,
  type StateDef,
} from './asl';
import { ServiceError, StatesTimeout, TaskFailure } from './errors';
import {
  describeExecution,
  executionHistory,
  type HistoryInput,
  type ListExecutionsInput,
  listExecutions,
} from './responses';
import { type ExecutionRecord, FileStore, type HistoryEvent, type TokenRecord } from './store';

export { ServiceError } from './errors';

/**
 * A Step Functions service for one machine. It runs the workflow's ASL with aws-local-stepfunctions and
 * adds what that library leaves out: named, persisted executions; history; callback tokens that
 * SendTaskSuccess/SendTaskFailure settle; lambda:invoke result and error shapes; and resuming RUNNING
 * executions after a restart: a resumed run is handed the recorded results of the tasks that already
 * succeeded, so it retraces its path without invoking them again and carries on where it stopped.
 */

/** Invokes the function named by a Task's FunctionName; rejects with an error named as Lambda names it. */
export type Invoke = (functionArn: string, payload: unknown) => Promise<unknown>;

export interface EngineOptions {
  readonly dataDir: string;
  readonly stateMachineArn: string;
  /** ASL text after definition substitutions. */
  readonly definition: string;
  readonly invoke: Invoke;
  /** Tests shorten Retry intervals with this (milliseconds per retry); unset keeps the ASL's timing. */
  readonly retryIntervalMs?: number;
  readonly log?: (message: string, data?: Record<string, unknown>) => void;
}

const TOKEN_PLACEHOLDER = '__sebar_task_token__';
const LAMBDA_INVOKE = 'arn:aws:states:::lambda:invoke';
const LAMBDA_CALLBACK = 'arn:aws:states:::lambda:invoke.waitForTaskToken';
const NO_TIMEOUT = 99_999_999;

interface CallbackState {
  readonly timeoutPath?: string;
  /** Where the timeout value can be read in the processed Parameters (same path, same input). */
  readonly timeoutParameter?: string[];
  readonly timeoutSeconds?: number;
}

interface Running {
  readonly record: ExecutionRecord;
  abort: () => void;
  visits: Map<string, number>;
  /** How many journal entries of each key this run has been handed or added. */
  replayed: Map<string, number>;
  stopping?: boolean;
}

interface Waiter {
  resolve: (output: Json) => void;
  reject: (error: Error) => void;
  timer?: NodeJS.Timeout;
}

export class LocalStepFunctions {
  private readonly store: FileStore;
  private readonly machine: LocalMachine;
  private readonly callbacks = new Map<string, CallbackState>();
  private readonly taskStates = new Map<string, StateDef>();
  private readonly executions = new Map<string, ExecutionRecord>();
  private readonly running = new Map<string, Running>();
  private readonly tokens = new Map<string, TokenRecord>();
  private readonly waiters = new Map<string, Waiter>();
  private readonly retryOverrides: Record<string, number> = {};
  private readonly log: NonNullable<EngineOptions['log']>;
  private closed = false;

  constructor(private readonly options: EngineOptions) {
    this.store = new FileStore(options.dataDir);
    this.log = options.log ?? (() => undefined);
    const definition = JSON.parse(options.definition) as Definition;
    forEachState(definition.States, (name, state) => {
      if (state.Retry && options.retryIntervalMs !== undefined)
        this.retryOverrides[name] = options.retryIntervalMs;
      if (state.Type !== 'Task') return;
      if (state.Resource !== LAMBDA_INVOKE && state.Resource !== LAMBDA_CALLBACK) {
        throw new Error(
          `State "${name}": the local runtime supports lambda:invoke tasks only, not ${String(state.Resource)}`,
        );
      }
      this.taskStates.set(name, state);
      if (state.Resource !== LAMBDA_CALLBACK) return;
      // aws-local-stepfunctions reads TimeoutSecondsPath from the Parameters output, not the state input
      // as Step Functions does. The engine enforces callback timeouts itself, reading the same value
      // from the resolved Parameters, and gives the library a timeout it never reaches.
      const timeoutPath = state.TimeoutSecondsPath as string | undefined;
      const timeoutParameter = timeoutPath ? findParameterFor(state.Parameters, timeoutPath) : undefined;
      if (timeoutPath && !timeoutParameter) {
        throw new Error(
          `State "${name}": pass ${timeoutPath} in Parameters too, so the local runtime can enforce TimeoutSecondsPath`,
        );
      }
      this.callbacks.set(name, {
        timeoutPath,
        timeoutParameter,
        timeoutSeconds: state.TimeoutSeconds as number | undefined,
      });
      delete state.TimeoutSecondsPath;
      state.TimeoutSeconds = NO_TIMEOUT;
    });
    this.machine = new StateMachine(definition as never, {
      validationOptions: { checkArn: true, checkPaths: true },
    });
  }

  get stateMachineArn(): string {
    return this.options.stateMachineArn;
  }

  /** Loads what was persisted and resumes every execution that was RUNNING. */
  async start(): Promise<{ resumed: number }> {
    await this.store.init();
    for (const t of await this.store.loadTokens()) this.tokens.set(t.token, t);
    const records = await this.store.loadExecutions();
    for (const r of records) this.executions.set(r.executionArn, r);
    const toResume = records.filter((r) => r.status === 'RUNNING');
    for (const r of toResume) {
      this.log('resuming execution', { name: r.name });
      this.run(r);
    }
    return { resumed: toResume.length };
  }

  /** Stops running executions without recording an outcome: they resume at the next start. */
  async close(): Promise<void> {
    this.closed = true;
    for (const w of this.waiters.values()) clearTimeout(w.timer);
    for (const r of this.running.values()) {
      r.stopping = true;
      r.abort();
    }
    await this.store.flush();
  }

  private executionArn(name: string): string {
    return `${this.options.stateMachineArn.replace(':stateMachine:', ':execution:')}:${name}`;
  }

  private mintToken(executionArn: string, stateName: string, visit: number): string {
    const digest = createHash('sha256').update(`${executionArn}\n${stateName}\n${visit}`).digest('base64url');
    return `sebar-local-${digest}`;
  }

  startExecution(input: { stateMachineArn: string; name?: string; input?: string }): {
    executionArn: string;
    startDate: number;
  } {
    if (input.stateMachineArn !== this.options.stateMachineArn) {
      throw new ServiceError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${input.stateMachineArn}'`,
      );
    }
    const name = input.name ?? crypto.randomUUID();
    if (!/^[A-Za-z0-9_-]{1,80}$/.test(name)) throw new ServiceError('InvalidName', `Invalid Name: '${name}'`);
    const text = input.input ?? '{}';
    try {
      JSON.parse(text);
    } catch {
      throw new ServiceError('InvalidExecutionInput', 'Invalid State Machine Execution Input: not JSON');
    }
    const executionArn = this.executionArn(name);
    const existing = this.executions.get(executionArn);
    if (existing) {
      // As on AWS: the same name and input while running is idempotent; anything else is refused.
      if (existing.status === 'RUNNING' && existing.input === text) {
        return { executionArn, startDate: existing.startDate };
      }
      throw new ServiceError('ExecutionAlreadyExists', `Execution Already Exists: '${executionArn}'`);
    }
    const record: ExecutionRecord = {
      executionArn,
      stateMachineArn: this.options.stateMachineArn,
      name,
      status: 'RUNNING',
      input: text,
      startDate: Date.now() / 1000,
      history: [],
    };
    this.executions.set(executionArn, record);
    void this.store.saveExecution(record);
    this.run(record);
    return { executionArn, startDate: record.startDate };
  }

  private run(record: ExecutionRecord): void {
    if (this.closed) return;
    const running: Running = { record, abort: () => undefined, visits: new Map(), replayed: new Map() };
    const overrides: Record<string, (input: unknown) => Promise<unknown>> = {};
    for (const name of this.taskStates.keys()) {
      overrides[name] = (input) => this.runTask(running, name, input);
    }
    const execution = this.machine.run(JSON.parse(record.input) as Json, {
      overrides: {
        taskResourceLocalHandlers: overrides as never,
        retryIntervalOverrides: this.retryOverrides,
      },
      context: {
        Execution: {
          Id: record.executionArn,
          Name: record.name,
          Input: JSON.parse(record.input) as Json,
          StartTime: new Date(record.startDate * 1000).toISOString(),
          RoleArn: 'arn:aws:iam::000000000000:role/sebar-local',
        },
        StateMachine: {
          Id: this.options.stateMachineArn,
          Name: this.options.stateMachineArn.split(':').pop(),
        },
        Task: { Token: TOKEN_PLACEHOLDER },
      },
    });
    running.abort = execution.abort;
    this.running.set(record.executionArn, running);
    void this.recordEvents(record, execution.eventLogs);
    execution.result.then(
      (output) => this.finish(running, { status: 'SUCCEEDED', output: JSON.stringify(output ?? null) }),
      (error: unknown) => {
        if (error instanceof ExecutionAbortedError) {
          if (running.stopping) this.running.delete(record.executionArn);
          else this.finish(running, { status: 'ABORTED' });
          return;
        }
        const cause = error instanceof ExecutionError ? (error.cause as Error) : (error as Error);
        this.finish(running, {
          status: 'FAILED',
          error: cause?.name ?? 'States.Runtime',
          cause: cause?.message ?? '',
        });
      },
    );
  }

  private finish(running: Running, outcome: Partial<ExecutionRecord>): void {
    const { record } = running;
    this.running.delete(record.executionArn);
    if (running.stopping || record.status !== 'RUNNING') return;
    Object.assign(record, outcome, { stopDate: Date.now() / 1000 });
    if (outcome.status === 'ABORTED') this.appendHistory(record, 'ExecutionAborted', {});
    void this.store.saveExecution(record);
    this.log('execution finished', { name: record.name, status: record.status, error: record.error });
  }

  /** Turns the library's event log into Step Functions history events. */
  private async recordEvents(record: ExecutionRecord, events: AsyncGenerator<unknown>): Promise<void> {
    type LibraryEvent = {
      type: string;
      state?: { name: string; type: string; input: unknown; output?: unknown };
      parentState?: { name: string };
      index?: number;
      output?: unknown;
      Error?: string;
      Cause?: unknown;
    };
    for await (const raw of events) {
      const ev = raw as LibraryEvent;
      const state = ev.state;
      const mapName = ev.parentState?.name;
      switch (ev.type) {
        case 'ExecutionStarted':
          if (record.history.length === 0)
            this.appendHistory(record, 'ExecutionStarted', {
              executionStartedEventDetails: {
                input: record.input,
                roleArn: 'arn:aws:iam::000000000000:role/sebar-local',
              },
            });
          break;
        case 'StateEntered':
          this.appendHistory(record, `${state?.type}StateEntered`, {
            stateEnteredEventDetails: { name: state?.name, input: JSON.stringify(state?.input ?? null) },
          });
          break;
        case 'StateExited':
          this.appendHistory(record, `${state?.type}StateExited`, {
            stateExitedEventDetails: { name: state?.name, output: JSON.stringify(state?.output ?? null) },
          });
          break;
        case 'StateFailed':
          if (state?.type === 'Task')
            this.appendHistory(record, 'TaskFailed', {
              taskFailedEventDetails: {
                resourceType: 'lambda',
                resource: 'invoke',
                error: ev.Error,
                cause: String(ev.Cause ?? ''),
              },
            });
          break;
        case 'MapIterationStarted':
          this.appendHistory(record, 'MapIterationStarted', {
            mapIterationStartedEventDetails: { name: mapName, index: ev.index },
          });
          break;
        case 'MapIterationSucceeded':
          this.appendHistory(record, 'MapIterationSucceeded', {
            mapIterationSucceededEventDetails: { name: mapName, index: ev.index },
          });
          break;
        case 'ExecutionSucceeded':
          this.appendHistory(record, 'ExecutionSucceeded', {
            executionSucceededEventDetails: { output: JSON.stringify(ev.output ?? null) },
          });
          break;
        case 'ExecutionFailed':
          this.appendHistory(record, 'ExecutionFailed', {
            executionFailedEventDetails: { error: ev.Error, cause: String(ev.Cause ?? '') },
          });
          break;
        default:
          break;
      }
    }
  }

  private appendHistory(record: ExecutionRecord, type: string, details: Record<string, unknown>): void {
    const id = record.history.length + 1;
    const event: HistoryEvent = {
      id,
      previousEventId: id - 1,
      timestamp: Date.now() / 1000,
      type,
      ...details,
    };
    record.history.push(event);
    void this.store.saveExecution(record);
  }

  /** A Task state: invoke the function with lambda:invoke semantics, or park it on a callback token. */
  private async runTask(running: Running, stateName: string, input: unknown): Promise<unknown> {
    const params = input as { FunctionName?: string; Payload?: unknown };
    if (typeof params?.FunctionName !== 'string') {
      throw new TaskFailure('States.Runtime', `State "${stateName}" has no FunctionName in Parameters`);
    }
    const callback = this.callbacks.get(stateName);
    if (!callback) {
      const key = `${stateName}\n${createHash('sha256')
        .update(JSON.stringify(params.Payload ?? {}))
        .digest('base64url')}`;
      running.record.journal ??= {};
      const entries = running.record.journal[key] ?? [];
      running.record.journal[key] = entries;
      const seen = running.replayed.get(key) ?? 0;
      running.replayed.set(key, seen + 1);
      if (seen < entries.length) {
        return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: entries[seen] as Json };
      }
      const payload = await this.options.invoke(params.FunctionName, params.Payload ?? {});
      entries.push(payload ?? null);
      await this.store.saveExecution(running.record);
      return { StatusCode: 200, ExecutedVersion: '$LATEST', Payload: payload as Json };
    }

    const visit = (running.visits.get(stateName) ?? 0) + 1;
    running.visits.set(stateName, visit);
    const token = this.mintToken(running.record.executionArn, stateName, visit);
    let record = this.tokens.get(token);
    if (!record) {
      const seconds = callback.timeoutParameter
        ? Number(readPath(input, callback.timeoutParameter))
        : (callback.timeoutSeconds ?? NO_TIMEOUT);
      record = {
        token,
        executionArn: running.record.executionArn,
        stateName,
        visit,
        status: 'pending',
        ...(Number.isFinite(seconds) && seconds > 0 && seconds < NO_TIMEOUT
          ? { deadline: Date.now() + seconds * 1000 }
          : {}),
      };
      this.tokens.set(token, record);
      await this.store.saveToken(record);
    }
    const settled = this.settledResult(record);
    if (settled) return settled();

    const waiting = new Promise<unknown>((resolve, reject) => {
      const waiter: Waiter = { resolve, reject };
      if (record.deadline !== undefined) {
        waiter.timer = setTimeout(() => this.timeOut(token), Math.max(0, record.deadline - Date.now()));
      }
      this.waiters.set(token, waiter);
    });
    // The function is invoked with the real token; a failed invoke fails the state as on AWS.
    try {
      await this.options.invoke(
        params.FunctionName,
        replaceDeep(params.Payload ?? {}, TOKEN_PLACEHOLDER, token),
      );
    } catch (error) {
      const waiter = this.waiters.get(token);
      clearTimeout(waiter?.timer);
      this.waiters.delete(token);
      // A token settled while the function still ran (the result came first) has closed the task
      // already: that result stands and the late failure of the invocation changes nothing.
      if (record.status !== 'pending') return waiting;
      // Otherwise, as on AWS, the task fails with its invocation and its token takes no result any more:
      // a SendTaskSuccess that comes later is refused (TaskTimedOut) rather than settling a token nobody
      // waits for. A retry of the state mints a new token (the next visit).
      const e = error instanceof Error ? error : new Error(String(error));
      Object.assign(record, { status: 'failed', error: e.name, cause: e.message });
      void this.store.saveToken(record);
      throw error;
    }
    return waiting;
  }

  private settledResult(t: TokenRecord): (() => unknown) | undefined {
    if (t.status === 'succeeded') return () => JSON.parse(t.output ?? 'null');
    if (t.status === 'failed')
      return () => {
        throw new TaskFailure(t.error ?? 'States.TaskFailed', t.cause ?? '');
      };
    if (t.status === 'timed-out')
      return () => {
        throw new StatesTimeout();
      };
    return undefined;
  }

  private timeOut(token: string): void {
    const t = this.tokens.get(token);
    if (t?.status !== 'pending') return;
    t.status = 'timed-out';
    void this.store.saveToken(t);
    const waiter = this.waiters.get(token);
    this.waiters.delete(token);
    waiter?.reject(new StatesTimeout());
  }

  private settle(token: string, update: Pick<TokenRecord, 'status' | 'output' | 'error' | 'cause'>): void {
    const t = this.tokens.get(token);
    if (!t) throw new ServiceError('TaskDoesNotExist', 'Task Does Not Exist');
    if (t.deadline !== undefined && t.status === 'pending' && Date.now() > t.deadline) this.timeOut(token);
    if (t.status === 'timed-out') throw new ServiceError('TaskTimedOut', 'Task Timed Out');
    if (t.status !== 'pending')
      throw new ServiceError('TaskTimedOut', 'Task Timed Out: the task was already closed');
    const execution = this.executions.get(t.executionArn);
    if (execution && execution.status !== 'RUNNING') throw new ServiceError('TaskTimedOut', 'Task Timed Out');
    Object.assign(t, update);
    void this.store.saveToken(t);
    const waiter = this.waiters.get(token);
    this.waiters.delete(token);
    if (waiter) {
      clearTimeout(waiter.timer);
      const result = this.settledResult(t);
      try {
        waiter.resolve((result?.() ?? null) as Json);
      } catch (error) {
        waiter.reject(error as Error);
      }
    }
    // No waiter: the execution is being resumed and will find the settled token when it gets there.
  }

  sendTaskSuccess(taskToken: string, output: string): void {
    try {
      JSON.parse(output);
    } catch {
      throw new ServiceError('InvalidOutput', 'Invalid Output: not JSON');
    }
    this.settle(taskToken, { status: 'succeeded', output });
  }

  sendTaskFailure(taskToken: string, error?: string, cause?: string): void {
    this.settle(taskToken, { status: 'failed', error: error ?? 'States.TaskFailed', cause: cause ?? '' });
  }

  stopExecution(executionArn: string, error?: string, cause?: string): { stopDate: number } {
    const record = this.requireExecution(executionArn);
    if (record.status === 'RUNNING') {
      Object.assign(record, { status: 'ABORTED', error, cause, stopDate: Date.now() / 1000 });
      this.appendHistory(record, 'ExecutionAborted', { executionAbortedEventDetails: { error, cause } });
      const running = this.running.get(executionArn);
      this.running.delete(executionArn);
      if (running) {
        running.stopping = true;
        running.abort();
      }
      for (const t of this.tokens.values()) {
        if (t.executionArn === executionArn && t.status === 'pending') this.timeOut(t.token);
      }
      void this.store.saveExecution(record);
    }
    return { stopDate: record.stopDate ?? Date.now() / 1000 };
  }

  private requireExecution(executionArn: string): ExecutionRecord {
    const record = this.executions.get(executionArn);
    if (!record)
      throw new ServiceError('ExecutionDoesNotExist', `Execution Does Not Exist: '${executionArn}'`);
    return record;
  }

  describeExecution(executionArn: string) {
    return describeExecution(this.requireExecution(executionArn));
  }

  listExecutions(input: ListExecutionsInput) {
    if (input.stateMachineArn && input.stateMachineArn !== this.options.stateMachineArn) {
      throw new ServiceError(
        'StateMachineDoesNotExist',
        `State Machine Does Not Exist: '${input.stateMachineArn}'`,
      );
    }
    return listExecutions([...this.executions.values()], input);
  }

  getExecutionHistory(input: HistoryInput) {
    return executionHistory(this.requireExecution(input.executionArn), input);
  }
}
