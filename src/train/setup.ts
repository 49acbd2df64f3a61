// Config → the experiment a run trains, fresh or restored from a checkpoint: the task's
// definition (tasks/registry.ts) names its experiment.
import type { RunConfig } from '../config/schema.js';
import type { Baselines } from '../metrics/index.js';
import type { Snapshot } from '../runs/checkpoint.js';
import { UsageError } from '../errors.js';
import type { Experiment } from './experiment.js';
import { EstimationExperiment } from './experiments/estimation.js';
import { BnnExperiment } from './experiments/bnn.js';
import { ExactGpExperiment } from './experiments/exact-gp.js';
import { LinearRegressionExperiment } from './experiments/linear-regression.js';
import { NetworkExperiment } from './experiments/network.js';
import { VariationalGpExperiment } from './experiments/variational-gp.js';
import { DataFileError, type Dataset } from '../tasks/dataset.js';
import { taskDefinition } from '../tasks/registry.js';

/** A supervised dataset trains a network, or a Bayesian one by variational inference (model "bnn"), or Miller et al.'s variational GP classifier. */
export function supervised(config: RunConfig, data: Dataset): Experiment {
  if (config.model.name === 'variational-gp') return new VariationalGpExperiment(config, config.model, data);
  return config.model.name === 'bnn' ? new BnnExperiment(config, data) : new NetworkExperiment(config, data);
}

/** The experiment the task's definition names, on the task's data. */
function experimentOf(config: RunConfig): Experiment {
  const task = taskDefinition(config.task.name);
  const { seed } = config.training;
  switch (task.experiment) {
    case 'supervised':
      return supervised(config, task.data(config.task, seed));
    case 'linear-regression':
      if (config.model.name !== 'linear') throw new UsageError(`model.name: task ${config.task.name} needs model "linear" (got "${config.model.name}")`);
      return new LinearRegressionExperiment(config, config.model, task.data(config.task, seed));
    case 'exact-gp':
      if (config.model.name !== 'exact-gp') throw new UsageError(`model.name: task ${config.task.name} needs model "exact-gp" (got "${config.model.name}")`);
      return new ExactGpExperiment(config, config.model, task.data(config.task, seed));
    case 'estimation':
      return new EstimationExperiment(config);
  }
}

export interface RunSetup {
  config: RunConfig;
  experiment: Experiment;
  /** the step to continue from: 0, or a checkpoint's */
  step: number;
}

/** `make()`, with a user's data file that is missing or malformed reported as bad input (exit 2). */
export function readingData<T>(make: () => T): T {
  try {
    return make();
  } catch (error) {
    if (error instanceof DataFileError) throw new UsageError(error.message);
    throw error;
  }
}

/** The task's experiment. */
function build(config: RunConfig): Experiment {
  return readingData(() => experimentOf(config));
}

/** Why a checkpoint cannot be restored into this experiment (another model's parameters), or null. */
export function checkpointMisfit(experiment: Experiment, snapshot: Snapshot): string | null {
  for (const [name, values] of Object.entries(snapshot.params)) {
    const target = experiment.arrays[name];
    if (!target) return `it holds parameter ${name}, which the model has not`;
    if (target.length !== values.length) return `its parameter ${name} has ${values.length} values, the model's ${target.length}`;
  }
  return null;
}

/** Loads a checkpoint's parameters and optimizer state into the run's experiment. */
export function restoreCheckpoint(run: RunSetup, snapshot: Snapshot): RunSetup {
  const misfit = checkpointMisfit(run.experiment, snapshot);
  if (misfit) throw new Error(`checkpoint of step ${snapshot.step} does not match the model: ${misfit}`);
  for (const [name, values] of Object.entries(snapshot.params)) run.experiment.arrays[name].set(values);
  run.experiment.state = snapshot.optimizer;
  return { ...run, step: snapshot.step };
}

/** Mode "plateau" needs the learned-nothing errors of both detection metrics: checked before any step is taken. */
export function checkDetection(config: RunConfig, baselines: Baselines = {}): void {
  const { mode, trainMetric, testMetric } = config.detection;
  const missing = [trainMetric, testMetric].filter((m) => !(baselines[m] > 0));
  if (mode === 'plateau' && missing.length > 0) {
    throw new UsageError(
      `detection.mode: "plateau" needs the learned-nothing error of ${missing.join(' and ')}, which task ${config.task.name} does not define (it does for: ${Object.keys(baselines).join(', ') || 'none'}); use "threshold"`,
    );
  }
}

export function setupRun(config: RunConfig, resume: Snapshot | null = null): RunSetup {
  const experiment = build(config);
  checkDetection(config, experiment.baselines);
  const run: RunSetup = { config, experiment, step: 0 };
  return resume ? restoreCheckpoint(run, resume) : run;
}
