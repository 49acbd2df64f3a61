// AdamW (Loshchilov & Hutter 2019, arXiv 1711.05101) in one pass per parameter through the
// backend's fused kernel: the same arithmetic as chain(scaleByAdam, addDecayedWeights,
// scaleByLearningRate), without writing and re-reading the updates three times.
import type { AdamWArgs } from '../kernels/backend.js';
import { backend } from '../kernels/index.js';
import type { Hyper, Transform } from './transform.js';
import type { AdamOptions, AdamState } from './adam.js';
import { valueAt } from './hyper.js';
import { paramFor, zerosLikeAll } from './arrays.js';

export interface FusedAdamWOptions extends AdamOptions {
  lr: Hyper;
  weightDecay: Hyper;
}

/**
 * u ← −lr·(m̂/(√v̂ + eps) + wd·p), with lr and wd evaluated once per step at the count before
 * the update. The state is scaleByAdam's, so an Adam state can be inspected the same way.
 */
export function fusedAdamW({ lr, weightDecay, beta1, beta2, eps }: FusedAdamWOptions): Transform<AdamState> {
  // One argument object, refilled every step: the kernel call allocates nothing.
  const args: AdamWArgs = { lr: 0, beta1, beta2, eps, weightDecay: 0, step: 0 };
  return {
    init: (params) => ({ count: 0, mu: zerosLikeAll(params), nu: zerosLikeAll(params) }),
    update(updates, state, params) {
      args.lr = valueAt(lr, state.count);
      args.weightDecay = valueAt(weightDecay, state.count);
      args.step = ++state.count;
      const kernels = backend();
      for (const name in updates) {
        const u = updates[name];
        kernels.adamw(paramFor('adamw', params, name, u.length), u, state.mu[name], state.nu[name], args);
      }
    },
  };
}
