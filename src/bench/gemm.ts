import type { Backend } from '../kernels/backend.js';

export interface GemmBenchOptions {
  transA?: boolean;
  transB?: boolean;
  dtype?: 'f32' | 'f64';
  /** time at least this long after the warm-up call */
  minSeconds?: number;
}

/** GFLOP/s (2·m·k·n flops per call) of backend.gemm computing C = op(A)·op(B), C m×n. */
export function benchGemm(backend: Backend, m: number, k: number, n: number, options: GemmBenchOptions = {}): number {
  const { transA = false, transB = false, dtype = 'f32', minSeconds = 0.5 } = options;
  const ArrayType = dtype === 'f32' ? Float32Array : Float64Array;
  const args = {
    transA,
    transB,
    m,
    n,
    k,
    a: fill(new ArrayType(m * k), 1),
    b: fill(new ArrayType(k * n), 2),
    c: new ArrayType(m * n),
    accumulate: false,
    batch: 1,
    strideA: 0,
    strideB: 0,
    strideC: 0,
  };
  // Warm-up: JIT tiers, wasm memory growth, caches.
  backend.gemm(args);
  let calls = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < minSeconds * 1000) {
    backend.gemm(args);
    calls++;
    elapsed = performance.now() - start;
  }
  return (2 * m * k * n * calls) / (elapsed * 1e6);
}

// Deterministic values in [-0.5, 0.5): a Weyl sequence, good enough to keep the FPU honest.
function fill<T extends Float32Array | Float64Array>(x: T, seed: number): T {
  for (let i = 0; i < x.length; i++) x[i] = ((seed + i * 0.6180339887498949) % 1) - 0.5;
  return x;
}
