// Special functions of the GP models: the scaled complementary error function, the probit
// log-likelihood log Φ(z) and softplus as differentiable ops, and Gauss–Hermite quadrature.
import { record } from '../../tensor/autograd.js';
import { allocate } from '../../tensor/memory.js';
import { Tensor } from '../../tensor/index.js';

const SQRT_PI = Math.sqrt(Math.PI);
const SQRT_2_OVER_PI = Math.sqrt(2 / Math.PI);
/** Below it erfcx uses the power series of erf, above it the continued fraction of erfc. */
const SERIES_LIMIT = 2.5;

/**
 * erfcx(u) = exp(u²)·erfc(u) for u ≥ 0, to ~1e-13 relative accuracy. NOTE: the scaled form never
 * underflows, which is what keeps log Φ(z) finite and accurate far into the tail (z ≪ 0).
 */
export function erfcx(u: number): number {
  if (!(u >= 0)) throw new RangeError(`erfcx: needs u ≥ 0, got ${u}`);
  if (u < SERIES_LIMIT) {
    // erf(u) = 2/√π · e^{−u²} Σ 2ⁿ u^{2n+1} / (1·3···(2n+1)): all terms positive, no cancellation.
    let term = u;
    let sum = u;
    for (let n = 1; term > 1e-17 * sum; n++) {
      term *= (2 * u * u) / (2 * n + 1);
      sum += term;
    }
    return Math.exp(u * u) - (2 / SQRT_PI) * sum;
  }
  // erfc(u) = e^{−u²}/√π · 1/(u + (1/2)/(u + 1/(u + (3/2)/(u + …)))), evaluated from the tail.
  let tail = u;
  for (let n = 60; n >= 1; n--) tail = u + n / 2 / tail;
  return 1 / (SQRT_PI * tail);
}

/** log Φ(z) of the standard normal CDF, and d/dz = φ(z)/Φ(z), both stable for any z. */
export function logNormalCdfAt(z: number): { value: number; slope: number } {
  if (z < 0) {
    // Φ(z) = ½ erfc(u) = ½ e^{−u²} erfcx(u) with u = −z/√2; φ/Φ = √(2/π)/erfcx(u).
    const u = -z / Math.SQRT2;
    const scaled = erfcx(u);
    return { value: Math.log(0.5 * scaled) - u * u, slope: SQRT_2_OVER_PI / scaled };
  }
  const u = z / Math.SQRT2;
  const upper = 0.5 * Math.exp(-u * u) * erfcx(u); // 1 − Φ(z)
  const density = Math.exp(-0.5 * z * z) / Math.sqrt(2 * Math.PI);
  return { value: Math.log1p(-upper), slope: density / (1 - upper) };
}

function elementwise(op: string, x: Tensor, at: (v: number) => { value: number; slope: number }): Tensor {
  const values = allocate(x.dtype, x.size);
  const slopes = allocate(x.dtype, x.size);
  const xs = x.data;
  for (let i = 0; i < xs.length; i++) {
    const r = at(xs[i]);
    values[i] = r.value;
    slopes[i] = r.slope;
  }
  return record(new Tensor(values, x.shape), op, [x], (g) => {
    const gx = allocate(x.dtype, x.size);
    for (let i = 0; i < gx.length; i++) gx[i] = g.data[i] * slopes[i];
    return [new Tensor(gx, x.shape)];
  });
}

/** log Φ(x) elementwise: the probit log-likelihood of a positive label (gpytorch's BernoulliLikelihood). */
export const logNormalCdf = (x: Tensor): Tensor => elementwise('logNormalCdf', x, logNormalCdfAt);

/** log(1 + eˣ), written so that neither branch overflows; derivative σ(x). */
export function softplusAt(x: number): { value: number; slope: number } {
  const e = Math.exp(-Math.abs(x));
  return { value: Math.max(x, 0) + Math.log1p(e), slope: x >= 0 ? 1 / (1 + e) : e / (1 + e) };
}

/** softplus elementwise: gpytorch's default map from a raw parameter to a positive one. */
export const softplus = (x: Tensor): Tensor => elementwise('softplus', x, softplusAt);

/** The raw value whose softplus is y > 0. NOTE: log(expm1(y)) = y + log(1 − e^{−y}) avoids overflow for large y. */
export function inverseSoftplus(y: number): number {
  if (!(y > 0)) throw new RangeError(`inverseSoftplus: needs y > 0, got ${y}`);
  return y > 20 ? y + Math.log1p(-Math.exp(-y)) : Math.log(Math.expm1(y));
}

/**
 * Nodes and weights of n-point Gauss–Hermite quadrature, ∫ e^{−x²} f(x) dx ≈ Σ wᵢ f(xᵢ), by
 * Newton's method on the orthonormal Hermite recurrence (Press et al., Numerical Recipes §4.6).
 */
export function gaussHermite(n: number): { nodes: Float64Array; weights: Float64Array } {
  if (!Number.isInteger(n) || n < 1 || n > 100) throw new RangeError(`gaussHermite: needs 1 ≤ n ≤ 100 points, got ${n}`);
  const nodes = new Float64Array(n);
  const weights = new Float64Array(n);
  const PI_M4 = Math.PI ** -0.25;
  let z = 0;
  for (let i = 0; i < (n + 1) >> 1; i++) {
    // Initial guesses for the largest roots first (Numerical Recipes' gauher).
    if (i === 0) z = Math.sqrt(2 * n + 1) - 1.85575 * (2 * n + 1) ** -0.16667;
    else if (i === 1) z -= (1.14 * n ** 0.426) / z;
    else if (i === 2) z = 1.86 * z - 0.86 * nodes[0];
    else if (i === 3) z = 1.91 * z - 0.91 * nodes[1];
    else z = 2 * z - nodes[i - 2];
    let derivative = 0;
    for (let iteration = 0; iteration < 100; iteration++) {
      let p1 = PI_M4;
      let p2 = 0;
      for (let j = 1; j <= n; j++) {
        const p3 = p2;
        p2 = p1;
        p1 = z * Math.sqrt(2 / j) * p2 - Math.sqrt((j - 1) / j) * p3;
      }
      derivative = Math.sqrt(2 * n) * p2;
      const step = p1 / derivative;
      z -= step;
      if (Math.abs(step) <= 1e-15 * Math.max(1, Math.abs(z))) break;
    }
    nodes[i] = z;
    nodes[n - 1 - i] = -z;
    weights[i] = weights[n - 1 - i] = 2 / (derivative * derivative);
  }
  return { nodes, weights };
}
