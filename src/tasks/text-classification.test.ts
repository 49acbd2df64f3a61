import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runConfigSchema, type RunConfig } from '../config/schema.js';
import { UsageError } from '../errors.js';
import { setupRun } from '../train/setup.js';
import { writeSyntheticReviews } from './reviews-testing.js';
import {
  buildVocabulary,
  encode,
  stratifiedSplit,
  textClassificationData,
  textClassificationTaskSchema,
  words,
  type TextClassificationTask,
} from './text-classification.js';

const dir = mkdtempSync(join(tmpdir(), 'groklab-text-'));
const csv = join(dir, 'reviews.csv');
writeSyntheticReviews(csv, { count: 40 });

const task = (over: Partial<TextClassificationTask> = {}): TextClassificationTask =>
  textClassificationTaskSchema.parse({ name: 'text-classification', path: csv, examples: 40, vocabulary: 30, sequenceLength: 24, ...over });

describe('text-classification preprocessing', () => {
  it('lower-cases, strips HTML tags, punctuation, digits and stop words', () => {
    expect(words('The film was GREAT!<br /><br />10/10, "loved" it... co-star', true)).toEqual(['film', 'great', 'loved', 'costar']);
    expect(words('The end', false)).toEqual(['the', 'end']);
  });

  it('ranks words by frequency, ties in order of first occurrence; ids from 1', () => {
    const vocab = buildVocabulary(
      [
        ['b', 'a', 'c'],
        ['a', 'c', 'd'],
      ],
      3,
    );
    expect([...vocab]).toEqual([
      ['a', 1],
      ['c', 2],
      ['b', 3],
    ]);
  });

  it('left-pads with 0, keeps the first L words, drops or zeroes unknown words', () => {
    const vocab = new Map([
      ['good', 1],
      ['film', 2],
    ]);
    const out = new Int32Array(5);
    encode(['good', 'odd', 'film'], vocab, 5, 'drop', out);
    expect(Array.from(out)).toEqual([0, 0, 0, 1, 2]);
    encode(['good', 'odd', 'film'], vocab, 5, 'pad', out);
    expect(Array.from(out)).toEqual([0, 0, 1, 0, 2]);
    encode(['film', 'good', 'film', 'good'], vocab, 3, 'drop', out.subarray(0, 3));
    expect(Array.from(out.subarray(0, 3))).toEqual([2, 1, 2]);
  });

  it('splits 75/25, stratified by sentiment, by a seeded permutation', () => {
    const labels = Array.from({ length: 1000 }, (_, i) => (i < 600 ? 1 : 0));
    const { train, test } = stratifiedSplit(labels, 0.25, 0);
    expect([train.length, test.length]).toEqual([750, 250]);
    expect(test.filter((i) => labels[i] === 1).length).toBe(150);
    expect(new Set([...train, ...test]).size).toBe(1000);
    expect(stratifiedSplit(labels, 0.25, 0)).toEqual({ train, test });
    expect(stratifiedSplit(labels, 0.25, 1).test).not.toEqual(test);
  });
});

describe('text-classification data', () => {
  it('reads the first N reviews of the CSV into left-padded token rows and 0/1 labels', () => {
    const data = textClassificationData(task());
    expect([data.train.count, data.test.count]).toEqual([30, 10]);
    expect(data.input).toEqual({ kind: 'tokens', vocab: 31, sequenceLength: 24 });
    expect(data.objective).toEqual({ name: 'bce' });
    expect(data.train.labels!.reduce((s, l) => s + l, 0)).toBe(15);
    expect(data.vocabulary.size).toBe(30);
    expect(data.vocabulary.has('the')).toBe(false);
    for (let r = 0; r < data.train.count; r++) {
      const row = Array.from(data.train.tokens!.subarray(r * 24, (r + 1) * 24));
      const first = row.findIndex((id) => id !== 0);
      expect(row.slice(first).filter((id) => id === 0)).toEqual([]); // padding only on the left
      expect(Math.max(...row)).toBeLessThanOrEqual(30);
    }
    const fewer = textClassificationData(task({ examples: 8, testFraction: 0.25 }));
    expect([fewer.train.count, fewer.test.count]).toEqual([6, 2]);
  });

  it('explains a missing file, a bad header, a bad sentiment, a short file and a broken quote', () => {
    const bad = (name: string, text: string) => {
      const path = join(dir, name);
      writeFileSync(path, text);
      return () => textClassificationData(task({ path, examples: 4, testFraction: 0.5 }));
    };
    expect(() => textClassificationData(task({ path: join(dir, 'nope.csv') }))).toThrow(
      /cannot read the review CSV .*nope\.csv \(no such file\); it is user-supplied.*columns review .* and sentiment/,
    );
    expect(bad('header.csv', 'text,label\na,positive\n')).toThrow(/header\.csv: line 1: the header \["text","label"\] lacks the columns review/);
    expect(bad('sentiment.csv', 'review,sentiment\na,positive\nb,neutral\n')).toThrow(
      /sentiment\.csv: line 3: sentiment must be "positive" or "negative", got "neutral"/,
    );
    expect(bad('short.csv', 'review,sentiment\na,positive\nb,negative\n')).toThrow(/short\.csv holds 2 reviews; task.examples asks for the first 4/);
    expect(bad('quote.csv', 'review,sentiment\n"a,positive\n')).toThrow(/quote\.csv: line 2: a quoted field is never closed/);
    expect(bad('fields.csv', 'review,sentiment\na,positive,extra\n')).toThrow(/fields\.csv: line 2: 3 fields, but the header has 2/);
  });

  it('validates the config: too few examples for a split', () => {
    const result = textClassificationTaskSchema.safeParse({ name: 'text-classification', path: csv, examples: 4, testFraction: 0.1 });
    expect(result.success).toBe(false);
    expect(result.error?.issues[0].path).toEqual(['testFraction']);
  });

  const config = (over: Partial<TextClassificationTask> = {}): RunConfig =>
    runConfigSchema.parse({
      task: { name: 'text-classification', path: csv, examples: 40, vocabulary: 30, sequenceLength: 24, ...over },
      model: { name: 'lstm', embedDim: 8, hidden: 16, layers: 2, initScale: 1 },
      optimizer: {
        name: 'chain',
        transforms: [
          { name: 'clipByGlobalNorm', maxNorm: 5 },
          { name: 'adamw', lr: 1e-2, weightDecay: 0 },
        ],
      },
      training: { steps: 60, batchSize: 10, seed: 0, dtype: 'float32', evalsPerDecade: 5, checkpointEvery: 1000, earlyStop: null },
      detection: {
        trainMetric: 'train_acc',
        testMetric: 'test_acc',
        direction: 'above',
        trainThreshold: 0.99,
        testThreshold: 0.99,
        ratioThreshold: 10,
        sustained: false,
      },
    });

  it('trains: an LSTM learns the sentiment of the training reviews', () => {
    const { experiment } = setupRun(config());
    const before = experiment.evaluate();
    for (let s = 0; s < 60; s++) experiment.step(s);
    const after = experiment.evaluate();
    expect(before.train_acc).toBeLessThan(0.8);
    expect(after.train_acc).toBeGreaterThanOrEqual(0.9);
    expect(after.train_loss).toBeLessThan(before.train_loss);
  });

  it('is deterministic: the same config and seed give bit-identical metrics', () => {
    const metrics = () => {
      const { experiment } = setupRun(config());
      for (let s = 0; s < 5; s++) experiment.step(s);
      return experiment.evaluate();
    };
    expect(metrics()).toEqual(metrics());
  });

  it('reports a missing or malformed file as bad input (UsageError)', () => {
    expect(() => setupRun(config({ path: join(dir, 'missing.csv') }))).toThrow(UsageError);
  });
});
