// Miller et al.'s linear-regression grokking as a run (§1 of src/papers/miller/README.md): the `linear`
// model on the `linear-regression` task, full batch, in float64.
import type { RunConfig } from '../../config/schema.js';
import { linearTerms, signAccuracy, type LinearConfig } from '../../models/linear.js';
import type { Metrics } from '../../metrics/types.js';
import { UsageError } from '../../errors.js';
import type { Dataset } from '../../tasks/dataset.js';
import * as T from '../../tensor/index.js';
import { gradientStep } from './gradient-step.js';
import { regressionSplit, TensorExperiment } from './params.js';

type Split = ReturnType<typeof regressionSplit>;

export class LinearRegressionExperiment extends TensorExperiment {
  private readonly train: Split;
  private readonly test: Split;

  constructor(
    config: RunConfig,
    private readonly model: LinearConfig,
    data: Pick<Dataset, 'train' | 'test' | 'input'>,
  ) {
    if (data.input.kind !== 'features') throw new Error('model linear reads dense features');
    const width = data.input.features;
    if (model.init.length !== width) throw new UsageError(`model.init: needs ${width} weights, one per feature (got ${model.init.length})`);
    super({ w: T.tensor(model.init, [width], { dtype: 'float64', requiresGrad: true }) }, config.optimizer);
    this.train = regressionSplit(data.train, width, 'linear-regression');
    this.test = regressionSplit(data.test, width, 'linear-regression');
  }

  step(): number {
    return gradientStep(this, () => this.terms(this.train).loss);
  }

  private terms({ x, y }: Split) {
    return linearTerms(this.model, this.params.w, x, y);
  }

  evaluate(): Metrics {
    return T.tidy(() =>
      T.noGrad(() => {
        const train = this.terms(this.train);
        const test = this.terms(this.test);
        return {
          objective: train.loss.item(),
          // the data fit SSE/σ² per point, on each split
          train_loss: train.fit.item(),
          test_loss: test.fit.item(),
          complexity: train.complexity.item(),
          train_acc: signAccuracy(train.predictions.data, this.train.y.data),
          test_acc: signAccuracy(test.predictions.data, this.test.y.data),
          weight_l2: Math.hypot(...this.params.w.data),
        };
      }),
    );
  }
}
