// Tikeng Notsawo, Dumas & Rabusseau 2025, "Grokking beyond the Euclidean norm of model
// parameters": the setups of its figures, as diffs of DEFAULTS.
import { presetFromDefaults, type Preset } from '../../config/defaults.js';

type Diff = { [key: string]: unknown };

/**
 * Tikeng Notsawo, Dumas & Rabusseau 2025 §4, Fig. 1 (§6 of src/papers/tikeng/README.md), as their code
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

const tikengPenalized = (penalty: Exclude<TikengPenalty, 'none'>): Diff => ({
  ...TIKENG_MODULAR,
  optimizer: tikengOptimizer(penalty, TIKENG_BETA[penalty], 0.01),
});

const FIG1_SOURCE =
  'Tikeng Notsawo, Dumas, Rabusseau 2025, "Grokking beyond the Euclidean norm of model parameters", Fig. 1 (§6 of src/papers/tikeng/README.md)';

/**
 * Tikeng Notsawo et al. §3.1 (§1 of src/papers/tikeng/README.md): sparse recovery with n = 100, s = 5,
 * N = 30, measurements N(0, 1/N) and the linear model from all ones × ζ (both as in their code),
 * full-batch subgradient descent a ← a − α(∇g + β·sign(a)) in float64. t₁ and t₂ are the
 * summary's plateau reading (detection mode auto: the error floors at a level set by αβ); the
 * thresholds, 1e-3 as in their Fig. 3 notebook (the text says 1e-4), apply with mode "threshold".
 */
export const TIKENG_SPARSE = {
  task: { name: 'sparse-recovery', n: 100, s: 5, N: 30, designVariance: '1/N', coherence: 0, snr: null, seed: 0 },
  model: { name: 'diagonal-linear', depth: 1, init: 'ones', initScale: 1e-6 },
  optimizer: {
    name: 'chain',
    transforms: [
      { name: 'addL1Subgradient', beta: 1e-5 },
      { name: 'sgd', lr: 0.1 },
    ],
  },
  training: { steps: 1_000_000, batchSize: 'full', dtype: 'float64', evalsPerDecade: 20, checkpointEvery: 100_000, earlyStop: null },
  detection: { trainMetric: 'train_error', testMetric: 'test_error', direction: 'below', trainThreshold: 1e-3, testThreshold: 1e-3 },
};

/** §3.2 (README §2): a 10×10 rank-2 A* with ‖A*‖_F = 10, N = 70 observed, the full matrix from ζ·I, nuclear subgradient. */
export const TIKENG_COMPLETION = {
  task: { name: 'matrix-completion', rows: 10, cols: 10, rank: 2, observed: 70, frobenius: 10, leverage: 0, seed: 0 },
  model: { name: 'deep-matrix', depth: 1, init: 'identity', initScale: 1e-6 },
  optimizer: {
    name: 'chain',
    transforms: [
      { name: 'addNuclearSubgradient', beta: 1e-4 },
      { name: 'sgd', lr: 0.1 },
    ],
  },
  training: { ...TIKENG_SPARSE.training, steps: 10_000_000, checkpointEvery: 1_000_000 },
  detection: TIKENG_SPARSE.detection,
};

/**
 * §4's nonlinear teacher–student (README §6; their notebook non_linear_teacher_student.ipynb): a dense
 * bias-free 100 → 500 → 2 ReLU teacher (hidden weights N(0, 1), read-out N(0, 1/500²)) labels
 * x ~ N(0, I); 100 train / 1000 test; a student of the teacher's shape (no biases, their
 * type_init='normal': N(0, 1/fan_out), so its outputs start ~15× the targets' scale) learns it
 * with MSE, full batch, Adam α = 1e-3 without decay. 5e4 steps (theirs 1e6). Memorized and
 * generalized relative to predicting 0 (test MSE 0.065; the memorizing student sits at ≈ 11) by
 * the summary's plateau reading; the thresholds (train MSE 1e-3, test MSE 0.06) apply with
 * detection mode "threshold".
 */
export const TIKENG_TEACHER = {
  task: {
    name: 'teacher-student',
    inputs: 100,
    hidden: [500],
    outputs: 2,
    trainSize: 100,
    testSize: 1000,
    dataSeed: 0,
    activation: 'relu',
    bias: false,
    teacherInit: 'gaussian',
    accuracyThreshold: 1e-3,
  },
  model: { name: 'mlp', input: 'embedding', embedDim: 1, hidden: [500], activation: 'relu', bias: false, weightInit: 'normalFanOut', initScale: 1 },
  training: { steps: 50_000, batchSize: 'full', evalsPerDecade: 20, checkpointEvery: 10_000, earlyStop: null, normMetrics: true },
  detection: { trainMetric: 'train_loss', testMetric: 'test_loss', direction: 'below', trainThreshold: 1e-3, testThreshold: 0.06 },
};
/** β of each penalty at α = 1e-3 (from their grid 1e-7 … 1e-1): each generalizes well within 1e5 steps. */
export const TIKENG_TEACHER_BETA = { l1: 1e-4, l2: 1e-2, nuclear: 1e-2 } as const;
export const TIKENG_TEACHER_LR = 1e-3;

const teacherPreset = (penalty: TikengPenalty): [string, Preset] => {
  const beta = penalty === 'none' ? 0 : TIKENG_TEACHER_BETA[penalty];
  return [
    `tikeng-teacher-${penalty}`,
    presetFromDefaults(
      `Tikeng Notsawo et al. §4 teacher–student: 100 → 500 → 2 ReLU student of a random ReLU teacher, 100 examples, Adam α = ${TIKENG_TEACHER_LR}, ${penalty === 'none' ? 'no penalty (the control: memorizes)' : `${penalty} penalty β = ${beta}`}`,
      'Tikeng Notsawo, Dumas, Rabusseau 2025 (arXiv 2506.05718), §4 and Fig. 10 (§6 of src/papers/tikeng/README.md)',
      { ...TIKENG_TEACHER, optimizer: tikengOptimizer(penalty, beta, TIKENG_TEACHER_LR) },
    ),
  ];
};

export const TIKENG_PRESETS: Readonly<Record<string, Preset>> = {
  'tikeng-mod97-none': presetFromDefaults(
    'Tikeng Notsawo et al. Fig. 1 control: a + b mod 97, matrix-product network, Adam lr 0.01, no penalty',
    FIG1_SOURCE,
    TIKENG_MODULAR,
  ),
  'tikeng-mod97-l1': presetFromDefaults(
    `Tikeng Notsawo et al. Fig. 1: the mod-97 network with an ℓ1 penalty β·Σ‖W‖₁, β = ${TIKENG_BETA.l1} (their grid 5e-9 … 1e-5)`,
    FIG1_SOURCE,
    tikengPenalized('l1'),
  ),
  'tikeng-mod97-l2': presetFromDefaults(
    `Tikeng Notsawo et al. Fig. 1: the mod-97 network with an unsquared ℓ2 penalty β·Σ‖W‖_F, β = ${TIKENG_BETA.l2} (their grid 1e-7 … 5e-5)`,
    FIG1_SOURCE,
    tikengPenalized('l2'),
  ),
  'tikeng-mod97-nuclear': presetFromDefaults(
    `Tikeng Notsawo et al. Fig. 1: the mod-97 network with a nuclear-norm penalty β·Σ‖W‖_*, β = ${TIKENG_BETA.nuclear} (their grid 5e-8 … 1e-4)`,
    FIG1_SOURCE,
    tikengPenalized('nuclear'),
  ),
  'tikeng-sparse-l1': presetFromDefaults(
    'Tikeng Notsawo et al. Fig. 3: sparse recovery (n 100, s 5, N 30, SNR 1e8) with ℓ1 subgradient descent, α = 0.1, β = 1e-5, ζ = 1e-6, 1e6 steps: t₁ ≪ t₂',
    'Tikeng Notsawo, Dumas, Rabusseau 2025 (arXiv 2506.05718), Fig. 3 (§1 of src/papers/tikeng/README.md)',
    { ...TIKENG_SPARSE, task: { ...TIKENG_SPARSE.task, snr: 1e8 } },
  ),
  'tikeng-completion-nuclear': presetFromDefaults(
    'Tikeng Notsawo et al. Fig. 5: 10×10 rank-2 matrix completion from 70 entries with nuclear-norm subgradient descent, α = 0.1, β = 1e-4, ζ = 1e-6, 1e7 steps',
    'Tikeng Notsawo, Dumas, Rabusseau 2025 (arXiv 2506.05718), Fig. 5 (§2 of src/papers/tikeng/README.md)',
    TIKENG_COMPLETION,
  ),
  // Sensing has no figure in the paper: the completion setup with 70 Gaussian measurements
  // (36 degrees of freedom) and β = 1e-3 so that it groks in 3e5 steps (t₁ ≈ 6e2, t₂ ≈ 7e4).
  'tikeng-sensing-nuclear': presetFromDefaults(
    'Tikeng Notsawo et al. §3.2, matrix sensing: a 10×10 rank-2 A* from 70 Gaussian measurements ⟨M_k, A*⟩, nuclear-norm subgradient descent, α = 0.1, β = 1e-3, ζ = 1e-6, 3e5 steps',
    'Tikeng Notsawo, Dumas, Rabusseau 2025 (arXiv 2506.05718), §3.2 (sensing is named there; no figure: sizes as completion, README §2)',
    {
      ...TIKENG_COMPLETION,
      task: { name: 'matrix-sensing', rows: 10, cols: 10, rank: 2, measurements: 70, frobenius: 10, seed: 0 },
      optimizer: {
        name: 'chain',
        transforms: [
          { name: 'addNuclearSubgradient', beta: 1e-3 },
          { name: 'sgd', lr: 0.1 },
        ],
      },
      training: { ...TIKENG_COMPLETION.training, steps: 300_000, checkpointEvery: 50_000 },
    },
  ),
  ...Object.fromEntries((['none', 'l1', 'l2', 'nuclear'] as const).map(teacherPreset)),
};
