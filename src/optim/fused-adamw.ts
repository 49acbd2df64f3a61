// AdamW (Loshchilov & Hutter 2019, arXiv 1711.05101) in one pass per parameter through the
// backend's fused kernel: the same arithmetic as chain(scaleByAdam, addDecayedWeights,
// scaleByLearningRate), without writing and re-reading the updates three times.
import type { AdamWArgs } from '../kernels/backend.js';
import { backend } from '../kernels/index.js';
import type { Hyper, Transform } from './transform.js';
import type { AdamOptions, AdamState } from './adam.js';
import { memberValues } from './hyper.js';
import { paramFor, zerosLikeAll } from './arrays.js';

export interface FusedAdamWOptions extends AdamOptions {
  lr: Hyper;
  weightDecay: Hyper;
}

/**
 * u ← −lr·(m̂/(√v̂ + eps) + wd·p), with lr and wd evaluated once per step at the count before
 * the update. The state is scaleByAdam's, so an Adam state can be inspected the same way.
 * Per-member lr or wd (an ensemble) call the kernel once per member block.
 */
export function fusedAdamW({ lr, weightDecay, beta1, beta2, eps }: FusedAdamWOptions): Transform<AdamState> {
  // One argument object, refilled every step: the kernel call allocates nothing.
  const args: AdamWArgs = { lr: 0, beta1, beta2, eps, weightDecay: 0, step: 0 };
  const lrs = memberValues(lr);
  const decays = memberValues(weightDecay);
  const E = Math.max(lrs.members, decays.members);
  if (lrs.members !== decays.members && Math.min(lrs.members, decays.members) !== 1) {
    throw new Error(`adamw: lr has ${lrs.members} ensemble members but weightDecay ${decays.members}`);
  }
  return {
    init(params) {
      lrs.check('adamw', params);
      decays.check('adamw', params);
      return { count: 0, mu: zerosLikeAll(params), nu: zerosLikeAll(params) };
    },
    update(updates, state, params) {
      const rates = lrs.at(state.count);
      const wds = decays.at(state.count);
      args.step = ++state.count;
      const kernels = backend();
      for (const name in updates) {
        const u = updates[name];
        const p = paramFor('adamw', params, name, u.length);
        const [m, v] = [state.mu[name], state.nu[name]];
        for (let e = 0; e < E; e++) {
          args.lr = rates[lrs.members === 1 ? 0 : e];
          args.weightDecay = wds[decays.members === 1 ? 0 : e];
          if (E === 1) kernels.adamw(p, u, m, v, args);
          else {
            const block = u.length / E;
            const at = <T extends Float32Array | Float64Array>(a: T) => a.subarray(e * block, (e + 1) * block) as T;
            kernels.adamw(at(p), at(u), at(m), at(v), args);
          }
        }
      }
    },
  };
}
