import type { FloatArray, GemmArgs } from '../backend.js';

// The reference GEMM: clear rather than fast. The i-k-j order streams rows of B and C, and
// every C[i, j] is summed in increasing k, the order the property tests assume.
export function gemm({ transA, transB, m, n, k, a, b, c, accumulate, batch, strideA, strideB, strideC }: GemmArgs): void {
  // Row accumulators in Float64 would change results against the wasm kernels; keep the
  // element type of C so both backends round the same way at every step.
  const row = c instanceof Float32Array ? new Float32Array(n) : new Float64Array(n);
  for (let p = 0; p < batch; p++) {
    const oa = p * strideA;
    const ob = p * strideB;
    const oc = p * strideC;
    for (let i = 0; i < m; i++) {
      row.fill(0);
      for (let l = 0; l < k; l++) {
        const ail = transA ? a[oa + l * m + i] : a[oa + i * k + l];
        axpyRow(row, ail, b, transB, ob, l, n, k);
      }
      const ci = oc + i * n;
      if (accumulate) for (let j = 0; j < n; j++) c[ci + j] += row[j];
      else for (let j = 0; j < n; j++) c[ci + j] = row[j];
    }
  }
}

function axpyRow(row: FloatArray, s: number, b: FloatArray, transB: boolean, ob: number, l: number, n: number, k: number): void {
  if (transB) for (let j = 0; j < n; j++) row[j] += s * b[ob + j * k + l];
  else {
    const bl = ob + l * n;
    for (let j = 0; j < n; j++) row[j] += s * b[bl + j];
  }
}
