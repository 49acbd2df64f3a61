// The Fourier basis of Z_p and what it says about a matrix whose rows are indexed by the residues
// 0 … p−1 (an embedding): Nanda et al. 2023 ("Progress measures for grokking via mechanistic
// interpretability") find that a network that has grokked modular addition embeds the numbers
// on a handful of key frequencies, its embedding sparse in this basis.

/**
 * The real orthonormal Fourier basis of Z_p as p rows of length p: the constant, then
 * cos(2πkx/p) and sin(2πkx/p) for k = 1 … ⌊(p−1)/2⌋, each normalized; for even p the last row
 * is the alternating cos(πx) (its sine is zero).
 */
export function fourierBasis(p: number): { rows: Float64Array; names: string[]; frequencyOf: Int32Array } {
  const rows = new Float64Array(p * p);
  const names: string[] = [];
  const frequencyOf = new Int32Array(p);
  let r = 0;
  const add = (name: string, k: number, f: (x: number) => number) => {
    let norm = 0;
    for (let x = 0; x < p; x++) norm += f(x) ** 2;
    const scale = 1 / Math.sqrt(norm);
    for (let x = 0; x < p; x++) rows[r * p + x] = f(x) * scale;
    names.push(name);
    frequencyOf[r++] = k;
  };
  add('const', 0, () => 1);
  for (let k = 1; k <= Math.floor(p / 2); k++) {
    add(`cos ${k}`, k, (x) => Math.cos((2 * Math.PI * k * x) / p));
    if (2 * k !== p) add(`sin ${k}`, k, (x) => Math.sin((2 * Math.PI * k * x) / p));
  }
  return { rows, names, frequencyOf };
}

/** The non-constant frequencies of Z_p: 1 … ⌊p/2⌋. */
export const frequencyCount = (p: number): number => Math.floor(p / 2);

export interface Spectrum {
  /** ‖row b of (basis · M)‖ for each of the p basis rows (constant, cos 1, sin 1, …) */
  basisNorms: Float64Array;
  /** √(‖cos k‖² + ‖sin k‖²) for k = 1 … ⌊p/2⌋ (index k − 1) */
  frequencyNorms: Float64Array;
}

/** The Fourier spectrum of a row-major [p, d] matrix: the norm of its projection on each basis row and on each frequency. */
export function spectrum(matrix: ArrayLike<number>, p: number, d: number): Spectrum {
  if (matrix.length !== p * d) throw new RangeError(`spectrum: a [${p}, ${d}] matrix needs ${p * d} values, got ${matrix.length}`);
  const { rows, frequencyOf } = fourierBasis(p);
  const basisNorms = new Float64Array(p);
  const power = new Float64Array(frequencyCount(p));
  const projected = new Float64Array(d);
  for (let b = 0; b < p; b++) {
    projected.fill(0);
    for (let x = 0; x < p; x++) {
      const w = rows[b * p + x];
      for (let j = 0; j < d; j++) projected[j] += w * matrix[x * d + j];
    }
    let sq = 0;
    for (let j = 0; j < d; j++) sq += projected[j] ** 2;
    basisNorms[b] = Math.sqrt(sq);
    if (frequencyOf[b] > 0) power[frequencyOf[b] - 1] += sq;
  }
  return { basisNorms, frequencyNorms: power.map(Math.sqrt) };
}

/**
 * Key frequencies (1-based) of a spectrum: those whose power (norm²) is at least `threshold`
 * times the mean power over all non-constant frequencies. A random embedding spreads its power
 * evenly (every ratio near 1) and has none; a grokked one concentrates it on a few.
 */
export function keyFrequencies(frequencyNorms: ArrayLike<number>, threshold: number): number[] {
  let mean = 0;
  for (let i = 0; i < frequencyNorms.length; i++) mean += frequencyNorms[i] ** 2;
  mean /= frequencyNorms.length;
  const keys: number[] = [];
  if (!(mean > 0)) return keys;
  for (let i = 0; i < frequencyNorms.length; i++) if (frequencyNorms[i] ** 2 >= threshold * mean) keys.push(i + 1);
  return keys;
}

/**
 * Gini coefficient of non-negative values (here the power per frequency): 0 when all are equal,
 * → 1 when one holds everything. 0 for no values or an all-zero vector.
 */
export function gini(values: ArrayLike<number>): number {
  const sorted = Float64Array.from(values).sort();
  const n = sorted.length;
  let total = 0;
  let weighted = 0;
  for (let i = 0; i < n; i++) {
    if (!(sorted[i] >= 0)) throw new RangeError(`gini: value ${sorted[i]} is not finite and ≥ 0`);
    total += sorted[i];
    weighted += (i + 1) * sorted[i];
  }
  if (total === 0) return 0;
  return (2 * weighted) / (n * total) - (n + 1) / n;
}

/** exp(entropy) of the shares of non-negative values: the number of frequencies that effectively carry the power (1 … n). */
export function effectiveCount(values: ArrayLike<number>): number {
  let total = 0;
  for (let i = 0; i < values.length; i++) total += values[i];
  if (!(total > 0)) return 0;
  let h = 0;
  for (let i = 0; i < values.length; i++) {
    const q = values[i] / total;
    if (q > 0) h -= q * Math.log(q);
  }
  return Math.exp(h);
}
