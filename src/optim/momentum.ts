// Heavy-ball momentum (Polyak 1964) as optax.trace. With the trace starting at zero, the first
// step gives t = g, which is also PyTorch's SGD buffer initialisation (dampening 0).
import type { FloatArray } from '../tensor/index.js';
import type { Transform } from './transform.js';
import { zerosLikeAll } from './arrays.js';
import { z } from 'zod';
import { transformEntry } from './entry.js';

export type TraceState = { trace: Record<string, FloatArray> };

export interface TraceOptions {
  /** momentum coefficient μ */
  decay: number;
  /** Nesterov's variant (Sutskever et al. 2013 form): u = g + μ·t instead of u = t */
  nesterov?: boolean;
}

/** t ← g + μ·t; u ← t, or u ← g + μ·t with Nesterov. */
export function traceMomentum({ decay, nesterov = false }: TraceOptions): Transform<TraceState> {
  return {
    init: (params) => ({ trace: zerosLikeAll(params) }),
    update(updates, state) {
      for (const name in updates) {
        const u = updates[name];
        const t = state.trace[name];
        for (let i = 0; i < u.length; i++) {
          const g = u[i];
          const ti = g + decay * t[i];
          t[i] = ti;
          u[i] = nesterov ? g + decay * ti : ti;
        }
      }
    },
  };
}

export const traceMomentumEntry = transformEntry(
  'traceMomentum',
  'heavy-ball momentum t ← g + μ·t; u ← t (optax.trace)',
  {
    decay: z.number().min(0).lt(1).describe('momentum μ'),
    nesterov: z.boolean().default(false).describe("Nesterov's variant u ← g + μ·t (default false)"),
  },
  (c) => traceMomentum(c),
);
