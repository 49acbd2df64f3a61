// Omnigrok's MNIST phase diagram (§2 of src/papers/omnigrok/README.md, the authors' dev sweeps): weight
// decay × init scale α at N = 1000, unconstrained. Large α with weak decay memorizes, large α
// with moderate decay groks, α = 1 generalizes without delay.
import { phaseDiagramSpec, writePlot, type PhaseCell } from '../../plots/index.js';
import { claim, type Comparison } from '../report.js';
import type { Reproduction } from '../reproduction.js';
import { mnistConfig } from './configs.js';
import { runGrid, type GridPoint } from '../grid.js';
import { logspace } from './landscape.js';

type PhaseParams = { alpha: number; weightDecay: number; seed: number };

/** Full: 6 decays log-spaced over [1e-4, 0.3] × 5 α, one seed, 2e4 steps (the sweeps: 3 seeds, longer runs). */
const FULL = { decays: logspace(-4, Math.log10(0.3), 6), alphas: [1, 3, 5, 7, 9], seeds: [0], steps: 20_000, ratio: 10 };
/** Quick: 100 digits, a 784-100-100-10 MLP, full batch, lr 3e-3 (the decays shrink the norm 3× faster per unit). */
const QUICK = { decays: [0.003, 0.2, 3], alphas: [1, 8], seeds: [0], steps: 3000, ratio: 5 };

/** One run of the diagram as the checks read it. */
export interface PhaseOutcome {
  alpha: number;
  weightDecay: number;
  outcome: string | null;
}

/**
 * The report's checks on the diagram's runs (pure: the test feeds it diagrams that must fail).
 * `weakest` is the smallest decay of the grid.
 */
export function judgeMnistPhase(runs: readonly PhaseOutcome[], weakest: number): Comparison[] {
  const outcome = (alpha: number, wd: number) => runs.find((r) => r.alpha === alpha && r.weightDecay === wd)?.outcome;
  const groks = runs.filter((r) => r.outcome === 'grok');
  const top = Math.max(...runs.map((r) => r.alpha));
  const atOne = runs.filter((r) => r.alpha === 1).map((r) => r.outcome);
  return [
    claim(
      'grokking appears, and only at α > 1',
      'large α, moderate wd',
      groks.length > 0 && groks.every((r) => r.alpha > 1),
      groks.map((r) => `α ${r.alpha}, wd ${r.weightDecay}`).join('; ') || 'none',
    ),
    claim(
      `α = ${top}, weakest decay ${weakest}: memorizes without generalizing`,
      'memorization',
      outcome(top, weakest) === 'memorize',
      outcome(top, weakest) ?? 'missing',
    ),
    claim('α = 1: some decay generalizes without delay', 'comprehension', atOne.includes('generalize'), atOne.join(', ')),
  ];
}

export const omnigrokMnistPhase: Reproduction = {
  name: 'omnigrok-mnist-phase',
  title: 'Omnigrok MNIST phase diagram: weight decay × init scale at N = 1000',
  source: 'Liu, Michaud, Tegmark 2023, "Omnigrok: grokking beyond algorithmic data", §3 and the authors\' MNIST sweeps (§2 of src/papers/omnigrok/README.md)',
  async run({ quick, out, log }) {
    const grid = quick ? QUICK : FULL;
    const config = ({ alpha, weightDecay, seed }: PhaseParams) => {
      const c = quick
        ? mnistConfig({
            alpha,
            weightDecay,
            seed,
            steps: grid.steps,
            trainSize: 100,
            testSize: 1000,
            hidden: [100, 100],
            batchSize: 100,
            lr: 3e-3,
            dtype: 'float32',
          })
        : mnistConfig({ alpha, weightDecay, seed, steps: grid.steps, dtype: 'float32' });
      return { ...c, detection: { ...c.detection, testThreshold: quick ? 0.45 : 0.8, ratioThreshold: grid.ratio } };
    };
    const points: GridPoint<PhaseParams>[] = grid.alphas.flatMap((alpha) =>
      grid.decays.flatMap((weightDecay) =>
        grid.seeds.map((seed) => {
          const params = { alpha, weightDecay, seed };
          return { id: `alpha=${alpha}_wd=${weightDecay}_seed=${seed}`, params, config: config(params) };
        }),
      ),
    );
    const runs = await runGrid('phase', points, { out, log }, { workers: quick ? 1 : 2 });
    const cells: PhaseCell[] = runs.map((r) => ({ x: r.params.weightDecay, y: r.params.alpha, seed: r.params.seed, outcome: r.summary.outcome }));
    const comparisons = judgeMnistPhase(
      runs.map((r) => ({ alpha: r.params.alpha, weightDecay: r.params.weightDecay, outcome: r.summary.outcome })),
      grid.decays[0],
    );
    const spec = phaseDiagramSpec(cells, {
      title: `MNIST phases (N = ${quick ? 100 : 1000}, ${grid.steps} steps, grok if t_gen/t_mem ≥ ${grid.ratio})`,
      xTitle: 'weight decay',
      yTitle: 'initialization scale α',
    });
    await writePlot(spec, `${out}/phase`);
    const notes = [
      `t_mem: train accuracy ≥ 0.99; t_gen: test accuracy ≥ ${quick ? 0.45 : 0.8}; outcome grok when t_gen/t_mem ≥ ${grid.ratio}.`,
      quick
        ? 'Quick: 100 digits, 784-100-100-10, full batch, lr 3e-3, 3 decays × α ∈ {1, 8}, 3e3 steps, R = 5 (the compressed schedule shortens the lag).'
        : 'Full: N = 1000, 784-200-200-10, batch 200, lr 1e-3, float32, 6 decays × 5 α, one seed, 2e4 steps (the sweeps: 3 seeds, α ∈ [1, 10] continuous).',
    ];
    return { comparisons, plots: ['phase.png'], runs: runs.map((r) => r.dir), notes };
  },
};
