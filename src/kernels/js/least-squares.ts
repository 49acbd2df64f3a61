// Backend.leastSquares as two GEMMs around the residual loop, over any backend's gemm: the
// reference, and the wasm backend's (the native addon does the same in one call).
import type { Backend, GemmArgs } from '../backend.js';

export function leastSquaresVia(gemm: (args: GemmArgs) => void): Backend['leastSquares'] {
  return (theta, x, y, members, rows, cols, residual, grad, losses) => {
    const plain = { accumulate: false, batch: 1, strideA: 0, strideB: 0, strideC: 0 };
    gemm({ transA: false, transB: true, m: members, n: rows, k: cols, a: theta, b: x, c: residual, ...plain });
    for (let e = 0; e < members; e++) {
      let loss = 0;
      for (let i = e * rows, t = 0; t < rows; i++, t++) {
        const r = (residual[i] -= y[t]);
        loss += r * r;
      }
      losses[e] = 0.5 * loss;
    }
    gemm({ transA: false, transB: false, m: members, n: cols, k: rows, a: residual, b: x, c: grad, ...plain });
  };
}
