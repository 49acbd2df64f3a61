// The Adam direction (Kingma & Ba 2015, "Adam: A Method for Stochastic Optimization",
// arXiv 1412.6980), as optax.scale_by_adam: no learning rate and no sign flip here.
import type { FloatArray } from '../tensor/index.js';
import type { Transform } from './transform.js';
import { zerosLikeAll } from './arrays.js';
import { z } from 'zod';
import { transformEntry } from './entry.js';

/** First and second moment estimates per parameter, and the number of updates taken. */
export type AdamState = { count: number; mu: Record<string, FloatArray>; nu: Record<string, FloatArray> };

export interface AdamOptions {
  beta1: number;
  beta2: number;
  eps: number;
}

/** m ← β1·m + (1−β1)·g; v ← β2·v + (1−β2)·g²; u ← m̂/(√v̂ + eps) with m̂ = m/(1−β1ᵗ), v̂ = v/(1−β2ᵗ). */
export function scaleByAdam({ beta1, beta2, eps }: AdamOptions): Transform<AdamState> {
  return {
    init: (params) => ({ count: 0, mu: zerosLikeAll(params), nu: zerosLikeAll(params) }),
    update(updates, state) {
      const t = ++state.count;
      // Same operation order as the fused kernels (src/kernels/js/fused.ts), so the chain and
      // the fused adamw differ only where the chain rounds its intermediate updates.
      const bc1 = 1 - Math.pow(beta1, t);
      const bc2 = 1 - Math.pow(beta2, t);
      for (const name in updates) {
        const u = updates[name];
        const m = state.mu[name];
        const v = state.nu[name];
        for (let i = 0; i < u.length; i++) {
          const g = u[i];
          const mi = beta1 * m[i] + (1 - beta1) * g;
          const vi = beta2 * v[i] + (1 - beta2) * g * g;
          m[i] = mi;
          v[i] = vi;
          u[i] = mi / bc1 / (Math.sqrt(vi / bc2) + eps);
        }
      }
    },
  };
}

/** Adam's moment hyper-parameters, shared with the adam and adamw optimizers' configs. */
export const adamMoments = {
  beta1: z.number().min(0).lt(1).default(0.9).describe('decay of the first-moment average (default 0.9)'),
  beta2: z.number().min(0).lt(1).default(0.999).describe('decay of the second-moment average (default 0.999)'),
  eps: z.number().min(0).default(1e-8).describe('added to √v̂ in the denominator (default 1e-8)'),
};

export const scaleByAdamEntry = transformEntry('scaleByAdam', 'the bias-corrected Adam direction m̂/(√v̂ + eps) (Kingma & Ba 2015)', adamMoments, (c) =>
  scaleByAdam(c),
);
