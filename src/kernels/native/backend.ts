import type { Activation, AdamWArgs, AttentionShape, Backend, BinaryOp, BlockMode, FloatArray, GemmArgs } from '../backend.js';
import {
  copyRows as jsCopyRows,
  gather as jsGather,
  scaleBlocks as jsScaleBlocks,
  scatterAdd as jsScatterAdd,
  sumAxis as jsSumAxis,
  tiled as jsTiled,
} from '../js/elementwise.js';
import type { IsaName, NativeAddon } from './addon.js';

export interface NativeBackend extends Backend {
  readonly name: 'native';
  /** The kernel table in use. */
  isa(): IsaName;
  /** The tables this CPU can run, best first ('generic' is always there). */
  supportedIsas(): IsaName[];
  /** Switches kernel tables (tests, benchmarks); throws if this CPU cannot run `name`. */
  useIsa(name: string): void;
  /**
   * Lets large GEMMs split C between this thread and a helper (2) or not (1); returns the
   * count in effect. Results are bit-identical either way.
   */
  useThreads(threads: number): number;
}

export const ISA_DESCRIPTIONS: Record<IsaName, string> = {
  avx512: 'AVX-512 kernels',
  avx2: 'AVX2+FMA kernels',
  generic: 'portable C++ kernels',
};

/** The codes of addon.tiled's op argument (BinaryOp in kernels.h). */
const BINARY_OPS: readonly BinaryOp[] = ['add', 'sub', 'mul', 'div'];
/** The codes of addon.scaleBlocks's mode argument (BlockMode in kernels.h). */
const BLOCK_MODES: readonly BlockMode[] = ['scale', 'axpy', 'sign'];
/** Below this many elements the elementwise loops stay in JS. */
const NATIVE_MIN_ELEMENTS = 512;

/**
 * The Backend over the addon. Unlike wasm nothing is copied: the kernels read and write the
 * typed arrays in place, and the addon checks every length before it touches memory.
 */
export function createNativeBackend(addon: NativeAddon): NativeBackend {
  function gemm({ transA, transB, m, n, k, a, b, c, accumulate, batch, strideA, strideB, strideC }: GemmArgs): void {
    addon.gemm(transA, transB, m, n, k, accumulate, batch, strideA, strideB, strideC, a, b, c);
  }

  function biasActivation(x: FloatArray, bias: FloatArray | null, rows: number, cols: number, act: Activation, out: FloatArray): void {
    addon.biasActivation(rows, cols, act === 'relu', x, bias, out);
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
    // The bias gradient is summed in f64, as in the reference, then rounded once.
    const sums = gradBias ? new Float64Array(cols) : null;
    addon.biasActivationBackward(rows, cols, act === 'relu', out, gradOut, gradIn, sums);
    if (gradBias) gradBias.set(sums!);
  }

  function softmaxCrossEntropy(logits: FloatArray, labels: Int32Array, rows: number, cols: number, dlogits: FloatArray | null, scale: number): number {
    return addon.softmaxCrossEntropy(rows, cols, scale, logits, labels, dlogits);
  }

  function adamw(param: FloatArray, grad: FloatArray, m: FloatArray, v: FloatArray, s: AdamWArgs): void {
    // Same scalar prologue as the reference, so both backends start from identical constants.
    const bc1 = 1 - Math.pow(s.beta1, s.step);
    const bc2 = 1 - Math.pow(s.beta2, s.step);
    addon.adamw(s.lr, s.beta1, s.beta2, s.eps, s.lr * s.weightDecay, bc1, bc2, param, grad, m, v);
  }

  function tiled(op: BinaryOp, a: FloatArray, periodA: number, b: FloatArray, periodB: number, out: FloatArray): void {
    // A call costs about as much as a few hundred elements of the JS loop (same bits either way).
    if (out.length < NATIVE_MIN_ELEMENTS) jsTiled(op, a, periodA, b, periodB, out);
    else addon.tiled(BINARY_OPS.indexOf(op), periodA, periodB, a, b, out);
  }

  function scaleBlocks(mode: BlockMode, scales: Float64Array, x: FloatArray, out: FloatArray): void {
    if (out.length < NATIVE_MIN_ELEMENTS) jsScaleBlocks(mode, scales, x, out);
    else addon.scaleBlocks(BLOCK_MODES.indexOf(mode), scales, x, out);
  }

  function scatterAdd(g: FloatArray, index: Int32Array, outer: number, len: number, inner: number, gx: FloatArray): void {
    if (g.length < NATIVE_MIN_ELEMENTS) jsScatterAdd(g, index, outer, len, inner, gx);
    else addon.scatterAdd(outer, len, inner, g, index, gx);
  }

  function gather(x: FloatArray, index: Int32Array, outer: number, len: number, inner: number, out: FloatArray): void {
    if (out.length < NATIVE_MIN_ELEMENTS) jsGather(x, index, outer, len, inner, out);
    else addon.gather(outer, len, inner, out, index, x);
  }

  function sumAxis(x: FloatArray, outer: number, len: number, inner: number, out: FloatArray): void {
    if (x.length < NATIVE_MIN_ELEMENTS) jsSumAxis(x, outer, len, inner, out);
    else addon.sumAxis(outer, len, inner, x, out);
  }

  function copyRows(src: FloatArray, srcStride: number, dst: FloatArray, dstStride: number, rows: number, width: number): void {
    if (rows * width < NATIVE_MIN_ELEMENTS) jsCopyRows(src, srcStride, dst, dstStride, rows, width);
    else addon.copyRows(srcStride, dstStride, rows, width, src, dst);
  }

  const jacobiSweeps: Backend['jacobiSweeps'] = (w, batch, r, c, v, tol, negligible, maxSweeps, sweeps) => {
    addon.jacobiSweeps(batch, r, c, tol, maxSweeps, w, v, negligible, sweeps);
  };

  function leastSquares(
    theta: Float64Array,
    x: Float64Array,
    y: Float64Array,
    members: number,
    rows: number,
    cols: number,
    residual: Float64Array,
    grad: Float64Array,
    losses: Float64Array,
  ): void {
    addon.leastSquares(members, rows, cols, theta, x, y, residual, grad, losses);
  }

  function attention(s: AttentionShape, q: FloatArray, k: FloatArray, v: FloatArray, z: FloatArray, p: FloatArray): void {
    addon.attention(s.batch, s.heads, s.dHead, s.queries, s.keys, s.scale, s.causal, q, k, v, z, p);
  }

  function attentionBackward(
    s: AttentionShape,
    q: FloatArray,
    k: FloatArray,
    v: FloatArray,
    p: FloatArray,
    dz: FloatArray,
    dq: FloatArray,
    dk: FloatArray,
    dv: FloatArray,
  ): void {
    addon.attentionBackward(s.batch, s.heads, s.dHead, s.queries, s.keys, s.scale, s.causal, q, k, v, p, dz, dq, dk, dv);
  }

  function layerNormBackward(
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
    // The column sums run in f64, as in the reference, then round once.
    const sums = new Float64Array(2 * cols);
    const [sumGamma, sumBeta] = [sums.subarray(0, cols), sums.subarray(cols)];
    addon.layerNormBackward(rows, cols, x, gamma, stats, gradOut, gradX, sumGamma, sumBeta);
    gradGamma.set(sumGamma);
    gradBeta.set(sumBeta);
  }

  function useIsa(name: string): void {
    if (!addon.selectIsa(name))
      throw new Error(`native backend: this CPU cannot run the ${JSON.stringify(name)} kernels; it can run ${addon.supportedIsas().join(', ')}`);
  }

  return {
    name: 'native',
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
    leastSquares,
    attention,
    attentionBackward,
    layerNorm: (x, gamma, beta, rows, cols, eps, out, stats) => addon.layerNorm(rows, cols, eps, x, gamma, beta, out, stats),
    layerNormBackward,
    lstmForward: (acts, whh, steps, rows, hidden, cells, hs) => addon.lstmForward(steps, rows, hidden, acts, whh, cells, hs),
    lstmBackward: (acts, cells, whh, dOut, steps, rows, hidden, dGates) => addon.lstmBackward(steps, rows, hidden, acts, cells, whh, dOut, dGates),
    isa: () => addon.isa(),
    supportedIsas: () => addon.supportedIsas(),
    useIsa,
    useThreads: (threads) => addon.setThreads(threads),
  };
}
