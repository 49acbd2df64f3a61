// Fashion-MNIST (Xiao, Rasul & Vollgraf 2017) from Debian's `dataset-fashion-mnist`, which
// installs the original gzipped IDX files under /usr/share/datasets/fashion-mnist/. An extra
// image task for Omnigrok's experiments (§2 of src/papers/omnigrok/README.md); nothing is downloaded.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { foldIn, key, permutation } from '../random/index.js';
import type { Dataset } from './dataset.js';
import { readIdx } from './idx.js';
import { PIXELS, imageDataset, imageLossSchema, imageRows, type ImagePool } from './images.js';
import type { TaskDefinition } from './task.js';

export const FASHION_MNIST_DIR = '/usr/share/datasets/fashion-mnist';

export const fashionMnistTaskSchema = z
  .object({
    name: z.literal('fashion-mnist'),
    trainSize: z.number().int().min(1).max(60_000).default(1000).describe('N: training images, drawn from the 60,000 of the training file'),
    testSize: z.number().int().min(1).max(10_000).default(5000).describe('test images, drawn from the 10,000 of the test file'),
    splitSeed: z.number().int().min(0).default(0).describe('seed of the shuffles that pick the train and test images'),
    loss: imageLossSchema,
    dir: z.string().min(1).default(FASHION_MNIST_DIR).describe('directory of the IDX files (Debian package dataset-fashion-mnist)'),
  })
  .strict();

export type FashionMnistTask = z.infer<typeof fashionMnistTaskSchema>;

const FILES = {
  train: ['train-images-idx3-ubyte.gz', 'train-labels-idx1-ubyte.gz'],
  test: ['t10k-images-idx3-ubyte.gz', 't10k-labels-idx1-ubyte.gz'],
} as const;

/** Whether the IDX files are there (tests skip without them). */
export function fashionMnistAvailable(dir = FASHION_MNIST_DIR): boolean {
  return Object.values(FILES).every((names) => names.every((n) => existsSync(join(dir, n))));
}

function pool(dir: string, split: keyof typeof FILES): ImagePool {
  const [imagesFile, labelsFile] = FILES[split].map((n) => join(dir, n));
  const images = readIdx(imagesFile);
  const labels = readIdx(labelsFile);
  const count = images.shape[0];
  if (images.shape.length !== 3 || images.shape[1] * images.shape[2] !== PIXELS || labels.shape.length !== 1 || labels.shape[0] !== count) {
    throw new Error(
      `fashion-mnist: ${imagesFile} [${images.shape.join(', ')}] and ${labelsFile} [${labels.shape.join(', ')}] are not N 28×28 images with N labels`,
    );
  }
  return { count, pixels: images.data, scale: 1 / 255, labels: labels.data };
}

export function fashionMnistData(task: FashionMnistTask): Dataset {
  if (!fashionMnistAvailable(task.dir)) {
    throw new Error(
      `fashion-mnist: the IDX files are not in ${task.dir}; install the Debian package dataset-fashion-mnist (apt-get install dataset-fashion-mnist) or set task.dir`,
    );
  }
  const seed = key(task.splitSeed);
  const pick = (split: keyof typeof FILES, n: number) => {
    const images = pool(task.dir, split);
    if (n > images.count) throw new Error(`fashion-mnist: asked for ${n} ${split} images, the file has ${images.count}`);
    return imageRows(images, permutation(foldIn(seed, split === 'train' ? 0 : 1), images.count).subarray(0, n));
  };
  return imageDataset(pick('train', task.trainSize), pick('test', task.testSize), task.loss);
}

export const fashionMnistTask = { schema: fashionMnistTaskSchema, experiment: 'supervised', data: (task) => fashionMnistData(task) } satisfies TaskDefinition<
  typeof fashionMnistTaskSchema
>;
