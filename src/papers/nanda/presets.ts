// Nanda, Chan, Lieberum, Smith & Steinhardt 2023: the one-layer transformer on a + b mod 113.
import { presetFromDefaults, type Preset } from '../../config/defaults.js';

/** The one-layer transformer of their code. */
const NANDA_MODEL = { name: 'transformer', layers: 1, dModel: 128, heads: 4, dMlp: 512, layerNorm: false, causal: true, initScale: 1 } as const;

// their code: AdamW lr 1e-3, betas (0.9, 0.98), weight decay 1, 10 linear warm-up steps
const NANDA_OPTIMIZER = {
  name: 'adamw',
  lr: { schedule: 'linearWarmup', peak: 1e-3, warmupSteps: 10 },
  beta1: 0.9,
  beta2: 0.98,
  eps: 1e-8,
  weightDecay: 1,
} as const;

export const NANDA_PRESETS: Readonly<Record<string, Preset>> = {
  'nanda-p113': presetFromDefaults(
    'Nanda et al.: one-layer transformer on a + b mod 113, 30 % of pairs, full batch, AdamW wd 1',
    'Nanda, Chan, Lieberum, Smith, Steinhardt 2023, "Progress measures for grokking via mechanistic interpretability"',
    {
      task: { p: 113, trainFraction: 0.3 },
      model: NANDA_MODEL,
      optimizer: NANDA_OPTIMIZER,
      training: { steps: 15_000, earlyStop: null },
    },
  ),
};
