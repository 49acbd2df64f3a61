// Grokfast's EMA filter (Lee, Kang, Yun, Kim & Kim 2024, "Grokfast: Accelerated Grokking by
// Amplifying Slow Gradients", arXiv 2405.20233): amplify the slow (low-frequency) component of
// the gradient. Their defaults: α = 0.98, λ = 2.
import type { FloatArray } from '../tensor/index.js';
import type { Transform } from './transform.js';
import { zerosLikeAll } from './arrays.js';
import { z } from 'zod';
import { transformEntry } from './entry.js';

export type GrokfastState = { count: number; ema: Record<string, FloatArray> };

export interface GrokfastOptions {
  /** EMA momentum α */
  alpha: number;
  /** amplification λ of the slow component */
  lamb: number;
}

/**
 * ema ← α·ema + (1−α)·g; g ← g + λ·ema. As in the authors' `gradfilter_ema`, the EMA starts at
 * the first gradient (not at zero), so the first step adds λ·g.
 */
export function grokfastEma({ alpha, lamb }: GrokfastOptions): Transform<GrokfastState> {
  return {
    init: (params) => ({ count: 0, ema: zerosLikeAll(params) }),
    update(updates, state) {
      const first = state.count === 0;
      state.count++;
      for (const name in updates) {
        const u = updates[name];
        const ema = state.ema[name];
        if (first) ema.set(u);
        else for (let i = 0; i < u.length; i++) ema[i] = alpha * ema[i] + (1 - alpha) * u[i];
        for (let i = 0; i < u.length; i++) u[i] += lamb * ema[i];
      }
    },
  };
}

export const grokfastEmaEntry = transformEntry(
  'grokfastEma',
  'Grokfast EMA filter (Lee et al. 2024): ema ← α·ema + (1−α)·g; g ← g + λ·ema; before the optimizer',
  {
    alpha: z.number().min(0).lt(1).default(0.98).describe('EMA momentum α (default 0.98)'),
    lamb: z.number().default(2).describe('amplification λ (default 2)'),
  },
  (c) => grokfastEma(c),
);
