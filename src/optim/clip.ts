// Gradient clipping by the global norm (Pascanu, Mikolov & Bengio 2013, "On the difficulty of
// training recurrent neural networks", arXiv 1211.5063), as optax.clip_by_global_norm.
import type { Transform } from './transform.js';
import { checkMembers, memberSquares } from './arrays.js';
import { z } from 'zod';
import { transformEntry } from './entry.js';

export interface MembersOption {
  /**
   * Ensemble members along the leading axis of every array (default 1): each member's block
   * gets its own norm, as if it were trained alone.
   */
  members?: number;
}

/** If ‖u‖ > maxNorm (over all arrays), u ← u·maxNorm/‖u‖; otherwise unchanged. */
export function clipByGlobalNorm(maxNorm: number, { members = 1 }: MembersOption = {}): Transform<Record<string, never>> {
  const squares = new Float64Array(members);
  return {
    init(params) {
      checkMembers('clipByGlobalNorm', params, members);
      return {};
    },
    update(updates) {
      // NOTE: squares are summed in Float64; a Float32 sum would overflow at ‖u‖ ≈ 1.8e19.
      memberSquares('clipByGlobalNorm', updates, null, squares);
      for (const name in updates) {
        const u = updates[name];
        const block = u.length / members;
        for (let e = 0; e < members; e++) {
          const norm = Math.sqrt(squares[e]);
          if (!(norm > maxNorm)) continue;
          const factor = maxNorm / norm;
          for (let i = e * block; i < (e + 1) * block; i++) u[i] *= factor;
        }
      }
    },
  };
}

export const clipByGlobalNormEntry = transformEntry(
  'clipByGlobalNorm',
  'rescale the updates to a global norm of at most maxNorm (Pascanu et al. 2013)',
  { maxNorm: z.number().positive().describe('largest allowed global norm') },
  (c, context) => clipByGlobalNorm(c.maxNorm, { members: context.members }),
);
