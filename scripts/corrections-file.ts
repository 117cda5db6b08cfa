/**
 * Reads an export of staff corrections (`npx sebar corrections export --out FILE.jsonl`, or the JSON lines
 * of `GET /feedback/corrections`) as labelled lines for evaluating and training the classifier. Each line
 * is checked with the same schema the export writes; malformed ones are reported by line number.
 */
import { readFile } from 'node:fs/promises';
import { correctionLine } from '../functions/domain/feedback/classifier-corrections';
import type { Dataset, LabelledLine } from './evaluate-classifier';

export const parseCorrections = (content: string): Dataset => {
  const rows: LabelledLine[] = [];
  const errors: Dataset['errors'] = [];
  content.split('\n').forEach((raw, i) => {
    if (!raw.trim()) return;
    let json: unknown;
    try {
      json = JSON.parse(raw);
    } catch {
      errors.push({ line: i + 1, message: 'not valid JSON' });
      return;
    }
    const parsed = correctionLine.safeParse(json);
    if (!parsed.success) {
      errors.push({
        line: i + 1,
        message: parsed.error.issues.map((x) => `${x.path.join('.') || '(line)'}: ${x.message}`).join('; '),
      });
      return;
    }
    const { text, label, category } = parsed.data;
    rows.push(category === null ? { text, label } : { text, label, category });
  });
  return { rows, errors };
};

export const readCorrections = async (path: string): Promise<Dataset> =>
  parseCorrections(await readFile(path, 'utf8'));
