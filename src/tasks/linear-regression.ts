// Grokking in linear regression (Miller, O'Neill & Bui 2024, §1 of src/papers/miller/README.md; their code:
// jackmiller2003/tiny-gen, experiment_grokking_lr_classification): x ~ U(−½, ½), y = 0.3·x,
// features [x, x², x³, sin(100x)] — three of them spurious — and only two training points.
// The model (`linear`) and its loss live in models/linear.ts.
import { z } from 'zod';
import { key, uniform } from '../random/index.js';
import { dataSeedSchema, resolveDataSeed } from './data-seed.js';
import type { Dataset, Examples } from './dataset.js';
import type { TaskDefinition } from './task.js';

export const linearRegressionTaskSchema = z
  .object({
    name: z.literal('linear-regression'),
    trainCount: z.number().int().min(1).default(2).describe('training points (the paper: 2)'),
    testCount: z.number().int().min(1).default(98).describe('validation points (the paper: 98)'),
    slope: z.number().default(0.3).describe('y = slope · x (the paper: 0.3)'),
    dataSeed: dataSeedSchema.default('run').describe('seed of x ~ U(−½, ½) (the paper draws new data with each run seed); "run": the run\'s training.seed'),
  })
  .strict();

export type LinearRegressionTask = z.infer<typeof linearRegressionTaskSchema>;

/** The feature map of the paper: x and three spurious features. */
export const FEATURES = [(x: number) => x, (x: number) => x * x, (x: number) => x * x * x, (x: number) => Math.sin(100 * x)];

/** Features [count, 4] and targets [count, 1]; the first trainCount points train. */
export function linearRegressionData(task: LinearRegressionTask, runSeed: number): Pick<Dataset, 'train' | 'test' | 'input'> {
  const total = task.trainCount + task.testCount;
  const xs = uniform(key(resolveDataSeed(task.dataSeed, runSeed)), total, 'float64', -0.5, 0.5);
  const part = (from: number, to: number): Examples => {
    const x = xs.subarray(from, to);
    return {
      count: to - from,
      features: Float64Array.from({ length: x.length * FEATURES.length }, (_, k) => FEATURES[k % FEATURES.length](x[Math.floor(k / FEATURES.length)])),
      targets: Float64Array.from(x, (v) => task.slope * v),
    };
  };
  return { train: part(0, task.trainCount), test: part(task.trainCount, total), input: { kind: 'features', features: FEATURES.length } };
}

export const linearRegressionTask = {
  schema: linearRegressionTaskSchema,
  experiment: 'linear-regression',
  data: linearRegressionData,
} satisfies TaskDefinition<typeof linearRegressionTaskSchema>;
