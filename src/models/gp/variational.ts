// Variational GP classification as Miller, O'Neill & Bui 2024 (§3 of src/papers/miller/README.md) run it
// with gpytorch: inducing points fixed at the training inputs, a full-covariance Gaussian
// q(u) = N(m, L·Lᵀ) (CholeskyVariationalDistribution, UnwhitenedVariationalStrategy), constant
// mean, scaled ARD RBF kernel, Bernoulli likelihood with the probit link p(y = 1 | f) = Φ(f).
// Loss = −ELBO / N = β·KL(q(u) ‖ p(u)) / N − Σ E_q[log p(yᵢ | fᵢ)] / N.
//
// With the inducing points at the training inputs, the latent values there are u itself, so
// q(f_train) = q(u) exactly (gpytorch short-cuts the same case); the prior of u is
// N(μ, K + jitter·I), gpytorch's jitter on the inducing covariance.
import { z } from 'zod';
import { foldIn, normal, type Key } from '../../random/index.js';
import * as T from '../../tensor/index.js';
import { scaledEye, scaledRbf } from './kernel.js';
import { gaussianKl } from './kl.js';
import { gaussHermite, inverseSoftplus, logNormalCdf, softplus } from './special.js';

export const variationalGpSchema = z
  .object({
    name: z.literal('variational-gp'),
    lengthscale: z
      .number()
      .positive()
      .describe("initial lengthscale ℓ_d of every input dimension (gpytorch's default softplus(0) = 0.693; the zero-one toy: 0.005)"),
    outputscale: z.number().positive().describe("initial outputscale σ_f² (gpytorch's default 0.693)"),
    jitter: z.number().positive().describe('added to the diagonal of the inducing covariance (gpytorch: 1e-3)'),
    quadraturePoints: z.number().int().min(2).max(100).describe('Gauss–Hermite points for the expected log-likelihood (gpytorch: 20)'),
    klWeight: z.number().min(0).describe("β on the KL term: 1 = the ELBO, 0 = no complexity term (Miller et al.'s ablation)"),
    meanInitStd: z.number().min(0).describe('the variational mean starts at the prior mean plus N(0, meanInitStd²) (gpytorch: 1e-3)'),
  })
  .strict()
  .describe('variational GP classifier: q(u) = N(m, LLᵀ) at the training inputs, scaled ARD RBF kernel, probit Bernoulli likelihood, ELBO');
export type VariationalGpConfig = z.infer<typeof variationalGpSchema>;

/** Trained parameters: the raw values gpytorch's optimizer sees (ℓ and σ_f² through softplus). */
export interface VariationalGpParams {
  mean: T.Tensor;
  rawOutputscale: T.Tensor;
  /** [d] */
  rawLengthscale: T.Tensor;
  /** m [n] */
  variationalMean: T.Tensor;
  /** L [n, n]; only its lower triangle is used (and receives gradient) */
  variationalChol: T.Tensor;
}

export interface ClassificationSplit {
  /** [n, d] */
  x: T.Tensor;
  /** 0/1 */
  labels: Int32Array;
}

const param = (data: ArrayLike<number>, shape: number[]) => T.tensor(data, shape, { dtype: 'float64', requiresGrad: true });

export const lengthscaleOf = (p: VariationalGpParams): T.Tensor => softplus(p.rawLengthscale);
export const outputscaleOf = (p: VariationalGpParams): T.Tensor => softplus(p.rawOutputscale);

/** K(X, X) + jitter·I at the current hyper-parameters: the prior covariance of u. */
function inducingCovariance(p: VariationalGpParams, x: T.Tensor, jitter: number): T.Tensor {
  return T.add(scaledRbf(x, null, lengthscaleOf(p), outputscaleOf(p)), scaledEye(x.shape[0], jitter));
}

/** gpytorch's initialization: q(u) equal to the prior, its mean nudged by N(0, meanInitStd²). */
export function variationalGpParams(config: VariationalGpConfig, x: T.Tensor, key: Key): VariationalGpParams {
  const [n, d] = x.shape;
  const p: VariationalGpParams = {
    mean: param([0], [1]),
    rawOutputscale: param([inverseSoftplus(config.outputscale)], [1]),
    rawLengthscale: param(new Array<number>(d).fill(inverseSoftplus(config.lengthscale)), [d]),
    variationalMean: param(normal(foldIn(key, 0), n, 'float64', 0, config.meanInitStd), [n]),
    variationalChol: param(new Float64Array(n * n), [n, n]),
  };
  const prior = T.noGrad(() => T.cholesky(inducingCovariance(p, x, config.jitter)));
  p.variationalChol.data.set(prior.data);
  return p;
}

function lowerMask(n: number): T.Tensor {
  const mask = new Float64Array(n * n);
  for (let i = 0; i < n; i++) for (let j = 0; j <= i; j++) mask[i * n + j] = 1;
  return T.tensor(mask, [n, n]);
}

export interface ElboTerms {
  /** Σ E_q[log p(yᵢ | fᵢ)] / N */
  fit: T.Tensor;
  /** KL(q(u) ‖ p(u)) / N: the complexity */
  complexity: T.Tensor;
  /** −ELBO / N with the KL weighted by β */
  loss: T.Tensor;
}

/** E_{f ~ N(μ, σ²)}[log Φ(s·f)] per example by Gauss–Hermite: Σ_q w_q/√π · log Φ(s(μ + √2 σ x_q)). */
function expectedLogLikelihood(mean: T.Tensor, std: T.Tensor, labels: Int32Array, points: number): T.Tensor {
  const n = labels.length;
  const { nodes, weights } = gaussHermite(points);
  const signs = T.tensor(
    Float64Array.from(labels, (y) => 2 * y - 1),
    [n, 1],
  );
  const f = T.add(
    T.reshape(mean, [n, 1]),
    T.mul(
      T.reshape(std, [n, 1]),
      T.tensor(
        Float64Array.from(nodes, (v) => Math.SQRT2 * v),
        [1, points],
      ),
    ),
  );
  const logLik = logNormalCdf(T.mul(f, signs));
  return T.sum(
    T.mul(
      logLik,
      T.tensor(
        Float64Array.from(weights, (w) => w / Math.sqrt(Math.PI)),
        [1, points],
      ),
    ),
    1,
  );
}

export function elboTerms(p: VariationalGpParams, train: ClassificationSplit, config: VariationalGpConfig): ElboTerms {
  const n = train.labels.length;
  const chol = T.mul(p.variationalChol, lowerMask(n));
  const kl = gaussianKl(inducingCovariance(p, train.x, config.jitter), T.sub(p.variationalMean, p.mean), chol);
  const std = T.sqrt(T.sum(T.square(chol), 1));
  const fit = T.mul(T.sum(expectedLogLikelihood(p.variationalMean, std, train.labels, config.quadraturePoints)), 1 / n);
  const complexity = T.mul(kl, 1 / n);
  return { fit, complexity, loss: T.sub(T.mul(complexity, config.klWeight), fit) };
}

/**
 * The latent predictive N(mean, variance) at the rows of `at` [m, d] (unwhitened SVGP):
 * mean = μ + k(at, X) K⁻¹ (m − μ), variance = σ_f² − diag(k(at, X) K⁻¹ k(X, at)) + ‖Lᵀ K⁻¹ k(X, at)‖²
 * per column, with K = k(X, X) + jitter·I. At the training inputs themselves use q(u) = N(m, LLᵀ).
 */
export function latentPredictive(
  p: VariationalGpParams,
  train: ClassificationSplit,
  at: T.Tensor,
  config: VariationalGpConfig,
): { mean: T.Tensor; variance: T.Tensor } {
  const n = train.labels.length;
  const c = T.cholesky(inducingCovariance(p, train.x, config.jitter));
  const w = T.solveTriangular(c, scaledRbf(train.x, at, lengthscaleOf(p), outputscaleOf(p)), { lower: true }); // C⁻¹ k(X, at)
  const mean = T.add(
    T.reshape(T.matmul(w, T.reshape(T.solveTriangular(c, T.sub(p.variationalMean, p.mean), { lower: true }), [n, 1]), { transA: true }), [at.shape[0]]),
    p.mean,
  );
  const b = T.solveTriangular(c, w, { lower: true, transpose: true }); // K⁻¹ k(X, at)
  const spread = T.matmul(T.mul(p.variationalChol, lowerMask(n)), b, { transA: true }); // Lᵀ K⁻¹ k(X, at)
  const variance = T.add(T.sub(T.sum(T.square(spread), 0), T.sum(T.square(w), 0)), outputscaleOf(p));
  return { mean, variance };
}

/** q(u) at the training inputs: mean m and variance diag(LLᵀ). */
export function trainPredictive(p: VariationalGpParams): { mean: T.Tensor; variance: T.Tensor } {
  const n = p.variationalMean.size;
  return { mean: p.variationalMean, variance: T.sum(T.square(T.mul(p.variationalChol, lowerMask(n))), 1) };
}
