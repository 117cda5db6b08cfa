/**
 * Per-message classification time, rules alone against rules + model, over the fixture texts:
 *
 *   npx tsx scripts/benchmark-classifier.ts [--rounds 20]
 *
 * The first pass warms the stemmer's cache, as a running function would be after a few messages.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { classify, classifyWithRules } from '../functions/domain/feedback/classifier';
import { readModelFile } from '../functions/domain/feedback/classifier-model';
import { parseDataset } from './evaluate-classifier';

const { values } = parseArgs({ options: { rounds: { type: 'string', default: '20' } } });
const rounds = Number(values.rounds);
const texts: string[] = [];
for (const f of ['dev', 'holdout', 'train', 'unseen']) {
  const { rows } = parseDataset(await readFile(`test/fixtures/feedback-id.${f}.jsonl`, 'utf8'));
  texts.push(...rows.map((r) => r.text));
}
const time = (fn: (t: string) => unknown): number[] => {
  for (const t of texts) fn(t);
  const perRound: number[] = [];
  for (let r = 0; r < rounds; r++) {
    const start = performance.now();
    for (const t of texts) fn(t);
    perRound.push((performance.now() - start) / texts.length);
  }
  return perRound.sort((a, b) => a - b);
};
const report = (name: string, times: number[]) => {
  const median = times[Math.floor(times.length / 2)] ?? 0;
  const worst = times[times.length - 1] ?? 0;
  console.log(
    `${name.padEnd(16)} median ${median.toFixed(3)} ms/message, slowest round ${worst.toFixed(3)} ms`,
  );
};
const loadStart = performance.now();
readModelFile(JSON.parse(await readFile('functions/domain/feedback/classifier-weights.json', 'utf8')));
console.log(`weights read and checked once per cold start: ${(performance.now() - loadStart).toFixed(1)} ms`);
console.log(`${texts.length} messages x ${rounds} rounds`);
report('rules alone', time(classifyWithRules));
report('rules + model', time(classify));
