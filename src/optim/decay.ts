// Decoupled weight decay (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization",
// arXiv 1711.05101): placed after the Adam direction and before the learning rate, the decay
// is not rescaled by Adam's per-coordinate denominators, unlike an ℓ2 term in the loss.
import type { CountState } from './scale.js';
import { backend } from '../kernels/index.js';
import { perParameter } from './per-parameter.js';
import type { Hyper, Transform } from './transform.js';
import { transformEntry } from './entry.js';
import { hyperSchema, toHyper } from './schedule-config.js';

/** u ← u + wd·p (optax.add_decayed_weights). */
export function addDecayedWeights(weightDecay: Hyper): Transform<CountState> {
  // A member with wd = 0 is skipped by the kernel: no weight decay, no pass.
  return perParameter('addDecayedWeights', weightDecay, (u, p, wd) => backend().scaleBlocks('axpy', wd, p, u));
}

export const addDecayedWeightsEntry = transformEntry(
  'addDecayedWeights',
  'u += wd·p: decoupled weight decay (Loshchilov & Hutter 2019); place before scaleByLearningRate',
  { weightDecay: hyperSchema('weight decay wd') },
  (c) => addDecayedWeights(toHyper(c.weightDecay)),
);
