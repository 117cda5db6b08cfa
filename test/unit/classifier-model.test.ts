import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { classify, classifyWithRules, explain } from '../../functions/domain/feedback/classifier';
import {
  featuresOf,
  headSchema,
  modelFileSchema,
  packModel,
  predict,
  probabilities,
  readModelFile,
  trainHead,
} from '../../functions/domain/feedback/classifier-model';
import { parseCorrections } from '../../scripts/corrections-file';
import { parseDataset } from '../../scripts/evaluate-classifier';
import { TRAINING_FILES, trainModel, WEIGHTS_FILE } from '../../scripts/train-classifier';

const toy = [
  { features: ['w:obat', 'w:habis'], y: 'stock' },
  { features: ['w:obat', 'w:kosong'], y: 'stock' },
  { features: ['w:antre', 'w:lama'], y: 'wait' },
  { features: ['w:nunggu', 'w:lama'], y: 'wait' },
  { features: ['w:petugas', 'w:judes'], y: 'attitude' },
  { features: ['w:petugas', 'w:kasar'], y: 'attitude' },
];

describe('classifier model: features', () => {
  it('reads unigrams, bigrams of neighbouring words and cues, each once', () => {
    const f = featuresOf({ stems: ['obat', 'habis', '?', 'obat'], cues: ['stock:habis', 'stock:habis'] });
    expect(f).toContain('w:obat');
    expect(f).toContain('b:obat_habis');
    expect(f).toContain('b:habis_?');
    expect(f).toContain('c:stock:habis');
    expect(f.filter((x) => x === 'w:obat')).toHaveLength(1);
    expect(f.filter((x) => x === 'c:stock:habis')).toHaveLength(1);
  });
});

describe('classifier model: training', () => {
  const classes = ['stock', 'wait', 'attitude'];

  it('learns to separate examples it was trained on', () => {
    const head = trainHead(toy, classes, { l2: 0.001, epochs: 100, rate: 0.5, minCount: 1 });
    for (const e of toy) expect(predict(head, e.features).value).toBe(e.y);
    expect(predict(head, ['w:kosong']).value).toBe('stock');
    expect(predict(head, ['w:judes', 'w:tidak-dikenal']).value).toBe('attitude');
  });

  it('is deterministic: the same data gives the same weights', () => {
    const a = trainHead(toy, classes);
    const b = trainHead([...toy], [...classes]);
    expect(a).toEqual(b);
  });

  it('gives probabilities that sum to one, and the prior for unknown words only', () => {
    const head = trainHead(toy, classes);
    const p = probabilities(head, ['w:tidak-ada-di-kosakata']);
    expect(p.reduce((s, x) => s + x, 0)).toBeCloseTo(1, 10);
    expect(p).toEqual(probabilities(head, []));
  });

  it('drops features seen less often than minCount', () => {
    const head = trainHead(toy, classes, { l2: 0.001, epochs: 10, rate: 0.5, minCount: 2 });
    expect(Object.keys(head.weights).sort()).toEqual(['w:lama', 'w:obat', 'w:petugas']);
  });

  it('refuses an example whose class is not in the list', () => {
    expect(() => trainHead([{ features: ['w:x'], y: 'nope' }], classes)).toThrow(/class/);
  });
});

describe('classifier model: the packed file', () => {
  it('unpacks to exactly the weights it was packed from, 16-bit while they fit and 32-bit beyond', () => {
    const head = (w: number) => ({
      classes: ['a', 'b'],
      bias: [0.1, -0.1],
      weights: { 'w:x': [w, -0.0001], 'w:y': [0, 1.5] },
    });
    for (const w of [1.8188, -3.2768, 3.2768, 12.3456]) {
      const model = modelFileSchema.parse({
        version: 1,
        trainedOn: [],
        options: { l2: 0.001, epochs: 1, rate: 0.5, minCount: 1 },
        category: head(w),
        label: head(-w),
      });
      const packed = packModel(model);
      // The label head holds -w: -32768 still fits 16 bits, +32768 does not.
      const n = Math.round(-w * 10_000);
      expect(packed.label.bits).toBe(n >= -32_768 && n <= 32_767 ? 16 : 32);
      expect(readModelFile(JSON.parse(JSON.stringify(packed)))).toEqual(model);
    }
  });

  it('refuses a weight with more than four decimals, and a table that does not match its features', () => {
    const model = modelFileSchema.parse({
      version: 1,
      trainedOn: [],
      options: { l2: 0.001, epochs: 1, rate: 0.5, minCount: 1 },
      category: { classes: ['a', 'b'], bias: [0, 0], weights: { 'w:x': [0.12345, 0] } },
      label: { classes: ['a', 'b'], bias: [0, 0], weights: {} },
    });
    expect(() => packModel(model)).toThrow(/four decimals/);
    const ok = packModel({ ...model, category: model.label });
    expect(() => readModelFile({ ...ok, label: { ...ok.label, features: 'w:x' } })).toThrow(
      /one row per feature/,
    );
  });
});

describe('classifier model: the committed weights', () => {
  it('are what scripts/train-classifier.ts makes from the training files (retrain after changing either)', async () => {
    const committed = readModelFile(JSON.parse(await readFile(WEIGHTS_FILE, 'utf8')));
    // The labelled training files always; an office may add an export of its corrections after them.
    expect(committed.trainedOn.slice(0, TRAINING_FILES.length).map((t) => t.file)).toEqual(TRAINING_FILES);
    expect(committed.trainedOn.some((t) => t.file.includes('unseen'))).toBe(false);
    const rows = [];
    for (const t of committed.trainedOn) {
      const content = await readFile(t.file, 'utf8');
      const { rows: lines, errors } = t.corrections ? parseCorrections(content) : parseDataset(content);
      expect(errors).toEqual([]);
      expect(lines).toHaveLength(t.lines);
      rows.push(...lines);
    }
    const fresh = trainModel(rows, committed.trainedOn, committed.options);
    expect(fresh.category).toEqual(committed.category);
    expect(fresh.label).toEqual(committed.label);
  }, 60_000);
});

describe('classify with the model', () => {
  it('explains both the rules and the model, and follows the model for a complaint category', () => {
    const e = explain('Stok obat darah tinggi di puskesmas kosong, disuruh beli di luar');
    expect(e.label).toBe('complaint');
    expect(e.category).toBe(e.model.category?.value);
    expect(e.model.category?.p).toBeGreaterThan(0);
    expect(e.rules).toEqual(
      classifyWithRules('Stok obat darah tinggi di puskesmas kosong, disuruh beli di luar'),
    );
  });

  it('keeps the urgent flag from the rules, and an emergency is never "other"', () => {
    for (const text of ['Tolong ada yang pingsan di jalan depan pasar', 'Warga sekampung keracunan massal']) {
      const c = classify(text);
      expect(c.urgent).toBe(classifyWithRules(text).urgent);
      expect(c.urgent).toBe(true);
      expect(c.label).not.toBe('other');
    }
  });

  it('gives a category to complaints only', () => {
    for (const text of ['Jadwal posyandu bulan ini kapan ya?', 'Terima kasih bu bidan', 'Hadir min']) {
      const c = classify(text);
      expect(c.label).not.toBe('complaint');
      expect(c.category).toBeNull();
    }
  });

  it('takes under a millisecond a message on average', () => {
    const texts = [
      'Antrian di puskesmas lama banget, dari jam 7 baru dipanggil jam 11',
      'Min, vaksin HPV dibuka kapan lagi ya?',
      'Makasih dinkes, fogging di RW kami udah dilakukan',
    ];
    for (const t of texts) classify(t); // warm the stem cache, as a running function would be
    const started = performance.now();
    for (let i = 0; i < 300; i++) classify(`${texts[i % 3]} ${i}`);
    expect((performance.now() - started) / 300).toBeLessThan(5);
  });
});

describe('evaluation data', () => {
  it('the unseen set follows the fixture schema and covers every complaint category', async () => {
    const { rows, errors } = parseDataset(await readFile('test/fixtures/feedback-id.unseen.jsonl', 'utf8'));
    expect(errors).toEqual([]);
    const categories = new Set(rows.map((r) => r.category).filter(Boolean));
    expect(categories.size).toBe(8);
  });
});

describe('classifier model: the weights file is checked when it is loaded', () => {
  it('refuses a row with the wrong number of weights, or a weight that is not a number', () => {
    const head = { classes: ['a', 'b'], bias: [0, 0], weights: { 'w:x': [1, 2] } };
    expect(headSchema.safeParse(head).success).toBe(true);
    expect(headSchema.safeParse({ ...head, weights: { 'w:x': [1] } }).success).toBe(false);
    expect(headSchema.safeParse({ ...head, weights: { 'w:x': [1, 'dua'] } }).success).toBe(false);
    expect(headSchema.safeParse({ ...head, bias: [0] }).success).toBe(false);
  });
});
