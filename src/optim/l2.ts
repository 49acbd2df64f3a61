// An explicit ℓ2 penalty as a gradient term, for the papers that put it in the loss rather than
// decaying the weights: Tikeng Notsawo et al. 2025 (arXiv 2506.05718) compare ℓ1, ℓ2 and
// nuclear penalties, and their code penalizes the unsquared Frobenius norm of each matrix.
import type { CountState } from './scale.js';
import { eachBlock, perParameter } from './per-parameter.js';
import type { Hyper, Transform } from './transform.js';

export interface L2Options {
  /**
   * true (default): the penalty is β‖p‖², gradient 2β·p (note the 2: twice addDecayedWeights(β)).
   * false: the penalty is β‖p‖ per parameter array (per member in an ensemble), gradient β·p/‖p‖ (0 at p = 0).
   */
  squared?: boolean;
}

export function addL2Penalty(beta: Hyper, { squared = true }: L2Options = {}): Transform<CountState> {
  return perParameter('addL2Penalty', beta, (u, p, betas) =>
    eachBlock(betas, u.length, (b, from, to) => {
      let factor = 2 * b;
      if (!squared) {
        let s = 0;
        for (let i = from; i < to; i++) s += p[i] * p[i];
        factor = s > 0 ? b / Math.sqrt(s) : 0;
      }
      for (let i = from; i < to; i++) u[i] += factor * p[i];
    }),
  );
}
