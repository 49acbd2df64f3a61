import { backend } from '../kernels/index.js';
import type { Arrays } from './transform.js';
import { paramFor } from './arrays.js';

/** p ← p + u for every named update (optax.apply_updates), in place, by the backend's elementwise add. */
export function applyUpdates(params: Arrays, updates: Arrays): void {
  const kernels = backend();
  for (const name in updates) {
    const u = updates[name];
    const p = paramFor('applyUpdates', params, name, u.length);
    kernels.tiled('add', p, p.length, u, u.length, p);
  }
}
