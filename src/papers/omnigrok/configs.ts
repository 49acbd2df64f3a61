// Run configs of the Omnigrok experiments (Liu, Michaud & Tegmark 2023, src/papers/omnigrok/README.md),
// as small diffs of the presets: every reproduction and test builds its runs here.
import { OMNIGROK_PRESETS } from './presets.js';
import { validateConfig } from '../../config/validate.js';
import type { RunConfig } from '../../config/schema.js';

/** Omnigrok's constrained-norm mode: the optimizer, then one global projection back to the initial norm. */
export function constrained(optimizer: unknown): unknown {
  return { name: 'chain', transforms: [optimizer, { name: 'normConstraint' }] };
}

const adamw = (lr: number, weightDecay: number, betas: [number, number] = [0.9, 0.999]) => ({
  name: 'adamw',
  lr,
  beta1: betas[0],
  beta2: betas[1],
  eps: 1e-8,
  weightDecay,
});

/** A preset with fields replaced (task, model, optimizer and training merged one level deep). */
function fromPreset(name: string, over: { task?: object; model?: object; optimizer?: unknown; training?: object; detection?: object }): RunConfig {
  const base = OMNIGROK_PRESETS[name].config;
  return validateConfig({
    ...base,
    task: { ...base.task, ...over.task },
    model: { ...base.model, ...over.model },
    optimizer: over.optimizer ?? base.optimizer,
    training: { ...base.training, ...over.training },
    detection: { ...base.detection, ...over.detection },
  });
}

export interface TeacherStudentOptions {
  alpha: number;
  steps: number;
  /** the landscape: Adam lr 3e-4 with the norm held fixed (else the preset's AdamW, wd 0.05) */
  constrain?: boolean;
  lr?: number;
  weightDecay?: number;
}

export function teacherStudentConfig(o: TeacherStudentOptions): RunConfig {
  const optimizer = o.constrain
    ? constrained({ name: 'adam', lr: o.lr ?? 3e-4, beta1: 0.9, beta2: 0.999, eps: 1e-8 })
    : adamw(o.lr ?? 3e-4, o.weightDecay ?? 0.05);
  return fromPreset('omnigrok-teacher-student', { model: { initScale: o.alpha }, optimizer, training: { steps: o.steps, checkpointEvery: o.steps } });
}

export interface MnistOptions {
  alpha: number;
  steps: number;
  trainSize?: number;
  testSize?: number;
  /** the landscape: AdamW lr 1e-3 without decay, norm held fixed */
  constrain?: boolean;
  lr?: number;
  weightDecay?: number;
  batchSize?: number;
  hidden?: number[];
  dtype?: 'float32' | 'float64';
  evalsPerDecade?: number;
  seed?: number;
}

export function mnistConfig(o: MnistOptions): RunConfig {
  const base = OMNIGROK_PRESETS['omnigrok-mnist'].config;
  const lr = o.lr ?? 1e-3;
  return fromPreset('omnigrok-mnist', {
    task: { ...(o.trainSize ? { trainSize: o.trainSize } : {}), ...(o.testSize ? { testSize: o.testSize } : {}) },
    model: { initScale: o.alpha, ...(o.hidden ? { hidden: o.hidden } : {}) },
    optimizer: o.constrain ? constrained(adamw(lr, 0)) : adamw(lr, o.weightDecay ?? 0.01),
    training: {
      steps: o.steps,
      checkpointEvery: o.steps,
      seed: o.seed ?? 0,
      ...(o.batchSize ? { batchSize: o.batchSize } : {}),
      dtype: o.dtype ?? base.training.dtype,
      evalsPerDecade: o.evalsPerDecade ?? base.training.evalsPerDecade,
    },
  });
}

export interface RepresentationToyOptions {
  /** m: the embeddings are m·random + (1−m)·line */
  messiness: number;
  /** the decoder's init scale α, its norm then held there */
  scale: number;
  /** the draw of embeddings, templates, split (task.dataSeed) and the decoder's init */
  seed: number;
  steps: number;
  /** lr × 0.2 every this many steps (the notebook: 5000 of 15,000) */
  decayEvery: number;
}

export function representationToyConfig(o: RepresentationToyOptions): RunConfig {
  return fromPreset('omnigrok-representation-toy', {
    task: { messiness: o.messiness, dataSeed: o.seed },
    model: { initScale: o.scale },
    optimizer: constrained({ name: 'adam', lr: { schedule: 'stepDecay', peak: 1e-2, every: o.decayEvery, factor: 0.2 }, beta1: 0.9, beta2: 0.99, eps: 1e-8 }),
    training: { steps: o.steps, checkpointEvery: o.steps, seed: o.seed },
  });
}
