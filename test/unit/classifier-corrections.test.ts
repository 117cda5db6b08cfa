import { describe, expect, it } from 'vitest';
import { correctionLines } from '../../functions/domain/feedback/classifier-corrections';
import { parseCorrections } from '../../scripts/corrections-file';
import { evaluate } from '../../scripts/evaluate-classifier';

const correction = (at: string, from: object, to: object) => ({ by: 'staff@dinkes', at, from, to });

describe('corrections export', () => {
  const records = [
    {
      id: 'instagram-1',
      text: 'Obat hipertensi kosong lagi',
      corrections: [
        correction(
          '2026-11-02T01:00:00.000Z',
          { label: 'other', category: null },
          { label: 'complaint', category: 'facility' },
        ),
        correction(
          '2026-11-03T01:00:00.000Z',
          { label: 'complaint', category: 'facility' },
          { label: 'complaint', category: 'stock' },
        ),
      ],
    },
    {
      id: 'x-2',
      text: 'Jadwal posyandu kapan',
      corrections: [
        correction(
          '2026-11-01T08:00:00+07:00',
          { label: 'complaint', category: 'follow_up' },
          { label: 'question', category: null },
        ),
      ],
    },
    { id: 'x-3', text: 'Rusak', corrections: [{ by: 'a', at: 'yesterday' }] },
    {
      id: 'x-4',
      text: 'Keluhan tanpa kategori',
      corrections: [correction('2026-11-04T00:00:00Z', { label: 'other' }, { label: 'complaint' })],
    },
  ];

  it('gives the last correction as the label, the first as "from", oldest first', () => {
    const { lines, skipped } = correctionLines(records);
    expect(lines).toEqual([
      {
        text: 'Jadwal posyandu kapan',
        label: 'question',
        category: null,
        correctedAt: '2026-11-01T01:00:00.000Z',
        from: { label: 'complaint', category: 'follow_up' },
      },
      {
        text: 'Obat hipertensi kosong lagi',
        label: 'complaint',
        category: 'stock',
        correctedAt: '2026-11-03T01:00:00.000Z',
        from: { label: 'other', category: null },
      },
    ]);
    // An unreadable correction and a complaint without a category are skipped, not exported.
    expect(skipped).toBe(2);
  });

  it('keeps only records last corrected at or after "since"', () => {
    const { lines } = correctionLines(records, '2026-11-02T00:00:00Z');
    expect(lines.map((l) => l.text)).toEqual(['Obat hipertensi kosong lagi']);
  });

  it('writes lines that the evaluation and training scripts read back', () => {
    const { lines } = correctionLines(records);
    const file = lines.map((l) => JSON.stringify(l)).join('\n');
    const { rows, errors } = parseCorrections(`${file}\n\nnot json\n{"text":"x","label":"complaint"}\n`);
    expect(rows).toEqual([
      { text: 'Jadwal posyandu kapan', label: 'question' },
      { text: 'Obat hipertensi kosong lagi', label: 'complaint', category: 'stock' },
    ]);
    expect(errors.map((e) => e.line)).toEqual([4, 5]);
    const report = evaluate(rows);
    expect(report.n).toBe(2);
    expect(report.perLabel.question.support).toBe(1);
  });
});
