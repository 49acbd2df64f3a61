import type { Hyper } from './transform.js';

/** The value of a hyper-parameter at a transform's 0-based step count (before the update). */
export function valueAt(h: Hyper, step: number): number {
  return typeof h === 'number' ? h : h(step);
}
