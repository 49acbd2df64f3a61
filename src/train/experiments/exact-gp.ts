// Exact GP regression as a run (Miller et al. §2 of src/papers/miller/README.md): the hyper-parameters of
// an `exact-gp` model follow the gradient of the negative log marginal likelihood per point.
import type { RunConfig } from '../../config/schema.js';
import {
  exactGpParams,
  marginalLikelihoodTerms,
  noiseOf,
  posteriorMean,
  type ExactGpConfig,
  type ExactGpParams,
  type RegressionSplit,
} from '../../models/gp/index.js';
import type { Metrics } from '../../metrics/types.js';
import type { Dataset } from '../../tasks/dataset.js';
import * as T from '../../tensor/index.js';
import { gradientStep } from './gradient-step.js';
import { divergedIfIndefinite, regressionSplit, TensorExperiment } from './params.js';

function mse(prediction: ArrayLike<number>, target: ArrayLike<number>): number {
  let s = 0;
  for (let i = 0; i < target.length; i++) s += (prediction[i] - target[i]) ** 2;
  return s / target.length;
}

export class ExactGpExperiment extends TensorExperiment {
  /** the model's parameters, by name */
  readonly gp: ExactGpParams;
  private readonly train: RegressionSplit;
  private readonly test: RegressionSplit;

  constructor(config: RunConfig, model: ExactGpConfig, data: Pick<Dataset, 'train' | 'test' | 'input'>) {
    if (data.input.kind !== 'features') throw new Error('model exact-gp reads dense features');
    const gp = exactGpParams(model);
    super({ ...gp }, config.optimizer);
    this.gp = gp;
    this.train = regressionSplit(data.train, data.input.features, 'exact-gp');
    this.test = regressionSplit(data.test, data.input.features, 'exact-gp');
  }

  step(): number {
    return gradientStep(this, () => divergedIfIndefinite(() => marginalLikelihoodTerms(this.gp, this.train).loss));
  }

  /** MSE of the posterior mean on both splits (the paper's train/validation loss) and the objective's two terms. */
  evaluate(): Metrics {
    return T.tidy(() =>
      T.noGrad(() => {
        const p = this.gp;
        const terms = marginalLikelihoodTerms(p, this.train);
        return {
          objective: terms.loss.item(),
          fit: terms.fit.item(),
          complexity: terms.complexity.item(),
          train_loss: mse(posteriorMean(p, this.train, this.train.x).data, this.train.y.data),
          test_loss: mse(posteriorMean(p, this.train, this.test.x).data, this.test.y.data),
          log_lengthscale: p.logLengthscale.item(),
          log_outputscale: p.logOutputscale.item(),
          noise: noiseOf(p).item(),
          mean: p.mean.item(),
        };
      }),
    );
  }
}
