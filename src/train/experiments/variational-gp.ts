// Variational GP classification as a run (Miller et al. §3 of src/papers/miller/README.md): a
// `variational-gp` model on a binary task (zero-one, hidden-parity), maximizing the ELBO.
import type { RunConfig } from '../../config/schema.js';
import {
  elboTerms,
  latentPredictive,
  lengthscaleOf,
  outputscaleOf,
  trainPredictive,
  variationalGpParams,
  type ClassificationSplit,
  type VariationalGpConfig,
  type VariationalGpParams,
} from '../../models/gp/index.js';
import { logNormalCdfAt } from '../../models/gp/special.js';
import { foldIn, key } from '../../random/index.js';
import type { Metrics } from '../../metrics/types.js';
import { required, type Dataset, type Examples } from '../../tasks/dataset.js';
import * as T from '../../tensor/index.js';
import { gradientStep } from './gradient-step.js';
import { divergedIfIndefinite, TensorExperiment } from './params.js';

function classificationSplit(examples: Examples, width: number): ClassificationSplit {
  const labels = required(examples, 'labels', 'variational-gp');
  if (labels.some((y) => y !== 0 && y !== 1)) throw new Error('model variational-gp: labels must be 0 or 1 (a binary task)');
  return { x: T.tensor(required(examples, 'features', 'variational-gp'), [examples.count, width], { dtype: 'float64' }), labels };
}

/**
 * gpytorch's decision and score from the latent predictive N(μ, σ²): p(y = 1) = Φ(μ/√(1 + σ²)),
 * class 1 iff p ≥ ½, and the mean log-probability of the labels. NOTE: the comparison is on the
 * rounded probability, as in the paper's code: a latent mean within ~1e-16 of 0 (an input far
 * from every training point under a short lengthscale) rounds to p = ½ and predicts class 1.
 */
function bernoulliScores(mean: ArrayLike<number>, variance: ArrayLike<number>, labels: Int32Array): { accuracy: number; logProb: number } {
  let correct = 0;
  let logProb = 0;
  for (let i = 0; i < labels.length; i++) {
    const z = mean[i] / Math.sqrt(1 + variance[i]);
    const positive = Math.exp(logNormalCdfAt(z).value) >= 0.5;
    if ((positive ? 1 : 0) === labels[i]) correct++;
    logProb += logNormalCdfAt(labels[i] === 1 ? z : -z).value;
  }
  return { accuracy: correct / labels.length, logProb: logProb / labels.length };
}

export class VariationalGpExperiment extends TensorExperiment {
  /** the model's parameters, by name */
  readonly gp: VariationalGpParams;
  private readonly train: ClassificationSplit;
  private readonly test: ClassificationSplit;

  constructor(
    config: RunConfig,
    private readonly model: VariationalGpConfig,
    data: Dataset,
  ) {
    if (data.input.kind !== 'features') throw new Error('model variational-gp reads dense features');
    const train = classificationSplit(data.train, data.input.features);
    const gp = variationalGpParams(model, train.x, foldIn(key(config.training.seed), 0));
    super({ ...gp }, config.optimizer);
    this.gp = gp;
    this.train = train;
    this.test = classificationSplit(data.test, data.input.features);
  }

  step(): number {
    return gradientStep(this, () => divergedIfIndefinite(() => elboTerms(this.gp, this.train, this.model).loss));
  }

  /** Accuracies and −log p(y) of the predictive, the ELBO's terms (fit = −E[log p(y|f)]/N, complexity = KL/N) and 1/ℓ_d per input dimension (1-based). */
  evaluate(): Metrics {
    return T.tidy(() =>
      T.noGrad(() => {
        const p = this.gp;
        const terms = elboTerms(p, this.train, this.model);
        const train = trainPredictive(p);
        const test = latentPredictive(p, this.train, this.test.x, this.model);
        const trainScores = bernoulliScores(train.mean.data, train.variance.data, this.train.labels);
        const testScores = bernoulliScores(test.mean.data, test.variance.data, this.test.labels);
        const metrics: Metrics = {
          objective: terms.loss.item(),
          fit: -terms.fit.item(),
          complexity: terms.complexity.item(),
          train_acc: trainScores.accuracy,
          test_acc: testScores.accuracy,
          // −mean log p(y) of the predictive
          train_loss: -trainScores.logProb,
          test_loss: -testScores.logProb,
          outputscale: outputscaleOf(p).item(),
        };
        lengthscaleOf(p).data.forEach((l, d) => (metrics[`inv_lengthscale_${d + 1}`] = 1 / l));
        return metrics;
      }),
    );
  }
}
