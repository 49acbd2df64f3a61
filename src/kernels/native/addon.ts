// Finding and loading build/Release/groklab.node, the addon that addon.cc builds.
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import type { FloatArray } from '../backend.js';

export type IsaName = 'avx512' | 'avx2' | 'generic';

/** The exports of addon.cc. Scalars come first in every signature, then the arrays. */
export interface NativeAddon {
  gemm(
    transA: boolean,
    transB: boolean,
    m: number,
    n: number,
    k: number,
    accumulate: boolean,
    batch: number,
    strideA: number,
    strideB: number,
    strideC: number,
    a: FloatArray,
    b: FloatArray,
    c: FloatArray,
  ): void;
  biasActivation(rows: number, cols: number, relu: boolean, x: FloatArray, bias: FloatArray | null, out: FloatArray): void;
  biasActivationBackward(rows: number, cols: number, relu: boolean, out: FloatArray, gradOut: FloatArray, gradIn: FloatArray, sums: Float64Array | null): void;
  softmaxCrossEntropy(rows: number, cols: number, scale: number, logits: FloatArray, labels: Int32Array, dlogits: FloatArray | null): number;
  adamw(
    lr: number,
    beta1: number,
    beta2: number,
    eps: number,
    lrDecay: number,
    bc1: number,
    bc2: number,
    param: FloatArray,
    grad: FloatArray,
    m: FloatArray,
    v: FloatArray,
  ): void;
  /** op: 0 add, 1 sub, 2 mul, 3 div */
  tiled(op: number, periodA: number, periodB: number, a: FloatArray, b: FloatArray, out: FloatArray): void;
  /** mode: 0 scale, 1 axpy, 2 sign */
  scaleBlocks(mode: number, scales: Float64Array, x: FloatArray, out: FloatArray): void;
  scatterAdd(outer: number, len: number, inner: number, g: FloatArray, index: Int32Array, gx: FloatArray): void;
  gather(outer: number, len: number, inner: number, out: FloatArray, index: Int32Array, x: FloatArray): void;
  sumAxis(outer: number, len: number, inner: number, x: FloatArray, out: FloatArray): void;
  copyRows(srcStride: number, dstStride: number, rows: number, width: number, src: FloatArray, dst: FloatArray): void;
  jacobiSweeps(
    batch: number,
    r: number,
    c: number,
    tol: number,
    maxSweeps: number,
    w: Float64Array,
    v: Float64Array | null,
    negligible: Float64Array,
    sweeps: Int32Array,
  ): void;
  leastSquares(
    members: number,
    rows: number,
    cols: number,
    theta: Float64Array,
    x: Float64Array,
    y: Float64Array,
    residual: Float64Array,
    grad: Float64Array,
    losses: Float64Array,
  ): void;
  attention(
    batch: number,
    heads: number,
    dHead: number,
    queries: number,
    keys: number,
    scale: number,
    causal: boolean,
    q: FloatArray,
    k: FloatArray,
    v: FloatArray,
    z: FloatArray,
    p: FloatArray,
  ): void;
  attentionBackward(
    batch: number,
    heads: number,
    dHead: number,
    queries: number,
    keys: number,
    scale: number,
    causal: boolean,
    q: FloatArray,
    k: FloatArray,
    v: FloatArray,
    p: FloatArray,
    dz: FloatArray,
    dq: FloatArray,
    dk: FloatArray,
    dv: FloatArray,
  ): void;
  layerNorm(rows: number, cols: number, eps: number, x: FloatArray, gamma: FloatArray, beta: FloatArray, out: FloatArray, stats: Float64Array): void;
  /** sumGamma and sumBeta are f64 accumulators the caller zeroes. */
  layerNormBackward(
    rows: number,
    cols: number,
    x: FloatArray,
    gamma: FloatArray,
    stats: Float64Array,
    gradOut: FloatArray,
    gradX: FloatArray,
    sumGamma: Float64Array,
    sumBeta: Float64Array,
  ): void;
  lstmForward(steps: number, rows: number, hidden: number, acts: FloatArray, whh: FloatArray, cells: FloatArray, hs: FloatArray): void;
  lstmBackward(steps: number, rows: number, hidden: number, acts: FloatArray, cells: FloatArray, whh: FloatArray, dOut: FloatArray, dGates: FloatArray): void;
  isa(): IsaName;
  supportedIsas(): IsaName[];
  selectIsa(name: string): boolean;
  /** 1 or 2 threads for large GEMMs; returns the count in effect. */
  setThreads(threads: number): number;
}

/** Thrown when the addon was never built (no C++ compiler at install): an expected state. */
export class NativeAddonMissing extends Error {}

// src/kernels/native/ (vitest runs the sources) and dist/kernels/native/ (tsc output) both sit
// three levels below the repository root, next to build/.
export const ADDON_PATH = fileURLToPath(new URL('../../../build/Release/groklab.node', import.meta.url));

/** Loads the addon; throws NativeAddonMissing if it is not built, Error if it will not load. */
export function requireAddon(path = ADDON_PATH): NativeAddon {
  if (!existsSync(path)) {
    throw new NativeAddonMissing('native addon missing (build/Release/groklab.node not built: see build/native-build.log, or run `npm run build:native`)');
  }
  try {
    return createRequire(import.meta.url)(path) as NativeAddon;
  } catch (error) {
    throw new Error(`native addon failed to load (${path}: ${error instanceof Error ? error.message : String(error)})`);
  }
}
