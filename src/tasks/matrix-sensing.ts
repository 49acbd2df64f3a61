// Low-rank matrix sensing, the optional third problem of Tikeng Notsawo, Dumas & Rabusseau 2025
// (arXiv 2506.05718, §3.2): recover a rank-r A* from N < n₁n₂ linear measurements
// y_k = ⟨M_k, A*⟩ with Gaussian sensing matrices M_k. Unlike completion every measurement sees
// every entry; the test error is the recovery error ‖A − A*‖_F / ‖A*‖_F.
import { z } from 'zod';
import { foldIn, key, normal } from '../random/index.js';
import { lowRankTarget } from './matrix-completion.js';
import type { TaskDefinition } from './task.js';

export const matrixSensingTaskSchema = z
  .object({
    name: z.literal('matrix-sensing'),
    rows: z.number().int().min(1).describe('n₁'),
    cols: z.number().int().min(1).describe('n₂'),
    rank: z.number().int().min(1).describe('r, the rank of A*'),
    measurements: z
      .number()
      .int()
      .min(1)
      .describe('N sensing matrices (N < n₁n₂ makes the problem under-determined; a rank-r matrix has r(n₁ + n₂ − r) degrees of freedom)'),
    frobenius: z.number().positive().default(10).describe('‖A*‖_F after rescaling (as completion: 10)'),
    seed: z.number().int().min(0).default(0).describe('seed of A* and of the sensing matrices'),
  })
  .strict()
  .superRefine((t, ctx) => {
    if (t.rank > Math.min(t.rows, t.cols))
      ctx.addIssue({ code: 'custom', path: ['rank'], message: `rank ${t.rank} exceeds min(rows, cols) = ${Math.min(t.rows, t.cols)}` });
  });

export type MatrixSensingTask = z.infer<typeof matrixSensingTaskSchema>;

export interface MatrixSensingData {
  rows: number;
  cols: number;
  rank: number;
  /** [rows, cols] row-major */
  aStar: Float64Array;
  /** [N, rows·cols]: row k is vec(M_k), entries N(0, 1/N) */
  X: Float64Array;
  /** y_k = ⟨M_k, A*⟩ */
  y: Float64Array;
}

export function matrixSensingData(task: MatrixSensingTask): MatrixSensingData {
  const { rows, cols, rank, measurements: N } = task;
  const root = key(task.seed);
  const aStar = lowRankTarget(rows, cols, rank, task.frobenius, root);
  const size = rows * cols;
  const X = normal(foldIn(root, 3), N * size, 'float64') as Float64Array;
  const scale = 1 / Math.sqrt(N);
  for (let i = 0; i < X.length; i++) X[i] *= scale;
  const y = new Float64Array(N);
  for (let k = 0; k < N; k++) {
    let acc = 0;
    for (let i = 0; i < size; i++) acc += X[k * size + i] * aStar[i];
    y[k] = acc;
  }
  return { rows, cols, rank, aStar, X, y };
}

export const matrixSensingTask = { schema: matrixSensingTaskSchema, experiment: 'estimation' } satisfies TaskDefinition<typeof matrixSensingTaskSchema>;
