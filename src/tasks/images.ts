// Labelled 28×28 grey-scale digits and garments (MNIST, Fashion-MNIST) as a supervised Dataset:
// pixels in [0, 1] as dense features, trained with MSE against the one-hot label (Omnigrok,
// Liu, Michaud & Tegmark 2023, §2 of src/papers/omnigrok/README.md) or with cross-entropy.
import { z } from 'zod';
import type { Dataset, Examples } from './dataset.js';

export const PIXELS = 28 * 28;
export const CLASSES = 10;

export const imageLossSchema = z
  .enum(['mse', 'cross-entropy'])
  .default('mse')
  .describe('"mse": mean squared error against the one-hot label (Omnigrok); "cross-entropy": softmax CE');

/** A pool of images: `pixels` [count, 784] (times `scale` lies in [0, 1]), `labels` 0…9. */
export interface ImagePool {
  count: number;
  /** floats (the mnist package) or raw bytes (IDX files), kept as stored: converting all of Fashion-MNIST to float64 would take 376 MB */
  pixels: Float64Array | Uint8Array;
  scale: number;
  labels: Uint8Array | Int32Array;
}

/** The examples at `rows` of the pool, in that order. */
export function imageRows(pool: ImagePool, rows: ArrayLike<number>): Examples {
  const count = rows.length;
  const features = new Float64Array(count * PIXELS);
  const labels = new Int32Array(count);
  for (let i = 0; i < count; i++) {
    const from = rows[i] * PIXELS;
    for (let j = 0; j < PIXELS; j++) features[i * PIXELS + j] = pool.pixels[from + j] * pool.scale;
    labels[i] = pool.labels[rows[i]];
  }
  return { count, features, labels };
}

export function imageDataset(train: Examples, test: Examples, loss: z.infer<typeof imageLossSchema>): Dataset {
  return {
    train,
    test,
    input: { kind: 'features', features: PIXELS },
    outputs: CLASSES,
    objective: { name: loss === 'mse' ? 'mse-onehot' : 'cross-entropy' },
  };
}
