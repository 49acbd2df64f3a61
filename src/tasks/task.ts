// What a task is to the rest of groklab: its config schema (documentation, validation, error
// messages) and what it hands to training. The `experiment` says which experiment of
// train/setup.ts trains it; the registry (registry.ts) lists every task by name.
import type { z } from 'zod';
import type { Dataset } from './dataset.js';

/** A task config's schema: a strict object whose `name` is the task's registry key. */
export type TaskSchema = z.ZodObject<{ name: z.ZodLiteral<string> } & z.ZodRawShape>;

/** Train and test examples without an objective: the closed-form and GP regressions. */
export type RegressionSplit = Pick<Dataset, 'train' | 'test' | 'input'>;

export type TaskDefinition<S extends TaskSchema = TaskSchema> =
  /** examples for a network, a Bayesian network (model "bnn") or a variational GP: the model decides */
  | { schema: S; experiment: 'supervised'; data(task: z.output<S>, runSeed: number): Dataset }
  /** examples for model "linear", fitted by gradient descent on the squared error */
  | { schema: S; experiment: 'linear-regression'; data(task: z.output<S>, runSeed: number): RegressionSplit }
  /** examples for model "exact-gp", whose hyper-parameters follow the marginal likelihood */
  | { schema: S; experiment: 'exact-gp'; data(task: z.output<S>, runSeed: number): RegressionSplit }
  /** an estimation problem (sparse recovery, matrix completion or sensing) for an estimator model; many seeds train as one ensemble */
  | { schema: S; experiment: 'estimation' };

export type ExperimentKind = TaskDefinition['experiment'];
