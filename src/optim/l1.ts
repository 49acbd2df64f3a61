// The ℓ1 penalty β‖p‖₁, as a subgradient term or as its proximal step (soft-thresholding).
// Tikeng Notsawo, Dumas & Rabusseau 2025 ("Grokking beyond the Euclidean norm of model
// parameters", arXiv 2506.05718) use both on sparse recovery: a ← a − α(∇g + β·sign(a)), or
// ISTA (Daubechies, Defrise & De Mol 2004): a ← prox_{αβ‖·‖₁}(a − α∇g).
import type { CountState } from './scale.js';
import { backend } from '../kernels/index.js';
import { eachBlock, perParameter } from './per-parameter.js';
import type { Hyper, Transform } from './transform.js';
import { transformEntry } from './entry.js';
import { hyperSchema, toHyper } from './schedule-config.js';

/** u ← u + β·sign(p), with sign(0) = 0 (numpy's and torch's sign: the minimum-norm subgradient). */
export function addL1Subgradient(beta: Hyper): Transform<CountState> {
  return perParameter('addL1Subgradient', beta, (u, p, b) => backend().scaleBlocks('sign', b, p, u));
}

/**
 * The ℓ1 proximal step, placed after the descent step: rewrites u so that
 * p + u = sign(p + u)·max(|p + u| − τ, 0). For ISTA pass τ = lr·β (prox of lr·β‖·‖₁), e.g.
 * chain(scaleByLearningRate(lr), softThreshold(lr·β)); a scheduled lr needs a τ schedule to match.
 */
export function softThreshold(tau: Hyper): Transform<CountState> {
  return perParameter('softThreshold', tau, (u, p, taus) =>
    eachBlock(taus, u.length, (t, from, to) => {
      for (let i = from; i < to; i++) {
        const x = p[i] + u[i];
        // NOTE: a thresholded entry gets u = −p, so applyUpdates leaves an exact zero
        // (p + (−p) = 0 in any rounding): sparsity is exact, not merely small.
        if (x > t) u[i] = x - t - p[i];
        else if (x < -t) u[i] = x + t - p[i];
        else u[i] = -p[i];
      }
    }),
  );
}

export const addL1SubgradientEntry = transformEntry(
  'addL1Subgradient',
  'u += β·sign(p), the subgradient of β‖p‖₁ (Tikeng Notsawo et al. 2025); place before scaleByLearningRate',
  { beta: hyperSchema('ℓ1 strength β') },
  (c) => addL1Subgradient(toHyper(c.beta)),
);

export const softThresholdEntry = transformEntry(
  'softThreshold',
  'ℓ1 proximal step, after the descent step: p + u ← sign·max(|p + u| − τ, 0); ISTA uses τ = lr·β',
  { tau: hyperSchema('threshold τ (lr·β for ISTA)') },
  (c) => softThreshold(toHyper(c.tau)),
);
