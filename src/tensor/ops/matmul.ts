import { backend } from '../../kernels/index.js';
import { record } from '../autograd.js';
import type { FloatArray } from '../dtype.js';
import { allocateUninit } from '../memory.js';
import { TensorError, fmtShape } from '../errors.js';
import { broadcastIndex, broadcastShapes, sizeOf, type Shape } from '../shape.js';
import { Tensor } from '../tensor.js';
import { sameDType } from './check.js';
import { sumToShape } from './reduce.js';
import { reshape } from './shape-ops.js';

export interface MatmulOptions {
  /** use the transpose of a's last two dimensions */
  transA?: boolean;
  /** use the transpose of b's last two dimensions */
  transB?: boolean;
}

/**
 * op(a) · op(b) over the last two dimensions, with NumPy broadcasting over the leading
 * (batch / ensemble) dimensions. Transposes are flags to the kernel, never copies.
 */
export function matmul(a: Tensor, b: Tensor, { transA = false, transB = false }: MatmulOptions = {}): Tensor {
  sameDType('matmul', a, b);
  if (a.rank < 2 || b.rank < 2) throw new TensorError('matmul', `needs tensors of rank ≥ 2, got ${fmtShape(a.shape)} and ${fmtShape(b.shape)}`);
  const [m, ka] = lastTwo(a.shape, transA);
  const [kb, n] = lastTwo(b.shape, transB);
  if (ka !== kb) {
    throw new TensorError(
      'matmul',
      `inner dimensions differ: ${fmtShape(a.shape)}${transA ? 'ᵀ' : ''} · ${fmtShape(b.shape)}${transB ? 'ᵀ' : ''} (${ka} vs ${kb})`,
    );
  }
  // A stack of rows times one shared matrix is a single tall GEMM: the kernel runs best on it.
  if (b.rank === 2 && a.rank > 2 && !transA) {
    const flat = matmul(reshape(a, [sizeOf(a.shape) / ka, ka]), b, { transB });
    return reshape(flat, [...a.shape.slice(0, -1), n]);
  }
  const batchShape = broadcastShapes('matmul', a.shape.slice(0, -2), b.shape.slice(0, -2));
  // The kernel overwrites all of C (zeros when k = 0), so no zero-fill.
  const out = allocateUninit(a.dtype, sizeOf(batchShape) * m * n);
  batchedGemm(out, a.data, b.data, transA, transB, m, n, ka, a.shape.slice(0, -2), b.shape.slice(0, -2), batchShape);
  const y = new Tensor(out, [...batchShape, m, n]);
  return record(y, 'matmul', [a, b], (g) => {
    const full = (rows: number, cols: number) => allocateUninit(a.dtype, sizeOf(batchShape) * rows * cols);
    let ga: Tensor | null = null;
    let gb: Tensor | null = null;
    if (a.requiresGrad) {
      // d op(A) = dC · op(B)ᵀ; when A itself is stored transposed, dA = op(B) · dCᵀ.
      const d = full(a.shape[a.rank - 2], a.shape[a.rank - 1]);
      if (!transA) batchedGemm(d, g.data, b.data, false, !transB, m, ka, n, batchShape, b.shape.slice(0, -2), batchShape);
      else batchedGemm(d, b.data, g.data, transB, true, ka, m, n, b.shape.slice(0, -2), batchShape, batchShape);
      ga = sumToShape(new Tensor(d, [...batchShape, ...a.shape.slice(-2)]), a.shape);
    }
    if (b.requiresGrad) {
      // d op(B) = op(A)ᵀ · dC; when B is stored transposed, dB = dCᵀ · op(A).
      const d = full(b.shape[b.rank - 2], b.shape[b.rank - 1]);
      if (!transB) batchedGemm(d, a.data, g.data, !transA, false, ka, n, m, a.shape.slice(0, -2), batchShape, batchShape);
      else batchedGemm(d, g.data, a.data, true, transA, n, ka, m, batchShape, a.shape.slice(0, -2), batchShape);
      gb = sumToShape(new Tensor(d, [...batchShape, ...b.shape.slice(-2)]), b.shape);
    }
    return [ga, gb];
  });
}

function lastTwo(shape: Shape, trans: boolean): [number, number] {
  const r = shape[shape.length - 2];
  const c = shape[shape.length - 1];
  return trans ? [c, r] : [r, c];
}

/**
 * C_p = op(A_p) · op(B_p) for every batch index p of `outBatch`, where A's and B's batch shapes
 * broadcast to it. Uniform strides (or a shared operand) go to the kernel as one call.
 */
function batchedGemm(
  c: FloatArray,
  a: FloatArray,
  b: FloatArray,
  transA: boolean,
  transB: boolean,
  m: number,
  n: number,
  k: number,
  aBatch: Shape,
  bBatch: Shape,
  outBatch: Shape,
): void {
  const count = sizeOf(outBatch);
  const sa = m * k;
  const sb = k * n;
  const strideOf = (batch: Shape) => (sizeOf(batch) === count ? 1 : sizeOf(batch) === 1 ? 0 : -1);
  const ua = strideOf(aBatch);
  const ub = strideOf(bBatch);
  const gemm = backend().gemm;
  if (ua >= 0 && ub >= 0) {
    gemm({ transA, transB, m, n, k, a, b, c, accumulate: false, batch: count, strideA: ua * sa, strideB: ub * sb, strideC: m * n });
    return;
  }
  const ia = broadcastIndex(aBatch, outBatch);
  const ib = broadcastIndex(bBatch, outBatch);
  for (let p = 0; p < count; p++) {
    const pa = ia ? ia[p] : p;
    const pb = ib ? ib[p] : p;
    gemm({
      transA,
      transB,
      m,
      n,
      k,
      a: a.subarray(pa * sa, (pa + 1) * sa),
      b: b.subarray(pb * sb, (pb + 1) * sb),
      c: c.subarray(p * m * n, (p + 1) * m * n),
      accumulate: false,
      batch: 1,
      strideA: 0,
      strideB: 0,
      strideC: 0,
    });
  }
}
