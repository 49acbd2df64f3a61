// GP regression data of Miller, O'Neill & Bui 2024 (§2 of src/papers/miller/README.md; their code's
// NoisySineWaveTask): x ~ U(−1.5, 1.5), y = sin(2x) + N(0, 0.1²), split at random 50/50.
import { z } from 'zod';
import { foldIn, key, normal, uniform } from '../random/index.js';
import { dataSeedSchema, resolveDataSeed } from './data-seed.js';
import type { Dataset, Examples } from './dataset.js';
import type { TaskDefinition } from './task.js';

export const noisySineTaskSchema = z
  .object({
    name: z.literal('noisy-sine'),
    trainCount: z.number().int().min(1).default(50).describe('training points (the paper: 50 of 100)'),
    testCount: z.number().int().min(1).default(50).describe('validation points (the paper: 50 of 100)'),
    halfWidth: z.number().positive().default(1.5).describe('x ~ U(−halfWidth, halfWidth) (the paper: 1.5)'),
    frequency: z.number().default(2).describe('y = sin(frequency · x) + noise (the paper: 2)'),
    noiseStd: z.number().min(0).default(0.1).describe('standard deviation of the Gaussian noise on y (the paper: 0.1)'),
    dataSeed: dataSeedSchema.default(0).describe('seed of x and of the noise; "run": the run\'s training.seed'),
  })
  .strict();

export type NoisySineTask = z.infer<typeof noisySineTaskSchema>;

/** One input feature x and a target per point; train and validation points are i.i.d. draws. */
export function noisySineData(task: NoisySineTask, runSeed: number): Pick<Dataset, 'train' | 'test' | 'input'> {
  const total = task.trainCount + task.testCount;
  const root = key(resolveDataSeed(task.dataSeed, runSeed));
  const xs = uniform(foldIn(root, 0), total, 'float64', -task.halfWidth, task.halfWidth);
  const noise = normal(foldIn(root, 1), total, 'float64', 0, task.noiseStd);
  const part = (from: number, to: number): Examples => ({
    count: to - from,
    features: Float64Array.from(xs.subarray(from, to)),
    targets: Float64Array.from(xs.subarray(from, to), (x, i) => Math.sin(task.frequency * x) + noise[from + i]),
  });
  return { train: part(0, task.trainCount), test: part(task.trainCount, total), input: { kind: 'features', features: 1 } };
}

export const noisySineTask = { schema: noisySineTaskSchema, experiment: 'exact-gp', data: noisySineData } satisfies TaskDefinition<typeof noisySineTaskSchema>;
