// Exact GP regression as Miller, O'Neill & Bui 2024 (§2 of src/papers/miller/README.md) train it with
// gpytorch: constant mean, scaled RBF kernel, Gaussian likelihood; the hyper-parameters minimize
// the negative log marginal likelihood per point, which splits into a data fit ½ rᵀK⁻¹r / N and
// a complexity ½ log|K| / N (r = y − μ, K = k(X, X) + σ_n² I), plus the constant ½ log 2π.
import { z } from 'zod';
import * as T from '../../tensor/index.js';
import { scaledEye, scaledRbf } from './kernel.js';
import { inverseSoftplus, softplus } from './special.js';

/** gpytorch's GaussianLikelihood keeps the noise above 1e-4 (GreaterThan(1e-4) on a softplus). */
export const NOISE_FLOOR = 1e-4;

export const exactGpSchema = z
  .object({
    name: z.literal('exact-gp'),
    logLengthscale: z.number().min(-20).max(20).describe("initial log ℓ of the RBF kernel (Miller et al.'s starts: A −6, B −6, C 0)"),
    logOutputscale: z.number().min(-20).max(20).describe("initial log σ_f², the outputscale (a variance, as gpytorch's ScaleKernel; A −4, B 4, C 2)"),
    noise: z.number().gt(NOISE_FLOOR).describe(`initial noise variance σ_n², above gpytorch's floor ${NOISE_FLOOR} (the paper: 0.01)`),
    mean: z.number().describe('initial constant mean μ (gpytorch: 0)'),
  })
  .strict()
  .describe(
    'exact GP regression: constant mean, scaled RBF kernel, Gaussian noise; ℓ and σ_f² are trained in log space, σ_n² through a softplus (as gpytorch)',
  );
export type ExactGpConfig = z.infer<typeof exactGpSchema>;

/** The trained parameters, each of shape [1]: the raw values gpytorch's optimizer sees. */
export interface ExactGpParams {
  logLengthscale: T.Tensor;
  logOutputscale: T.Tensor;
  /** σ_n² = NOISE_FLOOR + softplus(rawNoise) */
  rawNoise: T.Tensor;
  mean: T.Tensor;
}

const scalar1 = (v: number) => T.tensor([v], [1], { dtype: 'float64', requiresGrad: true });

export function exactGpParams(config: ExactGpConfig): ExactGpParams {
  return {
    logLengthscale: scalar1(config.logLengthscale),
    logOutputscale: scalar1(config.logOutputscale),
    rawNoise: scalar1(inverseSoftplus(config.noise - NOISE_FLOOR)),
    mean: scalar1(config.mean),
  };
}

export const noiseOf = (p: ExactGpParams): T.Tensor => T.add(softplus(p.rawNoise), NOISE_FLOOR);

/** Inputs [n, d] and targets [n] of one split, in float64. */
export interface RegressionSplit {
  x: T.Tensor;
  y: T.Tensor;
}

export interface MarginalLikelihoodTerms {
  /** ½ rᵀK⁻¹r / N */
  fit: T.Tensor;
  /** ½ log|K| / N */
  complexity: T.Tensor;
  /** −log p(y | X) / N = fit + complexity + ½ log 2π */
  loss: T.Tensor;
}

function trainCovariance(p: ExactGpParams, x: T.Tensor): T.Tensor {
  const k = scaledRbf(x, null, T.exp(p.logLengthscale), T.exp(p.logOutputscale));
  return T.add(k, T.mul(scaledEye(x.shape[0]), noiseOf(p)));
}

export function marginalLikelihoodTerms(p: ExactGpParams, { x, y }: RegressionSplit): MarginalLikelihoodTerms {
  const n = y.size;
  const l = T.cholesky(trainCovariance(p, x));
  const r = T.sub(y, p.mean);
  const fit = T.mul(T.sum(T.mul(r, T.choleskySolve(l, r))), 0.5 / n);
  const complexity = T.mul(T.logdetFromCholesky(l), 0.5 / n);
  return { fit, complexity, loss: T.add(T.add(fit, complexity), 0.5 * Math.log(2 * Math.PI)) };
}

/** The posterior mean μ + k(X*, X) K⁻¹ (y − μ) at the rows of `at` [m, d]. */
export function posteriorMean(p: ExactGpParams, train: RegressionSplit, at: T.Tensor): T.Tensor {
  const alpha = T.choleskySolve(T.cholesky(trainCovariance(p, train.x)), T.sub(train.y, p.mean));
  const cross = scaledRbf(at, train.x, T.exp(p.logLengthscale), T.exp(p.logOutputscale));
  return T.add(T.reshape(T.matmul(cross, T.reshape(alpha, [train.y.size, 1])), [at.shape[0]]), p.mean);
}
