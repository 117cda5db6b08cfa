import { type ChildProcess, spawn } from 'node:child_process';
import { afterAll, afterEach, beforeAll } from 'vitest';
import type { LocalRuntime } from '../../local/runtime';
import { staff, startTestRuntime, type TestEnv, testEnv, waitFor } from './local';

/**
 * How a test file gets its local runtime: one call at the top of the file registers the hooks that start it
 * before the file's tests and stop it after them. Hooks a file adds itself run after the start (and, being
 * after hooks, before the stop), so they can seed data or open a browser against the running runtime.
 */

export interface RuntimeOptions {
  /** Settings added to the test environment (e.g. a second staff token). */
  readonly env?: Record<string, string>;
}

export interface UsedRuntime {
  /**
   * The running runtime. It stays the same object across `restart`, `stop` and `start`: every property is
   * read from the runtime running at the time, so helpers given `rt` once keep working after a restart.
   */
  readonly rt: LocalRuntime;
  /** The file's settings: its data folder and ports, kept across restarts. */
  readonly env: () => TestEnv;
  /** Stops the runtime (a test that wants time to pass while nothing runs, then calls `start`). */
  readonly stop: () => Promise<void>;
  /** Starts it again on the same folder and ports. */
  readonly start: () => Promise<LocalRuntime>;
  readonly restart: () => Promise<LocalRuntime>;
}

export class RuntimeNotStartedError extends Error {
  constructor(property: PropertyKey) {
    super(`the test runtime is not running (read ${String(property)} before beforeAll or after stop)`);
    this.name = 'RuntimeNotStartedError';
  }
}

/** A stand-in that forwards to whichever runtime is current, and says so clearly when none is. */
const currentRuntime = (current: () => LocalRuntime | undefined): LocalRuntime => {
  const target = (property: PropertyKey): LocalRuntime => {
    const rt = current();
    if (!rt) throw new RuntimeNotStartedError(property);
    return rt;
  };
  return new Proxy({} as LocalRuntime, {
    get: (_, property) => Reflect.get(target(property), property),
    has: (_, property) => Reflect.has(target(property), property),
    ownKeys: () => Reflect.ownKeys(target('keys')),
    getOwnPropertyDescriptor: (_, property) => {
      const descriptor = Reflect.getOwnPropertyDescriptor(target(property), property);
      return descriptor ? { ...descriptor, configurable: true } : undefined;
    },
  });
};

/** Starts one in-process runtime for the test file (beforeAll) and stops it when the file is done (afterAll). */
export const useRuntime = (options: RuntimeOptions = {}): UsedRuntime => {
  let env: TestEnv | undefined;
  let running: LocalRuntime | undefined;
  const settings = (): TestEnv => {
    if (!env) throw new RuntimeNotStartedError('env');
    return env;
  };
  const start = async (): Promise<LocalRuntime> => {
    if (running) throw new Error('the test runtime is already running; stop it first or use restart');
    if (!env) {
      const base = await testEnv();
      env = { ...base, env: { ...base.env, ...options.env } };
    }
    running = await startTestRuntime(env);
    return running;
  };
  const stop = async (): Promise<void> => {
    const rt = running;
    running = undefined;
    await rt?.stop();
  };
  beforeAll(async () => {
    await start();
  });
  afterAll(stop);
  return {
    rt: currentRuntime(() => running),
    env: settings,
    stop,
    start,
    restart: async () => {
      await stop();
      return start();
    },
  };
};

/** A runtime in a child process, seen from the outside: its endpoints and folders, as the helpers need them. */
export interface RuntimeProcess {
  /** Starts `local/start.ts` (as `npm start` does) on the file's folder and ports, with extra settings. */
  readonly spawn: (extra?: Record<string, string>) => ChildProcess;
  /** Waits until the child's API answers, and returns what the helpers need of it. */
  readonly started: () => Promise<LocalRuntime>;
  readonly env: () => TestEnv;
}

/**
 * For tests that kill the process (kill -9): the runtime runs as a child process on one data folder and set
 * of ports for the whole file. A child still running after a test is stopped with SIGTERM.
 */
export const useRuntimeProcess = (): RuntimeProcess => {
  let env: TestEnv | undefined;
  let child: ChildProcess | undefined;
  const settings = (): TestEnv => {
    if (!env) throw new RuntimeNotStartedError('env');
    return env;
  };
  const seenFromOutside = (): LocalRuntime => {
    const e = settings();
    return {
      apiToken: e.env.SEBAR_API_TOKEN,
      outboxDir: `${e.dataDir}/outbox`,
      endpoints: {
        gateway: `http://127.0.0.1:${e.env.PORT}`,
        sandbox: `http://127.0.0.1:${e.env.SEBAR_SANDBOX_PORT}`,
      },
    } as unknown as LocalRuntime;
  };
  beforeAll(async () => {
    env = await testEnv();
  });
  afterEach(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const gone = new Promise((resolve) => child?.once('exit', resolve));
      child.kill('SIGTERM');
      await gone;
    }
  });
  return {
    env: settings,
    spawn: (extra = {}) => {
      child = spawn(process.execPath, ['--import', 'tsx', 'local/start.ts'], {
        env: { ...process.env, ...settings().env, ...extra },
        stdio: ['ignore', 'ignore', 'inherit'],
      });
      return child;
    },
    started: async () => {
      const rt = seenFromOutside();
      await waitFor('the runtime', async () => (await staff(rt).request('/content')).status === 200, 60_000);
      return rt;
    },
  };
};
