import { describe, expect, it } from 'vitest';
import { key } from '../../random/index.js';
import { gradcheck } from '../../tensor/gradcheck.js';
import * as T from '../../tensor/index.js';
import { randn, weightsFor } from '../../tensor/testing.js';
import { exactGpParams, marginalLikelihoodTerms, noiseOf, posteriorMean, type ExactGpParams } from './exact.js';
import { gaussianKl } from './kl.js';
import { logNormalCdfAt } from './special.js';
import { elboTerms, latentPredictive, trainPredictive, variationalGpParams, type VariationalGpConfig, type VariationalGpParams } from './variational.js';

const f64 = (data: ArrayLike<number>, shape: number[]) => T.tensor(data, shape, { dtype: 'float64' });

describe('exact GP marginal likelihood', () => {
  // Three points: K, its inverse and determinant by cofactors, no Cholesky anywhere.
  const xs = [-0.7, 0.1, 0.9];
  const ys = [0.4, -0.2, 0.75];
  const train = { x: f64(xs, [3, 1]), y: f64(ys, [3]) };
  const hyper = { logLengthscale: Math.log(0.6), logOutputscale: Math.log(1.3), noise: 0.05, mean: 0.1 };

  function closedForm(logL: number, logS: number, noise: number, mean: number) {
    const l2 = Math.exp(2 * logL);
    const s = Math.exp(logS);
    const rbf = (i: number, j: number) => Math.exp(-((xs[i] - xs[j]) ** 2) / (2 * l2));
    const k = [0, 1, 2].map((i) => [0, 1, 2].map((j) => s * rbf(i, j) + (i === j ? noise : 0)));
    const cof = (i: number, j: number) => {
      const [r0, r1] = [0, 1, 2].filter((r) => r !== i);
      const [c0, c1] = [0, 1, 2].filter((c) => c !== j);
      return (-1) ** (i + j) * (k[r0][c0] * k[r1][c1] - k[r0][c1] * k[r1][c0]);
    };
    const det = k[0][0] * cof(0, 0) + k[0][1] * cof(0, 1) + k[0][2] * cof(0, 2);
    const inv = [0, 1, 2].map((i) => [0, 1, 2].map((j) => cof(j, i) / det));
    const r = ys.map((y) => y - mean);
    const alpha = [0, 1, 2].map((i) => inv[i].reduce((acc, v, j) => acc + v * r[j], 0));
    const fit = (0.5 * r.reduce((acc, v, i) => acc + v * alpha[i], 0)) / 3;
    const complexity = (0.5 * Math.log(det)) / 3;
    // ∂(−log p)/∂θ = ½ tr((K⁻¹ − ααᵀ) ∂K/∂θ); ∂/∂μ = −Σ α.
    const grad = (dk: (i: number, j: number) => number) => {
      let t = 0;
      for (let i = 0; i < 3; i++) for (let j = 0; j < 3; j++) t += (inv[i][j] - alpha[i] * alpha[j]) * dk(j, i);
      return t / 6;
    };
    return {
      fit,
      complexity,
      loss: fit + complexity + 0.5 * Math.log(2 * Math.PI),
      dLogL: grad((i, j) => s * rbf(i, j) * ((xs[i] - xs[j]) ** 2 / l2)),
      dLogS: grad((i, j) => s * rbf(i, j)),
      dNoise: grad((i, j) => (i === j ? 1 : 0)),
      dMean: -alpha.reduce((a, b) => a + b, 0) / 3,
    };
  }

  it('value and gradient match the closed form on a 3-point problem', () => {
    const p = exactGpParams({ name: 'exact-gp', ...hyper });
    const noise = noiseOf(p).item();
    expect(Math.abs(noise - hyper.noise)).toBeLessThan(1e-15);
    const terms = marginalLikelihoodTerms(p, train);
    const want = closedForm(hyper.logLengthscale, hyper.logOutputscale, hyper.noise, hyper.mean);
    expect(terms.fit.item()).toBeCloseTo(want.fit, 13);
    expect(terms.complexity.item()).toBeCloseTo(want.complexity, 13);
    expect(terms.loss.item()).toBeCloseTo(want.loss, 13);
    terms.loss.backward();
    // σ_n² = 1e-4 + softplus(raw): dσ_n²/draw = sigmoid(raw) = 1 − e^{−(σ_n² − 1e-4)}.
    const dNoiseDRaw = 1 - Math.exp(-(hyper.noise - 1e-4));
    expect(p.logLengthscale.grad!.item()).toBeCloseTo(want.dLogL, 12);
    expect(p.logOutputscale.grad!.item()).toBeCloseTo(want.dLogS, 12);
    expect(p.rawNoise.grad!.item()).toBeCloseTo(want.dNoise * dNoiseDRaw, 12);
    expect(p.mean.grad!.item()).toBeCloseTo(want.dMean, 12);
  });

  it('loss, fit and complexity gradients against finite differences', () => {
    const x = randn([7, 1], 3);
    const y = randn([7], 4);
    for (const term of ['loss', 'fit', 'complexity'] as const) {
      const f = (logLengthscale: T.Tensor, logOutputscale: T.Tensor, rawNoise: T.Tensor, mean: T.Tensor) =>
        marginalLikelihoodTerms({ logLengthscale, logOutputscale, rawNoise, mean }, { x, y })[term];
      const p = exactGpParams({ name: 'exact-gp', logLengthscale: -0.3, logOutputscale: 0.4, noise: 0.02, mean: 0.2 });
      const { maxError, worst } = gradcheck(f, [p.logLengthscale, p.logOutputscale, p.rawNoise, p.mean], weightsFor(`gp-${term}`));
      expect(maxError, `${term}: ${JSON.stringify(worst)}`).toBeLessThan(1e-7);
    }
  });

  it('the posterior mean interpolates noiseless data and reverts to the mean far away', () => {
    const p: ExactGpParams = exactGpParams({ name: 'exact-gp', ...hyper, noise: 1.0001e-4 });
    const mean = T.noGrad(() => posteriorMean(p, train, f64([...xs, 40], [4, 1]))).data;
    for (let i = 0; i < 3; i++) expect(Math.abs(mean[i] - ys[i])).toBeLessThan(0.01);
    expect(mean[3]).toBeCloseTo(hyper.mean, 12);
  });
});

describe('gaussianKl', () => {
  const n = 5;
  const spd = (b: T.Tensor) =>
    T.add(
      T.matmul(b, b, { transB: true }),
      T.mul(
        f64(
          Array.from({ length: n * n }, (_, k) => (k % (n + 1) === 0 ? 1 : 0)),
          [n, n],
        ),
        0.5,
      ),
    );

  /** The same KL from the engine's differentiable linear-algebra ops. */
  function composed(k: T.Tensor, delta: T.Tensor, l: T.Tensor, n = 5): T.Tensor {
    const c = T.cholesky(k);
    const trace = T.sum(T.square(T.solveTriangular(c, l, { lower: true })));
    const quad = T.sum(T.mul(delta, T.choleskySolve(c, delta)));
    const logDiag = T.sum(
      T.log(
        T.abs(
          T.reshape(
            T.take(
              T.reshape(l, [n * n]),
              Int32Array.from({ length: n }, (_, i) => i * (n + 1)),
            ),
            [n],
          ),
        ),
      ),
    );
    return T.mul(T.add(T.sub(T.add(trace, quad), n), T.sub(T.logdetFromCholesky(c), T.mul(logDiag, 2))), 0.5);
  }

  it('equals the composition of cholesky, solves and log-determinants, reading only tril(L)', () => {
    const k = spd(randn([n, n], 10));
    const delta = randn([n], 11);
    const l = randn([n, n], 12);
    const tril = f64(
      Array.from(l.data, (v, i) => (i % n <= Math.floor(i / n) ? v : 0)),
      [n, n],
    );
    expect(gaussianKl(k, delta, l).item()).toBeCloseTo(composed(k, delta, tril).item(), 12);
    // q = p gives KL = 0
    expect(Math.abs(gaussianKl(k, f64(new Array(n).fill(0), [n]), T.cholesky(k)).item())).toBeLessThan(1e-12);
  });

  it('the blocked factorization above 128 rows gives the same KL and gradients as the composition', () => {
    const m = 300;
    const b = randn([m, m], 13);
    const k = T.add(
      T.mul(T.matmul(b, b, { transB: true }), 1 / m),
      T.mul(
        f64(
          Array.from({ length: m * m }, (_, i) => (i % (m + 1) === 0 ? 1 : 0)),
          [m, m],
        ),
        0.1,
      ),
    );
    const sym = f64(
      Array.from(k.data, (v, i) => (v + k.data[(i % m) * m + Math.floor(i / m)]) / 2),
      [m, m],
    );
    const delta = randn([m], 14);
    const l = T.cholesky(sym);
    const grads = (f: (k: T.Tensor, d: T.Tensor, l: T.Tensor) => T.Tensor) => {
      const leaves = [sym, delta, l].map((t) => T.tensor(Float64Array.from(t.data), [...t.shape], { dtype: 'float64', requiresGrad: true }));
      const value = f(leaves[0], leaves[1], T.mul(leaves[2], 0.9));
      value.backward();
      return { value: value.item(), grads: leaves.map((t) => t.grad!.data) };
    };
    const fused = grads(gaussianKl);
    const reference = grads((kk, d, ll) => composed(kk, d, ll, m));
    expect(Math.abs(fused.value - reference.value)).toBeLessThan(1e-9 * Math.abs(reference.value));
    fused.grads.forEach((g, i) => {
      // L's upper triangle: the composition reads it, gaussianKl does not (its gradient there is 0)
      const compared = (j: number) => i !== 2 || j % m <= Math.floor(j / m);
      const err = Math.max(...Array.from(g, (v, j) => (compared(j) ? Math.abs(v - reference.grads[i][j]) : 0)));
      const scale = Math.max(...Array.from(reference.grads[i], Math.abs));
      expect(err, `input ${i}`).toBeLessThan(1e-9 * scale);
    });
  });

  it('gradients w.r.t. K (through K = BBᵀ + ½I), δ and L against finite differences', () => {
    const { maxError, worst } = gradcheck(
      (b, delta, l) => gaussianKl(spd(b), delta, l),
      [randn([n, n], 20), randn([n], 21), randn([n, n], 22)],
      weightsFor('gaussian-kl'),
    );
    expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-6);
  });
});

describe('variational GP ELBO', () => {
  const config: VariationalGpConfig = {
    name: 'variational-gp',
    lengthscale: 0.8,
    outputscale: 1.5,
    jitter: 1e-3,
    quadraturePoints: 20,
    klWeight: 1,
    meanInitStd: 0.3,
  };
  const x = randn([6, 2], 30);
  const labels = Int32Array.from([0, 1, 1, 0, 1, 0]);
  const train = { x, labels };

  it('starts at q(u) = p(u) up to the mean nudge: KL = ½ δᵀK⁻¹δ, small', () => {
    const p = variationalGpParams({ ...config, meanInitStd: 0 }, x, key(0));
    const { complexity, fit } = T.noGrad(() => elboTerms(p, train, config));
    expect(Math.abs(complexity.item())).toBeLessThan(1e-12);
    expect(fit.item()).toBeLessThan(0);
  });

  it('the expected log-likelihood matches numerical integration', () => {
    const p = variationalGpParams(config, x, key(1));
    const { fit } = T.noGrad(() => elboTerms(p, train, config));
    // Σᵢ ∫ N(f; mᵢ, sᵢ²) log Φ(±f) df by the trapezoid rule on ±12 s.
    const n = labels.length;
    let want = 0;
    for (let i = 0; i < n; i++) {
      const m = p.variationalMean.data[i];
      let s2 = 0;
      for (let j = 0; j <= i; j++) s2 += p.variationalChol.data[i * n + j] ** 2;
      const s = Math.sqrt(s2);
      const steps = 20000;
      const h = (24 * s) / steps;
      for (let k = 0; k <= steps; k++) {
        const f = m - 12 * s + k * h;
        const density = Math.exp(-((f - m) ** 2) / (2 * s2)) / Math.sqrt(2 * Math.PI * s2);
        want += (k === 0 || k === steps ? 0.5 : 1) * h * density * logNormalCdfAt((2 * labels[i] - 1) * f).value;
      }
    }
    expect(fit.item()).toBeCloseTo(want / n, 8);
  });

  it('ELBO gradients w.r.t. every parameter against finite differences (Float64)', () => {
    const p0 = variationalGpParams(config, x, key(2));
    // move away from the symmetric start so every term has a gradient
    p0.variationalChol.data.forEach((v, i) => (p0.variationalChol.data[i] = v * (1 + 0.1 * Math.sin(i))));
    p0.rawLengthscale.data.set([0.3, -0.2]);
    const f = (mean: T.Tensor, rawOutputscale: T.Tensor, rawLengthscale: T.Tensor, variationalMean: T.Tensor, variationalChol: T.Tensor) => {
      const p: VariationalGpParams = { mean, rawOutputscale, rawLengthscale, variationalMean, variationalChol };
      return elboTerms(p, train, config).loss;
    };
    const { maxError, worst } = gradcheck(f, [p0.mean, p0.rawOutputscale, p0.rawLengthscale, p0.variationalMean, p0.variationalChol], weightsFor('elbo'));
    expect(maxError, JSON.stringify(worst)).toBeLessThan(1e-6);
  });

  it('the predictive at the training inputs is q(u), and the prior far from them', () => {
    const p = variationalGpParams(config, x, key(3));
    p.variationalChol.data.forEach((v, i) => (p.variationalChol.data[i] = 0.5 * v));
    const far = T.concat([x, f64([50, -50], [1, 2])], 0);
    const { mean, variance } = T.noGrad(() => latentPredictive(p, train, far, config));
    const q = trainPredictive(p);
    // k(X, X)(K + jitter)⁻¹ ≈ I up to the jitter
    for (let i = 0; i < 6; i++) {
      expect(Math.abs(mean.data[i] - p.variationalMean.data[i])).toBeLessThan(5e-3);
      expect(Math.abs(variance.data[i] - q.variance.data[i])).toBeLessThan(5e-3);
    }
    expect(mean.data[6]).toBe(p.mean.data[0]);
    expect(variance.data[6]).toBeCloseTo(config.outputscale, 12);
  });
});
