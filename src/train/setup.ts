// Config → the experiment a run trains, fresh or restored from a checkpoint. Task families
// register a builder here by task name.
import type { RunConfig } from '../config/schema.js';
import type { Snapshot } from '../runs/checkpoint.js';
import type { Experiment } from './experiment.js';
import { NetworkExperiment } from './experiments/network.js';

type TaskName = RunConfig['task']['name'];

const builders: { [name in TaskName]: (config: RunConfig) => Experiment } = {
  modular: (config) => new NetworkExperiment(config),
};

export interface RunSetup {
  config: RunConfig;
  experiment: Experiment;
  /** the step to continue from: 0, or a checkpoint's */
  step: number;
}

export function setupRun(config: RunConfig, resume: Snapshot | null = null): RunSetup {
  const experiment = builders[config.task.name](config);
  if (resume) {
    for (const [name, values] of Object.entries(resume.params)) {
      const target = experiment.arrays[name];
      if (!target || target.length !== values.length) throw new Error(`checkpoint parameter ${name} does not match the model`);
      target.set(values);
    }
    experiment.state = resume.optimizer;
  }
  return { config, experiment, step: resume?.step ?? 0 };
}
