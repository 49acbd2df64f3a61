// Miller et al.'s linear-regression grokking as a run (§C1 of shared/papers.md): the `linear`
// model on the `linear-regression` task, full batch, in float64.
import type { RunConfig } from '../../config/schema.js';
import { linearTerms, signAccuracy, type LinearConfig } from '../../models/linear.js';
import { buildOptimizer, type Arrays, type State, type Transform } from '../../optim/index.js';
import type { Metrics } from '../../runs/events.js';
import { UsageError } from '../../runs/store.js';
import { required, type Dataset, type Examples } from '../../tasks/dataset.js';
import * as T from '../../tensor/index.js';
import type { Experiment } from '../experiment.js';
import { gradientStep } from './gradient-step.js';
import { arraysOf, shapesOf } from './params.js';

interface Split {
  features: T.Tensor;
  targets: T.Tensor;
}

function split(examples: Examples, width: number): Split {
  return {
    features: T.tensor(required(examples, 'features', 'linear-regression'), [examples.count, width], { dtype: 'float64' }),
    targets: T.tensor(required(examples, 'targets', 'linear-regression'), [examples.count], { dtype: 'float64' }),
  };
}

export class LinearRegressionExperiment implements Experiment {
  readonly w: T.Tensor;
  readonly params: Record<string, T.Tensor>;
  readonly arrays: Arrays;
  readonly optimizer: Transform;
  state: State;
  private readonly train: Split;
  private readonly test: Split;

  constructor(config: RunConfig, private readonly model: LinearConfig, data: Pick<Dataset, 'train' | 'test' | 'input'>) {
    if (data.input.kind !== 'features') throw new Error('model linear reads dense features');
    const width = data.input.features;
    if (model.init.length !== width) throw new UsageError(`model.init: needs ${width} weights, one per feature (got ${model.init.length})`);
    this.w = T.tensor(model.init, [width], { dtype: 'float64', requiresGrad: true });
    this.params = { w: this.w };
    this.arrays = arraysOf(this.params);
    this.optimizer = buildOptimizer(config.optimizer, { shapes: shapesOf(this.params) });
    this.state = this.optimizer.init(this.arrays);
    this.train = split(data.train, width);
    this.test = split(data.test, width);
  }

  step(): number {
    return gradientStep(this, () => this.terms(this.train).loss);
  }

  private terms({ features, targets }: Split) {
    return linearTerms(this.model, this.w, features, targets);
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
          train_acc: signAccuracy(train.predictions.data, this.train.targets.data),
          test_acc: signAccuracy(test.predictions.data, this.test.targets.data),
          weight_l2: Math.hypot(...this.w.data),
        };
      }),
    );
  }
}
