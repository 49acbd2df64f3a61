// The examples of each optimizer step: the whole training set, a seeded sample per step, or —
// as PyTorch's DataLoader(shuffle=True) makes them — each epoch a fresh seeded permutation of the
// training set walked in consecutive batches, the last one smaller (drop_last=False). A pure
// function of the step, so a resumed run sees the same batches.
import type { TrainingConfig } from '../config/schema.js';
import { foldIn, permutation, type Key } from '../random/index.js';
import { selectRows, type Examples } from '../tasks/dataset.js';

/** Optimizer steps in one pass over `count` examples. */
export const stepsPerEpoch = (count: number, batchSize: number): number => Math.ceil(count / batchSize);

/** The last epoch's permutation: the steps of an epoch share it (a pure function of key, epoch and count). */
let lastEpoch: { key: Key; epoch: number; count: number; order: Int32Array } | null = null;

function epochOrder(batchKey: Key, epoch: number, count: number): Int32Array {
  const hit = lastEpoch && lastEpoch.epoch === epoch && lastEpoch.count === count && lastEpoch.key[0] === batchKey[0] && lastEpoch.key[1] === batchKey[1];
  if (!hit) lastEpoch = { key: [batchKey[0], batchKey[1]], epoch, count, order: permutation(foldIn(batchKey, epoch), count) };
  return lastEpoch!.order;
}

/** The rows of step `step`'s batch (read-only): a slice of epoch ⌊step / stepsPerEpoch⌋'s permutation. */
export function epochBatchRows(batchKey: Key, step: number, count: number, batchSize: number): Int32Array {
  const perEpoch = stepsPerEpoch(count, batchSize);
  const epoch = Math.floor(step / perEpoch);
  const start = (step % perEpoch) * batchSize;
  return epochOrder(batchKey, epoch, count).subarray(start, Math.min(count, start + batchSize));
}

/** Examples per step for training.batchSize on `count` training examples. */
export function batchSizeFor(batchSize: TrainingConfig['batchSize'], count: number): number {
  if (batchSize === 'full') return count;
  if (typeof batchSize === 'number') return Math.min(batchSize, count);
  return Math.min(batchSize.max, Math.ceil(batchSize.fraction * count));
}

/** Step `step`'s examples under training.batchSize and training.batchOrder. */
export function minibatch(train: Examples, training: TrainingConfig, batchKey: Key, step: number): Examples {
  const size = batchSizeFor(training.batchSize, train.count);
  if (size >= train.count) return train;
  if (training.batchOrder === 'epochs') return selectRows(train, epochBatchRows(batchKey, step, train.count, size));
  return selectRows(train, permutation(foldIn(batchKey, step), train.count).subarray(0, size));
}
