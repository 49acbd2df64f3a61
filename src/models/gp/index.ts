// Gaussian-process models of Miller, O'Neill & Bui 2024: exact regression and variational
// classification, on the engine's Float64 linear algebra with gradients.
export {
  exactGpSchema,
  exactGpParams,
  marginalLikelihoodTerms,
  posteriorMean,
  noiseOf,
  NOISE_FLOOR,
  type ExactGpConfig,
  type ExactGpParams,
  type MarginalLikelihoodTerms,
  type RegressionSplit,
} from './exact.js';
export {
  variationalGpSchema,
  variationalGpParams,
  elboTerms,
  latentPredictive,
  trainPredictive,
  lengthscaleOf,
  outputscaleOf,
  type VariationalGpConfig,
  type VariationalGpParams,
  type ElboTerms,
  type ClassificationSplit,
} from './variational.js';
export { scaledRbf } from './kernel.js';
export { gaussianKl } from './kl.js';
