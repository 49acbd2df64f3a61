// A Bayesian network on a supervised dataset, trained by minimizing the variational free energy
// per example (Miller, O'Neill & Bui 2024 src/papers/miller/README.md §5): error (cross-entropy of a local-reparameterization
// sample, on the step's batch) + complexity (KL(q ‖ prior) / N, N the whole training set).
import type { RunConfig } from '../../config/schema.js';
import { accuracy } from '../../metrics/index.js';
import { bnn, initBnnParams, type BayesianModel } from '../../models/bnn.js';
import type { Params } from '../../models/index.js';
import { buildOptimizer, type Arrays, type State, type Transform } from '../../optim/index.js';
import { foldIn, key, type Key } from '../../random/index.js';
import type { Metrics } from '../../metrics/types.js';
import { required, type Dataset, type Examples } from '../../tasks/dataset.js';
import * as T from '../../tensor/index.js';
import { minibatch } from '../epochs.js';
import type { Experiment } from '../experiment.js';
import { finiteOrNaN, gradientStep } from './gradient-step.js';

export class BnnExperiment implements Experiment {
  readonly model: BayesianModel;
  readonly params: Params;
  readonly arrays: Arrays;
  readonly shapes: BayesianModel['shapes'];
  readonly optimizer: Transform;
  state: State;
  /** ε of step s comes from foldIn(noiseKey, s): a resumed run draws the same noise */
  private readonly noiseKey: Key;
  /** minibatches (when not full batch) from foldIn(batchKey, …), as NetworkExperiment's */
  private readonly batchKey: Key;
  /** one fixed ε per split for every evaluation, so the metrics are a function of the parameters alone */
  private readonly evalNoise: Record<'train' | 'test', T.FloatArray[]>;

  constructor(
    private readonly config: RunConfig,
    readonly data: Dataset,
  ) {
    if (config.model.name !== 'bnn') throw new Error(`BnnExperiment needs model "bnn", got "${config.model.name}"`);
    if (data.objective.name !== 'cross-entropy')
      throw new Error(`model bnn: only the cross-entropy objective is supported, this task uses "${data.objective.name}"`);
    this.model = bnn(config.model, { input: data.input, outputs: data.outputs });
    const root = key(config.training.seed);
    this.params = initBnnParams(this.model, foldIn(root, 0), config.training.dtype, config.model.initScale);
    this.arrays = Object.fromEntries(Object.entries(this.params).map(([name, p]) => [name, p.data]));
    this.shapes = this.model.shapes;
    this.optimizer = buildOptimizer(config.optimizer, { shapes: this.shapes });
    this.state = this.optimizer.init(this.arrays);
    this.batchKey = foldIn(root, 1);
    this.noiseKey = foldIn(root, 2);
    const evalKey = foldIn(root, 3);
    const dtype = config.training.dtype;
    this.evalNoise = {
      train: this.model.noise(data.train.count, foldIn(evalKey, 0), dtype),
      test: this.model.noise(data.test.count, foldIn(evalKey, 1), dtype),
    };
  }

  step(step: number): number {
    const batch = minibatch(this.data.train, this.config.training, this.batchKey, step);
    return gradientStep(this, () => this.freeEnergy(batch, foldIn(this.noiseKey, step)).total);
  }

  /**
   * train/test loss = error (cross-entropy of a sampled forward pass), acc = its accuracy, as
   * the paper measures them; acc_mean = the accuracy of the network at its posterior means;
   * complexity = KL / N_train.
   */
  evaluate(): Metrics {
    return T.tidy(() =>
      T.noGrad(() => {
        const metrics: Metrics = {};
        for (const split of ['train', 'test'] as const) {
          const batch = this.data[split];
          const labels = required(batch, 'labels', 'bnn');
          const sampled = this.model.sample(this.params, batch, this.evalNoise[split]);
          metrics[`${split}_loss`] = finiteOrNaN(() => T.crossEntropy(sampled, labels).item());
          metrics[`${split}_acc`] = accuracy(sampled, labels);
          metrics[`${split}_acc_mean`] = accuracy(this.model.apply(this.params, batch), labels);
        }
        metrics.complexity = this.model.kl(this.params).item() / this.data.train.count;
        return metrics;
      }),
    );
  }

  /** Error + KL/N: the loss of Miller et al.'s VAFE training (their train_model with "variational_free_energy"). */
  freeEnergy(batch: Examples, noise: Key): { error: T.Tensor; complexity: T.Tensor; total: T.Tensor } {
    const eps = this.model.noise(batch.count, noise, this.params.w0_mean.dtype);
    const error = T.crossEntropy(this.model.sample(this.params, batch, eps), required(batch, 'labels', 'bnn'));
    const complexity = T.div(this.model.kl(this.params), this.data.train.count);
    return { error, complexity, total: T.add(error, complexity) };
  }
}
