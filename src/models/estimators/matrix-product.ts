// The deep matrix factorization A = W_L ⋯ W₂ W₁ (Arora et al. 2019; Tikeng Notsawo et al. 2025,
// §3.5): depth 1 is the full matrix A itself (§3.2). Inner widths equal max(rows, cols), so any
// depth can represent any matrix; depth biases gradient descent toward low rank.
import { z } from 'zod';
import { backend } from '../../kernels/index.js';
import { estimatorInitSchema, type Estimator } from './estimator.js';

export const deepMatrixSchema = z
  .object({
    name: z.literal('deep-matrix'),
    depth: z.number().int().min(1).max(8).describe('L factors W_L ⋯ W₁ (1: the full matrix A itself)'),
    init: estimatorInitSchema.default('identity'),
    initScale: z.number().min(0).describe('ζ: every factor starts at ζ·I, ζ·ones or ζ·N(0, 1/n) (paper: ζ·I with ζ = 1e-6)'),
  })
  .strict();
export type DeepMatrixConfig = z.infer<typeof deepMatrixSchema>;

export function deepMatrix(config: DeepMatrixConfig, rows: number, cols: number): Estimator {
  const L = config.depth;
  const width = Math.max(rows, cols);
  // W₁: [width, cols], W_l: [width, width], W_L: [rows, width]; for L = 1, W₁ is [rows, cols].
  const dims = Array.from({ length: L + 1 }, (_, l) => (l === 0 ? cols : l === L ? rows : width));
  const names = Array.from({ length: L }, (_, l) => `w${l + 1}`);
  const shapes = Object.fromEntries(names.map((n, l) => [n, [dims[l + 1], dims[l]]]));
  const size = rows * cols;
  // prefix[l] = W_l ⋯ W₁ [dims[l], cols] per member (prefix[0] = I is never stored).
  let prefixes: Float64Array[] = [];
  let members = 0;
  const ensure = (e: number) => {
    if (e === members) return;
    members = e;
    prefixes = dims.map((d) => new Float64Array(e * d * cols));
  };
  const gemm = (
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    a: Float64Array,
    b: Float64Array,
    c: Float64Array,
    e: number,
    strides: [number, number, number],
  ) => backend().gemm({ transA, transB, m, n, k, a, b, c, accumulate: false, batch: e, strideA: strides[0], strideB: strides[1], strideC: strides[2] });

  return {
    shapes,
    size,
    ...(L === 1 ? { identity: 'w1' } : {}),
    init(initScale, gaussian) {
      return Object.fromEntries(
        names.map((n, l) => {
          const [r, c] = shapes[n];
          if (config.init === 'ones') return [n, new Float64Array(r * c).fill(initScale)];
          if (config.init === 'gaussian') return [n, gaussian(r * c, l).map((v) => (initScale * v) / Math.sqrt(c))];
          const w = new Float64Array(r * c);
          for (let i = 0; i < Math.min(r, c); i++) w[i * c + i] = initScale;
          return [n, w];
        }),
      );
    },
    forward(params, e, theta) {
      ensure(e);
      if (L === 1) return void theta.set(params.w1.subarray(0, e * size));
      prefixes[1].set(params.w1.subarray(0, e * dims[1] * cols));
      for (let l = 2; l <= L; l++) {
        const out = l === L ? theta : prefixes[l];
        gemm(false, false, dims[l], cols, dims[l - 1], params[names[l - 1]], prefixes[l - 1], out, e, [
          dims[l] * dims[l - 1],
          dims[l - 1] * cols,
          dims[l] * cols,
        ]);
      }
    },
    backward(params, e, gradTheta, grads) {
      if (L === 1) return void grads.w1.set(gradTheta.subarray(0, e * size));
      // Walk down from the top: G_l = (W_L ⋯ W_{l+1})ᵀ dθ, kept in `upper` [dims[l], cols].
      let upper = gradTheta;
      for (let l = L; l >= 1; l--) {
        const w = names[l - 1];
        const [r, c] = shapes[w];
        // dW_l = G_l · (W_{l−1} ⋯ W₁)ᵀ; for l = 1 the prefix is I, so dW₁ = G₁.
        if (l === 1) grads[w].set(upper.subarray(0, e * r * c));
        else gemm(false, true, r, c, cols, upper, prefixes[l - 1], grads[w], e, [r * cols, c * cols, r * c]);
        if (l > 1) {
          const next = new Float64Array(e * c * cols);
          gemm(true, false, c, cols, r, params[w], upper, next, e, [r * c, r * cols, c * cols]);
          upper = next;
        }
      }
    },
  };
}
