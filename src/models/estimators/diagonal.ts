// The diagonal linear network a = A₁ ⊙ A₂ ⊙ … ⊙ A_L (Tikeng Notsawo et al. 2025, §3.5; Woodworth
// et al. 2020): depth L = 1 is the plain linear model. Deeper products are implicitly biased
// toward sparse solutions, which is why depth alone recovers a* without any penalty.
import { z } from 'zod';
import type { Estimator } from './estimator.js';

export const diagonalLinearSchema = z
  .object({
    name: z.literal('diagonal-linear'),
    depth: z.number().int().min(1).max(16).describe('L factors multiplied entrywise (1: the linear model a itself)'),
    init: z
      .enum(['ones', 'gaussian', 'zero-first'])
      .default('ones')
      .describe(
        "initial factors: all ones × ζ (authors' code), ζ·N(0, 1/n) independent per factor (paper), or A₁ = 0 and the others ζ·1 (a starts at 0; every entry can take either sign)",
      ),
    initScale: z.number().min(0).describe('ζ: the scale of every factor at init (paper: 1e-6 for L = 1, 1e-2 per factor for L > 1)'),
  })
  .strict();
export type DiagonalLinearConfig = z.infer<typeof diagonalLinearSchema>;

export function diagonalLinear(config: DiagonalLinearConfig, size: number): Estimator {
  const L = config.depth;
  const names = Array.from({ length: L }, (_, l) => `a${l + 1}`);
  const shapes = Object.fromEntries(names.map((n) => [n, [size]]));
  return {
    shapes,
    size,
    ...(L === 1 ? { identity: 'a1' } : {}),
    init(initScale, gaussian) {
      // NOTE: from all ones (the authors' code) the factors stay equal and, for L ≥ 2, no entry
      // of a can change sign (∂a_i/∂A_l,i vanishes with A_i): only a* ≥ 0 is recoverable.
      // ζ·N(0, 1/n) factors can change sign, but the initial |a_i| spread over orders of
      // magnitude, and for L ≥ 3 the entries that start largest escape first, off the support too.
      // zero-first: gradient flow conserves A_k² − A_l², so A₂ … A_L stay equal, at least ζ,
      // while A₁ leaves 0 with the sign the data give it: the same scale on every entry and
      // either sign (the unbalanced init of Azulay et al. 2021).
      const factor = (l: number) => {
        if (config.init === 'gaussian') return gaussian(size, l).map((v) => (initScale * v) / Math.sqrt(size));
        return new Float64Array(size).fill(config.init === 'zero-first' && l === 0 ? 0 : initScale);
      };
      return Object.fromEntries(names.map((n, l) => [n, factor(l)]));
    },
    forward(params, members, theta) {
      const total = members * size;
      theta.set(params.a1.subarray(0, total));
      for (let l = 1; l < L; l++) {
        const f = params[names[l]];
        for (let i = 0; i < total; i++) theta[i] *= f[i];
      }
    },
    backward(params, members, gradTheta, grads) {
      const total = members * size;
      for (let l = 0; l < L; l++) {
        const g = grads[names[l]];
        g.set(gradTheta.subarray(0, total));
        // ∂θ/∂A_l = ∏_{k≠l} A_k; a product rather than θ/A_l, which fails at A_l = 0.
        for (let k = 0; k < L; k++) {
          if (k === l) continue;
          const f = params[names[k]];
          for (let i = 0; i < total; i++) g[i] *= f[i];
        }
      }
    },
  };
}
