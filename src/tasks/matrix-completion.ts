// Low-rank matrix completion (Tikeng Notsawo, Dumas & Rabusseau 2025, arXiv 2506.05718, §3.2 and
// §3.4): A* = U Vᵀ of rank r, N observed entries are the training set, the unobserved ones the
// test set. Observed entries are uniform, or a fraction τ of them the top entries by leverage
// score μ_i + ν_j (coherent sampling, §3.4).
import { z } from 'zod';
import { svdRaw } from '../tensor/index.js';
import { foldIn, key, normal, permutation } from '../random/index.js';
import type { TaskDefinition } from './task.js';

export const matrixCompletionTaskSchema = z
  .object({
    name: z.literal('matrix-completion'),
    rows: z.number().int().min(1).describe('n₁ (paper: 10)'),
    cols: z.number().int().min(1).describe('n₂ (paper: 10)'),
    rank: z.number().int().min(1).describe('r, the rank of A* (paper: 2)'),
    observed: z.number().int().min(1).describe('N observed entries (paper: 70, code: 80)'),
    frobenius: z.number().positive().default(10).describe('‖A*‖_F after rescaling (paper: 10)'),
    leverage: z.number().min(0).max(1).default(0).describe('τ: fraction of the N entries taken as the top ones by leverage score μ_i + ν_j, the rest uniform'),
    seed: z.number().int().min(0).default(0).describe('seed of A* and of the observed entries'),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.rank > Math.min(t.rows, t.cols))
      ctx.addIssue({ code: 'custom', path: ['rank'], message: `rank ${t.rank} exceeds min(rows, cols) = ${Math.min(t.rows, t.cols)}` });
    if (t.observed >= t.rows * t.cols)
      ctx.addIssue({ code: 'custom', path: ['observed'], message: `${t.observed} of ${t.rows * t.cols} entries leaves none to test on` });
  });

export type MatrixCompletionTask = z.infer<typeof matrixCompletionTaskSchema>;

export interface MatrixCompletionData {
  rows: number;
  cols: number;
  rank: number;
  /** [rows, cols] row-major */
  aStar: Float64Array;
  /** 1 where observed (train), 0 elsewhere (test) */
  mask: Uint8Array;
}

/** A* = U Vᵀ (Gaussian U, V, streams 0 and 1 of `root`) of rank r, rescaled to ‖A*‖_F = frobenius; row-major. */
export function lowRankTarget(rows: number, cols: number, rank: number, frobenius: number, root: ReturnType<typeof key>): Float64Array {
  const U = normal(foldIn(root, 0), rows * rank, 'float64');
  const V = normal(foldIn(root, 1), cols * rank, 'float64');
  const aStar = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) {
    for (let j = 0; j < cols; j++) {
      let acc = 0;
      for (let k = 0; k < rank; k++) acc += U[i * rank + k] * V[j * rank + k];
      aStar[i * cols + j] = acc;
    }
  }
  const norm = Math.hypot(...aStar);
  for (let i = 0; i < aStar.length; i++) aStar[i] *= frobenius / norm;
  return aStar;
}

export function matrixCompletionData(task: MatrixCompletionTask): MatrixCompletionData {
  const { rows, cols, rank } = task;
  const root = key(task.seed);
  const aStar = lowRankTarget(rows, cols, rank, task.frobenius, root);

  const mask = new Uint8Array(rows * cols);
  const coherent = Math.round(task.leverage * task.observed);
  if (coherent > 0) {
    const score = leverageScores(aStar, rows, cols, rank);
    const byScore = Array.from(score.keys()).sort((a, b) => score[b] - score[a] || a - b);
    for (const e of byScore.slice(0, coherent)) mask[e] = 1;
  }
  const order = permutation(foldIn(root, 2), rows * cols);
  let taken = coherent;
  for (let i = 0; i < order.length && taken < task.observed; i++) {
    if (!mask[order[i]]) {
      mask[order[i]] = 1;
      taken++;
    }
  }
  return { rows, cols, rank, aStar, mask };
}

/** μ_i + ν_j with μ_i = (n₁/r)‖U*ᵀe_i‖², ν_j = (n₂/r)‖V*ᵀe_j‖² from the top-r singular vectors. */
function leverageScores(aStar: Float64Array, rows: number, cols: number, rank: number): Float64Array {
  const { u, v } = svdRaw(aStar, rows, cols);
  const k = Math.min(rows, cols);
  const rowScore = (m: Float64Array, i: number, n: number) => {
    let acc = 0;
    for (let c = 0; c < rank; c++) acc += m[i * k + c] ** 2;
    return (n / rank) * acc;
  };
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < rows; i++) for (let j = 0; j < cols; j++) out[i * cols + j] = rowScore(u, i, rows) + rowScore(v, j, cols);
  return out;
}

export const matrixCompletionTask = { schema: matrixCompletionTaskSchema, experiment: 'estimation' } satisfies TaskDefinition<
  typeof matrixCompletionTaskSchema
>;
