import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { parseArgs } from 'node:util';
import { z } from 'zod';
import { screenText } from '../functions/domain/content/screening';
import { monthSchema } from '../functions/domain/evaluation/monthly-report';
import type { ReportFigures } from '../functions/domain/evaluation/report-job';
import { classify } from '../functions/domain/feedback/classifier';
import { correctionLine } from '../functions/domain/feedback/classifier-corrections';
import { type Digest, digestText } from '../functions/domain/feedback/digest-text';
import { archiveUsage, runArchiveExport, runArchiveVerify } from './archive';
import { CliProblem, runInfographic } from './infographic';

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
  evaluation <id>       links to an item's evaluation page (HTML) and its figures (JSON)
  inbox [--label L] [--status S] [--watch W]
                        citizens' messages, open urgent ones first (label: complaint|question|appreciation|other;
                        status: open|answered|closed)
  follow-up <feedback-id> --unit <unit> [--due <ISO time>] [--note <text>]
                        turn a message (a complaint) into a follow-up assigned to a unit
  follow-ups [--overdue] [--status S]
                        follow-ups, overdue first
  progress <follow-up-id> [--note <text>]
                        mark a follow-up in progress
  resolve <follow-up-id> --note <text>
                        resolve a follow-up with what was done
  digest [--send]       the daily digest (last 24 hours) as text; --send also emails it to the team
  platforms [--check]   the Instagram and X accounts' token health; --check refreshes and tries them now
  screen                read JSON lines {"text": ...} on stdin; write {"excluded", "reasons"} per line
  classify              read JSON lines {"text": ...} on stdin; write {"label", "category", "urgent"} per line
  corrections export --out <file.jsonl> [--since <ISO time>]
                        staff corrections of the classifier as JSON lines {"text", "label", "category",
                        "correctedAt", "from"}, for npm run evaluate:classifier -- --corrections <file>
                        and scripts/train-classifier.ts --corrections <file>
  infographic --template T --data FILE.csv|FILE.json --title "..." --size S --out FILE
                        render an infographic here (no running Sebar needed) and print one JSON line
                        {"file","width","height","altText"}; templates bar|trend|figure|checklist|schedule,
                        sizes instagram-portrait|instagram-square|x-landscape; also [--subtitle] [--source]
                        [--format png|jpeg] [--brand FILE.json]
  archive export --from YYYY-MM-DD --to YYYY-MM-DD --out FILE.zip [--redact-authors]
                        the records of those WIB days for an information request (supervisors): posts as
                        published, citizens' messages (raw too), staff replies, decisions, index.html, CSVs
                        and manifest.json; --redact-authors gives citizens stable pseudonyms
  archive verify FILE.zip
                        check every file against manifest.json; exits 1 naming each one that differs
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

/** Parses --options for a command; unknown ones end with the command's usage and exit code 2. */
const options = (
  argv: string[],
  spec: Record<string, 'string' | 'boolean'>,
  usage: string,
): Record<string, string | boolean> => {
  try {
    return parseArgs({
      args: argv,
      options: Object.fromEntries(Object.entries(spec).map(([k, type]) => [k, { type }])),
      allowPositionals: false,
      strict: true,
    }).values as Record<string, string | boolean>;
  } catch (error) {
    return die(`${error instanceof Error ? error.message : String(error)}\nUsage: npx sebar ${usage}`, 2);
  }
};

const correctionsArgs = z.object({
  out: z
    .string({ error: 'name the file to write, e.g. --out corrections.jsonl' })
    .min(1, 'name the file to write, e.g. --out corrections.jsonl'),
  since: z.iso.datetime({ offset: true }).optional(),
});

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
  figures: ReportFigures;
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

// Piped into `head` and the like: stop quietly when the reader has gone.
process.stdout.on('error', (error: NodeJS.ErrnoException) => {
  if (error.code === 'EPIPE') process.exit(0);
  throw error;
});

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
  case 'evaluation': {
    if (!args[0]) die('Usage: npx sebar evaluation <item-id>', 2);
    const item = await get(`/content/${encodeURIComponent(args[0] ?? '')}`);
    const ev = item.evaluation as { html: string; json: string } | undefined;
    if (!ev) die(`Item ${args[0]} has no evaluation yet (status ${String(item.status)})`);
    console.log(`Evaluation of "${String(item.title)}" (links valid for a few minutes):`);
    console.log(`  page  ${ev?.html}`);
    console.log(`  JSON  ${ev?.json}`);
    break;
  }
  case 'inbox': {
    const o = options(
      args,
      { label: 'string', status: 'string', watch: 'string' },
      'inbox [--label L] [--status S] [--watch W]',
    );
    const q = new URLSearchParams(Object.entries(o).map(([k, v]): [string, string] => [k, String(v)]));
    const body = await get(`/feedback?${q}`);
    const rows = body.feedback as {
      id: string;
      label?: string;
      category?: string | null;
      urgent?: boolean;
      status: string;
      authorHandle: string;
      text: string;
      followUpId?: string;
    }[];
    for (const f of rows)
      console.log(
        `${f.urgent ? '!! ' : '   '}${f.id.padEnd(28)} ${(f.label ?? '…').padEnd(12)} ${(f.category ?? '').padEnd(20)} ${f.status.padEnd(8)} @${f.authorHandle}: ${f.text.slice(0, 70)}${f.followUpId ? `  [${f.followUpId}]` : ''}`,
      );
    if (!rows.length) console.log('No messages match.');
    break;
  }
  case 'corrections': {
    const [sub, ...rest] = args;
    const usage = 'corrections export --out <file.jsonl> [--since <ISO time>]';
    if (sub !== 'export') die(`Usage: npx sebar ${usage}`, 2);
    const o = correctionsArgs.safeParse(options(rest, { out: 'string', since: 'string' }, usage));
    if (!o.success) {
      die(
        `${o.error.issues.map((i) => `--${i.path.join('.')}: ${i.message}`).join('\n')}\nUsage: npx sebar ${usage}`,
        2,
      );
    }
    const { out, since } = o.data as z.infer<typeof correctionsArgs>;
    const body = await get(`/feedback/corrections${since ? `?${new URLSearchParams({ since })}` : ''}`);
    const lines = z.array(correctionLine).parse(body.corrections);
    await writeFile(out, lines.map((l) => `${JSON.stringify(l)}\n`).join(''));
    const skipped =
      typeof body.skipped === 'number' && body.skipped > 0
        ? ` (${body.skipped} unreadable record(s) skipped)`
        : '';
    console.log(`Wrote ${lines.length} correction(s) to ${out}${skipped}`);
    break;
  }
  case 'follow-up': {
    const [feedbackId, ...rest] = args;
    const usage = 'follow-up <feedback-id> --unit <unit> [--due <ISO time>] [--note <text>]';
    if (!feedbackId || feedbackId.startsWith('--')) die(`Usage: npx sebar ${usage}`, 2);
    const o = options(rest, { unit: 'string', due: 'string', note: 'string' }, usage);
    if (!o.unit) die(`--unit is required\nUsage: npx sebar ${usage}`, 2);
    const f = await post(`/feedback/${encodeURIComponent(feedbackId ?? '')}/follow-ups`, {
      unit: o.unit,
      ...(o.due ? { dueAt: o.due } : {}),
      ...(o.note ? { note: o.note } : {}),
    });
    console.log(
      `Follow-up ${String(f.id)} for ${String(f.unit)}, due ${String(f.dueAt)} (${String(f.status)})`,
    );
    break;
  }
  case 'follow-ups': {
    const o = options(args, { overdue: 'boolean', status: 'string' }, 'follow-ups [--overdue] [--status S]');
    const q = new URLSearchParams({
      ...(o.overdue ? { overdue: 'true' } : {}),
      ...(o.status ? { status: String(o.status) } : {}),
    });
    const body = await get(`/follow-ups?${q}`);
    const rows = body.followUps as {
      id: string;
      unit: string;
      status: string;
      dueAt: string;
      overdue: boolean;
      summary: string;
    }[];
    for (const f of rows)
      console.log(
        `${f.overdue ? 'LATE ' : '     '}${f.id}  ${f.status.padEnd(11)} due ${f.dueAt}  ${f.unit}: ${f.summary.slice(0, 60)}`,
      );
    if (!rows.length) console.log('No follow-ups match.');
    break;
  }
  case 'progress':
  case 'resolve': {
    const [id, ...rest] = args;
    const usage = `${command} <follow-up-id> ${command === 'resolve' ? '--note <text>' : '[--note <text>]'}`;
    if (!id || id.startsWith('--')) die(`Usage: npx sebar ${usage}`, 2);
    const o = options(rest, { note: 'string' }, usage);
    if (command === 'resolve' && !o.note)
      die(`--note is required: say what was done\nUsage: npx sebar ${usage}`, 2);
    const f = await post(`/follow-ups/${encodeURIComponent(id ?? '')}`, {
      status: command === 'resolve' ? 'resolved' : 'in_progress',
      ...(o.note ? { note: o.note } : {}),
    });
    console.log(`Follow-up ${String(f.id)} is now ${String(f.status)}`);
    break;
  }
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
      auth?: string;
    }[])
      console.log(
        `${a.platform.padEnd(10)} ${a.ok ? 'ok     ' : 'PROBLEM'} ${a.account ?? ''}${a.daysLeft !== undefined ? `  token: ${a.daysLeft} days left` : ''}${a.auth === 'oauth1' ? '  OAuth 1.0a, no expiry' : a.auth === 'bearer' ? '  bearer token' : ''}${a.problem ? `  (${a.problem})` : ''}  checked ${a.checkedAt}`,
      );
    if (!(body.accounts as unknown[]).length) console.log('Not checked yet: npx sebar platforms --check');
    break;
  }
  case 'infographic':
    try {
      console.log(JSON.stringify(await runInfographic(args)));
    } catch (error) {
      if (error instanceof CliProblem) die(error.message, error.code);
      throw error;
    }
    break;
  case 'archive':
    try {
      const [sub, ...rest] = args;
      if (sub === 'export') console.log(await runArchiveExport(rest, request));
      else if (sub === 'verify') {
        const { ok, lines } = await runArchiveVerify(rest);
        for (const line of lines) (ok ? console.log : console.error)(line);
        if (!ok) process.exitCode = 1;
      } else die(`Usage: npx sebar ${archiveUsage}`, 2);
    } catch (error) {
      if (error instanceof CliProblem) die(error.message, error.code);
      throw error;
    }
    break;
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
