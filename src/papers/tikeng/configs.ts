// Run configs of the Tikeng Notsawo et al. estimation experiments, as small diffs of the
// presets: every reproduction and test builds its runs here, so they all share one setup.
import { TIKENG_COMPLETION, TIKENG_SPARSE } from './presets.js';
import { validateConfig } from '../../config/validate.js';
import type { RunConfig } from '../../config/schema.js';

export type Penalty = 'l1' | 'l2' | 'nuclear' | 'none';
export type Method = 'subgradient' | 'proximal';

/** What every estimation run of the paper varies: the step, the penalty and the model. */
interface RunOptions {
  alpha?: number;
  beta?: number;
  penalty?: Penalty;
  method?: Method;
  zeta?: number;
  depth?: number;
  taskSeed?: number;
  steps?: number;
  /** of t₁ and t₂, on the relative errors */
  threshold?: number;
  /** evaluations per decade of steps (the preset's 20 read t₂ to 12 %) */
  evalsPerDecade?: number;
  /** how t₁ and t₂ are read (default: the plateau reading of estimation tasks) */
  reading?: 'threshold' | 'plateau';
}

export interface SparseOptions extends RunOptions {
  init?: 'ones' | 'gaussian' | 'zero-first';
  seed?: number;
  N?: number;
  s?: number;
  coherence?: number;
  snr?: number | null;
}

/** The optimizer chain of one penalty: subgradient a ← a − α(∇g + β·h′(a)), or a proximal step. */
function optimizer(alpha: number, beta: number, penalty: Penalty, method: Method): unknown {
  const sgd = { name: 'sgd', lr: alpha };
  if (penalty === 'none' || beta === 0) return sgd;
  if (method === 'proximal') {
    const prox =
      penalty === 'l1' ? { name: 'softThreshold', tau: alpha * beta } : penalty === 'nuclear' ? { name: 'singularValueThreshold', tau: alpha * beta } : null;
    if (!prox) throw new Error(`no proximal step for the ${penalty} penalty`);
    return { name: 'chain', transforms: [sgd, prox] };
  }
  // The authors' ℓ2 term is β·a (the gradient of β/2‖a‖²): a coupled decay.
  const term =
    penalty === 'l1'
      ? { name: 'addL1Subgradient', beta }
      : penalty === 'nuclear'
        ? { name: 'addNuclearSubgradient', beta }
        : { name: 'addDecayedWeights', weightDecay: beta };
  return { name: 'chain', transforms: [term, sgd] };
}

export function sparseConfig(o: SparseOptions = {}): RunConfig {
  const t = o.threshold ?? TIKENG_SPARSE.detection.trainThreshold;
  return validateConfig({
    ...TIKENG_SPARSE,
    task: {
      ...TIKENG_SPARSE.task,
      ...(o.N ? { N: o.N } : {}),
      ...(o.s !== undefined ? { s: o.s } : {}),
      coherence: o.coherence ?? 0,
      snr: o.snr ?? null,
      seed: o.taskSeed ?? 0,
    },
    model: { ...TIKENG_SPARSE.model, depth: o.depth ?? 1, init: o.init ?? 'ones', initScale: o.zeta ?? TIKENG_SPARSE.model.initScale },
    optimizer: optimizer(o.alpha ?? 0.1, o.beta ?? 1e-5, o.penalty ?? 'l1', o.method ?? 'subgradient'),
    training: {
      ...TIKENG_SPARSE.training,
      seed: o.seed ?? 0,
      steps: o.steps ?? TIKENG_SPARSE.training.steps,
      checkpointEvery: Math.max(1, Math.floor((o.steps ?? 1e6) / 4)),
      evalsPerDecade: o.evalsPerDecade ?? TIKENG_SPARSE.training.evalsPerDecade,
    },
    detection: {
      ...TIKENG_SPARSE.detection,
      trainThreshold: t,
      testThreshold: t,
      ratioThreshold: 10,
      sustained: false,
      ...(o.reading ? { mode: o.reading } : {}),
    },
  });
}

export interface CompletionOptions extends RunOptions {
  observed?: number;
  leverage?: number;
}

export function completionConfig(o: CompletionOptions = {}): RunConfig {
  const t = o.threshold ?? TIKENG_COMPLETION.detection.trainThreshold;
  return validateConfig({
    ...TIKENG_COMPLETION,
    task: { ...TIKENG_COMPLETION.task, observed: o.observed ?? TIKENG_COMPLETION.task.observed, leverage: o.leverage ?? 0, seed: o.taskSeed ?? 0 },
    model: { ...TIKENG_COMPLETION.model, depth: o.depth ?? 1, initScale: o.zeta ?? TIKENG_COMPLETION.model.initScale },
    optimizer: optimizer(o.alpha ?? 0.1, o.beta ?? 1e-4, o.penalty ?? 'nuclear', o.method ?? 'subgradient'),
    training: {
      ...TIKENG_COMPLETION.training,
      seed: 0,
      steps: o.steps ?? TIKENG_COMPLETION.training.steps,
      checkpointEvery: Math.max(1, Math.floor((o.steps ?? 1e7) / 4)),
    },
    detection: { ...TIKENG_COMPLETION.detection, trainThreshold: t, testThreshold: t, ratioThreshold: 10, sustained: false },
  });
}
