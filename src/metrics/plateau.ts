// When did a curve settle? Tikeng Notsawo et al. (2025) read t₂ in their α×β and depth sweeps as
// the first step from which the error stays within a fraction of its final plateau: with a
// penalty β the recovery error floors at a level ∝ β, so a fixed threshold would be crossed by
// small-β runs only.
import type { EvalPoint } from './grokking.js';

export interface PlateauOptions {
  /** the plateau is the mean of the last K evaluations (default 3) */
  last?: number;
  /** "inside" = within this fraction of the plateau value (default 0.05) */
  tolerance?: number;
  /** the first of this many consecutive evaluations inside (default 2) */
  consecutive?: number;
}

/** The first logged step from which `consecutive` evaluations are within tolerance of the final plateau; null if none. */
export function plateauStep(points: readonly EvalPoint[], metric: string, { last = 3, tolerance = 0.05, consecutive = 2 }: PlateauOptions = {}): number | null {
  const values = points.map((p) => p.metrics[metric]);
  if (values.length < last || values.some((v) => typeof v !== 'number' || Number.isNaN(v))) return null;
  const plateau = values.slice(-last).reduce((a, b) => a + b, 0) / last;
  const inside = values.map((v) => Math.abs(v - plateau) <= tolerance * Math.abs(plateau));
  for (let i = 0; i + consecutive <= inside.length; i++) {
    if (inside.slice(i, i + consecutive).every(Boolean)) return points[i].step;
  }
  return null;
}
