import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { createInterface } from 'node:readline';
import { z } from 'zod';
import { classify } from '../functions/domain/classifier';
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

const get = async (path: string) => {
  let r: Response;
  try {
    r = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${await token()}` } });
  } catch {
    return die(`Sebar is not reachable at ${base}. Start it with npm start, or set SEBAR_URL.`);
  }
  const body = (await r.json()) as Record<string, unknown>;
  if (!r.ok) die(`${r.status}: ${String(body.message ?? JSON.stringify(body))}`);
  return body;
};

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
