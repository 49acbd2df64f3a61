// An explicit ℓ2 penalty as a gradient term, for the papers that put it in the loss rather than
// decaying the weights: Tikeng Notsawo et al. 2025 (arXiv 2506.05718) compare ℓ1, ℓ2 and
// nuclear penalties, and their code penalizes the unsquared Frobenius norm of each matrix.
import type { CountState } from './scale.js';
import { eachBlock, perParameter } from './per-parameter.js';
import type { Hyper, Transform } from './transform.js';
import { z } from 'zod';
import { transformEntry } from './entry.js';
import { hyperSchema, toHyper } from './schedule-config.js';

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

export const addL2PenaltyEntry = transformEntry(
  'addL2Penalty',
  'u += 2β·p for β‖p‖², or β·p/‖p‖ per parameter for β‖p‖ (squared: false); place before scaleByLearningRate',
  {
    beta: hyperSchema('ℓ2 strength β'),
    squared: z.boolean().default(true).describe('penalize ‖p‖² (default) or the unsquared ‖p‖ of each parameter'),
  },
  (c) => addL2Penalty(toHyper(c.beta), { squared: c.squared }),
);
