/**
 * Reads an export of staff corrections (`npx sebar corrections export --out FILE.jsonl`, or the JSON lines
 * of `GET /feedback/corrections`) as labelled lines for evaluating and training the classifier. Each line
 * is checked with the same schema the export writes; malformed ones are reported by line number.
 */
import { readFile } from 'node:fs/promises';
import { correctionLine } from '../functions/domain/feedback/classifier-corrections';
import type { Dataset, LabelledLine } from './evaluate-classifier';
import { parseJsonLines } from './jsonl';

export const parseCorrections = (content: string): Dataset =>
  parseJsonLines(
    content,
    correctionLine,
    ({ text, label, category }): LabelledLine =>
      category === null ? { text, label } : { text, label, category },
  );

export const readCorrections = async (path: string): Promise<Dataset> =>
  parseCorrections(await readFile(path, 'utf8'));
