// The run every preset starts from: each preset is a small diff of DEFAULTS.
import { deepMerge, type Json, type JsonObject } from './merge.js';
import type { RunConfig } from './schema.js';

/**
 * The cheap CPU recipe (src/papers/power/README.md): modular addition mod 97, an MLP with learned
 * embeddings, AdamW with weight decay 1, full batch. Sized to grok within a minute on two cores:
 * half the pairs for training (the recipe's 30–50 % range), embeddings of 64 and 256 hidden
 * units, and lr 3e-3 (instead of 1e-3) so the weight norm shrinks — and the model generalizes —
 * about three times sooner.
 */
export const DEFAULTS: RunConfig = {
  task: { name: 'modular', p: 97, operation: 'add', trainFraction: 0.5, splitSeed: 0 },
  model: { name: 'mlp', input: 'embedding', embedDim: 64, hidden: [256], activation: 'relu', bias: true, initScale: 1 },
  optimizer: { name: 'adamw', lr: 3e-3, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 1 },
  training: {
    steps: 3000,
    batchSize: 'full',
    seed: 0,
    dtype: 'float32',
    evalsPerDecade: 20,
    checkpointEvery: 500,
    earlyStop: { metric: 'test_acc', threshold: 0.99, evals: 3 },
  },
  detection: {
    trainMetric: 'train_acc',
    testMetric: 'test_acc',
    direction: 'above',
    trainThreshold: 0.99,
    testThreshold: 0.99,
    ratioThreshold: 10,
    sustained: false,
    mode: 'auto',
    level: 0.01,
  },
};

/** A named run config: what it reproduces and where the numbers come from. */
export interface Preset {
  description: string;
  source: string;
  config: RunConfig;
}

/** The presets a resolver may choose from, keyed by name. */
export type PresetTable = Readonly<Record<string, Preset>>;

/** Frozen all the way down, so nothing can change a preset after it is built. */
function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null) {
    for (const v of Object.values(value)) deepFreeze(v);
    Object.freeze(value);
  }
  return value;
}

/** A preset over a complete config (for setups that share nothing with DEFAULTS). */
export function presetOf(description: string, source: string, config: RunConfig): Preset {
  return deepFreeze({ description, source, config: structuredClone(config) });
}

/** A preset as a diff of DEFAULTS: objects merge key by key, anything else replaces. */
export function presetFromDefaults(description: string, source: string, diff: { readonly [key: string]: unknown }): Preset {
  return presetOf(description, source, deepMerge(DEFAULTS as unknown as Json, diff as JsonObject) as unknown as RunConfig);
}
