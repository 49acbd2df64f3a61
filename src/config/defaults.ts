// Presets named after what they reproduce. Each is a small diff of DEFAULTS, with its source and
// a reason per line where it departs from the defaults.
import { deepMerge } from './merge.js';
import type { RunConfig } from './schema.js';
import { MILLER_GP_PRESETS } from './presets-miller-gp.js';

/**
 * The cheap CPU recipe (../shared/papers.md §D): modular addition mod 97, an MLP with learned
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
  detection: { trainMetric: 'train_acc', testMetric: 'test_acc', direction: 'above', trainThreshold: 0.99, testThreshold: 0.99, ratioThreshold: 10, sustained: false },
};

export interface Preset {
  description: string;
  source: string;
  config: RunConfig;
}

type Diff = { [key: string]: unknown };

function preset(description: string, source: string, diff: Diff): Preset {
  return { description, source, config: deepMerge(DEFAULTS as never, diff as never) as unknown as RunConfig };
}

/** Nanda et al.'s one-layer transformer, shared by the p = 113 presets. */
const NANDA_MODEL = { name: 'transformer', layers: 1, dModel: 128, heads: 4, dMlp: 512, layerNorm: false, causal: true, initScale: 1 };

/**
 * Tikeng Notsawo, Dumas & Rabusseau 2025 §4, Fig. 1 (§A6 of ../shared/papers.md), as their code
 * runs it: a + b mod 97 on 40 % of the pairs (3763: their split floors 0.4 × 9409, ours rounds,
 * hence the exact fraction), the matrix-product network with two bias-free embeddings, Adam
 * lr 0.01 without decay, minibatches of 2048 (their loader shuffles per epoch, ours samples per
 * step), 2e4 steps, no early stop (the norms after generalization are the point).
 */
const TIKENG_MODULAR = {
  task: { p: 97, trainFraction: 3763 / 9409 },
  model: { name: 'matrix-product-mlp', embedDim: 64, hidden: [64], sharedEmbedding: false, bias: false, initScale: 1 },
  optimizer: { name: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, eps: 1e-8 },
  training: { steps: 20_000, batchSize: 2048, checkpointEvery: 2000, earlyStop: null, normMetrics: true },
};

/** β of each penalty, from the paper's grids (chosen so each run groks within 2e4 steps at α = 0.01). */
export const TIKENG_BETA = { l1: 1e-5, l2: 5e-5, nuclear: 1e-4 } as const;
export type TikengPenalty = 'none' | keyof typeof TIKENG_BETA;

/**
 * Adam with β·Σ h(W) over the weight matrices (their code skips biases) added to the loss, so
 * its gradient joins the loss's before Adam: h = ‖W‖₁ entrywise, ‖W‖_F unsquared, or ‖W‖_*.
 */
export function tikengOptimizer(penalty: TikengPenalty, beta: number, lr: number): Diff {
  const adam = { ...TIKENG_MODULAR.optimizer, lr };
  if (penalty === 'none') return adam;
  const transform = {
    l1: { name: 'addL1Subgradient', beta },
    l2: { name: 'addL2Penalty', beta, squared: false },
    nuclear: { name: 'addNuclearSubgradient', beta },
  }[penalty];
  return { name: 'chain', transforms: [{ name: 'masked', params: 'matrices', transform }, adam] };
}

const tikengPenalized = (penalty: Exclude<TikengPenalty, 'none'>): Diff => ({ ...TIKENG_MODULAR, optimizer: tikengOptimizer(penalty, TIKENG_BETA[penalty], 0.01) });

const TIKENG_SOURCE = 'Tikeng Notsawo, Dumas, Rabusseau 2025, "Grokking beyond the Euclidean norm of model parameters", Fig. 1 (§A6 of ../shared/papers.md)';

export const PRESETS: Record<string, Preset> = {
  'mod97-mlp-adamw': preset(
    'modular addition mod 97 with an MLP and AdamW (weight decay 1): the cheap CPU recipe that groks',
    '../shared/papers.md §D (community recipe after Power et al. 2022)',
    {},
  ),
  'nanda-p113': preset(
    'Nanda et al.: one-layer transformer on a + b mod 113, 30 % of pairs, full batch, AdamW wd 1',
    'Nanda, Chan, Lieberum, Smith, Steinhardt 2023, "Progress measures for grokking via mechanistic interpretability"',
    {
      task: { p: 113, trainFraction: 0.3 },
      model: NANDA_MODEL,
      // their code: AdamW lr 1e-3, betas (0.9, 0.98), weight decay 1, 10 linear warm-up steps
      optimizer: { name: 'adamw', lr: { schedule: 'linearWarmup', peak: 1e-3, warmupSteps: 10 }, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 1 },
      training: { steps: 15_000, earlyStop: null },
    },
  ),
  'power-div97': preset(
    'Power et al.: x / y mod 97 with a two-layer transformer, 50 % of pairs, minibatch 512, AdamW wd 1',
    'Power, Burda, Edwards, Babuschkin, Misra 2022, "Grokking: generalization beyond overfitting on small algorithmic datasets"',
    {
      task: { operation: 'div', trainFraction: 0.5 },
      model: { ...NANDA_MODEL, layers: 2, layerNorm: true },
      optimizer: { name: 'adamw', lr: { schedule: 'linearWarmup', peak: 1e-3, warmupSteps: 10 }, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 1 },
      // batch min(512, n_train / 2); up to 1e5 steps
      training: { steps: 100_000, batchSize: 512 },
    },
  ),
  'omnigrok-baseline-p113': preset(
    'Omnigrok Fig. 6 baseline: the p = 113 transformer, α = 1, weight decay 1: groks with a delay',
    'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", §B5 of ../shared/papers.md',
    {
      task: { p: 113, trainFraction: 0.3 },
      model: NANDA_MODEL,
      optimizer: { name: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 1 },
      training: { steps: 15_000, earlyStop: null },
    },
  ),
  'omnigrok-constrained-p113': preset(
    'Omnigrok Fig. 6 constrained: α = 0.8, weight norm held at its initial value, no weight decay: grokking eliminated',
    'Liu, Michaud, Tegmark 2023, §B5 of ../shared/papers.md',
    {
      task: { p: 113, trainFraction: 0.3 },
      model: { ...NANDA_MODEL, initScale: 0.8 },
      optimizer: {
        name: 'chain',
        transforms: [{ name: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.98, eps: 1e-8, weightDecay: 0 }, { name: 'normConstraint' }],
      },
      training: { steps: 15_000, earlyStop: null },
    },
  ),
  'omnigrok-imdb': preset(
    'Omnigrok Fig. 4: a 2-layer LSTM on the first 1000 IMDb reviews (user-supplied CSV: --set task.path=FILE), α = 6, AdamW wd 1: train fits by ≈ 200 steps, test ≈ 0.5 until ≈ 1e3 steps, ≈ 0.7 by 5e4',
    'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", §B3 of ../shared/papers.md; code KindXiaoming/Omnigrok imdb/grokking',
    {
      // Kaggle's file name, which their code reads from the working directory
      task: { name: 'text-classification', path: 'IMDB Dataset.csv', examples: 1000, testFraction: 0.25, vocabulary: 1000, sequenceLength: 500, stopwords: true, unknownWords: 'drop', splitSeed: 0 },
      model: { name: 'lstm', embedDim: 64, hidden: 256, layers: 2, initScale: 6 },
      // their code: clip_grad_norm_(5), then AdamW lr 3e-4 (PyTorch's default betas), weight decay 1, batch 50, BCE
      optimizer: { name: 'chain', transforms: [{ name: 'clipByGlobalNorm', maxNorm: 5 }, { name: 'adamw', lr: 3e-4, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 1 }] },
      // their DataLoader(shuffle=True): 15 batches of 50 per epoch, reshuffled each epoch
      training: { steps: 50_000, batchSize: 50, batchOrder: 'epochs', evalsPerDecade: 10, checkpointEvery: 1000, earlyStop: null },
      // their test accuracy ends near 0.7: generalization is read at 0.65
      detection: { testThreshold: 0.65 },
    },
  ),
  'omnigrok-teacher-student': preset(
    'Omnigrok Fig. 2: a 5 → 100 → 100 → 5 tanh student learns a random teacher of its shape; α = 2, AdamW wd 0.05: test accuracy (per-example MSE < 1e-3) follows train ≈ 50× later',
    'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", §B1 of ../shared/papers.md',
    {
      task: { name: 'teacher-student', inputs: 5, hidden: [100, 100], outputs: 5, trainSize: 100, testSize: 100, dataSeed: 0, accuracyThreshold: 1e-3 },
      model: { hidden: [100, 100], activation: 'tanh', initScale: 2 },
      // their notebook: AdamW lr 3e-4 (PyTorch's default betas), weight decay 0.05, full batch, 1e5 steps
      optimizer: { name: 'adamw', lr: 3e-4, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.05 },
      training: { steps: 100_000, checkpointEvery: 10_000, earlyStop: null },
    },
  ),
  'omnigrok-mnist': preset(
    'Omnigrok Fig. 3: MLP 784-200-200-10 on 1000 MNIST digits, α = 8, AdamW wd 0.01, MSE on one-hot, batch 200, float64: test accuracy jumps long after train',
    'Liu, Michaud, Tegmark 2023, §B2 of ../shared/papers.md',
    {
      task: { name: 'mnist', trainSize: 1000, testSize: 5000, splitSeed: 0, loss: 'mse' },
      model: { hidden: [200, 200], activation: 'relu', initScale: 8 },
      optimizer: { name: 'adamw', lr: 1e-3, beta1: 0.9, beta2: 0.999, eps: 1e-8, weightDecay: 0.01 },
      training: { steps: 100_000, batchSize: 200, dtype: 'float64', checkpointEvery: 10_000, earlyStop: null },
      // the paper's test accuracy ends at ≈ 0.88: generalization is read at 0.8
      detection: { testThreshold: 0.8 },
    },
  ),
  'omnigrok-mnist-constrained': preset(
    'Omnigrok Fig. 3 landscape point: the MNIST MLP at α = 8 with its weight norm held at the initial value (no weight decay): it memorizes and never generalizes well',
    'Liu, Michaud, Tegmark 2023, §B2 of ../shared/papers.md (landscape: AdamW lr 1e-3, wd 0, 1e4 steps, batch 100)',
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
  'tikeng-mod97-none': preset(
    'Tikeng Notsawo et al. Fig. 1 control: a + b mod 97, matrix-product network, Adam lr 0.01, no penalty',
    TIKENG_SOURCE,
    TIKENG_MODULAR,
  ),
  'tikeng-mod97-l1': preset(
    `Tikeng Notsawo et al. Fig. 1: the mod-97 network with an ℓ1 penalty β·Σ‖W‖₁, β = ${TIKENG_BETA.l1} (their grid 5e-9 … 1e-5)`,
    TIKENG_SOURCE,
    tikengPenalized('l1'),
  ),
  'tikeng-mod97-l2': preset(
    `Tikeng Notsawo et al. Fig. 1: the mod-97 network with an unsquared ℓ2 penalty β·Σ‖W‖_F, β = ${TIKENG_BETA.l2} (their grid 1e-7 … 5e-5)`,
    TIKENG_SOURCE,
    tikengPenalized('l2'),
  ),
  'tikeng-mod97-nuclear': preset(
    `Tikeng Notsawo et al. Fig. 1: the mod-97 network with a nuclear-norm penalty β·Σ‖W‖_*, β = ${TIKENG_BETA.nuclear} (their grid 5e-8 … 1e-4)`,
    TIKENG_SOURCE,
    tikengPenalized('nuclear'),
  ),
};

/**
 * Tikeng Notsawo et al. §3.1 (§A1 of ../shared/papers.md): sparse recovery with n = 100, s = 5,
 * N = 30, measurements N(0, 1/N) and the linear model from all ones × ζ (both as in their code),
 * full-batch subgradient descent a ← a − α(∇g + β·sign(a)) in float64. t₁ and t₂ at relative
 * error 1e-3, the threshold their Fig. 3 notebook uses (the text says 1e-4; with β = 1e-5 the
 * ℓ1 bias keeps the train error near 1e-4, so 1e-4 is reached late or never).
 */
export const TIKENG_SPARSE = {
  task: { name: 'sparse-recovery', n: 100, s: 5, N: 30, designVariance: '1/N', coherence: 0, snr: null, seed: 0 },
  model: { name: 'diagonal-linear', depth: 1, init: 'ones', initScale: 1e-6 },
  optimizer: { name: 'chain', transforms: [{ name: 'addL1Subgradient', beta: 1e-5 }, { name: 'sgd', lr: 0.1 }] },
  training: { steps: 1_000_000, batchSize: 'full', dtype: 'float64', evalsPerDecade: 20, checkpointEvery: 100_000, earlyStop: null },
  detection: { trainMetric: 'train_error', testMetric: 'test_error', direction: 'below', trainThreshold: 1e-3, testThreshold: 1e-3 },
};

/** §3.2 (§A2): a 10×10 rank-2 A* with ‖A*‖_F = 10, N = 70 observed, the full matrix from ζ·I, nuclear subgradient. */
export const TIKENG_COMPLETION = {
  task: { name: 'matrix-completion', rows: 10, cols: 10, rank: 2, observed: 70, frobenius: 10, leverage: 0, seed: 0 },
  model: { name: 'deep-matrix', depth: 1, init: 'identity', initScale: 1e-6 },
  optimizer: { name: 'chain', transforms: [{ name: 'addNuclearSubgradient', beta: 1e-4 }, { name: 'sgd', lr: 0.1 }] },
  training: { ...TIKENG_SPARSE.training, steps: 10_000_000, checkpointEvery: 1_000_000 },
  detection: TIKENG_SPARSE.detection,
};

PRESETS['tikeng-sparse-l1'] = preset(
  'Tikeng Notsawo et al. Fig. 3: sparse recovery (n 100, s 5, N 30, SNR 1e8) with ℓ1 subgradient descent, α = 0.1, β = 1e-5, ζ = 1e-6, 1e6 steps: t₁ ≪ t₂',
  'Tikeng Notsawo, Dumas, Rabusseau 2025 (arXiv 2506.05718), Fig. 3 (§A1 of ../shared/papers.md)',
  { ...TIKENG_SPARSE, task: { ...TIKENG_SPARSE.task, snr: 1e8 } },
);
PRESETS['tikeng-completion-nuclear'] = preset(
  'Tikeng Notsawo et al. Fig. 5: 10×10 rank-2 matrix completion from 70 entries with nuclear-norm subgradient descent, α = 0.1, β = 1e-4, ζ = 1e-6, 1e7 steps',
  'Tikeng Notsawo, Dumas, Rabusseau 2025 (arXiv 2506.05718), Fig. 5 (§A2 of ../shared/papers.md)',
  TIKENG_COMPLETION,
);
// Sensing has no figure in the paper: the completion setup with 70 Gaussian measurements
// (36 degrees of freedom) and β = 1e-3 so that it groks in 3e5 steps (t₁ ≈ 6e2, t₂ ≈ 7e4).
PRESETS['tikeng-sensing-nuclear'] = preset(
  'Tikeng Notsawo et al. §3.2, matrix sensing: a 10×10 rank-2 A* from 70 Gaussian measurements ⟨M_k, A*⟩, nuclear-norm subgradient descent, α = 0.1, β = 1e-3, ζ = 1e-6, 3e5 steps',
  'Tikeng Notsawo, Dumas, Rabusseau 2025 (arXiv 2506.05718), §3.2 (sensing is named there; no figure: sizes as completion, §A2)',
  {
    ...TIKENG_COMPLETION,
    task: { name: 'matrix-sensing', rows: 10, cols: 10, rank: 2, measurements: 70, frobenius: 10, seed: 0 },
    optimizer: { name: 'chain', transforms: [{ name: 'addNuclearSubgradient', beta: 1e-3 }, { name: 'sgd', lr: 0.1 }] },
    training: { ...TIKENG_COMPLETION.training, steps: 300_000, checkpointEvery: 50_000 },
  },
);

/**
 * §4's nonlinear teacher–student (§A6; their notebook non_linear_teacher_student.ipynb): a dense
 * bias-free 100 → 500 → 2 ReLU teacher (hidden weights N(0, 1), read-out N(0, 1/500²)) labels
 * x ~ N(0, I); 100 train / 1000 test; a student of the teacher's shape (no biases, their
 * type_init='normal': N(0, 1/fan_out), so its outputs start ~15× the targets' scale) learns it
 * with MSE, full batch, Adam α = 1e-3 without decay. 5e4 steps (theirs 1e6). Memorization at
 * train MSE 1e-3; generalization once the test MSE is below 0.06, under the 0.065 of predicting
 * 0 (the memorizing student sits at ≈ 11).
 */
export const TIKENG_TEACHER = {
  task: { name: 'teacher-student', inputs: 100, hidden: [500], outputs: 2, trainSize: 100, testSize: 1000, dataSeed: 0, activation: 'relu', bias: false, teacherInit: 'gaussian', accuracyThreshold: 1e-3 },
  model: { name: 'mlp', input: 'embedding', embedDim: 1, hidden: [500], activation: 'relu', bias: false, weightInit: 'normalFanOut', initScale: 1 },
  training: { steps: 50_000, batchSize: 'full', evalsPerDecade: 20, checkpointEvery: 10_000, earlyStop: null, normMetrics: true },
  detection: { trainMetric: 'train_loss', testMetric: 'test_loss', direction: 'below', trainThreshold: 1e-3, testThreshold: 0.06 },
};
/** β of each penalty at α = 1e-3 (from their grid 1e-7 … 1e-1): each generalizes well within 1e5 steps. */
export const TIKENG_TEACHER_BETA = { l1: 1e-4, l2: 1e-2, nuclear: 1e-2 } as const;
export const TIKENG_TEACHER_LR = 1e-3;

for (const penalty of ['none', 'l1', 'l2', 'nuclear'] as const) {
  const beta = penalty === 'none' ? 0 : TIKENG_TEACHER_BETA[penalty];
  PRESETS[`tikeng-teacher-${penalty}`] = preset(
    `Tikeng Notsawo et al. §4 teacher–student: 100 → 500 → 2 ReLU student of a random ReLU teacher, 100 examples, Adam α = ${TIKENG_TEACHER_LR}, ${penalty === 'none' ? 'no penalty (the control: memorizes)' : `${penalty} penalty β = ${beta}`}`,
    'Tikeng Notsawo, Dumas, Rabusseau 2025 (arXiv 2506.05718), §4 and Fig. 10 (§A6 of ../shared/papers.md)',
    { ...TIKENG_TEACHER, optimizer: tikengOptimizer(penalty, beta, TIKENG_TEACHER_LR) },
  );
}

// Miller et al. beyond networks: complete configs of their own (presets-miller-gp.ts).
Object.assign(PRESETS, MILLER_GP_PRESETS);

export const DEFAULT_PRESET = 'mod97-mlp-adamw';
