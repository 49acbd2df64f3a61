import type { FloatArray } from '../backend.js';

// The reference LayerNorm kernels (Ba, Kiros & Hinton 2016) over the rows of x [rows, cols], in
// f64 arithmetic with sums in increasing column (and row) order, each output rounded once.

export function layerNorm(
  x: FloatArray,
  gamma: FloatArray,
  beta: FloatArray,
  rows: number,
  cols: number,
  eps: number,
  out: FloatArray,
  stats: Float64Array,
): void {
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    let sum = 0;
    for (let j = 0; j < cols; j++) sum += x[o + j];
    const mean = sum / cols;
    let squares = 0;
    for (let j = 0; j < cols; j++) squares += (x[o + j] - mean) * (x[o + j] - mean);
    const rstd = 1 / Math.sqrt(squares / cols + eps);
    for (let j = 0; j < cols; j++) out[o + j] = (x[o + j] - mean) * rstd * gamma[j] + beta[j];
    stats[2 * i] = mean;
    stats[2 * i + 1] = rstd;
  }
}

/**
 * With x̂ = (x − mean)·rstd and h = dOut ⊙ γ per row: dx = rstd·(h − mean(h) − x̂·mean(h ⊙ x̂)),
 * dγ = Σ_rows dOut ⊙ x̂, dβ = Σ_rows dOut (the column sums in f64, in row order).
 */
export function layerNormBackward(
  x: FloatArray,
  gamma: FloatArray,
  stats: Float64Array,
  gradOut: FloatArray,
  rows: number,
  cols: number,
  gradX: FloatArray,
  gradGamma: FloatArray,
  gradBeta: FloatArray,
): void {
  const sumGamma = new Float64Array(cols);
  const sumBeta = new Float64Array(cols);
  const xhat = new Float64Array(cols);
  for (let i = 0; i < rows; i++) {
    const o = i * cols;
    const mean = stats[2 * i];
    const rstd = stats[2 * i + 1];
    let h = 0;
    let hx = 0;
    for (let j = 0; j < cols; j++) {
      xhat[j] = (x[o + j] - mean) * rstd;
      const g = gradOut[o + j];
      h += g * gamma[j];
      hx += g * gamma[j] * xhat[j];
      sumGamma[j] += g * xhat[j];
      sumBeta[j] += g;
    }
    const meanH = h / cols;
    const meanHx = hx / cols;
    for (let j = 0; j < cols; j++) gradX[o + j] = rstd * (gradOut[o + j] * gamma[j] - meanH - xhat[j] * meanHx);
  }
  gradGamma.set(sumGamma);
  gradBeta.set(sumBeta);
}
