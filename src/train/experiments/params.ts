// What the experiments that build their own models (linear regression, the GPs) share: named
// float64 parameter tensors under an optimizer, dense splits, and how a broken covariance counts.
import type { RunConfig } from '../../config/schema.js';
import { buildOptimizer, type Arrays, type State, type Transform } from '../../optim/index.js';
import type { Metrics } from '../../metrics/types.js';
import { required, type Examples } from '../../tasks/dataset.js';
import * as T from '../../tensor/index.js';
import type { Experiment } from '../experiment.js';
import type { Trainable } from './gradient-step.js';

/** Named parameter tensors, their storage for the optimizer and checkpoints, and the optimizer. */
export abstract class TensorExperiment implements Experiment, Trainable {
  readonly arrays: Arrays;
  readonly shapes: Record<string, readonly number[]>;
  readonly optimizer: Transform;
  state: State;

  constructor(
    readonly params: Record<string, T.Tensor>,
    optimizer: RunConfig['optimizer'],
  ) {
    this.arrays = Object.fromEntries(Object.entries(params).map(([name, p]) => [name, p.data]));
    this.shapes = Object.fromEntries(Object.entries(params).map(([name, p]) => [name, [...p.shape]]));
    this.optimizer = buildOptimizer(optimizer, { shapes: this.shapes });
    this.state = this.optimizer.init(this.arrays);
  }

  abstract step(step: number): number;
  abstract evaluate(): Metrics;
}

/** Dense inputs x [count, width] and regression targets y [count] in float64. */
export function regressionSplit(examples: Examples, width: number, who: string): { x: T.Tensor; y: T.Tensor } {
  return {
    x: T.tensor(required(examples, 'features', who), [examples.count, width], { dtype: 'float64' }),
    y: T.tensor(required(examples, 'targets', who), [examples.count], { dtype: 'float64' }),
  };
}

/** A covariance that stopped being positive definite ends the run as diverged (NaN loss), not as a crash. */
export function divergedIfIndefinite(loss: () => T.Tensor): T.Tensor {
  try {
    return loss();
  } catch (error) {
    if (error instanceof T.TensorError && !(error instanceof T.NonFiniteError) && /not positive definite/.test(error.message))
      throw new T.NonFiniteError('gp', error.message);
    throw error;
  }
}
