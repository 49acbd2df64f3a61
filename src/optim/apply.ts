import type { Arrays } from './transform.js';
import { paramFor } from './arrays.js';

/** p ← p + u for every named update (optax.apply_updates), in place. */
export function applyUpdates(params: Arrays, updates: Arrays): void {
  for (const name in updates) {
    const u = updates[name];
    const p = paramFor('applyUpdates', params, name, u.length);
    for (let i = 0; i < u.length; i++) p[i] += u[i];
  }
}
