import { describe, expect, it } from 'vitest';
import { gradcheck } from '../gradcheck.js';
import { type Tensor, tensor } from '../tensor.js';
import { randn, weightsFor } from '../testing.js';
import * as T from '../index.js';

// The Gaussian-process negative log marginal likelihood, end to end through the linalg ops:
// K = s·exp(−(x_i − x_j)²/(2ℓ²)) + σ²I, L = chol(K), α = K⁻¹y, nll = ½yᵀα + Σ log L_ii + (n/2) log 2π.
const xs = [-1.7, -0.4, 0.3, 1.2, 2.5];
const n = xs.length;
const y = randn([n], 900);

/** Hyper-parameters as log values: lengthscale ℓ, outputscale s (a variance), noise σ² (a variance). */
function nll(logLength: Tensor, logOutput: Tensor, logNoise: Tensor): Tensor {
  const x = tensor(xs, [n], { dtype: 'float64' });
  const d2 = T.square(T.sub(T.reshape(x, [n, 1]), T.reshape(x, [1, n])));
  const rbf = T.exp(T.mul(T.div(d2, T.exp(T.mul(logLength, 2))), -0.5));
  const eye = tensor(
    Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0)),
    [n, n],
    { dtype: 'float64' },
  );
  const k = T.add(T.mul(rbf, T.exp(logOutput)), T.mul(eye, T.exp(logNoise)));
  const l = T.cholesky(k);
  const alpha = T.choleskySolve(l, y);
  const fit = T.mul(T.sum(T.mul(y, alpha)), 0.5);
  return T.add(T.add(fit, T.mul(T.logdetFromCholesky(l), 0.5)), (n / 2) * Math.log(2 * Math.PI));
}

/** The same NLL on raw arrays by Gaussian elimination with partial pivoting: no Cholesky involved. */
function directNll(length: number, output: number, noise: number): number {
  const a = xs.map((xi, i) => [...xs.map((xj) => output * Math.exp(-((xi - xj) ** 2) / (2 * length * length)) + (xi === xj ? noise : 0)), y.data[i]]);
  let logDet = 0;
  for (let c = 0; c < n; c++) {
    const p = a.reduce((best, row, r) => (r >= c && Math.abs(row[c]) > Math.abs(a[best][c]) ? r : best), c);
    [a[c], a[p]] = [a[p], a[c]];
    logDet += Math.log(Math.abs(a[c][c]));
    for (let r = c + 1; r < n; r++) {
      const f = a[r][c] / a[c][c];
      for (let j = c; j <= n; j++) a[r][j] -= f * a[c][j];
    }
  }
  const sol = new Array<number>(n);
  for (let r = n - 1; r >= 0; r--) sol[r] = (a[r][n] - a[r].slice(r + 1, n).reduce((s, v, j) => s + v * sol[r + 1 + j], 0)) / a[r][r];
  const fit = sol.reduce((s, v, i) => s + v * y.data[i], 0);
  return 0.5 * fit + 0.5 * logDet + (n / 2) * Math.log(2 * Math.PI);
}

describe('GP marginal likelihood through cholesky, choleskySolve, logdetFromCholesky', () => {
  const settings: [number, number, number][] = [
    [0.8, 1.5, 0.1],
    [2.0, 0.5, 1e-3],
    [0.3, 3.0, 0.5],
  ];

  it('matches a direct computation on raw arrays', () => {
    for (const [length, output, noise] of settings) {
      const logs = [length, output, noise].map((v) => tensor([Math.log(v)], [], { dtype: 'float64' }));
      const got = nll(logs[0], logs[1], logs[2]).item();
      expect(Math.abs(got - directNll(length, output, noise))).toBeLessThan(1e-11 * Math.max(1, Math.abs(got)));
    }
  });

  it('gradchecks w.r.t. log lengthscale, log outputscale and log noise', () => {
    settings.forEach((hyper, k) => {
      const logs = hyper.map((v) => tensor([Math.log(v)], [], { dtype: 'float64' }));
      const { maxError, worst } = gradcheck(nll, logs, weightsFor(`gp-nll${k}`));
      expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-6);
    });
  });
});
