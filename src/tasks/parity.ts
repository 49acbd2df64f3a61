// Sparse parity ("hidden parity", Barak et al. 2022; Miller, O'Neill & Bui 2024 §5 of
// src/papers/miller/README.md): `bits` random {0, 1} features, the class being the parity of the first k.
// The other bits are spurious dimensions that conceal the rule. As in the authors' code
// (jackmiller2003/tiny-gen, ParityTask + HiddenDataset), every example is an independent draw,
// so duplicates may occur and train and test are i.i.d. samples.
import { z } from 'zod';
import { key, randint } from '../random/index.js';
import { dataSeedSchema, resolveDataSeed } from './data-seed.js';
import type { Dataset, Examples } from './dataset.js';
import type { TaskDefinition } from './task.js';

export const parityTaskSchema = z
  .object({
    name: z.literal('parity'),
    bits: z.number().int().min(1).max(10_000).describe('input bits per example (the paper: 30)'),
    k: z.number().int().min(1).describe('the label is the parity of the first k bits (the paper: 3)'),
    trainCount: z.number().int().min(1).describe('training examples'),
    testCount: z.number().int().min(1).describe('validation examples'),
    dataSeed: dataSeedSchema,
  })
  .strict()
  .refine((t) => t.k <= t.bits, { path: ['k'], message: 'must be at most bits' });

export type ParityTask = z.infer<typeof parityTaskSchema>;

/** Dense {0, 1} features and labels (Σ of the first k bits) mod 2; `runSeed` serves dataSeed "run". */
export function parityData(task: ParityTask, runSeed: number): Dataset {
  const { bits, k } = task;
  const total = task.trainCount + task.testCount;
  const drawn = randint(key(resolveDataSeed(task.dataSeed, runSeed)), total * bits, 0, 2);
  const features = Float64Array.from(drawn);
  const labels = new Int32Array(total);
  for (let i = 0; i < total; i++) {
    let s = 0;
    for (let b = 0; b < k; b++) s += drawn[i * bits + b];
    labels[i] = s % 2;
  }
  const part = (from: number, to: number): Examples => ({ count: to - from, features: features.slice(from * bits, to * bits), labels: labels.slice(from, to) });
  return {
    train: part(0, task.trainCount),
    test: part(task.trainCount, total),
    input: { kind: 'features', features: bits },
    outputs: 2,
    objective: { name: 'cross-entropy' },
  };
}

export const parityTask = { schema: parityTaskSchema, experiment: 'supervised', data: parityData } satisfies TaskDefinition<typeof parityTaskSchema>;
