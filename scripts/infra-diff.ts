/**
 * Compares the synthesized CloudFormation of each stage with the template saved in infra/snapshots/, so an
 * infrastructure change is visible in review and in CI (docs/decisions/0027).
 *
 *   npm run infra:diff                  both stages; prints the differences, exits 1 if there are any
 *   npm run infra:diff -- --stage prod  one stage
 *   npm run infra:snapshot              writes the saved templates again (commit them with the change)
 *
 * The app is synthesized in this process, as the infra tests do: the real app (infra/sebar-app.ts, cdk.json
 * context, cdk-nag) with bundling skipped, no AWS account and no credentials. Both sides are normalized
 * first: asset hashes (which change with every code change), CDK metadata and the console build's presence
 * are taken out, so what is left is the infrastructure.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { App } from 'aws-cdk-lib';
import { addSebarStack } from '../infra/sebar-app';
import { STAGES, type StageName } from '../infra/stage-config';

const REPO_ROOT = path.resolve(import.meta.dirname, '..');
export const SNAPSHOT_DIR = path.join(REPO_ROOT, 'infra', 'snapshots');

/** The context each saved template is synthesized with, besides cdk.json's (prod needs an alarm email). */
const SNAPSHOT_CONTEXT: Record<StageName, Record<string, string>> = {
  dev: { stage: 'dev' },
  prod: { stage: 'prod', alarmEmail: 'engineer@dinkes.example.go.id' },
};

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Synthesizes one stage's template in this process, bundling skipped, without an account. */
export const synthStage = (stage: StageName): { stackName: string; template: Json } => {
  const cdkContext = JSON.parse(readFileSync(path.join(REPO_ROOT, 'cdk.json'), 'utf8')).context;
  // The CLI sets these when it finds credentials; the saved template must not depend on who runs it.
  delete process.env.CDK_DEFAULT_ACCOUNT;
  delete process.env.CDK_DEFAULT_REGION;
  const outdir = mkdtempSync(path.join(tmpdir(), 'sebar-infra-diff-'));
  try {
    const app = new App({
      outdir,
      context: { ...cdkContext, ...SNAPSHOT_CONTEXT[stage], 'aws:cdk:bundling-stacks': [] },
    });
    const stack = addSebarStack(app);
    const assembly = app.synth();
    const template = assembly.getStackByName(stack.stackName).template as Json;
    return { stackName: stack.stackName, template };
  } finally {
    rmSync(outdir, { recursive: true, force: true });
  }
};

const ASSET_HASH = /[0-9a-f]{64}/g;

/**
 * What is left of a template once code changes are taken out: asset hashes become `<asset>`, resource
 * Metadata (construct paths, asset paths, cdk-nag acknowledgements) goes, and the console deployment's
 * source list (one entry more when web/dist is built) and its Prune flag (true only with the build, which
 * the test suite makes) become placeholders.
 */
export const normalize = (value: Json, key = ''): Json => {
  if (typeof value === 'string') return value.replace(ASSET_HASH, '<asset>');
  if (Array.isArray(value)) {
    if (key === 'SourceObjectKeys' || key === 'SourceBucketNames' || key === 'SourceMarkers')
      return ['<console build and config.json>'];
    return value.map((v) => normalize(v));
  }
  if (value && typeof value === 'object') {
    const out: Record<string, Json> = {};
    for (const k of Object.keys(value).sort()) {
      if (k === 'Metadata' || k === 'SourceMarkersConfig') continue;
      out[k] = k === 'Prune' ? '<true with the console build>' : normalize(value[k] as Json, k);
    }
    return out;
  }
  return value;
};

const show = (v: Json | undefined): string => {
  const text = JSON.stringify(v);
  return text === undefined ? '(none)' : text.length > 160 ? `${text.slice(0, 157)}...` : text;
};

/** Differences under one value, as `path: before → after` lines. */
const diffValues = (before: Json | undefined, after: Json | undefined, at: string, out: string[]): void => {
  if (JSON.stringify(before) === JSON.stringify(after)) return;
  const isObject = (v: Json | undefined): v is { [key: string]: Json } =>
    !!v && typeof v === 'object' && !Array.isArray(v);
  if (isObject(before) && isObject(after)) {
    for (const k of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
      diffValues(before[k], after[k], at ? `${at}.${k}` : k, out);
    }
    return;
  }
  if (Array.isArray(before) && Array.isArray(after) && before.length === after.length) {
    before.forEach((b, i) => {
      diffValues(b, after[i], `${at}[${i}]`, out);
    });
    return;
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const had = new Set(before.map((b) => JSON.stringify(b)));
    const has = new Set(after.map((a) => JSON.stringify(a)));
    for (const b of before) if (!has.has(JSON.stringify(b))) out.push(`${at}: - ${show(b)}`);
    for (const a of after) if (!had.has(JSON.stringify(a))) out.push(`${at}: + ${show(a)}`);
    return;
  }
  out.push(`${at}: ${show(before)} → ${show(after)}`);
};

/** A readable list of what changed between two normalized templates: resources first, then the rest. */
export const diffTemplates = (saved: Json, current: Json): string[] => {
  const section = (t: Json, name: string): Record<string, Json> =>
    ((t as Record<string, Json>)[name] as Record<string, Json> | undefined) ?? {};
  const lines: string[] = [];
  const before = section(saved, 'Resources');
  const after = section(current, 'Resources');
  const type = (r: Json | undefined) => String((r as Record<string, Json> | undefined)?.Type ?? '?');
  for (const id of [...new Set([...Object.keys(before), ...Object.keys(after)])].sort()) {
    const b = before[id];
    const a = after[id];
    if (b === undefined) lines.push(`+ ${id} (${type(a)})`);
    else if (a === undefined) lines.push(`- ${id} (${type(b)})`);
    else {
      const changes: string[] = [];
      diffValues(b, a, '', changes);
      if (changes.length > 0) lines.push(`~ ${id} (${type(a)})`, ...changes.map((c) => `    ${c}`));
    }
  }
  for (const name of ['Outputs', 'Parameters', 'Conditions', 'Rules', 'Mappings', 'Description']) {
    const changes: string[] = [];
    diffValues((saved as Record<string, Json>)[name], (current as Record<string, Json>)[name], name, changes);
    lines.push(...changes.map((c) => `~ ${c}`));
  }
  return lines;
};

const snapshotPath = (stackName: string) => path.join(SNAPSHOT_DIR, `${stackName}.template.json`);

const main = (): number => {
  const { values } = parseArgs({
    options: { stage: { type: 'string', multiple: true }, update: { type: 'boolean', default: false } },
  });
  const stages = (values.stage ?? [...STAGES]) as StageName[];
  const unknown = stages.filter((s) => !(STAGES as readonly string[]).includes(s));
  if (unknown.length > 0) {
    console.error(`--stage must be one of ${STAGES.join(', ')}, got ${unknown.join(', ')}`);
    return 2;
  }
  let changed = 0;
  for (const stage of stages) {
    const { stackName, template } = synthStage(stage);
    const current = normalize(template);
    const file = snapshotPath(stackName);
    const relative = path.relative(REPO_ROOT, file);
    if (values.update) {
      mkdirSync(SNAPSHOT_DIR, { recursive: true });
      writeFileSync(file, `${JSON.stringify(current, null, 2)}\n`);
      console.log(`${stackName}: wrote ${relative}`);
      continue;
    }
    let saved: Json;
    try {
      saved = JSON.parse(readFileSync(file, 'utf8'));
    } catch {
      console.error(`${stackName}: no saved template at ${relative}; run npm run infra:snapshot`);
      changed += 1;
      continue;
    }
    const lines = diffTemplates(saved, current);
    if (lines.length === 0) {
      console.log(`${stackName}: no infrastructure change against ${relative}`);
      continue;
    }
    changed += 1;
    console.log(`${stackName}: the template differs from ${relative} (+ added, - removed, ~ changed):`);
    for (const line of lines) console.log(`  ${line}`);
  }
  if (changed > 0) {
    console.log(
      '\nIf these changes are intended, run `npm run infra:snapshot` and commit infra/snapshots/ with them.',
    );
    return 1;
  }
  return 0;
};

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  process.exitCode = main();
}
