// Ranks of a matrix from its singular values: the smooth effective rank of Roy & Vetterli (2007,
// "The effective rank: a measure of effective dimensionality") and the numerical rank.
import { singularValues, type FloatArray } from '../tensor/index.js';

const EPS = 2 ** -52;

function check(op: string, s: ArrayLike<number>): void {
  for (let i = 0; i < s.length; i++) {
    if (!(s[i] >= 0 && s[i] < Infinity)) throw new RangeError(`${op}: singular value ${s[i]} at index ${i} is not finite and ≥ 0`);
  }
}

/**
 * exp(H(p)) with p_i = σ_i / Σσ and H the Shannon entropy (0·log 0 = 0): between 1 and the
 * number of non-zero σ, and 0 for an all-zero (or empty) matrix.
 */
export function effectiveRank(sv: ArrayLike<number>): number {
  check('effectiveRank', sv);
  let sum = 0;
  for (let i = 0; i < sv.length; i++) sum += sv[i];
  if (sum === 0) return 0;
  let h = 0;
  for (let i = 0; i < sv.length; i++) {
    const p = sv[i] / sum;
    if (p > 0) h -= p * Math.log(p);
  }
  return Math.exp(h);
}

/**
 * Number of σ > tol. Default tol = σ_max·k·ε with k = sv.length; matrixRanks uses NumPy's
 * max(m, n)·ε·σ_max, which needs the matrix's shape.
 */
export function numericalRank(sv: ArrayLike<number>, tol?: number): number {
  check('numericalRank', sv);
  let max = 0;
  for (let i = 0; i < sv.length; i++) max = Math.max(max, sv[i]);
  const t = tol ?? max * sv.length * EPS;
  let r = 0;
  for (let i = 0; i < sv.length; i++) if (sv[i] > t) r++;
  return r;
}

/** Singular values (descending) and both ranks of a row-major matrix; Float32 data is widened to Float64. */
export function matrixRanks(
  a: { data: FloatArray; shape: readonly number[] },
  tol?: number,
): { singularValues: Float64Array; effective: number; numerical: number } {
  const data = a.data instanceof Float64Array ? a.data : Float64Array.from(a.data);
  const s = singularValues({ data, shape: a.shape });
  const max = s.length > 0 ? s[0] : 0;
  return { singularValues: s, effective: effectiveRank(s), numerical: numericalRank(s, tol ?? Math.max(...a.shape) * EPS * max) };
}
