// Binary sentiment classification of reviews from a user-supplied IMDb-style CSV (Omnigrok,
// Liu, Michaud & Tegmark 2023, Fig. 4; §3 of src/papers/omnigrok/README.md). The preprocessing follows the
// paper's code (KindXiaoming/Omnigrok, imdb/grokking): the first N rows of the file, a
// stratified 75/25 split, words lower-cased and stripped of punctuation and digits, English
// stop words removed, the most frequent words of the *training* split as the vocabulary (ids
// 1…V, 0 = padding), each review left-padded with 0 or truncated to its first L words.
import { readFileSync, statSync } from 'node:fs';
import { z } from 'zod';
import { key, permutation } from '../random/index.js';
import { csvRecords, CsvError } from './csv.js';
import { DataFileError, type Dataset, type Examples } from './dataset.js';
import { ENGLISH_STOPWORDS } from './english-stopwords.js';
import type { TaskDefinition } from './task.js';

export const CSV_COLUMNS = 'review (the text) and sentiment ("positive" or "negative")';

export const textClassificationTaskSchema = z
  .object({
    name: z.literal('text-classification'),
    path: z
      .string()
      .min(1)
      .describe(`the IMDb-style CSV, supplied by the user (e.g. Kaggle's "IMDB Dataset.csv"), with a header row and columns ${CSV_COLUMNS}`),
    examples: z.number().int().min(4).default(1000).describe('N: the first N reviews of the file are used (Omnigrok: 1000)'),
    testFraction: z
      .number()
      .gt(0)
      .lt(1)
      .default(0.25)
      .describe('fraction of the N reviews held out for testing, stratified by sentiment (Omnigrok: 0.25 → 750/250)'),
    vocabulary: z
      .number()
      .int()
      .min(1)
      .default(1000)
      .describe('the most frequent words of the training split kept as tokens 1…V; token 0 is padding (Omnigrok: 1000)'),
    sequenceLength: z.number().int().min(1).default(500).describe('reviews are left-padded with 0 or truncated to their first L words (Omnigrok: 500)'),
    stopwords: z.boolean().default(true).describe("remove NLTK's English stop words before counting (as the Omnigrok code)"),
    unknownWords: z
      .enum(['drop', 'pad'])
      .default('drop')
      .describe('words outside the vocabulary: "drop" them (the Omnigrok code) or map them to token 0 ("pad")'),
    splitSeed: z.number().int().min(0).default(0).describe('seed of the train/test split (independent of the model seed)'),
  })
  .strict()
  .superRefine((t, ctx) => {
    const test = testCount(t.examples, t.testFraction);
    if (test < 2 || test > t.examples - 2) {
      ctx.addIssue({
        code: 'custom',
        path: ['testFraction'],
        message: `${t.testFraction} of ${t.examples} examples leaves ${test} for testing; need at least 2 in each split`,
      });
    }
  });

export type TextClassificationTask = z.infer<typeof textClassificationTaskSchema>;

/** sklearn's train_test_split rounds the test size up. */
const testCount = (n: number, fraction: number) => Math.ceil(fraction * n);

/** Lower-case words with HTML tags (IMDb's `<br />`), punctuation and digits removed. */
export function words(review: string, stopwords: boolean): string[] {
  const out: string[] = [];
  for (const raw of review
    .replace(/<[^>]*>/g, ' ')
    .toLowerCase()
    .split(/\s+/)) {
    // Python's re \w (letters, digits, _) then \d removed: what the paper's preprocess_string keeps.
    const word = raw.replace(/[^\p{L}\p{N}_]/gu, '').replace(/\p{Nd}/gu, '');
    if (word !== '' && !(stopwords && ENGLISH_STOPWORDS.has(word))) out.push(word);
  }
  return out;
}

/** The `size` most frequent words → ids 1…size; ties keep the order of first occurrence (Python's stable sort). */
export function buildVocabulary(documents: readonly string[][], size: number): Map<string, number> {
  const counts = new Map<string, number>();
  for (const doc of documents) for (const w of doc) counts.set(w, (counts.get(w) ?? 0) + 1);
  const ranked = [...counts.keys()].sort((a, b) => counts.get(b)! - counts.get(a)!).slice(0, size);
  return new Map(ranked.map((w, i) => [w, i + 1]));
}

/**
 * Token ids of one review, left-padded with 0 to `length` or cut to its first `length` words.
 * NOTE: left padding puts the last word at the last position, so an LSTM's final hidden state
 * (what the paper reads out) has just seen the review's end rather than a run of padding.
 */
export function encode(doc: readonly string[], vocab: ReadonlyMap<string, number>, length: number, unknown: 'drop' | 'pad', out: Int32Array): void {
  const ids: number[] = [];
  for (const w of doc) {
    const id = vocab.get(w);
    if (id !== undefined) ids.push(id);
    else if (unknown === 'pad') ids.push(0);
  }
  const kept = ids.slice(0, length);
  out.fill(0);
  out.set(kept, length - kept.length);
}

export interface Review {
  text: string;
  /** 1 = positive, 0 = negative */
  label: number;
}

/** The first `count` reviews of an IMDb-style CSV, or a DataFileError naming the file and line. */
export function readReviews(path: string, count: number): Review[] {
  let text: string;
  try {
    if (!statSync(path).isFile()) throw new DataFileError(`${path} is not a file`);
    text = readFileSync(path, 'utf8');
  } catch (error) {
    if (error instanceof DataFileError) throw error;
    const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new DataFileError(
      `cannot read the review CSV ${path} (${reason}); it is user-supplied (task.path; --data for groklab reproduce), with a header row and columns ${CSV_COLUMNS}`,
    );
  }
  const reviews: Review[] = [];
  try {
    const records = csvRecords(text, path);
    const header = records.next();
    if (header.done) throw new DataFileError(`${path} is empty; expected a header row with columns ${CSV_COLUMNS}`);
    const names = header.value.fields.map((f) => f.trim().toLowerCase());
    const reviewAt = names.indexOf('review');
    const sentimentAt = names.indexOf('sentiment');
    if (reviewAt < 0 || sentimentAt < 0) {
      throw new DataFileError(`${path}: line ${header.value.line}: the header ${JSON.stringify(header.value.fields)} lacks the columns ${CSV_COLUMNS}`);
    }
    for (const { fields, line } of records) {
      if (reviews.length === count) break;
      if (fields.length !== names.length) throw new DataFileError(`${path}: line ${line}: ${fields.length} fields, but the header has ${names.length}`);
      const sentiment = fields[sentimentAt].trim().toLowerCase();
      if (sentiment !== 'positive' && sentiment !== 'negative') {
        throw new DataFileError(`${path}: line ${line}: sentiment must be "positive" or "negative", got ${JSON.stringify(fields[sentimentAt])}`);
      }
      reviews.push({ text: fields[reviewAt], label: sentiment === 'positive' ? 1 : 0 });
    }
  } catch (error) {
    if (error instanceof CsvError) throw new DataFileError(error.message);
    throw error;
  }
  if (reviews.length < count) throw new DataFileError(`${path} holds ${reviews.length} reviews; task.examples asks for the first ${count}`);
  return reviews;
}

/**
 * A stratified split by a seeded permutation: each class gives its share of the test set
 * (as sklearn's train_test_split(stratify=y)), the rest is training; order = the permutation's.
 */
export function stratifiedSplit(labels: readonly number[], testFraction: number, seed: number): { train: number[]; test: number[] } {
  const n = labels.length;
  const order = permutation(key(seed), n);
  const positives = labels.reduce((s, l) => s + l, 0);
  const testTotal = testCount(n, testFraction);
  const testPositives = Math.min(positives, Math.max(0, Math.round((testTotal * positives) / n)));
  const quota = [testTotal - testPositives, testPositives];
  const train: number[] = [];
  const test: number[] = [];
  for (const i of order) {
    if (quota[labels[i]] > 0) {
      quota[labels[i]]--;
      test.push(i);
    } else train.push(i);
  }
  return { train, test };
}

export interface TextClassificationData extends Dataset {
  /** word → token id (1…V) */
  vocabulary: Map<string, number>;
}

export function textClassificationData(task: TextClassificationTask): TextClassificationData {
  const reviews = readReviews(task.path, task.examples);
  const docs = reviews.map((r) => words(r.text, task.stopwords));
  const split = stratifiedSplit(
    reviews.map((r) => r.label),
    task.testFraction,
    task.splitSeed,
  );
  const vocabulary = buildVocabulary(
    split.train.map((i) => docs[i]),
    task.vocabulary,
  );
  const L = task.sequenceLength;
  const examples = (rows: number[]): Examples => {
    const tokens = new Int32Array(rows.length * L);
    const labels = new Int32Array(rows.length);
    rows.forEach((r, k) => {
      encode(docs[r], vocabulary, L, task.unknownWords, tokens.subarray(k * L, (k + 1) * L));
      labels[k] = reviews[r].label;
    });
    return { count: rows.length, tokens, labels };
  };
  return {
    train: examples(split.train),
    test: examples(split.test),
    // the embedding has a row for every id, even when the training split has fewer distinct words
    input: { kind: 'tokens', vocab: task.vocabulary + 1, sequenceLength: L },
    outputs: 1,
    objective: { name: 'bce' },
    vocabulary,
  };
}

export const textClassificationTask = {
  schema: textClassificationTaskSchema,
  experiment: 'supervised',
  data: (task) => textClassificationData(task),
} satisfies TaskDefinition<typeof textClassificationTaskSchema>;
