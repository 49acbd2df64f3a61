// Config → the experiment a run trains, fresh or restored from a checkpoint. Task families
// register a builder here by task name.
import type { RunConfig } from '../config/schema.js';
import type { Snapshot } from '../runs/checkpoint.js';
import { UsageError } from '../errors.js';
import type { Experiment } from './experiment.js';
import { EstimationExperiment } from './experiments/estimation.js';
import { BnnExperiment } from './experiments/bnn.js';
import { ExactGpExperiment } from './experiments/exact-gp.js';
import { LinearRegressionExperiment } from './experiments/linear-regression.js';
import { NetworkExperiment } from './experiments/network.js';
import { VariationalGpExperiment } from './experiments/variational-gp.js';
import { hiddenParityData, zeroOneData } from '../tasks/hidden-parity.js';
import { linearRegressionData } from '../tasks/linear-regression.js';
import { noisySineData } from '../tasks/noisy-sine.js';
import { concealmentData } from '../tasks/concealment.js';
import type { Dataset } from '../tasks/dataset.js';
import { fashionMnistData } from '../tasks/fashion-mnist.js';
import { mnistData } from '../tasks/mnist.js';
import { DataFileError } from '../tasks/dataset.js';
import { modularData } from '../tasks/modular.js';
import { parityData } from '../tasks/parity.js';
import { qm9Data } from '../tasks/qm9.js';
import { teacherStudentData } from '../tasks/teacher-student.js';
import { textClassificationData } from '../tasks/text-classification.js';

type TaskName = RunConfig['task']['name'];

/** A supervised dataset trains a network, or a Bayesian one by variational inference (model "bnn"). */
function supervised(config: RunConfig, data: Dataset): Experiment {
  // binary labels: also Miller et al.'s variational GP classifier
  if (config.model.name === 'variational-gp') return new VariationalGpExperiment(config, config.model, data);
  return config.model.name === 'bnn' ? new BnnExperiment(config, data) : new NetworkExperiment(config, data);
}

type Builder<N extends TaskName> = (config: RunConfig, task: Extract<RunConfig['task'], { name: N }>) => Experiment;

const builders: { [N in TaskName]: Builder<N> } = {
  'linear-regression': (config, task) => {
    if (config.model.name !== 'linear') throw new UsageError(`model.name: task linear-regression needs model "linear" (got "${config.model.name}")`);
    return new LinearRegressionExperiment(config, config.model, linearRegressionData(task, config.training.seed));
  },
  'noisy-sine': (config, task) => {
    if (config.model.name !== 'exact-gp') throw new UsageError(`model.name: task noisy-sine needs model "exact-gp" (got "${config.model.name}")`);
    return new ExactGpExperiment(config, config.model, noisySineData(task, config.training.seed));
  },
  'zero-one': (config, task) => supervised(config, zeroOneData(task, config.training.seed)),
  'hidden-parity': (config, task) => supervised(config, hiddenParityData(task, config.training.seed)),
  modular: (config, task) => new NetworkExperiment(config, modularData(task)),
  'text-classification': (config, task) => new NetworkExperiment(config, textClassificationData(task)),
  'sparse-recovery': (config) => new EstimationExperiment(config),
  'matrix-completion': (config) => new EstimationExperiment(config),
  'matrix-sensing': (config) => new EstimationExperiment(config),
  'teacher-student': (config, task) => new NetworkExperiment(config, teacherStudentData(task)),
  mnist: (config, task) => new NetworkExperiment(config, mnistData(task)),
  'fashion-mnist': (config, task) => new NetworkExperiment(config, fashionMnistData(task)),
  concealment: (config, task) => supervised(config, concealmentData(task, config.training.seed)),
  parity: (config, task) => supervised(config, parityData(task, config.training.seed)),
  qm9: (config, task) => new NetworkExperiment(config, qm9Data(task)),
};

export interface RunSetup {
  config: RunConfig;
  experiment: Experiment;
  /** the step to continue from: 0, or a checkpoint's */
  step: number;
}

/** The task's experiment; a user's data file that is missing or malformed is bad input (exit 2). */
function build(config: RunConfig): Experiment {
  try {
    return (builders[config.task.name] as Builder<TaskName>)(config, config.task);
  } catch (error) {
    if (error instanceof DataFileError) throw new UsageError(error.message);
    throw error;
  }
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

export function setupRun(config: RunConfig, resume: Snapshot | null = null): RunSetup {
  const run: RunSetup = { config, experiment: build(config), step: 0 };
  return resume ? restoreCheckpoint(run, resume) : run;
}
