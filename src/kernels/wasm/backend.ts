import type { Activation, AdamWArgs, Backend, FloatArray, GemmArgs } from '../backend.js';
import { attention, attentionBackward } from '../js/attention.js';
import { copyRows, gather, scaleBlocks, scatterAdd, sumAxis, tiled } from '../js/elementwise.js';
import { leastSquaresVia } from '../js/least-squares.js';
import { jacobiSweeps } from '../js/jacobi.js';
import { layerNorm, layerNormBackward } from '../js/layer-norm.js';
import { lstmBackwardVia, lstmForwardVia } from '../js/lstm.js';
import { Arena } from './arena.js';
import type { KernelExports } from './module.js';

/**
 * The Backend over one wasm instance. Tensors stay in ordinary typed arrays: every call
 * copies its inputs into the module's memory, runs the kernel there and copies results back.
 */
export function createWasmBackend(kernels: KernelExports): Backend {
  const arena = new Arena(kernels.memory, kernels.heapBase());

  function gemm({ transA, transB, m, n, k, a, b, c, accumulate, batch, strideA, strideB, strideC }: GemmArgs): void {
    if (m === 0 || n === 0 || batch === 0) return;
    const kernel = isF32(c, a, b) ? kernels.gemmF32 : kernels.gemmF64;
    arena.reset();
    const pa = arena.copyIn(a, span(batch, strideA, m * k));
    const pb = arena.copyIn(b, span(batch, strideB, k * n));
    const lengthC = span(batch, strideC, m * n);
    // C goes back whole, so bring it in too unless the kernel overwrites every element of it.
    const keep = accumulate || (batch > 1 && strideC > m * n);
    const pc = keep ? arena.copyIn(c, lengthC) : arena.alloc(c, lengthC);
    kernel(+transA, +transB, m, n, k, pa, pb, pc, +accumulate, batch, strideA, strideB, strideC);
    arena.copyOut(pc, c, lengthC);
  }

  function biasActivation(x: FloatArray, bias: FloatArray | null, rows: number, cols: number, act: Activation, out: FloatArray): void {
    const kernel = isF32(out, x, bias ?? x) ? kernels.biasActivationF32 : kernels.biasActivationF64;
    arena.reset();
    // Works in place on the copy of x, which also makes out === x safe.
    const px = arena.copyIn(x, rows * cols);
    const pbias = bias ? arena.copyIn(bias, cols) : 0;
    kernel(px, pbias, rows, cols, +(act === 'relu'), px);
    arena.copyOut(px, out, rows * cols);
  }

  function biasActivationBackward(
    out: FloatArray,
    gradOut: FloatArray,
    rows: number,
    cols: number,
    act: Activation,
    gradIn: FloatArray,
    gradBias: FloatArray | null,
  ): void {
    const kernel = isF32(out, gradOut, gradIn, gradBias ?? gradIn) ? kernels.biasActivationBackwardF32 : kernels.biasActivationBackwardF64;
    const size = rows * cols;
    arena.reset();
    const po = act === 'relu' ? arena.copyIn(out, size) : 0;
    const pg = arena.copyIn(gradOut, size);
    // Zeroed f64 accumulators for the bias gradient (fill: the arena memory is reused).
    const sums = new Float64Array(gradBias ? cols : 0);
    const ps = gradBias ? arena.copyIn(sums, cols) : 0;
    kernel(po, pg, rows, cols, +(act === 'relu'), pg, ps);
    arena.copyOut(pg, gradIn, size);
    if (gradBias) {
      arena.copyOut(ps, sums, cols);
      gradBias.set(sums);
    }
  }

  function softmaxCrossEntropy(logits: FloatArray, labels: Int32Array, rows: number, cols: number, dlogits: FloatArray | null, scale: number): number {
    const kernel = isF32(logits, dlogits ?? logits) ? kernels.softmaxCrossEntropyF32 : kernels.softmaxCrossEntropyF64;
    for (let i = 0; i < rows; i++) {
      // The kernel trusts its labels; an out-of-range one would read another row.
      if (!(labels[i] >= 0 && labels[i] < cols)) throw new RangeError(`wasm backend: label ${labels[i]} of row ${i} is not in [0, ${cols})`);
    }
    arena.reset();
    const pl = arena.copyIn(logits, rows * cols);
    const py = arena.copyIn(labels, rows);
    const pd = dlogits ? arena.alloc(dlogits, rows * cols) : 0;
    const loss = kernel(pl, py, rows, cols, pd, scale);
    if (dlogits) arena.copyOut(pd, dlogits, rows * cols);
    return loss;
  }

  function adamw(param: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, s: AdamWArgs): void {
    const kernel = isF32(param, grad, m, v) ? kernels.adamwF32 : kernels.adamwF64;
    const length = param.length;
    arena.reset();
    const pp = arena.copyIn(param, length);
    const pg = arena.copyIn(grad, length);
    const pm = arena.copyIn(m, length);
    const pv = arena.copyIn(v, length);
    // Same scalar prologue as the reference, so both backends start from identical constants.
    const bc1 = 1 - Math.pow(s.beta1, s.step);
    const bc2 = 1 - Math.pow(s.beta2, s.step);
    kernel(pp, pg, pm, pv, length, s.lr, s.beta1, s.beta2, s.eps, s.lr * s.weightDecay, bc1, bc2);
    arena.copyOut(pg, grad, length);
    arena.copyOut(pm, m, length);
    arena.copyOut(pv, v, length);
  }

  // Elementwise loops, LayerNorm and attention over a few tokens are memory-bound, not worth the copies
  // into wasm memory: the reference runs on the arrays in place.
  return {
    name: 'wasm',
    gemm,
    biasActivation,
    biasActivationBackward,
    softmaxCrossEntropy,
    adamw,
    tiled,
    scaleBlocks,
    scatterAdd,
    gather,
    sumAxis,
    copyRows,
    jacobiSweeps,
    leastSquares: leastSquaresVia(gemm),
    attention,
    attentionBackward,
    layerNorm,
    layerNormBackward,
    lstmForward: lstmForwardVia(gemm),
    lstmBackward: lstmBackwardVia(gemm),
  };
}

// Elements spanned by `batch` matrices of `size` elements placed `stride` apart.
function span(batch: number, stride: number, size: number): number {
  return (batch - 1) * stride + size;
}

/** True for Float32Array operands, false for Float64Array; throws if they mix. */
function isF32(first: FloatArray, ...rest: FloatArray[]): boolean {
  const f32 = first instanceof Float32Array;
  for (const x of rest) {
    if (x instanceof Float32Array !== f32) throw new TypeError('wasm backend: operands mix Float32Array and Float64Array');
  }
  return f32;
}
