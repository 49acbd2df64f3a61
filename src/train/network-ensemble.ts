// Network runs (an MLP, a transformer, an LSTM, … on a supervised task) that differ only in
// seed, optimizer hyper-parameters and init scale, trained as members of one training in one
// process, on one copy of the task's data: as ONE computation over a member axis where the model
// has one (the MLP, experiments/network-members.ts), otherwise as separate experiments stepped
// one after another. Either way a member's metrics are those of the same run trained alone.
import type { RunConfig } from '../config/schema.js';
import { optimizerShape } from '../optim/index.js';
import type { Dataset } from '../tasks/dataset.js';
import { taskDefinition } from '../tasks/registry.js';
import type { EnsembleMember } from './experiments/estimation.js';
import type { Experiment } from './experiment.js';
import { NetworkMembers, batchedNetwork } from './experiments/network-members.js';
import { readingData, supervised } from './setup.js';

/** Members trained together: their views and one step of those still active. */
export interface TrainedTogether {
  readonly members: readonly EnsembleMember[];
  /** One step of the members still active; returns every member's loss before the update (NaN once diverged). */
  step(step: number, active: readonly boolean[]): ArrayLike<number>;
}

export function isNetworkTask(config: RunConfig): boolean {
  return taskDefinition(config.task.name).experiment === 'supervised';
}

/**
 * What network members may not differ in: everything but seed, init scale, the optimizer's
 * hyper-parameters and the early-stop rule (each member stops on its own; equal keys train
 * together). A task that draws its data from the run's seed (dataSeed "run") keeps the seed in
 * its key: members share one dataset.
 */
export function networkEnsembleKey(config: RunConfig): string {
  const { initScale: _scale, ...model } = config.model as RunConfig['model'] & { initScale?: number };
  const { seed, earlyStop: _earlyStop, ...training } = config.training;
  const task = (config.task as { dataSeed?: unknown }).dataSeed === 'run' ? { ...config.task, dataSeed: seed } : config.task;
  return JSON.stringify({ task, model, training, optimizer: optimizerShape(config.optimizer) });
}

/** The task's dataset, built once for all members (they share its key, so its data). */
export function sharedDataset(configs: readonly RunConfig[]): Dataset {
  if (configs.length === 0) throw new Error('an ensemble needs at least one run');
  const shared = networkEnsembleKey(configs[0]);
  configs.forEach((c, e) => {
    if (!isNetworkTask(c)) throw new Error(`ensemble member ${e}: task ${c.task.name} does not train a network`);
    if (networkEnsembleKey(c) !== shared)
      throw new Error(
        `ensemble member ${e} differs from member 0 in more than seed, model.initScale, optimizer hyper-parameters and early stop; train it separately`,
      );
  });
  const [first] = configs;
  const task = taskDefinition(first.task.name);
  if (task.experiment !== 'supervised') throw new Error(`task ${first.task.name} does not train a network`);
  return readingData(() => task.data(first.task, first.training.seed));
}

/** An experiment as a member of a training (its step taken by the ensemble). */
export function memberOf(config: RunConfig, experiment: Experiment): EnsembleMember {
  return {
    config,
    arrays: experiment.arrays,
    shapes: experiment.shapes,
    get state() {
      return experiment.state;
    },
    set state(s) {
      experiment.state = s;
    },
    evaluate: () => experiment.evaluate(),
    baselines: experiment.baselines,
  };
}

/** The members as separate experiments over the shared data, stepped one after another. */
export function steppedMembers(configs: readonly RunConfig[], data: Dataset = sharedDataset(configs)): TrainedTogether {
  const experiments = configs.map((c) => supervised(c, data));
  const losses = new Float64Array(configs.length);
  return {
    members: configs.map((c, e) => memberOf(c, experiments[e])),
    step(step, active) {
      experiments.forEach((x, e) => {
        losses[e] = active[e] ? x.step(step) : NaN;
      });
      return losses;
    },
  };
}

/** Network members trained together: batched where the model allows, else stepped one by one. */
export function networkEnsemble(configs: readonly RunConfig[]): TrainedTogether {
  const data = sharedDataset(configs);
  // Bayesian networks and variational GPs are experiments of their own (setup.ts), stepped one by one.
  const network = !['bnn', 'variational-gp'].includes(configs[0].model.name);
  const batched = configs.length > 1 && network ? batchedNetwork(configs[0], data) : null;
  if (!batched) return steppedMembers(configs, data);
  return new NetworkMembers(configs, batched.model, batched.objective);
}
