// Backend.jacobiSweeps, the reference: the sweeps of one-sided Jacobi (Hestenes 1958) that
// src/tensor/linalg/svd.ts builds the SVD, the nuclear-norm subgradient and singular-value
// thresholding on, one matrix after the other. The native kernel runs the same operations in
// the same order on each matrix.
import type { Backend } from '../backend.js';

/** [x, y] ← [c·x − s·y, s·x + c·y] on the columns of buf starting at P and Q. */
function rotate(buf: Float64Array, P: number, Q: number, len: number, cs: number, sn: number): void {
  for (let i = 0; i < len; i++) {
    const x = buf[P + i];
    const y = buf[Q + i];
    buf[P + i] = cs * x - sn * y;
    buf[Q + i] = sn * x + cs * y;
  }
}

function sweepsOfOne(w: Float64Array, r: number, c: number, v: Float64Array | null, tol: number, negligible: number, maxSweeps: number): number {
  for (let sweep = 0; sweep < maxSweeps; sweep++) {
    let rotated = false;
    for (let p = 0; p < c - 1; p++) {
      for (let q = p + 1; q < c; q++) {
        const P = p * r;
        const Q = q * r;
        // NOTE: two interleaved partial sums per quantity (even and odd rows, then added):
        // shorter loop-carried chains, and the order the native kernel reproduces bit for bit.
        // Eight (a SIMD register of them) made the native 64- and 97-row SVDs 15-20 % slower.
        let a0 = 0,
          a1 = 0,
          b0 = 0,
          b1 = 0,
          g0 = 0,
          g1 = 0;
        let i = 0;
        for (; i + 1 < r; i += 2) {
          const x0 = w[P + i];
          const y0 = w[Q + i];
          const x1 = w[P + i + 1];
          const y1 = w[Q + i + 1];
          a0 += x0 * x0;
          b0 += y0 * y0;
          g0 += x0 * y0;
          a1 += x1 * x1;
          b1 += y1 * y1;
          g1 += x1 * y1;
        }
        if (i < r) {
          const x = w[P + i];
          const y = w[Q + i];
          a0 += x * x;
          b0 += y * y;
          g0 += x * y;
        }
        const alpha = a0 + a1;
        const beta = b0 + b1;
        const gamma = g0 + g1;
        if (alpha <= negligible || beta <= negligible || Math.abs(gamma) <= tol * Math.sqrt(alpha) * Math.sqrt(beta)) continue;
        rotated = true;
        // NOTE: t = sign(ζ)/(|ζ| + √(1+ζ²)) is the smaller root of t² + 2ζt − 1 = 0 (|θ| ≤ π/4),
        // written so no subtraction can cancel; the other form (−ζ + √(1+ζ²)) loses digits as ζ grows.
        // |ζ| < 1/(r·ε³) here, as both columns are above the noise floor, so ζ² cannot overflow.
        const zeta = (beta - alpha) / (2 * gamma);
        const t = (zeta >= 0 ? 1 : -1) / (Math.abs(zeta) + Math.sqrt(1 + zeta * zeta));
        const cs = 1 / Math.sqrt(1 + t * t);
        rotate(w, P, Q, r, cs, cs * t);
        if (v) rotate(v, p * c, q * c, c, cs, cs * t);
      }
    }
    if (!rotated) return sweep + 1;
  }
  return -1;
}

export const jacobiSweeps: Backend['jacobiSweeps'] = (w, batch, r, c, v, tol, negligible, maxSweeps, sweeps) => {
  const [size, vsize] = [r * c, c * c];
  for (let k = 0; k < batch; k++)
    sweeps[k] = sweepsOfOne(w.subarray(k * size, (k + 1) * size), r, c, v ? v.subarray(k * vsize, (k + 1) * vsize) : null, tol, negligible[k], maxSweeps);
};
