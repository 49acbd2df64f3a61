// Power, Burda, Edwards, Babuschkin & Misra 2022: grokking on small algorithmic datasets, and the
// cheap CPU recipe after it that DEFAULTS encodes.
import { presetFromDefaults, type Preset } from '../../config/defaults.js';

export const POWER_PRESETS: Readonly<Record<string, Preset>> = {
  'mod97-mlp-adamw': presetFromDefaults(
    'modular addition mod 97 with an MLP and AdamW (weight decay 1): the cheap CPU recipe that groks',
    'src/papers/power/README.md (the community recipe after Power et al. 2022)',
    {},
  ),
  'power-div97': presetFromDefaults(
    'Power et al.: x / y mod 97 with a two-layer transformer, 50 % of pairs, minibatch min(512, n_train / 2), AdamW wd 1',
    'Power, Burda, Edwards, Babuschkin, Misra 2022, "Grokking: generalization beyond overfitting on small algorithmic datasets"',
    {
      task: { operation: 'div', trainFraction: 0.5 },
      model: { name: 'transformer', layers: 2, dModel: 128, heads: 4, dMlp: 512, layerNorm: true, causal: true, initScale: 1 },
      optimizer: { name: 'adamw', lr: { schedule: 'linearWarmup', peak: 1e-3, warmupSteps: 10 }, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 1 },
      // Their data loader walks shuffled epochs in batches of min(512, ⌈n_train / 2⌉): 512 here (4656 training pairs).
      training: { steps: 100_000, batchSize: { fraction: 0.5, max: 512 }, batchOrder: 'epochs' },
    },
  ),
};
