// When did a curve settle? Tikeng Notsawo et al. (2025) read t₂ in their α×β and depth sweeps as
// the first step from which the error stays within a fraction of its final plateau: with a
// penalty β the recovery error floors at a level ∝ β, so a fixed threshold would be crossed by
// small-β runs only.
import type { EvalPoint } from './grokking.js';

export interface PlateauOptions {
  /** the plateau is the mean of the last K evaluations (default 3) */
  last?: number;
  /** "inside" = within this fraction of the plateau value (default 0.05), or within the plateau's own fluctuation if that is wider */
  tolerance?: number;
  /** the first of this many consecutive evaluations inside (default 2) */
  consecutive?: number;
  /** the last K evaluations must lie within this factor of each other (default 2) */
  settled?: number;
}

/**
 * The first logged step from which `consecutive` evaluations are inside the band of the final
 * plateau; null if none. The band is ± tolerance × plateau, widened to the largest deviation of
 * the last K evaluations from their mean: subgradient steps keep an error oscillating around its
 * floor (by tens of percent under the nuclear norm), and a band narrower than that oscillation
 * would be entered only by chance, long after the fall. A tail spanning more than a factor
 * `settled` (default 2) is still moving: no plateau (null).
 */
export function plateauStep(
  points: readonly EvalPoint[],
  metric: string,
  { last = 3, tolerance = 0.05, consecutive = 2, settled = 2 }: PlateauOptions = {},
): number | null {
  const values = points.map((p) => p.metrics[metric]);
  if (values.length < last || values.some((v) => typeof v !== 'number' || Number.isNaN(v))) return null;
  const tail = values.slice(-last);
  if (Math.max(...tail.map(Math.abs)) > settled * Math.min(...tail.map(Math.abs))) return null;
  const plateau = tail.reduce((a, b) => a + b, 0) / last;
  const band = Math.max(tolerance * Math.abs(plateau), ...tail.map((v) => Math.abs(v - plateau)));
  const inside = values.map((v) => Math.abs(v - plateau) <= band);
  for (let i = 0; i + consecutive <= inside.length; i++) {
    if (inside.slice(i, i + consecutive).every(Boolean)) return points[i].step;
  }
  return null;
}
