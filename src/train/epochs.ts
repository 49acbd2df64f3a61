// The examples of each optimizer step: the whole training set, a seeded sample per step, or —
// as PyTorch's DataLoader(shuffle=True) makes them — each epoch a fresh seeded permutation of the
// training set walked in consecutive batches, the last one smaller (drop_last=False). A pure
// function of the step, so a resumed run sees the same batches.
import type { TrainingConfig } from '../config/schema.js';
import { foldIn, permutation, type Key } from '../random/index.js';
import { selectRows, type Examples } from '../tasks/dataset.js';

/** Optimizer steps in one pass over `count` examples. */
export const stepsPerEpoch = (count: number, batchSize: number): number => Math.ceil(count / batchSize);

/** The rows of step `step`'s batch: a slice of epoch ⌊step / stepsPerEpoch⌋'s permutation. */
export function epochBatchRows(batchKey: Key, step: number, count: number, batchSize: number): Int32Array {
  const perEpoch = stepsPerEpoch(count, batchSize);
  const epoch = Math.floor(step / perEpoch);
  const start = (step % perEpoch) * batchSize;
  return permutation(foldIn(batchKey, epoch), count).subarray(start, Math.min(count, start + batchSize));
}

/** Step `step`'s examples under training.batchSize and training.batchOrder. */
export function minibatch(train: Examples, training: TrainingConfig, batchKey: Key, step: number): Examples {
  const size = training.batchSize;
  if (size === 'full' || size >= train.count) return train;
  if (training.batchOrder === 'epochs') return selectRows(train, epochBatchRows(batchKey, step, train.count, size));
  return selectRows(train, permutation(foldIn(batchKey, step), train.count).subarray(0, size));
}
