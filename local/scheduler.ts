import './polyfills';
import { mkdir, readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join } from 'node:path';
import { z } from 'zod';
import { nextFire } from '../functions/domain/support/cron';
import { readBody } from './http-body';

/**
 * The EventBridge Scheduler API for one machine (REST JSON: CreateSchedule, GetSchedule, DeleteSchedule),
 * for one-time `at(...)` schedules that invoke a function. Schedules are kept on disk and re-armed at
 * start; one whose time passed while the runtime was down fires at once, as a late delivery would.
 */

const createBody = z.object({
  ScheduleExpression: z
    .string()
    .regex(
      /^at\(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\)$/,
      'only at(yyyy-mm-ddThh:mm:ss) is supported locally',
    ),
  ScheduleExpressionTimezone: z.literal('UTC').default('UTC'),
  GroupName: z.string().default('default'),
  FlexibleTimeWindow: z.object({ Mode: z.string() }),
  ActionAfterCompletion: z.enum(['NONE', 'DELETE']).default('NONE'),
  Target: z.object({
    Arn: z.string().startsWith('arn:'),
    RoleArn: z.string().startsWith('arn:'),
    Input: z.string().optional(),
  }),
});

interface Schedule {
  name: string;
  group: string;
  at: number;
  targetArn: string;
  input: string;
  deleteAfter: boolean;
  state: 'ENABLED' | 'DONE';
}

/** A recurring job as the CDK stack deploys it: a cron in a time zone, invoking a function with an input. */
export interface RecurringSchedule {
  readonly name: string;
  readonly expression: string;
  readonly timeZone: string;
  readonly targetArn: string;
  readonly input: Record<string, unknown>;
}

export interface LocalSchedulerOptions {
  readonly dataDir: string;
  readonly region: string;
  readonly invoke: (functionArn: string, payload: unknown) => Promise<unknown>;
  readonly log?: (message: string, data?: Record<string, unknown>) => void;
}

export class LocalScheduler {
  readonly server: Server;
  private readonly dir: string;
  private readonly schedules = new Map<string, Schedule>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly options: LocalSchedulerOptions) {
    this.dir = join(options.dataDir, 'scheduler');
    this.server = createServer(async (req, res) => {
      const send = (status: number, body: unknown, type?: string) => {
        res.writeHead(status, {
          'content-type': 'application/json',
          ...(type ? { 'x-amzn-errortype': type } : {}),
        });
        res.end(JSON.stringify(body));
      };
      try {
        const url = new URL(req.url ?? '/', 'http://scheduler.local');
        const name = /^\/schedules\/([A-Za-z0-9_.-]{1,64})$/.exec(url.pathname)?.[1];
        if (!name) return send(404, { Message: 'Not found' }, 'ResourceNotFoundException');
        const group = url.searchParams.get('groupName') ?? 'default';
        if (req.method === 'POST') {
          const raw = await readBody(req, 256 * 1024);
          if (raw === 'too-large') return send(400, { Message: 'Body too large' }, 'ValidationException');
          const parsed = createBody.safeParse(JSON.parse(raw.toString('utf8') || '{}'));
          if (!parsed.success)
            return send(
              400,
              { Message: parsed.error.issues[0]?.message ?? 'invalid' },
              'ValidationException',
            );
          const b = parsed.data;
          const key = `${b.GroupName}/${name}`;
          if (this.schedules.has(key))
            return send(409, { Message: `Schedule ${name} already exists.` }, 'ConflictException');
          const at = Date.parse(`${b.ScheduleExpression.slice(3, -1)}Z`);
          const schedule: Schedule = {
            name,
            group: b.GroupName,
            at,
            targetArn: b.Target.Arn,
            input: b.Target.Input ?? '{}',
            deleteAfter: b.ActionAfterCompletion === 'DELETE',
            state: 'ENABLED',
          };
          await this.save(schedule);
          this.arm(schedule);
          return send(200, { ScheduleArn: this.arn(schedule) });
        }
        const key = `${group}/${name}`;
        const existing = this.schedules.get(key);
        if (!existing)
          return send(404, { Message: `Schedule ${name} does not exist.` }, 'ResourceNotFoundException');
        if (req.method === 'GET') {
          return send(200, {
            Name: existing.name,
            GroupName: existing.group,
            Arn: this.arn(existing),
            ScheduleExpression: `at(${new Date(existing.at).toISOString().slice(0, 19)})`,
            State: existing.state === 'DONE' ? 'DISABLED' : 'ENABLED',
            Target: { Arn: existing.targetArn, Input: existing.input },
          });
        }
        if (req.method === 'DELETE') {
          await this.remove(existing);
          return send(200, {});
        }
        return send(405, { Message: 'Method not allowed' }, 'ValidationException');
      } catch {
        send(500, { Message: 'Internal failure in the local scheduler' }, 'InternalServerException');
      }
    });
  }

  private arn(s: Schedule): string {
    return `arn:aws:scheduler:${this.options.region}:000000000000:schedule/${s.group}/${s.name}`;
  }

  private file(s: Pick<Schedule, 'group' | 'name'>): string {
    return join(this.dir, `${s.group}__${s.name}.json`);
  }

  private async save(s: Schedule): Promise<void> {
    this.schedules.set(`${s.group}/${s.name}`, s);
    const tmp = `${this.file(s)}.tmp`;
    await writeFile(tmp, JSON.stringify(s));
    await rename(tmp, this.file(s));
  }

  private async remove(s: Schedule): Promise<void> {
    const key = `${s.group}/${s.name}`;
    clearTimeout(this.timers.get(key));
    this.timers.delete(key);
    this.schedules.delete(key);
    await rm(this.file(s), { force: true });
  }

  private arm(s: Schedule): void {
    if (s.state !== 'ENABLED') return;
    const key = `${s.group}/${s.name}`;
    clearTimeout(this.timers.get(key));
    this.timers.set(
      key,
      setTimeout(() => void this.fire(s), Math.max(0, s.at - Date.now())),
    );
  }

  private async fire(s: Schedule): Promise<void> {
    try {
      await this.options.invoke(s.targetArn, JSON.parse(s.input));
      this.options.log?.('schedule fired', { schedule: s.name });
    } catch (error) {
      this.options.log?.('schedule target failed', { schedule: s.name, error: (error as Error).message });
    }
    if (s.deleteAfter) await this.remove(s);
    else await this.save({ ...s, state: 'DONE' });
  }

  async start(): Promise<void> {
    await mkdir(this.dir, { recursive: true });
    for (const name of (await readdir(this.dir)).filter((n) => n.endsWith('.json'))) {
      try {
        const s = JSON.parse(await readFile(join(this.dir, name), 'utf8')) as Schedule;
        this.schedules.set(`${s.group}/${s.name}`, s);
        this.arm(s);
      } catch {
        // An unreadable file cannot come from an atomic write; skip it.
      }
    }
  }

  /**
   * Arms recurring jobs (the account check, digest and report) from the catalog. Like EventBridge, a run
   * missed while the runtime was down is not made up; the next one comes at its time.
   */
  armRecurring(jobs: readonly RecurringSchedule[], now = new Date()): { name: string; nextAt: string }[] {
    return jobs.map((job) => {
      const key = `recurring/${job.name}`;
      const at = nextFire(job.expression, job.timeZone, now);
      // Waits longer than Node's 24.8-day timer limit are chained by local/polyfills.ts.
      const wait = () => {
        const left = at.getTime() - Date.now();
        this.timers.set(
          key,
          setTimeout(
            async () => {
              try {
                await this.options.invoke(job.targetArn, job.input);
                this.options.log?.('recurring job ran', { job: job.name });
              } catch (error) {
                this.options.log?.('recurring job failed', {
                  job: job.name,
                  error: (error as Error).message,
                });
              }
              this.armRecurring([job]);
            },
            Math.max(0, left),
          ),
        );
      };
      clearTimeout(this.timers.get(key));
      wait();
      return { name: job.name, nextAt: at.toISOString() };
    });
  }

  stop(): void {
    for (const t of this.timers.values()) clearTimeout(t);
    this.timers.clear();
  }
}
