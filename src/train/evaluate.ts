// The metrics of one evaluation: loss and accuracy on the whole train and test sets, and the
// weight norm. Nothing here records a graph or keeps memory past the call.
import { accuracy, l2 } from '../metrics/index.js';
import type { Metrics } from '../runs/events.js';
import type { TokenBatch } from '../tasks/modular.js';
import * as T from '../tensor/index.js';
import type { RunSetup } from './setup.js';

export function evaluate(run: RunSetup): Metrics {
  return T.tidy(() =>
    T.noGrad(() => {
      const measure = (batch: TokenBatch) => {
        const logits = run.model.apply(run.params, batch);
        return { loss: lossOrNaN(logits, batch.labels), acc: accuracy(logits, batch.labels) };
      };
      const train = measure(run.data.train);
      const test = measure(run.data.test);
      return { train_loss: train.loss, train_acc: train.acc, test_loss: test.loss, test_acc: test.acc, weight_l2: l2(run.arrays) };
    }),
  );
}

/** A diverged model still gets evaluated: its loss is recorded as NaN rather than thrown. */
function lossOrNaN(logits: T.Tensor, labels: Int32Array): number {
  try {
    return T.crossEntropy(logits, labels).item();
  } catch (error) {
    if (error instanceof T.NonFiniteError) return NaN;
    throw error;
  }
}
