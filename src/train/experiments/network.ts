// A network classifying token sequences (modular arithmetic): model + cross-entropy + optimizer,
// full batch or seeded minibatches, evaluated on the whole train and test sets.
import type { RunConfig } from '../../config/schema.js';
import { accuracy, l2 } from '../../metrics/index.js';
import { buildModel, initParams, type Model, type Params } from '../../models/index.js';
import { applyUpdates, buildOptimizer, type Arrays, type State, type Transform } from '../../optim/index.js';
import { foldIn, key, permutation, type Key } from '../../random/index.js';
import type { Metrics } from '../../runs/events.js';
import { modularData, type ModularData, type TokenBatch } from '../../tasks/modular.js';
import * as T from '../../tensor/index.js';
import type { Experiment } from '../experiment.js';

export class NetworkExperiment implements Experiment {
  readonly data: ModularData;
  readonly model: Model;
  readonly params: Params;
  readonly arrays: Arrays;
  readonly optimizer: Transform;
  state: State;
  /** per-step minibatch randomness, independent of the initialization's */
  private readonly batchKey: Key;

  constructor(private readonly config: RunConfig) {
    if (config.task.name !== 'modular') throw new Error(`NetworkExperiment: task ${config.task.name} is not a token task`);
    this.data = modularData(config.task);
    this.model = buildModel(config.model, { vocab: this.data.vocab, classes: this.data.classes, sequenceLength: this.data.sequenceLength });
    const root = key(config.training.seed);
    this.params = initParams(this.model, foldIn(root, 0), config.training.dtype, config.model.initScale);
    this.arrays = Object.fromEntries(Object.entries(this.params).map(([name, p]) => [name, p.data]));
    this.optimizer = buildOptimizer(config.optimizer, { shapes: this.model.shapes });
    this.state = this.optimizer.init(this.arrays);
    this.batchKey = foldIn(root, 1);
  }

  step(step: number): number {
    return T.tidy(() => {
      const batch = this.minibatch(step);
      let loss: T.Tensor;
      try {
        loss = T.crossEntropy(this.model.apply(this.params, batch), batch.labels);
      } catch (error) {
        if (error instanceof T.NonFiniteError) return NaN;
        throw error;
      }
      loss.backward();
      const updates = Object.fromEntries(Object.entries(this.params).map(([name, p]) => [name, p.grad!.data]));
      this.optimizer.update(updates, this.state, this.arrays);
      applyUpdates(this.arrays, updates);
      for (const p of Object.values(this.params)) p.grad = null;
      return loss.item();
    });
  }

  evaluate(): Metrics {
    return T.tidy(() =>
      T.noGrad(() => {
        const measure = (batch: TokenBatch) => {
          const logits = this.model.apply(this.params, batch);
          return { loss: lossOrNaN(logits, batch.labels), acc: accuracy(logits, batch.labels) };
        };
        const train = measure(this.data.train);
        const test = measure(this.data.test);
        return { train_loss: train.loss, train_acc: train.acc, test_loss: test.loss, test_acc: test.acc, weight_l2: l2(this.arrays) };
      }),
    );
  }

  /** The examples of this step: all of them, or a seeded sample that depends only on the step. */
  private minibatch(step: number): TokenBatch {
    const { train } = this.data;
    const size = this.config.training.batchSize;
    if (size === 'full' || size >= train.count) return train;
    const rows = permutation(foldIn(this.batchKey, step), train.count).subarray(0, size);
    const width = train.tokens.length / train.count;
    const tokens = new Int32Array(size * width);
    const labels = new Int32Array(size);
    rows.forEach((r, i) => {
      tokens.set(train.tokens.subarray(r * width, (r + 1) * width), i * width);
      labels[i] = train.labels[r];
    });
    return { tokens, labels, count: size };
  }
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
