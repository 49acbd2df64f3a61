// Config → the objects a run trains: data, model, parameters, optimizer and its state.
import type { RunConfig } from '../config/schema.js';
import { buildModel, initParams, type Model, type Params } from '../models/index.js';
import { buildOptimizer, type Arrays, type State, type Transform } from '../optim/index.js';
import { foldIn, key, type Key } from '../random/index.js';
import type { Snapshot } from '../runs/checkpoint.js';
import { modularData, type ModularData } from '../tasks/modular.js';

export interface RunSetup {
  config: RunConfig;
  data: ModularData;
  model: Model;
  params: Params;
  /** the parameters' storage, by name, as the optimizer sees it */
  arrays: Arrays;
  optimizer: Transform;
  state: State;
  /** the step to continue from: 0, or a checkpoint's */
  step: number;
  /** per-step minibatch randomness, independent of the initialization's */
  batchKey: Key;
}

export function setupRun(config: RunConfig, resume: Snapshot | null = null): RunSetup {
  const data = modularData(config.task);
  const model = buildModel(config.model, { vocab: data.vocab, classes: data.classes, sequenceLength: data.sequenceLength });
  const root = key(config.training.seed);
  const params = initParams(model, foldIn(root, 0), config.training.dtype, config.model.initScale);
  const arrays = Object.fromEntries(Object.entries(params).map(([name, p]) => [name, p.data]));
  const optimizer = buildOptimizer(config.optimizer, { shapes: model.shapes });
  let state = optimizer.init(arrays);
  if (resume) {
    for (const [name, values] of Object.entries(resume.params)) {
      if (!(name in arrays) || arrays[name].length !== values.length) throw new Error(`checkpoint parameter ${name} does not match the model`);
      arrays[name].set(values);
    }
    state = resume.optimizer;
  }
  return { config, data, model, params, arrays, optimizer, state, step: resume?.step ?? 0, batchKey: foldIn(root, 1) };
}
