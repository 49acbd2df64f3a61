// The spread a number is judged by: its mean over seeds or problem draws and the half-width of
// the 95 % Student t interval of that mean.
import { studentTwoSidedP } from './student-t.js';

/** t such that P(|T| ≥ t) = 1 − level for Student's t with `dof` degrees of freedom (bisection). */
export function studentQuantile(level: number, dof: number): number {
  if (!(level > 0 && level < 1)) throw new RangeError(`studentQuantile: level must be in (0, 1), got ${level}`);
  if (!(dof > 0)) throw new RangeError(`studentQuantile: degrees of freedom must be > 0, got ${dof}`);
  const tail = 1 - level;
  let hi = 1;
  while (studentTwoSidedP(hi, dof) > tail) hi *= 2;
  let lo = 0;
  // NOTE: 100 halvings take the bracket below one ulp of any t this can return.
  for (let i = 0; i < 100 && hi - lo > 1e-12 * hi; i++) {
    const mid = (lo + hi) / 2;
    if (studentTwoSidedP(mid, dof) > tail) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

export interface MeanInterval {
  mean: number | null;
  /** half-width of the 95 % t interval of the mean; null with fewer than two values */
  ci95: number | null;
  n: number;
}

/** Mean and the half-width of its 95 % t interval (null with fewer than two values). */
export function meanInterval(values: readonly number[]): MeanInterval {
  const n = values.length;
  if (n === 0) return { mean: null, ci95: null, n };
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, ci95: null, n };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, ci95: studentQuantile(0.95, n - 1) * Math.sqrt(variance / n), n };
}
