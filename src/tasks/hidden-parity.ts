// Binary classification tasks of Miller, O'Neill & Bui 2024's GP classifier (§3 of
// src/papers/miller/README.md): the zero-one toy, y = 1[x > 0] for x ~ U(−½, ½), and hidden parity, the
// parity of k relevant bits concealed among d − k extra dimensions. The paper draws the extra
// dimensions from N(0, 1); its code (HiddenDataset) appends random bits: both are options.
// Labels 0/1 with a 2-class cross-entropy objective, so networks can train on them too.
import { z } from 'zod';
import { foldIn, key, normal, randint, uniform } from '../random/index.js';
import { dataSeedSchema, resolveDataSeed } from './data-seed.js';
import type { Dataset, Examples } from './dataset.js';
import type { TaskDefinition } from './task.js';

export const zeroOneTaskSchema = z
  .object({
    name: z.literal('zero-one'),
    trainCount: z.number().int().min(1).default(20).describe('training points (the paper: 20)'),
    testCount: z.number().int().min(1).default(20).describe('validation points (the code: 20)'),
    dataSeed: dataSeedSchema.default('run').describe('seed of x ~ U(−½, ½); "run": the run\'s training.seed'),
  })
  .strict();
export type ZeroOneTask = z.infer<typeof zeroOneTaskSchema>;

export const hiddenParityTaskSchema = z
  .object({
    name: z.literal('hidden-parity'),
    relevantBits: z.number().int().min(1).default(3).describe('k: the label is the parity of the first k bits (the paper: 3)'),
    dimensions: z.number().int().min(1).default(40).describe('d: input dimensions, k bits then d − k extra ones (the paper: 40)'),
    extra: z.enum(['gaussian', 'bits']).default('gaussian').describe('the extra dimensions: "gaussian" N(0, 1) (the paper) or random {0, 1} "bits" (the code)'),
    trainCount: z.number().int().min(1).default(1000).describe('training examples (the paper: 1000)'),
    testCount: z.number().int().min(1).default(100).describe('validation examples (the paper: 100)'),
    dataSeed: dataSeedSchema.default('run').describe('seed of the drawn inputs; "run": the run\'s training.seed'),
  })
  .strict()
  .refine((t) => t.relevantBits <= t.dimensions, { path: ['relevantBits'], message: 'must be at most dimensions' });
export type HiddenParityTask = z.infer<typeof hiddenParityTaskSchema>;

function binaryDataset(features: Float64Array, labels: Int32Array, width: number, trainCount: number): Dataset {
  const total = labels.length;
  const part = (from: number, to: number): Examples => ({
    count: to - from,
    features: features.slice(from * width, to * width),
    labels: labels.slice(from, to),
  });
  return {
    train: part(0, trainCount),
    test: part(trainCount, total),
    input: { kind: 'features', features: width },
    outputs: 2,
    objective: { name: 'cross-entropy' },
  };
}

export function zeroOneData(task: ZeroOneTask, runSeed: number): Dataset {
  const xs = uniform(key(resolveDataSeed(task.dataSeed, runSeed)), task.trainCount + task.testCount, 'float64', -0.5, 0.5) as Float64Array;
  return binaryDataset(
    xs,
    Int32Array.from(xs, (x) => (x > 0 ? 1 : 0)),
    1,
    task.trainCount,
  );
}

export function hiddenParityData(task: HiddenParityTask, runSeed: number): Dataset {
  const { relevantBits: k, dimensions: d } = task;
  const total = task.trainCount + task.testCount;
  const root = key(resolveDataSeed(task.dataSeed, runSeed));
  const bits = randint(foldIn(root, 0), total * d, 0, 2);
  const gaussian = task.extra === 'gaussian' ? normal(foldIn(root, 1), total * d, 'float64') : null;
  const features = Float64Array.from(bits, (b, i) => (gaussian && i % d >= k ? gaussian[i] : b));
  const labels = new Int32Array(total);
  for (let i = 0; i < total; i++) {
    let ones = 0;
    for (let b = 0; b < k; b++) ones += bits[i * d + b];
    labels[i] = ones % 2;
  }
  return binaryDataset(features, labels, d, task.trainCount);
}

export const zeroOneTask = { schema: zeroOneTaskSchema, experiment: 'supervised', data: zeroOneData } satisfies TaskDefinition<typeof zeroOneTaskSchema>;
export const hiddenParityTask = { schema: hiddenParityTaskSchema, experiment: 'supervised', data: hiddenParityData } satisfies TaskDefinition<
  typeof hiddenParityTaskSchema
>;
