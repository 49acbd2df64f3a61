// What the training loop drives: one run's trainable state and how to step and measure it.
// Each task family builds its own (a network on a dataset, a linear estimator, a GP), so the
// loop, the run store, checkpoints and resume stay the same for all of them.
import type { Baselines } from '../metrics/index.js';
import type { Arrays, State } from '../optim/index.js';
import type { Metrics } from '../metrics/types.js';

export interface Experiment {
  /** the parameters' storage by name, in a fixed order: the optimizer updates it in place and checkpoints save it */
  readonly arrays: Arrays;
  /** each parameter's shape (row-major, as `arrays` stores it), for the weight snapshots */
  readonly shapes: Readonly<Record<string, readonly number[]>>;
  /** the optimizer state (replaced on resume) */
  state: State;
  /** One optimizer step (the step-th, from 0); returns the training loss before the update, NaN once it diverged. */
  step(step: number): number;
  /** The metrics of the current parameters, on the train and test sets; no side effects. */
  evaluate(): Metrics;
  /** The error metrics of a model that learned nothing (all-zero output), where the task knows them: the detection's plateau reading measures against them. */
  readonly baselines?: Baselines;
}
