// The marginal-likelihood landscape of exact GP regression over (log σ_f², log ℓ), with the noise
// and the mean held: Miller et al.'s Fig. of loss, data fit and complexity (§2 of
// src/papers/miller/README.md), across which the trained hyper-parameters' trajectories are drawn.
import * as T from '../../tensor/index.js';
import { exactGpParams, marginalLikelihoodTerms, type RegressionSplit } from './exact.js';

export interface LandscapeGrid {
  /** log outputscale values (x axis), ascending */
  logOutputscales: number[];
  /** log lengthscale values (y axis), ascending */
  logLengthscales: number[];
  noise: number;
  mean: number;
}

export interface LandscapeCell {
  logOutputscale: number;
  logLengthscale: number;
  loss: number;
  fit: number;
  complexity: number;
}

/** n values from lo to hi, both included (torch.linspace). */
export function linspace(lo: number, hi: number, n: number): number[] {
  return Array.from({ length: n }, (_, i) => (n === 1 ? lo : lo + ((hi - lo) * i) / (n - 1)));
}

/** −log p(y | X)/N and its two terms at every grid point (row-major: outputscale fastest). */
export function marginalLikelihoodLandscape(train: RegressionSplit, grid: LandscapeGrid): LandscapeCell[] {
  return grid.logLengthscales.flatMap((logLengthscale) =>
    grid.logOutputscales.map((logOutputscale) =>
      T.tidy(() =>
        T.noGrad(() => {
          const p = exactGpParams({ name: 'exact-gp', logLengthscale, logOutputscale, noise: grid.noise, mean: grid.mean });
          const terms = marginalLikelihoodTerms(p, train);
          return { logOutputscale, logLengthscale, loss: terms.loss.item(), fit: terms.fit.item(), complexity: terms.complexity.item() };
        }),
      ),
    ),
  );
}
