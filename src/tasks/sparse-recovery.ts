// Sparse recovery (Tikeng Notsawo, Dumas & Rabusseau 2025, "Grokking beyond the Euclidean norm
// of model parameters", arXiv 2506.05718, §3.1 and §3.4): recover an s-sparse a* ∈ ℝⁿ from
// N < n linear measurements y = X a* (+ noise). The training set is the N measurements; the
// "test" is the recovery error of a* itself, since a model that fits y is not unique.
import { z } from 'zod';
import { foldIn, key, normal, permutation } from '../random/index.js';
import { svdRaw } from '../tensor/index.js';
import type { TaskDefinition } from './task.js';

export const sparseRecoveryTaskSchema = z
  .object({
    name: z.literal('sparse-recovery'),
    n: z.number().int().min(1).describe('dimension of a* (paper: 100)'),
    s: z.number().int().min(0).describe('non-zeros of a*, drawn N(0, 1/n) (paper: 5)'),
    N: z.number().int().min(1).describe('measurements (paper: 30; N < n makes the problem under-determined)'),
    designVariance: z.enum(['1/n', '1/N']).default('1/n').describe("variance of the Gaussian measurement entries: the paper's 1/n or the authors' code's 1/N"),
    coherence: z
      .number()
      .min(0)
      .max(1)
      .default(0)
      .describe('τ: fraction of the N measurement rows that are coordinate vectors e_j (coherent), the rest Gaussian (§3.4 data selection)'),
    snr: z
      .number()
      .positive()
      .nullable()
      .default(null)
      .describe("signal-to-noise ratio E‖a*‖²/E‖ξ‖² of Gaussian noise ξ added to y (the authors' definition), or null for none (paper Fig. 3: 1e8)"),
    seed: z.number().int().min(0).default(0).describe('seed of a*, X and the noise'),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.s > t.n) ctx.addIssue({ code: 'custom', path: ['s'], message: `${t.s} non-zeros do not fit in n = ${t.n}` });
    if (Math.round(t.coherence * t.N) > t.n)
      ctx.addIssue({
        code: 'custom',
        path: ['coherence'],
        message: `${Math.round(t.coherence * t.N)} coordinate rows need distinct coordinates but n = ${t.n}`,
      });
  });

export type SparseRecoveryTask = z.infer<typeof sparseRecoveryTaskSchema>;

export interface SparseRecoveryData {
  n: number;
  N: number;
  /** [N, n] row-major design */
  X: Float64Array;
  y: Float64Array;
  aStar: Float64Array;
  /** indices of the non-zeros of a* */
  support: Int32Array;
}

export function sparseRecoveryData(task: SparseRecoveryTask): SparseRecoveryData {
  const { n, s, N } = task;
  const root = key(task.seed);
  const support = permutation(foldIn(root, 0), n).slice(0, s).sort();
  const values = normal(foldIn(root, 1), s, 'float64', 0, 1 / Math.sqrt(n));
  const aStar = new Float64Array(n);
  support.forEach((j, i) => (aStar[j] = values[i]));

  // Φ = I (the authors' code): X = M with Gaussian rows, except the first τN rows, which are
  // distinct random coordinate vectors (coherent measurements, §3.4).
  const std = 1 / Math.sqrt(task.designVariance === '1/n' ? n : N);
  const X = normal(foldIn(root, 2), N * n, 'float64', 0, std) as Float64Array;
  const coherent = Math.round(task.coherence * N);
  const coordinates = permutation(foldIn(root, 3), n);
  for (let i = 0; i < coherent; i++) {
    X.fill(0, i * n, (i + 1) * n);
    X[i * n + coordinates[i]] = 1;
  }
  const y = multiply(X, aStar, N, n);
  if (task.snr !== null) {
    // E‖a*‖² = s/n for entries N(0, 1/n).
    const noise = normal(foldIn(root, 4), N, 'float64', 0, Math.sqrt(s / n / (N * task.snr)));
    for (let i = 0; i < N; i++) y[i] += noise[i];
  }
  return { n, N, X, y, aStar, support };
}

function multiply(X: Float64Array, a: Float64Array, rows: number, cols: number): Float64Array {
  const out = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    let acc = 0;
    for (let j = 0; j < cols; j++) acc += X[i * cols + j] * a[j];
    out[i] = acc;
  }
  return out;
}

/**
 * â = X⁺y, the minimum-norm interpolator: where gradient descent from ≈ 0 goes first (the
 * memorization solution), and the start of the ℓ1 phase in the delay law t₂ − t₁ ≈ ‖â − a*‖_∞/(αβ).
 */
export function leastNormSolution(data: SparseRecoveryData): Float64Array {
  const { X, y, N, n } = data;
  const { u, s, v } = svdRaw(X, N, n);
  const k = s.length;
  const out = new Float64Array(n);
  for (let c = 0; c < k; c++) {
    if (s[c] <= s[0] * Math.max(N, n) * Number.EPSILON) continue;
    let uy = 0;
    for (let i = 0; i < N; i++) uy += u[i * k + c] * y[i];
    for (let j = 0; j < n; j++) out[j] += (v[j * k + c] * uy) / s[c];
  }
  return out;
}

export const sparseRecoveryTask = { schema: sparseRecoveryTaskSchema, experiment: 'estimation' } satisfies TaskDefinition<typeof sparseRecoveryTaskSchema>;
