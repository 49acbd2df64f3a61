/**
 * groklab as a library: `import { train, readSummary } from 'groklab'`.
 *
 * - {@link train} and {@link resume} run one config into a run directory, as `groklab train` does;
 * - the registries (tasks, models, optimizer transforms) and the config schema say what a config may hold;
 * - {@link RunDir} and {@link readSummary} read what a run left behind, typed;
 * - `T` is the tensor engine (tensors, differentiable ops, autograd, linear algebra), also
 *   importable on its own as `groklab/tensor`, and `groklab/random` the seeded keys.
 *
 * @packageDocumentation
 */

export { Interrupted, UsageError } from './errors.js';

// Configs: the schema, validation and the CLI's resolution (preset ← file ← --set).
export { runConfigSchema, trainingSchema, type RunConfig, type TrainingConfig } from './config/schema.js';
export { validateConfig, formatIssues } from './config/validate.js';
export { resolveConfig, applySet, type ResolveOptions } from './config/resolve.js';

// Training one run, and resuming it from its newest checkpoint.
export { startRun as train, resumeRun as resume, type RunOptions } from './train/run.js';
export { runEnsemble, type EnsembleMemberSpec, type EnsembleOptions } from './train/ensemble.js';
export type { Experiment } from './train/experiment.js';

// Registries by name: each entry's zod schema is its documentation, validation and error messages.
export { taskRegistry, taskConfigSchema, TASK_NAMES, type TaskConfig, type TaskName } from './tasks/registry.js';
export type { TaskDefinition, ExperimentKind } from './tasks/task.js';
export type { Dataset, Examples } from './tasks/dataset.js';
export { modelConfigSchema, buildModel, type Model, type ModelConfig, type ModelContext } from './models/index.js';
export {
  optimizerRegistry,
  optimizerConfigSchema,
  buildOptimizer,
  parseOptimizerConfig,
  type BuildContext,
  type OptimizerConfig,
  type OptimizerConfigInput,
  type OptimizerName,
  type TransformEntry,
  type Transform,
} from './optim/index.js';

// The run store.
export { RunDir } from './runs/store.js';
export { readSummary, summarySchema, type Summary } from './runs/summary.js';
export { runMetaSchema, type RunMeta } from './runs/meta.js';
export {
  isFinished,
  RUN_STATUSES,
  type RunEvent,
  type RunStatus,
  type EvalEvent,
  type StepEvent,
  type CheckpointEvent,
  type DoneEvent,
} from './runs/events.js';

// Measures and the grokking verdict.
export { detectGrokking, detectionOptionsSchema, OUTCOMES, type Detection, type DetectionOptions, type Outcome, type Metrics } from './metrics/index.js';

// The tensor engine and its kernels.
export * as T from './tensor/index.js';
export { backend, backendChoice, BACKEND_NAMES, type Backend, type BackendName } from './kernels/index.js';
export { GROKLAB_VERSION } from './version.js';
