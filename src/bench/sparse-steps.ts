// Child process of `npm run bench`: sparse-recovery steps (n 100, N 30, ℓ1 subgradient, float64)
// on the backend GROKLAB_BACKEND selects — one run, and the 36-point α × β grid as one ensemble.
// Evaluations excluded, as in the numpy loop it is compared with. Prints one JSON line.
import { backend } from '../kernels/index.js';
import { sparseConfig } from '../papers/tikeng/configs.js';
import { EstimationEnsemble } from '../train/experiments/estimation.js';

const steps = Number(process.argv[2] ?? 200_000);
const ALPHAS = [0.005, 0.01, 0.0275, 0.055, 0.0825, 0.1];
const BETAS = [1e-6, 1e-5, 1e-4, 1e-3, 1e-2, 1e-1];

function rate(ensemble: EstimationEnsemble, n: number): number {
  for (let i = 0; i < Math.min(1000, n); i++) ensemble.step();
  const t = performance.now();
  for (let i = 0; i < n; i++) ensemble.step();
  return n / ((performance.now() - t) / 1000);
}

const single = rate(new EstimationEnsemble([sparseConfig({ alpha: 0.1, beta: 1e-5 })]), steps);
const grid = new EstimationEnsemble(ALPHAS.flatMap((alpha) => BETAS.map((beta) => sparseConfig({ alpha, beta }))));
const gridSteps = Math.max(1000, Math.floor(steps / 20));
const ensemble = rate(grid, gridSteps) * grid.members.length;
process.stdout.write(
  `${JSON.stringify({ backend: backend().name, stepsPerSecond: single, ensembleMemberStepsPerSecond: ensemble, members: grid.members.length })}\n`,
);
