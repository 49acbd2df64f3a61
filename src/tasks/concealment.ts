// Concealment (Miller, O'Neill & Bui 2024, "Grokking beyond neural networks", §4 of
// src/papers/miller/README.md): a binary operation mod p with one-hot operands, hidden among l random bits
// appended to every example. The bits carry no information, yet the gap between fitting the
// training set and generalizing grows exponentially in l. As in the authors' code
// (jackmiller2003/tiny-gen, HiddenDataset): the examples are drawn with replacement from all
// pairs, each example gets bits of its own, and the first `trainCount` train (an i.i.d. sample,
// so this is their random split in distribution).
import { z } from 'zod';
import { foldIn, key, randint } from '../random/index.js';
import { dataSeedSchema, resolveDataSeed } from './data-seed.js';
import type { Dataset, Examples } from './dataset.js';
import { isPrime, OPERATIONS as MODULAR } from './modular.js';
import type { TaskDefinition } from './task.js';

type Op = (x: number, y: number, p: number) => number;

/** The six operations of the paper; x/y never sees y = 0 (the authors draw y from 1 … p−1). */
export const CONCEALMENT_OPERATIONS = {
  add: MODULAR.add,
  sub: MODULAR.sub,
  div: MODULAR.div,
  'x2+xy+y2': MODULAR['x2+xy+y2'],
  'x2+xy+y2+x': (x, y, p) => (MODULAR['x2+xy+y2'](x, y, p) + x) % p,
  xyx: (x, y, p) => MODULAR.mul(MODULAR.mul(x, y, p), x, p),
} satisfies Record<string, Op>;

export type ConcealmentOperation = keyof typeof CONCEALMENT_OPERATIONS;
const NAMES = Object.keys(CONCEALMENT_OPERATIONS) as [ConcealmentOperation, ...ConcealmentOperation[]];

export const concealmentTaskSchema = z
  .object({
    name: z.literal('concealment'),
    p: z.number().int().min(2).max(1000).describe('the modulus (the paper: 7); also the number of classes'),
    operation: z.enum(NAMES).describe('x ∘ y mod p: add, sub, div (y ≠ 0), x2+xy+y2, x2+xy+y2+x, xyx (x·y·x)'),
    extraBits: z.number().int().min(0).max(10_000).describe('l: random {0, 1} features appended to the 2p one-hot inputs'),
    samples: z.number().int().min(2).describe('examples drawn with replacement from all pairs (the paper: 800)'),
    trainCount: z.number().int().min(1).describe('of which the first are the training set (the paper: 600; the rest validate)'),
    dataSeed: dataSeedSchema,
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.trainCount >= t.samples)
      ctx.addIssue({ code: 'custom', path: ['trainCount'], message: `must be below samples (${t.samples}) to leave a validation set` });
    if (t.operation === 'div' && !isPrime(t.p)) ctx.addIssue({ code: 'custom', path: ['p'], message: `must be prime for operation "div" (${t.p} is not)` });
  });

export type ConcealmentTask = z.infer<typeof concealmentTaskSchema>;

/** Dense features [2p one-hot | l bits] and the class of each example; `runSeed` serves dataSeed "run". */
export function concealmentData(task: ConcealmentTask, runSeed: number): Dataset {
  const { p, extraBits, samples } = task;
  const op = CONCEALMENT_OPERATIONS[task.operation];
  const root = key(resolveDataSeed(task.dataSeed, runSeed));
  const xs = randint(foldIn(root, 0), samples, 0, p);
  const ys = randint(foldIn(root, 1), samples, task.operation === 'div' ? 1 : 0, p);
  const noise = randint(foldIn(root, 2), samples * extraBits, 0, 2);
  const width = 2 * p + extraBits;
  const features = new Float64Array(samples * width);
  const labels = new Int32Array(samples);
  for (let i = 0; i < samples; i++) {
    const row = i * width;
    features[row + xs[i]] = 1;
    features[row + p + ys[i]] = 1;
    for (let b = 0; b < extraBits; b++) features[row + 2 * p + b] = noise[i * extraBits + b];
    labels[i] = op(xs[i], ys[i], p);
  }
  const part = (from: number, to: number): Examples => ({
    count: to - from,
    features: features.slice(from * width, to * width),
    labels: labels.slice(from, to),
  });
  return {
    train: part(0, task.trainCount),
    test: part(task.trainCount, samples),
    input: { kind: 'features', features: width },
    outputs: p,
    objective: { name: 'cross-entropy' },
  };
}

export const concealmentTask = { schema: concealmentTaskSchema, experiment: 'supervised', data: concealmentData } satisfies TaskDefinition<
  typeof concealmentTaskSchema
>;
