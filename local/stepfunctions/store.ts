import { mkdir, readdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Executions and task tokens on disk, one JSON file each, written atomically (temp file + rename),
 * so a local runtime killed at any moment restarts from a consistent state.
 */

export type ExecutionStatus = 'RUNNING' | 'SUCCEEDED' | 'FAILED' | 'TIMED_OUT' | 'ABORTED';

export interface HistoryEvent {
  readonly id: number;
  readonly previousEventId: number;
  readonly timestamp: number;
  readonly type: string;
  readonly [details: string]: unknown;
}

export interface ExecutionRecord {
  executionArn: string;
  stateMachineArn: string;
  name: string;
  status: ExecutionStatus;
  input: string;
  output?: string;
  error?: string;
  cause?: string;
  startDate: number;
  stopDate?: number;
  history: HistoryEvent[];
  /**
   * Results of the plain Task invocations that succeeded, per state and input, in order. A resumed
   * execution is handed these instead of invoking again, so it retraces its path without side effects
   * (as Step Functions never re-runs a state that completed) and carries on from where it stopped.
   */
  journal?: Record<string, unknown[]>;
}

export type TokenStatus = 'pending' | 'succeeded' | 'failed' | 'timed-out';

export interface TokenRecord {
  token: string;
  executionArn: string;
  stateName: string;
  visit: number;
  /** Absolute deadline (ms since epoch), fixed when the token is first minted. */
  deadline?: number;
  status: TokenStatus;
  output?: string;
  error?: string;
  cause?: string;
}

const safeName = (s: string) => s.replace(/[^A-Za-z0-9_.-]/g, '_');

export class FileStore {
  private readonly chains = new Map<string, Promise<void>>();

  constructor(private readonly dir: string) {}

  async init(): Promise<void> {
    await mkdir(join(this.dir, 'executions'), { recursive: true });
    await mkdir(join(this.dir, 'tokens'), { recursive: true });
  }

  /** Writes are serialised per file, and the last write wins. */
  private write(path: string, value: unknown): Promise<void> {
    const previous = this.chains.get(path) ?? Promise.resolve();
    const next = previous
      .catch(() => undefined)
      .then(async () => {
        const tmp = `${path}.${process.pid}.tmp`;
        await writeFile(tmp, JSON.stringify(value));
        await rename(tmp, path);
      });
    this.chains.set(path, next);
    return next;
  }

  private async readAll<T>(sub: string): Promise<T[]> {
    const folder = join(this.dir, sub);
    const names = (await readdir(folder)).filter((n) => n.endsWith('.json'));
    const out: T[] = [];
    for (const n of names) {
      try {
        out.push(JSON.parse(await readFile(join(folder, n), 'utf8')) as T);
      } catch {
        // A file cut short by a crash before rename cannot exist; anything unreadable is skipped.
      }
    }
    return out;
  }

  saveExecution(e: ExecutionRecord): Promise<void> {
    return this.write(join(this.dir, 'executions', `${safeName(e.name)}.json`), e);
  }

  loadExecutions(): Promise<ExecutionRecord[]> {
    return this.readAll<ExecutionRecord>('executions');
  }

  saveToken(t: TokenRecord): Promise<void> {
    return this.write(join(this.dir, 'tokens', `${safeName(t.token.slice(0, 80))}.json`), t);
  }

  loadTokens(): Promise<TokenRecord[]> {
    return this.readAll<TokenRecord>('tokens');
  }

  async flush(): Promise<void> {
    await Promise.all([...this.chains.values()].map((p) => p.catch(() => undefined)));
  }
}
