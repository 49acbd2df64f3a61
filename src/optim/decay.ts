// Decoupled weight decay (Loshchilov & Hutter 2019, "Decoupled Weight Decay Regularization",
// arXiv 1711.05101): placed after the Adam direction and before the learning rate, the decay
// is not rescaled by Adam's per-coordinate denominators, unlike an ℓ2 term in the loss.
import type { Hyper, Transform } from './transform.js';
import type { CountState } from './scale.js';
import { valueAt } from './hyper.js';
import { paramFor } from './arrays.js';

/** u ← u + wd·p (optax.add_decayed_weights). */
export function addDecayedWeights(weightDecay: Hyper): Transform<CountState> {
  return {
    init: () => ({ count: 0 }),
    update(updates, state, params) {
      const wd = valueAt(weightDecay, state.count);
      state.count++;
      if (wd === 0) return;
      for (const name in updates) {
        const u = updates[name];
        const p = paramFor('addDecayedWeights', params, name, u.length);
        for (let i = 0; i < u.length; i++) u[i] += wd * p[i];
      }
    },
  };
}
