// Liu, Michaud & Tegmark 2023, "Omnigrok": grokking beyond algorithmic data. Each preset is
// one figure's setup as a diff of DEFAULTS.
import { presetFromDefaults, type Preset } from '../../config/defaults.js';

/** Nanda et al.'s one-layer transformer, which Omnigrok's p = 113 runs use. */
const P113_TRANSFORMER = { name: 'transformer', layers: 1, dModel: 128, heads: 4, dMlp: 512, layerNorm: false, causal: true, initScale: 1 };

export const OMNIGROK_PRESETS: Readonly<Record<string, Preset>> = {
  'omnigrok-baseline-p113': presetFromDefaults(
    'Omnigrok Fig. 6 baseline: the p = 113 transformer, α = 1, weight decay 1: groks with a delay',
    'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", §5 of src/papers/omnigrok/README.md',
    {
      task: { p: 113, trainFraction: 0.3 },
      model: P113_TRANSFORMER,
      optimizer: { name: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 1 },
      training: { steps: 15_000, earlyStop: null },
    },
  ),
  'omnigrok-constrained-p113': presetFromDefaults(
    'Omnigrok Fig. 6 constrained: α = 0.8, weight norm held at its initial value, no weight decay: grokking eliminated',
    'Liu, Michaud, Tegmark 2023, §5 of src/papers/omnigrok/README.md',
    {
      task: { p: 113, trainFraction: 0.3 },
      model: { ...P113_TRANSFORMER, initScale: 0.8 },
      optimizer: {
        name: 'chain',
        transforms: [{ name: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 0 }, { name: 'normConstraint' }],
      },
      training: { steps: 15_000, earlyStop: null },
    },
  ),
  'omnigrok-imdb': presetFromDefaults(
    'Omnigrok Fig. 4: a 2-layer LSTM on the first 1000 IMDb reviews (user-supplied CSV: --set task.path=FILE), α = 6, AdamW wd 1: train fits by ≈ 200 steps, test ≈ 0.5 until ≈ 1e3 steps, ≈ 0.7 by 5e4',
    'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", §3 of src/papers/omnigrok/README.md; code KindXiaoming/Omnigrok imdb/grokking',
    {
      // Kaggle's file name, which their code reads from the working directory
      task: {
        name: 'text-classification',
        path: 'IMDB Dataset.csv',
        examples: 1000,
        testFraction: 0.25,
        vocabulary: 1000,
        sequenceLength: 500,
        stopwords: true,
        unknownWords: 'drop',
        splitSeed: 0,
      },
      model: { name: 'lstm', embedDim: 64, hidden: 256, layers: 2, initScale: 6 },
      // their code: clip_grad_norm_(5), then AdamW lr 3e-4 (PyTorch's default betas), weight decay 1, batch 50, BCE
      optimizer: {
        name: 'chain',
        transforms: [
          { name: 'clipByGlobalNorm', maxNorm: 5 },
          { name: 'adamw', lr: 3e-4, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1 },
        ],
      },
      // their DataLoader(shuffle=True): 15 batches of 50 per epoch, reshuffled each epoch
      training: { steps: 50_000, batchSize: 50, batchOrder: 'epochs', evalsPerDecade: 10, checkpointEvery: 1000, earlyStop: null },
      // their test accuracy ends near 0.7: generalization is read at 0.65
      detection: { testThreshold: 0.65 },
    },
  ),
  'omnigrok-teacher-student': presetFromDefaults(
    'Omnigrok Fig. 2: a 5 → 100 → 100 → 5 tanh student learns a random teacher of its shape; α = 2, AdamW wd 0.05: test accuracy (per-example MSE < 1e-3) follows train ≈ 50× later',
    'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", §1 of src/papers/omnigrok/README.md',
    {
      task: { name: 'teacher-student', inputs: 5, hidden: [100, 100], outputs: 5, trainSize: 100, testSize: 100, dataSeed: 0, accuracyThreshold: 1e-3 },
      model: { hidden: [100, 100], activation: 'tanh', initScale: 2 },
      // their notebook: AdamW lr 3e-4 (PyTorch's default betas), weight decay 0.05, full batch, 1e5 steps
      optimizer: { name: 'adamw', lr: 3e-4, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.05 },
      training: { steps: 100_000, checkpointEvery: 10_000, earlyStop: null },
    },
  ),
  'omnigrok-mnist': presetFromDefaults(
    'Omnigrok Fig. 3: MLP 784-200-200-10 on 1000 MNIST digits, α = 8, AdamW wd 0.01, MSE on one-hot, batch 200, float64: test accuracy jumps long after train',
    'Liu, Michaud, Tegmark 2023, §2 of src/papers/omnigrok/README.md',
    {
      task: { name: 'mnist', trainSize: 1000, testSize: 5000, splitSeed: 0, loss: 'mse' },
      model: { hidden: [200, 200], activation: 'relu', initScale: 8 },
      optimizer: { name: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 },
      training: { steps: 100_000, batchSize: 200, dtype: 'float64', checkpointEvery: 10_000, earlyStop: null },
      // the paper's test accuracy ends at ≈ 0.88: generalization is read at 0.8
      detection: { testThreshold: 0.8 },
    },
  ),
  'omnigrok-mnist-constrained': presetFromDefaults(
    'Omnigrok Fig. 3 landscape point: the MNIST MLP at α = 8 with its weight norm held at the initial value (no weight decay): it memorizes and never generalizes well',
    'Liu, Michaud, Tegmark 2023, §2 of src/papers/omnigrok/README.md (landscape: AdamW lr 1e-3, wd 0, 1e4 steps, batch 100)',
    {
      task: { name: 'mnist', trainSize: 1000, testSize: 5000, splitSeed: 0, loss: 'mse' },
      model: { hidden: [200, 200], activation: 'relu', initScale: 8 },
      optimizer: {
        name: 'chain',
        transforms: [{ name: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0 }, { name: 'normConstraint' }],
      },
      training: { steps: 10_000, batchSize: 100, checkpointEvery: 5000, earlyStop: null },
      detection: { testThreshold: 0.8 },
    },
  ),
  'omnigrok-representation-toy': presetFromDefaults(
    "Omnigrok's representation toy: frozen 2-D embeddings of 0…9 on a noisy line (messiness m = 0), a 2 → 200 → 200 → 30 LeakyReLU(0.2) decoder at 3× its default weight norm, held there; Adam lr 1e-2 × 0.2 every 5000 steps, 15k steps",
    'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", §6 of src/papers/omnigrok/README.md; code KindXiaoming/Omnigrok mod-addition/landscape',
    {
      task: {
        name: 'representation-toy',
        p: 10,
        messiness: 0,
        lineNoise: 0.3,
        outputs: 30,
        trainSize: 45,
        dataSeed: 0,
        heldOut: 'seenSums',
        accuracyThreshold: 0.5,
      },
      model: { name: 'mlp', input: 'onehot', embedDim: 1, hidden: [200, 200], activation: 'leakyRelu', leakySlope: 0.2, bias: true, initScale: 3 },
      // their notebook: Adam betas (0.9, 0.99), lr 1e-2 multiplied by 0.2 every 5000 steps, full batch, the decoder's norm rescaled back after each step
      optimizer: {
        name: 'chain',
        transforms: [
          { name: 'adam', lr: { schedule: 'stepDecay', peak: 1e-2, every: 5000, factor: 0.2 }, beta1: 0.9, beta2: 0.99, eps: 1e-8 },
          { name: 'normConstraint' },
        ],
      },
      training: { steps: 15_000, batchSize: 'full', dtype: 'float32', evalsPerDecade: 10, checkpointEvery: 15_000, earlyStop: null },
      // fitted: every training pair within MSE 0.5 of its template; generalized: half the held-out pairs, for good
      detection: { trainThreshold: 0.99, testThreshold: 0.5, sustained: true },
    },
  ),
};
