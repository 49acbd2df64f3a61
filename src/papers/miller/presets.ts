// Miller, O'Neill & Bui 2024 beyond networks (§1–3 of src/papers/miller/README.md; their code:
// jackmiller2003/tiny-gen): linear regression, GP regression and GP classification. Complete
// configs (not diffs of DEFAULTS: these tasks share nothing with modular arithmetic), used by
// the presets and by `groklab reproduce miller-*`.
import { presetOf, type Preset } from '../../config/defaults.js';
import { runConfigSchema, type RunConfig } from '../../config/schema.js';

const SOURCE = 'Miller, O\'Neill, Bui 2024, "Grokking beyond neural networks: an empirical exploration with model complexity" (TMLR, arXiv 2310.17247)';

const training = (steps: number, seed: number, evalsPerDecade = 20, checkpointEvery = 1000) => ({
  steps,
  batchSize: 'full',
  seed,
  dtype: 'float64',
  evalsPerDecade,
  checkpointEvery,
  earlyStop: null,
});

/**
 * README §1: two training points, features [x, x², x³, sin(100x)], the high-complexity start
 * [5e-4, 0.9, 0.9, 0.9], loss (SSE/0.002 + Σw²/0.5)/2, SGD lr 1e-3, 5000 steps; every seed
 * draws its own data (dataSeed "run"). Grokking: train accuracy (sign agreement) 1, validation ≥ 0.9.
 */
export function millerLinearConfig({ seed = 0, steps = 5000, complexity = true }: { seed?: number; steps?: number; complexity?: boolean } = {}): RunConfig {
  return runConfigSchema.parse({
    task: { name: 'linear-regression', trainCount: 2, testCount: 98, slope: 0.3, dataSeed: 'run' },
    model: { name: 'linear', init: [5e-4, 0.9, 0.9, 0.9], noiseVariance: 0.002, priorVariance: 0.5, complexity },
    optimizer: { name: 'sgd', lr: 1e-3 },
    training: training(steps, seed),
    detection: { trainMetric: 'train_acc', testMetric: 'test_acc', direction: 'above', trainThreshold: 0.99, testThreshold: 0.9 },
  });
}

/** README §2's three starts (log ℓ, log σ_f²); the paper: only B groks. */
export const GP_STARTS = {
  A: { logLengthscale: -6, logOutputscale: -4 },
  B: { logLengthscale: -6, logOutputscale: 4 },
  C: { logLengthscale: 0, logOutputscale: 2 },
} as const;
export type GpStart = keyof typeof GP_STARTS;

/**
 * README §2: 50 + 50 points of sin(2x) + N(0, 0.1²) on U(−1.5, 1.5), exact GP with noise 0.01 and mean
 * 0 at the start (both learned), Adam lr 4e-2, 3000 steps. Train and validation loss are the MSE
 * of the posterior mean; fitted / generalized = MSE ≤ 0.02 (twice the noise variance).
 */
export function millerGpRegressionConfig(
  start: GpStart,
  { steps = 3000, evalsPerDecade = 50, dataSeed = 0 }: { steps?: number; evalsPerDecade?: number; dataSeed?: number } = {},
): RunConfig {
  return runConfigSchema.parse({
    task: { name: 'noisy-sine', trainCount: 50, testCount: 50, halfWidth: 1.5, frequency: 2, noiseStd: 0.1, dataSeed },
    model: { name: 'exact-gp', ...GP_STARTS[start], noise: 0.01, mean: 0 },
    optimizer: { name: 'adam', lr: 4e-2 },
    training: training(steps, 0, evalsPerDecade),
    detection: { trainMetric: 'train_loss', testMetric: 'test_loss', direction: 'below', trainThreshold: 0.02, testThreshold: 0.02 },
  });
}

export interface GpClassificationOptions {
  seed?: number;
  steps?: number;
  /** β on the KL (0: the ablation without the complexity term) */
  klWeight?: number;
  /** hidden parity's sizes (default the paper's: 1000 train, 100 validation, d = 40) */
  trainCount?: number;
  testCount?: number;
  dimensions?: number;
  extra?: 'gaussian' | 'bits';
}

/**
 * README §3: the variational GP classifier, Adam lr 1e-2, on the zero-one toy (1500 steps, initial
 * lengthscale 0.005) or hidden parity (k = 3 of d = 40, 1000/100, 500 steps, gpytorch's default
 * lengthscale softplus(0) = ln 2). Every seed draws its own data. Grokking: train accuracy ≥ 0.95
 * (the toy's settles at 0.95–1), validation ≥ 0.9.
 */
export function millerGpClassificationConfig(task: 'zero-one' | 'hidden-parity', o: GpClassificationOptions = {}): RunConfig {
  const parity = task === 'hidden-parity';
  return runConfigSchema.parse({
    task: parity
      ? {
          name: 'hidden-parity',
          relevantBits: 3,
          dimensions: o.dimensions ?? 40,
          extra: o.extra ?? 'gaussian',
          trainCount: o.trainCount ?? 1000,
          testCount: o.testCount ?? 100,
          dataSeed: 'run',
        }
      : { name: 'zero-one', trainCount: 20, testCount: 20, dataSeed: 'run' },
    model: {
      name: 'variational-gp',
      lengthscale: parity ? Math.LN2 : 0.005,
      outputscale: Math.LN2,
      jitter: 1e-3,
      quadraturePoints: 20,
      klWeight: o.klWeight ?? 1,
      meanInitStd: 1e-3,
    },
    optimizer: { name: 'adam', lr: 1e-2 },
    training: training(o.steps ?? (parity ? 500 : 1500), o.seed ?? 0, 20, 250),
    detection: { trainMetric: 'train_acc', testMetric: 'test_acc', direction: 'above', trainThreshold: 0.95, testThreshold: 0.9 },
  });
}

const preset = (description: string, section: string, config: RunConfig): Preset =>
  presetOf(description, `${SOURCE}, ${section} of src/papers/miller/README.md`, config);

export const MILLER_PRESETS: Readonly<Record<string, Preset>> = {
  'miller-linear': preset(
    'Miller et al.: linear regression on [x, x², x³, sin(100x)] from 2 points, Gaussian prior term on: train accuracy at once, validation ≈ 1e3 steps later',
    '§1',
    millerLinearConfig(),
  ),
  'miller-linear-no-complexity': preset(
    'Miller et al.: the linear regression without the Σw² complexity term (their ablation: no grokking)',
    '§1',
    millerLinearConfig({ complexity: false }),
  ),
  'miller-gp-regression-a': preset(
    'Miller et al.: exact GP regression from start A (log ℓ −6, log σ_f² −4): fits and generalizes together',
    '§2',
    millerGpRegressionConfig('A'),
  ),
  'miller-gp-regression-b': preset(
    'Miller et al.: exact GP regression from start B (log ℓ −6, log σ_f² 4): memorizes at once, generalizes later (groks)',
    '§2',
    millerGpRegressionConfig('B'),
  ),
  'miller-gp-regression-c': preset(
    'Miller et al.: exact GP regression from start C (log ℓ 0, log σ_f² 2): good from the start',
    '§2',
    millerGpRegressionConfig('C'),
  ),
  'miller-gp-zero-one': preset(
    'Miller et al.: variational GP classification of y = 1[x > 0] from 20 points, lengthscale 0.005 at the start',
    '§3',
    millerGpClassificationConfig('zero-one'),
  ),
  'miller-gp-parity': preset(
    'Miller et al.: variational GP on hidden parity, k = 3 of 40 dimensions, 1000 train, the 37 extra ones N(0, 1) as the paper states: at this size the kernel starts diagonal to machine precision and the lengthscales never move (see miller-gp-parity-bits)',
    '§3',
    millerGpClassificationConfig('hidden-parity', { extra: 'gaussian' }),
  ),
  'miller-gp-parity-bits': preset(
    "Miller et al.: variational GP on hidden parity, k = 3 of 40, 1000 train, extra dimensions random bits as the authors' code: fits at once, validation follows as the 3 relevant lengthscales shrink",
    '§3 (code: jackmiller2003/tiny-gen HiddenDataset)',
    millerGpClassificationConfig('hidden-parity', { extra: 'bits' }),
  ),
};
