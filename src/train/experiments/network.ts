// A network on a supervised dataset (modular arithmetic, MNIST, teacher–student, …): model +
// the task's objective + optimizer, full batch or seeded minibatches, evaluated on the whole
// train and test sets.
import type { RunConfig } from '../../config/schema.js';
import { accuracy, binaryAccuracy, fractionBelow, l0, l1, l2, nuclear, perSampleMse, type Baselines } from '../../metrics/index.js';
import { buildModel, initParams, initScaleOf, type Model, type Params } from '../../models/index.js';
import { buildOptimizer, type Arrays, type State, type Transform } from '../../optim/index.js';
import { foldIn, key, type Key } from '../../random/index.js';
import type { Metrics } from '../../metrics/types.js';
import { required, type Dataset, type Examples } from '../../tasks/dataset.js';
import * as T from '../../tensor/index.js';
import { minibatch } from '../epochs.js';
import type { Experiment } from '../experiment.js';
import { gradientStep } from './gradient-step.js';
import { checkParameterMemory } from '../memory-budget.js';

/** The MSE of predicting 0 (mean over examples and outputs, as the loss). */
function meanSquare(targets: Float64Array): number {
  let s = 0;
  for (const v of targets) s += v * v;
  return s / targets.length;
}

/** What a network run minimizes and measures on its task, for any parameters of its model: the loss, the metrics, the batches. */
export class NetworkObjective {
  readonly baselines?: Baselines;

  constructor(
    private readonly config: RunConfig,
    readonly data: Dataset,
    readonly model: Model,
  ) {
    if (data.objective.name === 'mse' && data.objective.zeroBaseline)
      this.baselines = { train_loss: meanSquare(required(data.train, 'targets', 'mse')), test_loss: meanSquare(required(data.test, 'targets', 'mse')) };
  }

  /** The metrics of `params` (whose storage is `arrays`) on the train and test sets; no side effects. */
  evaluate(params: Params, arrays: Arrays): Metrics {
    return T.tidy(() =>
      T.noGrad(() => {
        const metrics: Metrics = {};
        for (const split of ['train', 'test'] as const) {
          const batch = this.data[split];
          const outputs = this.model.apply(params, batch);
          metrics[`${split}_loss`] = this.lossOrNaN(outputs, batch);
          metrics[`${split}_acc`] = this.accuracy(outputs, batch);
        }
        metrics.weight_l2 = l2(arrays);
        if (this.config.training.normMetrics) Object.assign(metrics, this.normMetrics(arrays));
        return metrics;
      }),
    );
  }

  /**
   * The norms Tikeng Notsawo et al. 2025 track for networks, over all parameters: ℓ0 as the
   * count of |w| > 1e-4 (their threshold, a count not a fraction), ℓ1, and Σ‖W‖_* over the
   * rank-2 parameters (an SVD each: cheap at log-spaced evaluations).
   */
  private normMetrics(arrays: Arrays): Metrics {
    return { weight_l0: l0(arrays, 1e-4), weight_l1: l1(arrays), weight_nuclear: nuclear(arrays, this.model.shapes) };
  }

  loss(outputs: T.Tensor, batch: Examples): T.Tensor {
    const { objective } = this.data;
    if (objective.name === 'cross-entropy') return T.crossEntropy(outputs, required(batch, 'labels', 'cross-entropy'));
    if (objective.name === 'bce') return T.binaryCrossEntropy(outputs, required(batch, 'labels', 'bce'));
    return T.mse(outputs, this.target(batch, outputs.dtype));
  }

  /** Whether memberLoss computes this task's loss (binary cross-entropy has no member form). */
  get hasMemberLoss(): boolean {
    return this.data.objective.name !== 'bce';
  }

  /**
   * The losses [E] of E members' outputs [E, count, outputs] on one batch shared by all
   * (`batches` of length 1) or one batch each: member e's is loss() of its outputs alone.
   */
  memberLoss(outputs: T.Tensor, batches: readonly Examples[]): T.Tensor {
    const { objective } = this.data;
    if (objective.name === 'cross-entropy') {
      const labels = batches.map((b) => required(b, 'labels', 'cross-entropy'));
      return T.memberCrossEntropy(outputs, labels.length === 1 ? labels[0] : labels);
    }
    if (objective.name === 'bce') throw new Error('binary cross-entropy has no member form; train these members one by one');
    const targets = batches.map((b) => this.target(b, outputs.dtype));
    return T.memberMse(outputs, targets.length === 1 ? targets[0] : T.concat(targets.map((t) => T.reshape(t, [1, ...t.shape]))));
  }

  /** Regression targets, or the one-hot of the labels (Omnigrok's MSE on MNIST). */
  private target(batch: Examples, dtype: T.DType): T.Tensor {
    if (this.data.objective.name === 'mse') return T.tensor(required(batch, 'targets', 'mse'), [batch.count, this.data.outputs], { dtype });
    return T.oneHot(required(batch, 'labels', 'mse-onehot'), this.data.outputs, dtype);
  }

  private accuracy(outputs: T.Tensor, batch: Examples): number {
    const { objective } = this.data;
    if (objective.name === 'bce') return binaryAccuracy(outputs, required(batch, 'labels', 'bce'));
    if (objective.name !== 'mse') return accuracy(outputs, required(batch, 'labels', objective.name));
    return fractionBelow(perSampleMse(outputs, this.target(batch, outputs.dtype)), objective.accuracyThreshold);
  }

  /** A diverged model still gets evaluated: its loss is recorded as NaN rather than thrown. */
  private lossOrNaN(outputs: T.Tensor, batch: Examples): number {
    try {
      return this.loss(outputs, batch).item();
    } catch (error) {
      if (error instanceof T.NonFiniteError) return NaN;
      throw error;
    }
  }

  /** The examples of step `step` for the run whose batch key is `batchKey`: all of them, or a seeded sample (or epoch slice) that depends only on the step. */
  minibatch(step: number, batchKey: Key): Examples {
    return minibatch(this.data.train, this.config.training, batchKey, step);
  }
}

/** The initialization's and the batches' randomness of a run: independent streams of its seed. */
export function networkKeys(config: RunConfig): { init: Key; batches: Key } {
  const root = key(config.training.seed);
  return { init: foldIn(root, 0), batches: foldIn(root, 1) };
}

export class NetworkExperiment implements Experiment {
  readonly model: Model;
  readonly params: Params;
  readonly arrays: Arrays;
  readonly shapes: Model['shapes'];
  readonly optimizer: Transform;
  state: State;
  readonly objective: NetworkObjective;
  /** per-step minibatch randomness, independent of the initialization's */
  private readonly batchKey: Key;

  constructor(config: RunConfig, data: Dataset) {
    this.model = buildModel(config.model, { input: data.input, outputs: data.outputs });
    checkParameterMemory(this.model.shapes, config);
    const keys = networkKeys(config);
    this.params = initParams(this.model, keys.init, config.training.dtype, initScaleOf(config.model));
    this.arrays = Object.fromEntries(Object.entries(this.params).map(([name, p]) => [name, p.data]));
    this.shapes = this.model.shapes;
    this.optimizer = buildOptimizer(config.optimizer, { shapes: this.model.shapes });
    this.state = this.optimizer.init(this.arrays);
    this.batchKey = keys.batches;
    this.objective = new NetworkObjective(config, data, this.model);
  }

  get baselines(): Baselines | undefined {
    return this.objective.baselines;
  }

  get data(): Dataset {
    return this.objective.data;
  }

  step(step: number): number {
    const batch = this.objective.minibatch(step, this.batchKey);
    return gradientStep(this, () => this.objective.loss(this.model.apply(this.params, batch), batch));
  }

  evaluate(): Metrics {
    return this.objective.evaluate(this.params, this.arrays);
  }
}
