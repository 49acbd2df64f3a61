import type { Transform } from './transform.js';
import { transformEntry } from './entry.js';

/** The transform that leaves the updates alone (optax.identity): a neutral chain element. */
export function identity(): Transform<Record<string, never>> {
  return { init: () => ({}), update() {} };
}

export const identityEntry = transformEntry('identity', 'leave the updates unchanged', {}, () => identity());
