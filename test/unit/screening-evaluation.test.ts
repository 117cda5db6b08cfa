import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  breaches,
  DEFAULT_FILE,
  evaluateScreening,
  type LabelledText,
  parseLabelled,
  readLabelled,
} from '../../scripts/evaluate-screening';

const fixture = join(import.meta.dirname, '..', '..', DEFAULT_FILE);

// Floors for CI. Measured (docs/decisions/0015): tuning 53/53 caught, 0/45 false alarms; holdout 36/36
// caught, 0/38 false alarms once its one false alarm was fixed. The floors leave room for a couple of misses
// when the lexicon changes, not for a regression of a whole form.
const FLOORS = {
  tuning: { minRecall: 0.95, maxFalseAlarmRate: 0.05 },
  holdout: { minRecall: 0.9, maxFalseAlarmRate: 0.08 },
} as const;

const row = (text: string, identifies: boolean, split: 'tuning' | 'holdout' = 'tuning'): LabelledText => ({
  text,
  identifies,
  form: identifies ? 'name-age' : 'public-caption',
  split,
});

describe('parseLabelled', () => {
  it('reads valid lines and reports malformed ones by line number', () => {
    const content = [
      JSON.stringify(row('Siti (34) positif TBC', true)),
      '',
      'not json',
      JSON.stringify({ text: 'x', identifies: 'yes', form: 'name-age', split: 'tuning' }),
      JSON.stringify({ text: 'x', identifies: true, form: 'name-age', split: 'dev' }),
      JSON.stringify({ ...row('y', false), extra: 1 }),
    ].join('\n');
    const { rows, errors } = parseLabelled(content);
    expect(rows).toHaveLength(1);
    expect(errors.map((e) => e.line)).toEqual([3, 4, 5, 6]);
    expect(errors[0]?.message).toBe('not valid JSON');
    expect(errors[1]?.message).toContain('identifies');
  });
});

describe('evaluateScreening', () => {
  it('counts caught positives and false alarms per split, and lists the misses', () => {
    const rows = [
      row('A flagged positive', true),
      row('A missed positive', true),
      row('A flagged negative', false),
      row('A clean negative', false),
      row('Another clean negative', false),
      row('A holdout positive', true, 'holdout'),
    ];
    const screen = (text: string): string[] =>
      text.includes('flagged') || text.includes('holdout') ? ['x'] : [];
    const [tuning, holdout] = evaluateScreening(rows, screen);
    expect(tuning).toMatchObject({ split: 'tuning', positives: 2, caught: 1, negatives: 3, falseAlarms: 1 });
    expect(tuning?.recall).toBeCloseTo(0.5);
    expect(tuning?.falseAlarmRate).toBeCloseTo(1 / 3);
    expect(tuning?.misses.map((m) => m.text)).toEqual(['A missed positive']);
    expect(tuning?.alarms.map((a) => a.row.text)).toEqual(['A flagged negative']);
    expect(holdout).toMatchObject({ positives: 1, caught: 1, negatives: 0, falseAlarms: 0, recall: 1 });
    expect(
      breaches(
        [tuning, holdout].filter((r) => r !== undefined),
        { minRecall: 0.9 },
      ),
    ).toEqual(['tuning: recall 0.500 is under --min-recall 0.900']);
    expect(
      breaches(
        [tuning].filter((r) => r !== undefined),
        { maxFalseAlarmRate: 0.2 },
      ),
    ).toHaveLength(1);
  });
});

describe('the labelled fixture', () => {
  it('is well formed and large enough: 150+ lines, about half positives, both splits', async () => {
    const { rows, errors } = await readLabelled(fixture);
    expect(errors).toEqual([]);
    expect(rows.length).toBeGreaterThanOrEqual(150);
    const positives = rows.filter((r) => r.identifies).length;
    expect(positives / rows.length).toBeGreaterThan(0.4);
    expect(positives / rows.length).toBeLessThan(0.6);
    for (const split of ['tuning', 'holdout'] as const) {
      const mine = rows.filter((r) => r.split === split);
      expect(mine.length).toBeGreaterThanOrEqual(60);
      // Every form of the issue has positives in both splits.
      const forms = new Set(mine.filter((r) => r.identifies).map((r) => r.form));
      for (const form of [
        'name-age',
        'atas-nama',
        'bernama',
        'hasil-lab',
        'title',
        'initials',
        'name-list-treatment',
        'indirect-rt-rw',
        'indirect-workplace',
      ]) {
        expect(forms).toContain(form);
      }
    }
  });

  it('keeps the screen above its floors on both splits', async () => {
    const { rows } = await readLabelled(fixture);
    const [tuning, holdout] = evaluateScreening(rows);
    if (tuning === undefined || holdout === undefined) throw new Error('both splits are evaluated');
    expect(breaches([tuning], FLOORS.tuning)).toEqual([]);
    expect(breaches([holdout], FLOORS.holdout)).toEqual([]);
  });
});
