import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { classify } from '../functions/domain/classifier';
import { type Digest, digestText } from '../functions/domain/digest-text';
import { monthSchema } from '../functions/domain/monthly-report';
import { screenText } from '../functions/domain/screening';

/** Operator commands. Staff-API commands talk to a running Sebar (local by default) over HTTP. */

const env = z
  .object({
    SEBAR_URL: z.url().optional(),
    PORT: z.coerce.number().int().default(3000),
    SEBAR_DATA_DIR: z.string().default('.sebar'),
    SEBAR_API_TOKEN: z.string().optional(),
  })
  .parse(process.env);
const base = env.SEBAR_URL ?? `http://127.0.0.1:${env.PORT}`;

const usage = `Usage: npx sebar <command>

Commands:
  items                 list content items, newest first (needs a running Sebar)
  show <id>             one item with its status, timeline and publications
  report [--month YYYY-MM] [--email] [--out <dir>]
                        make the monthly evaluation report (default: last month) and print its key
                        figures and download links; --email also sends it to the head of the office,
                        --out saves the HTML and CSV into <dir>
  digest [--send]        the daily digest (last 24 hours) as text; --send also emails it to the team
  platforms [--check]   the Instagram and X accounts' token health; --check refreshes and tries them now
  screen                read JSON lines {"text": ...} on stdin; write {"excluded", "reasons"} per line
  classify              read JSON lines {"text": ...} on stdin; write {"label", "category", "urgent"} per line
  help                  this text

Settings: SEBAR_URL (default http://127.0.0.1:$PORT), SEBAR_API_TOKEN (default: $SEBAR_DATA_DIR/api-token)`;

const die = (message: string, code = 1): never => {
  console.error(message);
  process.exit(code);
};

const token = async () => {
  if (env.SEBAR_API_TOKEN) return env.SEBAR_API_TOKEN;
  try {
    return (await readFile(join(resolve(env.SEBAR_DATA_DIR), 'api-token'), 'utf8')).trim();
  } catch {
    return die(
      'No staff token: set SEBAR_API_TOKEN, or run from the folder where `npm start` keeps .sebar/.',
    );
  }
};

const request = async (method: 'GET' | 'POST', path: string, body?: unknown) => {
  let r: Response;
  try {
    r = await fetch(`${base}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${await token()}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
  } catch {
    return die(`Sebar is not reachable at ${base}. Start it with npm start, or set SEBAR_URL.`);
  }
  const text = await r.text();
  let parsed: Record<string, unknown> = {};
  try {
    parsed = text ? (JSON.parse(text) as Record<string, unknown>) : {};
  } catch {
    die(`${r.status}: the answer was not JSON: ${text.slice(0, 200)}`);
  }
  if (!r.ok) {
    const issues = Array.isArray(parsed.issues)
      ? (parsed.issues as { path: string; message: string }[])
          .map((i) => `\n  ${i.path}: ${i.message}`)
          .join('')
      : '';
    die(`${r.status}: ${String(parsed.message ?? JSON.stringify(parsed))}${issues}`);
  }
  return parsed;
};
const get = (path: string) => request('GET', path);
const post = (path: string, body: unknown) => request('POST', path, body);

/** Reads JSON lines from stdin and writes one JSON line per input; a bad line gets an error line. */
const eachJsonLine = async (fn: (text: string) => unknown) => {
  const line = z.object({ text: z.string() });
  let n = 0;
  for await (const raw of createInterface({ input: process.stdin, crlfDelay: Number.POSITIVE_INFINITY })) {
    n += 1;
    if (!raw.trim()) continue;
    let parsed: z.infer<typeof line>;
    try {
      parsed = line.parse(JSON.parse(raw));
    } catch {
      console.log(JSON.stringify({ error: `line ${n}: expected {"text": "..."}` }));
      process.exitCode = 2;
      continue;
    }
    console.log(JSON.stringify(fn(parsed.text)));
  }
};

const reportUsage = 'Usage: npx sebar report [--month YYYY-MM] [--email] [--out <dir>]';

const reportArgs = z.object({
  month: z
    .string()
    .refine(
      (m) => m === 'previous' || monthSchema.safeParse(m).success,
      'write the month as YYYY-MM with a month from 01 to 12, e.g. 2026-11 (default: last month)',
    )
    .default('previous'),
  email: z.boolean().default(false),
  out: z.string().min(1, '--out needs a folder').optional(),
});

interface ReportAnswer {
  month: string;
  links: { html: string; csv: string };
  linksExpireInSeconds?: number;
  emailed: boolean;
  emailedTo?: string[];
  emailError?: string;
  figures: {
    itemsPublished: number;
    posts: { instagram: number; x: number; total: number };
    failedPublications: number;
    feedback: { total: number; byLabel: Record<string, number>; urgent: number; replied: number };
    complaints: { total: number; byCategory: { category: string; count: number }[] };
    followUps: { opened: number; resolved: number; openAtNow: number; overdue: number };
  };
}

/** Makes the monthly report on the running Sebar, prints its figures and links, and saves it with --out. */
const report = async (argv: string[]) => {
  let values: Record<string, unknown>;
  try {
    values = parseArgs({
      args: argv,
      options: { month: { type: 'string' }, email: { type: 'boolean' }, out: { type: 'string' } },
      allowPositionals: false,
      strict: true,
    }).values;
  } catch (error) {
    return die(`${error instanceof Error ? error.message : String(error)}\n${reportUsage}`, 2);
  }
  const parsed = reportArgs.safeParse(values);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n');
    return die(`${problems}\n${reportUsage}`, 2);
  }
  const opts = parsed.data;
  const r = (await post('/reports', { month: opts.month, email: opts.email })) as unknown as ReportAnswer;
  const f = r.figures;
  const labels = Object.entries(f.feedback.byLabel)
    .map(([k, v]) => `${k} ${v}`)
    .join(', ');
  const categories = f.complaints.byCategory.map((c) => `${c.category} ${c.count}`).join(', ');
  console.log(`Monthly report ${r.month}`);
  console.log(
    `  items published      ${f.itemsPublished} (posts: instagram ${f.posts.instagram}, x ${f.posts.x}; failed ${f.failedPublications})`,
  );
  console.log(`  feedback             ${f.feedback.total} (${labels}; urgent ${f.feedback.urgent})`);
  console.log(`  complaints           ${f.complaints.total}${categories ? ` (${categories})` : ''}`);
  console.log(`  replied              ${f.feedback.replied}`);
  console.log(
    `  follow-ups           opened ${f.followUps.opened}, resolved ${f.followUps.resolved}, open ${f.followUps.openAtNow}, overdue ${f.followUps.overdue}`,
  );
  if (opts.email)
    console.log(
      r.emailed
        ? `  emailed to           ${(r.emailedTo ?? []).join(', ')}`
        : `  NOT emailed: ${r.emailError ?? 'unknown reason'} (the report is stored; try again with --email)`,
    );
  const minutes = r.linksExpireInSeconds ? ` (valid ${Math.round(r.linksExpireInSeconds / 60)} minutes)` : '';
  console.log(`Links${minutes}:`);
  console.log(`  HTML  ${r.links.html}`);
  console.log(`  CSV   ${r.links.csv}`);
  if (opts.out) {
    const dir = resolve(opts.out);
    await mkdir(dir, { recursive: true });
    console.log('Saved:');
    for (const [ext, link] of [
      ['html', r.links.html],
      ['csv', r.links.csv],
    ] as const) {
      let res: Response;
      try {
        res = await fetch(link);
      } catch (error) {
        return die(`Could not download the ${ext.toUpperCase()} report: ${String(error)}`);
      }
      if (!res.ok) return die(`Could not download the ${ext.toUpperCase()} report: HTTP ${res.status}`);
      const file = join(dir, `laporan-${r.month}.${ext}`);
      await writeFile(file, Buffer.from(await res.arrayBuffer()));
      console.log(`  ${file}`);
    }
  }
  if (opts.email && !r.emailed) process.exitCode = 1;
};

const [command, ...args] = process.argv.slice(2);
switch (command) {
  case 'items': {
    const body = await get('/content?limit=50');
    for (const i of body.items as { id: string; status: string; publishAtLocal: string; title: string }[]) {
      console.log(`${i.id}  ${i.status.padEnd(18)} ${i.publishAtLocal}  ${i.title}`);
    }
    break;
  }
  case 'show': {
    if (!args[0]) die('Usage: npx sebar show <id>', 2);
    console.log(JSON.stringify(await get(`/content/${encodeURIComponent(args[0] ?? '')}`), null, 2));
    break;
  }
  case 'report':
    await report(args);
    break;
  case 'digest': {
    const unknown = args.filter((a) => a !== '--send');
    if (unknown.length) die(`Unknown option ${unknown[0]}\nUsage: npx sebar digest [--send]`, 2);
    const d = (await post('/digest', { send: args.includes('--send') })) as unknown as Digest & {
      sent: boolean;
    };
    console.log(digestText(d, process.env.DISPLAY_TIME_ZONE ?? 'Asia/Jakarta'));
    console.log(d.sent ? '\n(emailed to the team)' : '\n(preview only; add --send to email it)');
    break;
  }
  case 'platforms': {
    const unknown = args.filter((a) => a !== '--check');
    if (unknown.length) die(`Unknown option ${unknown[0]}\nUsage: npx sebar platforms [--check]`, 2);
    const body = args.includes('--check') ? await post('/platforms/check', {}) : await get('/platforms');
    for (const a of body.accounts as {
      platform: string;
      ok: boolean;
      account?: string;
      daysLeft?: number;
      problem?: string;
      checkedAt: string;
    }[])
      console.log(
        `${a.platform.padEnd(10)} ${a.ok ? 'ok     ' : 'PROBLEM'} ${a.account ?? ''}${a.daysLeft !== undefined ? `  token: ${a.daysLeft} days left` : ''}${a.problem ? `  (${a.problem})` : ''}  checked ${a.checkedAt}`,
      );
    if (!(body.accounts as unknown[]).length) console.log('Not checked yet: npx sebar platforms --check');
    break;
  }
  case 'screen':
    await eachJsonLine((text) => screenText(text));
    break;
  case 'classify':
    await eachJsonLine((text) => classify(text));
    break;
  case undefined:
  case 'help':
  case '--help':
    console.log(usage);
    break;
  default:
    die(`Unknown command: ${command}\n\n${usage}`, 2);
}
